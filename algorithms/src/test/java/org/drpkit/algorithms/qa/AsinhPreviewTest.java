package org.drpkit.algorithms.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.drpkit.core.image.Image;
import org.junit.jupiter.api.Test;

/** {@link AsinhPreview}: astropy's AsinhStretch values, levels at known pixels, orientation. */
class AsinhPreviewTest {

    @Test
    void stretchMatchesAstropy() {
        // astropy 5.2.1: AsinhStretch(a=0.1)([0, 0.01, 0.1, 0.5, 1]) = [0, 0.03329775, 0.29396533, 0.77126964, 1]
        double[] x = {0, 0.01, 0.1, 0.5, 1};
        double[] y = {0, 0.03329775, 0.29396533, 0.77126964, 1};
        for (int i = 0; i < x.length; i++) {
            assertEquals(y[i], AsinhPreview.stretch(x[i], 0.1), 1e-8);
        }
    }

    @Test
    void levelsFollowTheStretchWithOriginLowerLeft() {
        // a 4x2 frame, limits 0 .. 100: x = v / 100, level = floor(256 * stretch(x)) capped at 255
        Image im = Image.of(4, 2, -5, 0, 10, 50, 100, 200, Float.NaN, 1);
        Preview p = AsinhPreview.render(im, 0, 100, 0.1);
        // FITS row 0 is the bottom picture row (y = 1)
        assertEquals(0, p.level(0, 1));
        assertEquals(0, p.level(1, 1));
        assertEquals((int) Math.floor(256 * AsinhPreview.stretch(0.1, 0.1)), p.level(2, 1));
        assertEquals((int) Math.floor(256 * AsinhPreview.stretch(0.5, 0.1)), p.level(3, 1));
        assertEquals(255, p.level(0, 0));
        assertEquals(255, p.level(1, 0));
        assertEquals(0, p.level(2, 0), "NaN is black");
        assertEquals((int) Math.floor(256 * AsinhPreview.stretch(0.01, 0.1)), p.level(3, 0));
        assertEquals(7, p.finitePixels());
    }

    @Test
    void everyLevelIsTheFloorOfTheStretchTimes256() {
        // 100000 pixels spread over -10 .. 110 with limits 0 .. 100: the table lookup gives floor(256 y) exactly,
        // except within 1e-9 of a level boundary where rounding may pick either side
        java.util.Random r = new java.util.Random(3);
        float[] v = new float[100_000];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (-10 + 120 * r.nextDouble() * r.nextDouble());
        }
        Preview p = AsinhPreview.render(Image.wrap(v, 0, 1000, 100), 0, 100, 0.1);
        for (int i = 0; i < v.length; i++) {
            double t = Math.min(1, Math.max(0, v[i] / 100.0));
            double y = 256 * AsinhPreview.stretch(t, 0.1);
            int expected = Math.min(255, (int) Math.floor(y));
            if (Math.abs(y - Math.rint(y)) > 1e-9) {
                assertEquals(expected, p.level(i % 1000, 99 - i / 1000), "pixel " + v[i]);
            }
        }
    }

    @Test
    void renderUsesZScaleLimits() {
        Image n = ZScaleTest.noise(300, 200, 7);
        Preview p = AsinhPreview.render(n, AsinhPreview.Params.DEFAULTS);
        ZScale.Result z = ZScale.of(n, ZScale.Params.DEFAULTS);
        int below = 0;
        int black = 0;
        float[] a = n.array();
        for (int y = 0; y < 200; y++) {
            for (int x = 0; x < 300; x++) {
                below += a[y * 300 + x] <= z.low() ? 1 : 0;
                black += p.level(x, 199 - y) == 0 ? 1 : 0;
            }
        }
        assertTrue(below > 0 && black >= below, below + " pixels at or below the lower limit, " + black + " black");
        assertEquals(300, p.width());
        assertEquals(200, p.height());
    }
}
