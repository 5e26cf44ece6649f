package org.drpkit.algorithms.refcorr;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Weighted least-squares fit of a row's samples, indexed by pixel-clock tick, on {@code 1, cos, sin} of the first
 * harmonics of the row (period: the ticks of a row), the last harmonic at half weight (NSClean's apodizer). The
 * normal matrix comes from the weights' spectrum (one real JTransforms FFT of the per-tick weights); projections
 * and synthesis are direct sums over the few harmonics. Not thread-safe (FFT plan and scratch).
 */
final class RowFourierFit {

    private final int ticks;
    private final int period;
    private final int harmonics;
    private final double[][] basis;
    /** basis[j][p] stored tick-major: basisT[p * terms + j]. */
    private final double[] basisT;
    private final double[] apodizer;
    private final DoubleFFT_1D fft;
    private final double[] spectrum;
    private final double[] proj;
    private final double[] coef;

    /**
     * @param ticks  ticks per row
     * @param cutoff cycles per tick; harmonics up to {@code cutoff x ticks} (at most {@code ticks / 8})
     */
    RowFourierFit(int ticks, double cutoff) {
        this.ticks = ticks;
        period = ticks;
        harmonics = Math.max(0, Math.min(ticks / 8, (int) Math.floor(cutoff * period + 1e-9)));
        int terms = 2 * harmonics + 1;
        basis = new double[terms][ticks];
        apodizer = new double[terms];
        for (int p = 0; p < ticks; p++) {
            basis[0][p] = 1;
            for (int k = 1; k <= harmonics; k++) {
                double a = 2 * Math.PI * k * p / period;
                basis[2 * k - 1][p] = Math.cos(a);
                basis[2 * k][p] = Math.sin(a);
            }
        }
        basisT = new double[ticks * terms];
        for (int p = 0; p < ticks; p++) {
            for (int j = 0; j < terms; j++) {
                basisT[p * terms + j] = basis[j][p];
            }
        }
        apodizer[0] = 1;
        for (int k = 1; k <= harmonics; k++) {
            double a = k == harmonics ? 0.5 : 1;
            apodizer[2 * k - 1] = a;
            apodizer[2 * k] = a;
        }
        fft = new DoubleFFT_1D(period);
        spectrum = new double[period];
        proj = new double[terms];
        coef = new double[terms];
    }

    /** @return the harmonics fitted besides the constant */
    int harmonics() {
        return harmonics;
    }

    /**
     * Fills the normal matrix of the weights (via their FFT) and inverts it.
     *
     * @return the harmonics used: the kernel's, or 0 when samples cover under half the ticks
     */
    int gram(double[] w, DMatrixRMaj g) {
        int covered = 0;
        for (int p = 0; p < ticks; p++) {
            if (w[p] > 0) {
                covered++;
            }
        }
        int k = 2 * covered >= ticks ? harmonics : 0;
        Arrays.fill(spectrum, 0);
        System.arraycopy(w, 0, spectrum, 0, ticks);
        fft.realForward(spectrum);
        int terms = 2 * k + 1;
        g.reshape(terms, terms);
        for (int i = 0; i < terms; i++) {
            for (int j = 0; j < terms; j++) {
                g.set(i, j, gramEntry(i, j));
            }
        }
        double ridge = 1e-10 * spectrum[0];
        for (int i = 0; i < terms; i++) {
            g.add(i, i, ridge);
        }
        if (!CommonOps_DDRM.invert(g)) {
            throw new IllegalStateException("singular row-noise normal matrix");
        }
        return k;
    }

    /** Sum over ticks of w b_i b_j, from C(m) = sum w cos(2 pi m p / M) and S(m) = sum w sin(...). */
    private double gramEntry(int i, int j) {
        int ki = (i + 1) / 2;
        int kj = (j + 1) / 2;
        boolean ci = i == 0 || (i & 1) == 1;
        boolean cj = j == 0 || (j & 1) == 1;
        if (i == 0 && j == 0) {
            return c(0);
        }
        if (i == 0) {
            return cj ? c(kj) : s(kj);
        }
        if (j == 0) {
            return ci ? c(ki) : s(ki);
        }
        if (ci && cj) {
            return 0.5 * (c(Math.abs(ki - kj)) + c(ki + kj));
        }
        if (!ci && !cj) {
            return 0.5 * (c(Math.abs(ki - kj)) - c(ki + kj));
        }
        int kc = ci ? ki : kj;
        int ks = ci ? kj : ki;
        return 0.5 * (s(kc + ks) - s(kc - ks));
    }

    private double c(int m) {
        return m == 0 ? spectrum[0] : spectrum[2 * m];
    }

    private double s(int m) {
        if (m == 0) {
            return 0;
        }
        return m > 0 ? -spectrum[2 * m + 1] : spectrum[-2 * m + 1];
    }

    /**
     * Fits the harmonics (the first {@code 2k+1} terms) to z with the inverted normal matrix; writes the model.
     * Projections and synthesis run over ticks once, with the basis stored tick-major.
     */
    void synthesise(double[] zz, DMatrixRMaj ginv, int k, double[] out) {
        int terms = 2 * k + 1;
        int all = 2 * harmonics + 1;
        if (terms == 1) {
            double a0 = 0;
            double a1 = 0;
            int p = 0;
            for (; p + 1 < ticks; p += 2) {
                a0 += zz[p];
                a1 += zz[p + 1];
            }
            if (p < ticks) {
                a0 += zz[p];
            }
            proj[0] = a0 + a1;
        } else if (terms == 5) {
            double a0 = 0;
            double a1 = 0;
            double a2 = 0;
            double a3 = 0;
            double a4 = 0;
            for (int p = 0; p < ticks; p++) {
                double zp = zz[p];
                int b = p * all;
                a0 += zp;
                a1 += basisT[b + 1] * zp;
                a2 += basisT[b + 2] * zp;
                a3 += basisT[b + 3] * zp;
                a4 += basisT[b + 4] * zp;
            }
            proj[0] = a0;
            proj[1] = a1;
            proj[2] = a2;
            proj[3] = a3;
            proj[4] = a4;
        } else {
            java.util.Arrays.fill(proj, 0, terms, 0);
            for (int p = 0; p < ticks; p++) {
                double zp = zz[p];
                int b = p * all;
                for (int j = 0; j < terms; j++) {
                    proj[j] += basisT[b + j] * zp;
                }
            }
        }
        for (int i = 0; i < terms; i++) {
            double v = 0;
            for (int j = 0; j < terms; j++) {
                v += ginv.get(i, j) * proj[j];
            }
            coef[i] = k == harmonics ? v * apodizer[i] : v;
        }
        if (terms == 1) {
            java.util.Arrays.fill(out, coef[0]);
            return;
        }
        java.util.Arrays.fill(out, coef[0]);
        for (int j = 1; j < terms; j++) {
            double cj = coef[j];
            double[] b = basis[j];
            for (int p = 0; p < ticks; p++) {
                out[p] += cj * b[p];
            }
        }
    }

}
