package org.drpkit.algorithms.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.drpkit.core.image.Image;
import org.drpkit.core.instrument.Region;
import org.junit.jupiter.api.Test;

/** {@link BoxStatistics} and {@link SignalToNoise} on frames whose answers are known. */
class BoxStatisticsTest {

    @Test
    void boxStatisticsOfKnownValues() {
        // a 3x3 box holding 1..9: mean 5, median 5, population sd sqrt(60/9) = 2.58
        Image im = Image.filled(10, 10, 1000);
        int k = 1;
        for (int y = 4; y < 7; y++) {
            for (int x = 2; x < 5; x++) {
                im.set(x, y, k++);
            }
        }
        BoxStatistics.Result r = BoxStatistics.of(im, Region.of(2, 4, 3, 3));
        assertEquals(5.0, r.mean());
        assertEquals(5.0, r.median());
        assertEquals(2.58, r.sd());
        assertEquals(9, r.pixels());
        assertTrue(Double.isNaN(BoxStatistics.of(im, Region.of(20, 20, 3, 3)).mean()));
    }

    @Test
    void signalToNoiseIsTheRootOfTheMedianRange() {
        // rows 40..59 of a 100x100 frame; columns carry 100 + x^2 / 10 (x in 10..89): range 89^2/10 - 10^2/10 = 782.1,
        // sqrt = 27.97 -> 27
        Image im = Image.zeros(100, 100);
        for (int y = 0; y < 100; y++) {
            for (int x = 0; x < 100; x++) {
                im.set(x, y, 100 + x * x / 10f);
            }
        }
        assertEquals(27.0, SignalToNoise.rowBand(im, 50, 10));
        // the column band across rows: every row is the same, so the range is 0
        assertEquals(0.0, SignalToNoise.columnBand(im, 50, 10));
        assertTrue(Double.isNaN(SignalToNoise.columnBand(Image.filled(30, 30, Float.NaN), 15, 10)));
    }
}
