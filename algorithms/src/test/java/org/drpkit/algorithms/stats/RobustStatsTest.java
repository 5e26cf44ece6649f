package org.drpkit.algorithms.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RobustStatsTest {

    /** Reference type-7 quantile from a full sort (numpy's default definition). */
    private static double sortedQuantile(float[] x, double p) {
        float[] s = x.clone();
        Arrays.sort(s);
        double h = (s.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, s.length - 1);
        return s[lo] + (h - lo) * ((double) s[hi] - s[lo]);
    }

    @Test
    void selectionAgreesWithSortingOnRandomAndTiedData() {
        Random rnd = new Random(1);
        for (int trial = 0; trial < 500; trial++) {
            int n = 1 + rnd.nextInt(200);
            float[] a = new float[n];
            for (int i = 0; i < n; i++) {
                a[i] = trial % 2 == 0 ? (float) rnd.nextGaussian() : rnd.nextInt(5);
            }
            float[] sorted = a.clone();
            Arrays.sort(sorted);
            int k = rnd.nextInt(n);
            float[] work = a.clone();
            assertEquals(sorted[k], Select.kth(work, 0, n, k));
            float[] copy = work.clone();
            Arrays.sort(copy);
            assertArrayEquals(sorted, copy, "selection only permutes");
        }
    }

    @Test
    void quantilesMatchNumpyType7() {
        Random rnd = new Random(2);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + rnd.nextInt(60);
            float[] x = new float[n];
            for (int i = 0; i < n; i++) {
                x[i] = (float) (rnd.nextGaussian() * 10);
            }
            for (double p : new double[] {0, 0.16, 0.25, 0.5, 0.75, 0.84, 1}) {
                assertEquals(sortedQuantile(x, p), RobustStats.quantile(x, p), 1e-5, "n=" + n + " p=" + p);
            }
        }
        // numpy: np.percentile([1,2,3,4,100],[25,50]) == [2, 3]; np.median([1,2,3,4]) == 2.5
        assertEquals(2.0, RobustStats.quantile(new float[] {1, 2, 3, 4, 100}, 0.25));
        assertEquals(2.5, RobustStats.median(new float[] {4, 1, 3, 2}));
    }

    @Test
    void skipsNaNAndReturnsNaNForEmptySamples() {
        assertEquals(2.0, RobustStats.median(new float[] {Float.NaN, 1, 3, Float.NaN}));
        assertTrue(Double.isNaN(RobustStats.median(new float[] {Float.NaN})));
        assertTrue(Double.isNaN(RobustStats.iqrSigma(new float[0])));
    }

    @Test
    void iqrSigmaAndMadEstimateTheSigmaOfAGaussianWithOutliers() {
        Random rnd = new Random(3);
        int n = 200_000;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (5 + 2 * rnd.nextGaussian());
        }
        for (int i = 0; i < n / 100; i++) {
            x[rnd.nextInt(n)] = 1e6f; // 1% outliers barely move robust estimates
        }
        // the standard error of an IQR sigma is about 1.1 sigma / sqrt(n) = 0.005 here; allow the 1% outlier bias
        assertEquals(2.0, RobustStats.iqrSigma(x), 0.05);
        float[] scratch = new float[n];
        assertEquals(2.0, RobustStats.SIGMA_PER_MAD * RobustStats.mad(x, 0, n, scratch), 0.05);
        assertEquals(5.0, RobustStats.median(x, 0, n, scratch), 0.05);
    }
}
