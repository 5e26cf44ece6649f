package org.drpkit.algorithms.ramp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/**
 * The GLS and Fixsen kernels against dense-matrix solutions (EJML) of the same model: truth is linear algebra.
 */
class GlsKernelTest {

    private static final double TOL = 1e-9;

    /** Dense GLS of d on the usable indices with C = s2 tridiag(-1, 2 + phi, -1) restricted to them. */
    private static double[] denseGls(float[] d, boolean[] use, double phi, double s2) {
        int n = d.length;
        DMatrixRMaj c = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            c.set(i, i, s2 * (2 + phi));
            if (i + 1 < n) {
                c.set(i, i + 1, -s2);
                c.set(i + 1, i, -s2);
            }
        }
        return DenseGls.solve(c, d, use);
    }

    private static float[] randomRamp(SplittableRandom r, int n, double rate) {
        float[] d = new float[n];
        for (int k = 0; k < n; k++) {
            d[k] = (float) (rate + 7 * r.nextGaussian());
        }
        return d;
    }

    private static void assertRel(double expected, double actual, String what) {
        double scale = Math.max(Math.abs(expected), 1e-300);
        assertEquals(0, (actual - expected) / scale, TOL, what + ": expected " + expected + " got " + actual);
    }

    @Test
    void completeRampFastPathEqualsDenseGlsToOneInABillion() {
        SplittableRandom r = new SplittableRandom(11);
        for (int n : new int[] {1, 2, 3, 5, 17, 44, 100}) {
            GlsTable t = new GlsTable(n);
            for (int trial = 0; trial < 40; trial++) {
                int e = trial == 0 ? 0 : 1 + r.nextInt(GlsTable.ENTRIES - 1);
                double phi = t.phi[e];
                double s2 = 0.5 + 50 * r.nextDouble();
                float[] d = randomRamp(r, n, 100 * r.nextDouble());
                boolean[] all = new boolean[n];
                java.util.Arrays.fill(all, true);
                double[] dense = denseGls(d, all, phi, s2);
                double f = t.rate(e, d, 0);
                assertRel(dense[0], f, "rate n=" + n + " phi=" + phi);
                assertRel(1 / dense[1], s2 * t.variance(e, phi), "variance n=" + n + " phi=" + phi);
                if (n > 1) {
                    assertEquals(dense[2], t.quadratic(e, d, 0, n, f) / s2, TOL * Math.max(1, dense[2]),
                            "chi2 n=" + n + " phi=" + phi);
                }
            }
        }
    }

    @Test
    void maskedRampEqualsDenseSolutionOnTheUsableSubMatrix() {
        SplittableRandom r = new SplittableRandom(12);
        for (int n : new int[] {3, 8, 44, 130}) {
            GlsTable t = new GlsTable(n);
            FitParams fp = FitParams.defaults(NoiseModel.of(2.0, 9.0));
            PixelFitter pf = new PixelFitter(n, fp, JumpParams.NONE, t, new FixsenTable(n));
            long[] excl = new long[PixelFitter.wordsFor(n)];
            for (int trial = 0; trial < 60; trial++) {
                int e = 1 + r.nextInt(GlsTable.ENTRIES - 1);
                double phi = t.phi[e];
                double gain = 2.0;
                double s2 = 9.0;
                float[] d = randomRamp(r, n, 50);
                boolean[] use = new boolean[n];
                int[] mask = DenseGls.randomMask(r, n, use, excl);
                int usable = mask[0];
                int used = mask[1];
                if (used == 0) {
                    continue;
                }
                pf.robust = 50;
                pf.jumpCount = 1; // forces the masked path even when nothing is excluded
                pf.badCount = 0;
                double covRate = phi * gain * s2; // lands on entry e exactly
                pf.fit(d, 0, usable, gain, s2, covRate, excl, 0);
                double[] dense = denseGls(d, use, phi, s2);
                assertRel(dense[0], pf.rate, "rate n=" + n);
                assertRel(1 / dense[1], pf.variance, "variance n=" + n);
                assertEquals(dense[2], pf.chi2, TOL * Math.max(1, dense[2]), "chi2 n=" + n);
                assertEquals(used, pf.usedDiffs);
            }
        }
    }

    @Test
    void fixsenSlopeEqualsDenseWeightedLeastSquaresOnReads() {
        FixsenTable t = new FixsenTable(40);
        SplittableRandom r = new SplittableRandom(13);
        for (int m = 1; m <= 40; m += 3) {
            for (int p = 0; p < FixsenTable.POWERS.length; p++) {
                double[] reads = new double[m + 1];
                float[] d = new float[m];
                reads[0] = 1000;
                for (int k = 0; k < m; k++) {
                    d[k] = (float) (20 + 5 * r.nextGaussian());
                    reads[k + 1] = reads[k] + d[k];
                }
                // dense weighted LSQ of reads on (1, i) with EJML
                DMatrixRMaj a = new DMatrixRMaj(m + 1, 2);
                DMatrixRMaj b = new DMatrixRMaj(m + 1, 1);
                double mid = m / 2.0;
                for (int i = 0; i <= m; i++) {
                    double w = FixsenTable.POWERS[p] == 0 ? 1 : Math.pow(Math.abs((i - mid) / mid), FixsenTable.POWERS[p]);
                    double sw = Math.sqrt(w);
                    a.set(i, 0, sw);
                    a.set(i, 1, sw * i);
                    b.set(i, 0, sw * reads[i]);
                }
                DMatrixRMaj x = new DMatrixRMaj(2, 1);
                assertTrue(CommonOps_DDRM.solve(a, b, x));
                // floats in d make reads exact only to float rounding: compare with the slope of the same diffs
                assertEquals(x.get(1, 0), t.slope(m, p, d, 0), 1e-9 * Math.max(1, Math.abs(x.get(1, 0))) + 1e-9,
                        "m=" + m + " P=" + FixsenTable.POWERS[p]);
            }
        }
    }

    @Test
    void medianOfFiveIsTheThirdSmallestForEveryOrdering() {
        double[] v = {1, 2, 3, 4, 5};
        int[] p = {0, 1, 2, 3, 4};
        int count = 0;
        do {
            assertEquals(3, RobustRate.median5(v[p[0]], v[p[1]], v[p[2]], v[p[3]], v[p[4]]));
            count++;
        } while (nextPermutation(p));
        assertEquals(120, count);
    }

    private static boolean nextPermutation(int[] a) {
        int i = a.length - 2;
        while (i >= 0 && a[i] >= a[i + 1]) {
            i--;
        }
        if (i < 0) {
            return false;
        }
        int j = a.length - 1;
        while (a[j] <= a[i]) {
            j--;
        }
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
        for (int l = i + 1, h = a.length - 1; l < h; l++, h--) {
            t = a[l];
            a[l] = a[h];
            a[h] = t;
        }
        return true;
    }
}
