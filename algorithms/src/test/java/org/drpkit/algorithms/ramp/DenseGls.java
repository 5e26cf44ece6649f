package org.drpkit.algorithms.ramp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/** The dense reference of the GLS kernels' tests: an EJML inverse of the covariance restricted to the used indices. */
final class DenseGls {

    private DenseGls() {
    }

    /**
     * @param full the covariance of all n differences, DN^2
     * @param use  which differences enter the fit
     * @return the GLS rate, {@code 1' C^-1 1} and chi2 over the used differences
     */
    static double[] solve(DMatrixRMaj full, float[] d, boolean[] use) {
        int n = d.length;
        int[] idx = new int[n];
        int m = 0;
        for (int k = 0; k < n; k++) {
            if (use[k]) {
                idx[m++] = k;
            }
        }
        DMatrixRMaj c = new DMatrixRMaj(m, m);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                c.set(i, j, full.get(idx[i], idx[j]));
            }
        }
        DMatrixRMaj ci = new DMatrixRMaj(m, m);
        assertTrue(CommonOps_DDRM.invert(c, ci));
        double ivar = 0;
        double num = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                ivar += ci.get(i, j);
                num += ci.get(i, j) * d[idx[j]];
            }
        }
        double f = num / ivar;
        double chi2 = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                chi2 += (d[idx[i]] - f) * ci.get(i, j) * (d[idx[j]] - f);
            }
        }
        return new double[] {f, ivar, chi2};
    }


    /**
     * Marks a random quarter of the first {@code usable} (random, 1..n) differences as dropped.
     *
     * @param use  Modified: which differences enter the fit
     * @param excl Modified: the dropped differences below {@code usable}, as PixelFitter's exclusion bits
     * @return {@code {usable, used}}
     */
    static int[] randomMask(java.util.SplittableRandom r, int n, boolean[] use, long[] excl) {
        int usable = 1 + r.nextInt(n);
        java.util.Arrays.fill(excl, 0);
        int used = 0;
        for (int k = 0; k < n; k++) {
            use[k] = k < usable && r.nextDouble() > 0.25;
            if (k < usable && !use[k]) {
                excl[k >>> 6] |= 1L << k;
            }
            used += use[k] ? 1 : 0;
        }
        return new int[] {usable, used};
    }
}
