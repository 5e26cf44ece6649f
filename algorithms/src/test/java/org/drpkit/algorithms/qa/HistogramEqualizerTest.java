package org.drpkit.algorithms.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import org.drpkit.core.image.Image;
import org.junit.jupiter.api.Test;

/** {@link HistogramEqualizer}: rank-based grey levels, lower-left origin. */
class HistogramEqualizerTest {

    private static Image gaussian(int w, int h, long seed) {
        Random r = new Random(seed);
        float[] px = new float[w * h];
        for (int i = 0; i < px.length; i++) {
            px[i] = (float) (1000 + 50 * r.nextGaussian() + (r.nextDouble() < 0.001 ? 30000 : 0));
        }
        return Image.of(w, h, px);
    }

    @Test
    void everyGreyLevelHoldsAboutTheSameNumberOfPixels() {
        Image img = gaussian(512, 512, 1);
        Preview p = HistogramEqualizer.render(img, HistogramEqualizer.Params.DEFAULTS);
        long[] perLevel = new long[256];
        for (byte b : p.gray()) {
            perLevel[b & 0xFF]++;
        }
        double expected = 512.0 * 512 / 256;
        for (int level = 0; level < 256; level++) {
            // each level boundary lies within a 64th of a level's share of its exact rank
            assertTrue(Math.abs(perLevel[level] - expected) <= expected / 32 + 2,
                    "level " + level + " holds " + perLevel[level] + " pixels, expected " + expected);
        }
    }

    /**
     * Integer data with heavily repeated values (a Poisson frame, mean 20 DN): every value's pixels share one level,
     * that level is the value's middle rank scaled to 0..255 (exact, as the value's pixels fill whole bins), and the
     * levels rise with the value.
     */
    @Test
    void repeatedIntegerValuesShareTheLevelOfTheirMiddleRank() {
        Random r = new Random(3);
        int w = 300;
        int h = 200;
        float[] px = new float[w * h];
        for (int i = 0; i < px.length; i++) {
            double l = Math.exp(-20);
            int k = 0;
            for (double prod = r.nextDouble(); prod > l; prod *= r.nextDouble()) {
                k++;
            }
            px[i] = k;
        }
        Preview p = HistogramEqualizer.render(Image.of(w, h, px), HistogramEqualizer.Params.DEFAULTS);
        int max = 0;
        for (float v : px) {
            max = Math.max(max, (int) v);
        }
        long[] count = new long[max + 1];
        for (float v : px) {
            count[(int) v]++;
        }
        int[] levelOf = new int[max + 1];
        Arrays.fill(levelOf, -1);
        long below = 0;
        int previous = -1;
        for (int v = 0; v <= max; v++) {
            if (count[v] == 0) {
                continue;
            }
            double middle = (below + (count[v] - 1) / 2.0) / (px.length - 1);
            levelOf[v] = Math.max(0, Math.min(255, (int) (256 * middle)));
            assertTrue(levelOf[v] >= previous, "levels rise with the value at " + v);
            previous = levelOf[v];
            below += count[v];
        }
        for (int i = 0; i < px.length; i++) {
            assertEquals(levelOf[(int) px[i]], p.level(i % w, h - 1 - i / w), "value " + px[i]);
        }
    }

    @Test
    void brighterPixelsAreNeverDarker() {
        Image img = gaussian(64, 48, 2);
        Preview p = HistogramEqualizer.render(img, HistogramEqualizer.Params.DEFAULTS);
        Integer[] order = new Integer[64 * 48];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        float[] a = img.array();
        Arrays.sort(order, Comparator.comparingDouble(i -> a[i]));
        int previous = -1;
        for (int i : order) {
            int x = i % 64;
            int y = i / 64;
            int level = p.level(x, 47 - y);
            assertTrue(level >= previous, "order inverted at pixel " + i);
            previous = level;
        }
        assertEquals(255, previous, "the brightest pixel is white");
    }

    @Test
    void originIsAtTheLowerLeftAndNanIsBlack() {
        float[] px = new float[4 * 3];
        px[0] = 100;               // FITS (0, 0): bottom left of the picture
        px[11] = Float.NaN;        // FITS (3, 2): top right
        Preview p = HistogramEqualizer.render(Image.of(4, 3, px), HistogramEqualizer.Params.DEFAULTS);
        assertEquals(255, p.level(0, 2), "the one bright pixel is white, in the bottom row");
        assertEquals(0, p.level(3, 0), "NaN is black");
        assertEquals(11, p.finitePixels());
        assertEquals(100.0, p.high(), 0);
    }

    @Test
    void aConstantFrameIsMidGreyAndAnEmptyOneBlack() {
        Preview c = HistogramEqualizer.render(Image.filled(5, 5, 7f), HistogramEqualizer.Params.DEFAULTS);
        for (byte b : c.gray()) {
            assertEquals(128, b & 0xFF);
        }
        Preview none = HistogramEqualizer.render(Image.filled(2, 2, Float.NaN), HistogramEqualizer.Params.DEFAULTS);
        assertEquals(0, none.finitePixels());
        assertEquals(0, none.level(1, 1));
    }
}
