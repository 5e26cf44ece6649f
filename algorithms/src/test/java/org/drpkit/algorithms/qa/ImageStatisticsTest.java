package org.drpkit.algorithms.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.drpkit.core.image.Image;
import org.junit.jupiter.api.Test;

/** {@link ImageStatistics}: the archive's IMAGEMN/IMAGEMD/IMAGESD, NPIXSAT and NLINEAR. */
class ImageStatisticsTest {

    @Test
    void smallSampleMatchesNumpyMeanMedianAndStd() {
        // numpy: np.mean, np.median, np.std of [1, 2, 3, 4, 100] (int32) = 22.0, 3.0, 39.01281840626232
        ImageStatistics.Result r = ImageStatistics.of(Image.of(5, 1, 1, 2, 3, 4, 100), ImageStatistics.Params.NONE);
        assertEquals(22.0, r.mean(), 0);
        assertEquals(3.0, r.median(), 0);
        assertEquals(39.01281840626232, r.stdDev(), 1e-13);
        assertEquals(39.01, r.imagesd(), 0);
        assertEquals(-1, r.saturated(), "not asked");
        ImageStatistics.Result even = ImageStatistics.of(Image.of(4, 1, 4, 1, 3, 2), ImageStatistics.Params.NONE);
        assertEquals(2.5, even.median(), 0, "numpy's median of an even count is the mean of the middle two");
    }

    @Test
    void gaussianFrameMomentsAgreeWithTheTruthWithinTheirStatisticalErrors() {
        int w = 512;
        int h = 512;
        int n = w * h;
        double mu = 1000;
        double sigma = 10;
        Random rnd = new Random(42);
        float[] px = new float[n];
        for (int i = 0; i < n; i++) {
            px[i] = (float) (mu + sigma * rnd.nextGaussian());
        }
        ImageStatistics.Result r = ImageStatistics.of(Image.of(w, h, px), ImageStatistics.Params.NONE);
        double meanPull = (r.mean() - mu) / (sigma / Math.sqrt(n));
        double stdPull = (r.stdDev() - sigma) / (sigma / Math.sqrt(2.0 * n));
        double medianPull = (r.median() - mu) / (1.2533 * sigma / Math.sqrt(n));
        assertTrue(Math.abs(meanPull) < 4, "mean pull " + meanPull);
        assertTrue(Math.abs(stdPull) < 4, "std pull " + stdPull);
        assertTrue(Math.abs(medianPull) < 4, "median pull " + medianPull);
    }

    @Test
    void saturatedAndNonlinearPixelsAreCountedAtOrAboveTheirLevels() {
        float[] px = new float[100];
        for (int i = 0; i < px.length; i++) {
            px[i] = 100;
        }
        px[0] = 18000;           // at the level: saturated
        px[1] = 18000.5f;
        px[2] = 17999.99f;       // just below: not saturated, but non-linear
        px[3] = 5000;            // at the non-linearity level
        px[4] = Float.POSITIVE_INFINITY;
        ImageStatistics.Result r = ImageStatistics.of(Image.of(10, 10, px), new ImageStatistics.Params(18000, 5000));
        assertEquals(3, r.saturated(), "18000, 18000.5 and +inf");
        assertEquals(5, r.nonlinear(), "the saturated ones, 17999.99 and 5000");
        assertEquals(99, r.finite());
    }

    @Test
    void nanPixelsAreLeftOutOfTheStatistics() {
        float[] px = {Float.NaN, 1, 2, 3, Float.NaN, 4};
        ImageStatistics.Result r = ImageStatistics.of(Image.of(3, 2, px), ImageStatistics.Params.NONE);
        assertEquals(6, r.pixels());
        assertEquals(4, r.finite());
        assertEquals(2.5, r.mean(), 0);
        assertEquals(2.5, r.median(), 0);
        assertEquals(Math.sqrt(1.25), r.stdDev(), 1e-15);
        ImageStatistics.Result none = ImageStatistics.of(Image.of(1, 1, Float.NaN), ImageStatistics.Params.NONE);
        assertTrue(Double.isNaN(none.imagemn()));
    }

    @Test
    void statisticsOfARowViewCoverOnlyThoseRows() {
        Image img = Image.of(2, 3, 1, 1, 5, 5, 9, 9);
        ImageStatistics.Result r = ImageStatistics.of(img.rows(1, 1), ImageStatistics.Params.NONE);
        assertEquals(2, r.pixels());
        assertEquals(5, r.mean(), 0);
    }

    @Test
    void roundingIsThatOfPythonsTwoDecimalFormat() {
        // Python: float('%0.2f' % x) for each x
        assertEquals(0.12, ImageStatistics.round2(0.125), 0);
        assertEquals(0.38, ImageStatistics.round2(0.375), 0);
        assertEquals(2.67, ImageStatistics.round2(2.675), 0);
        assertEquals(1.0, ImageStatistics.round2(1.005), 0);
        assertEquals(-0.01, ImageStatistics.round2(-0.005), 0);
        assertEquals(10074.6, ImageStatistics.round2(10074.605), 0);
        assertEquals(303.42, ImageStatistics.round2(303.415), 0);
        assertEquals(1000000.12, ImageStatistics.round2(1e6 + 0.125), 0);
    }
}
