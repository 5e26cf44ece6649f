package org.drpkit.algorithms.trace;

import org.drpkit.core.trace.ProfileShape;
/**
 * The per-column fit of every trace's height, centre and width (package-private kernel of {@link TraceFinder} and
 * {@link TraceTweak}).
 *
 * <p>One column's data {@code d[y]} and weights {@code w[y]} (inverse variance, 0 for bad pixels) are fitted with
 * the sum of all traces' pixel-integrated profiles. Each sweep visits the traces in order and takes one
 * Gauss-Newton step for (H, mu, sigma) of a trace against the data minus the current models of all the others
 * (Gauss-Seidel: neighbours subtracted with their newest parameters). Steps are limited: the centre stays within
 * {@code maxMove} of the column's first guess, the width within [minWidth, maxWidth], the height non-negative; a step
 * that is not finite, or a trace with fewer than 3 good pixels, marks the trace failed in this column. One instance
 * per worker: it holds scratch arrays.
 */
final class ColumnFit {

    /** Profile window: the trace's pixels within this many widths (plus one pixel) of its centre. */
    static final double WINDOW_SIGMAS = 4;

    private final int n;
    private final int y0;
    private final int y1;
    private final double[] d;
    private final double[] w;
    private final double[] model;
    final double[] height;
    final double[] mu;
    final double[] sigma;
    final double[] varMu;
    final double[] varSigma;
    final boolean[] failed;
    private final double[] start;
    private final double[][] own;
    private final int[] ownLo;
    private final int[] ownLen;
    private final double[] p;
    private final double[] dm;
    private final double[] ds;

    /**
     * @param traces number of traces fitted together
     * @param y0     first row of the fit area
     * @param y1     one past the last row
     */
    ColumnFit(int traces, int y0, int y1) {
        this.n = traces;
        this.y0 = y0;
        this.y1 = y1;
        d = new double[y1];
        w = new double[y1];
        model = new double[y1];
        height = new double[n];
        mu = new double[n];
        sigma = new double[n];
        varMu = new double[n];
        varSigma = new double[n];
        failed = new boolean[n];
        start = new double[n];
        own = new double[n][];
        ownLo = new int[n];
        ownLen = new int[n];
        p = new double[64];
        dm = new double[64];
        ds = new double[64];
    }

    /** @return the data array to fill for rows y0..y1-1 (modified by the caller) */
    double[] data() {
        return d;
    }

    /** @return the weight array to fill for rows y0..y1-1 (modified by the caller) */
    double[] weights() {
        return w;
    }

    /**
     * Starts a column from first guesses (the arrays are copied) and builds every trace's model.
     */
    void begin(double[] h0, double[] mu0, double[] sigma0, ProfileShape shape, int x) {
        java.util.Arrays.fill(model, 0);
        for (int i = 0; i < n; i++) {
            height[i] = h0[i];
            mu[i] = mu0[i];
            start[i] = mu0[i];
            sigma[i] = sigma0[i];
            failed[i] = false;
            varMu[i] = Double.NaN;
            varSigma[i] = Double.NaN;
            addModel(i, shape, x, 1);
        }
    }

    private int half(double s) {
        return Math.min(30, (int) Math.ceil(WINDOW_SIGMAS * s) + 1);
    }

    /** Adds (sign 1) or removes (sign -1) trace i's stored model from the column model; sign 1 recomputes it. */
    private void addModel(int i, ProfileShape shape, int x, int sign) {
        if (sign > 0) {
            int c = (int) Math.rint(mu[i]);
            int hw = half(sigma[i]);
            int lo = Math.max(y0, c - hw);
            int hi = Math.min(y1 - 1, c + hw);
            int len = Math.max(0, hi - lo + 1);
            if (own[i] == null || own[i].length < len) {
                own[i] = new double[64];
            }
            ownLo[i] = lo;
            ownLen[i] = len;
            if (len > 0) {
                GaussHermite.fractions(mu[i], sigma[i], shape.h3(x, mu[i]), shape.h4(x, mu[i]), lo, len, own[i]);
            }
            for (int k = 0; k < len; k++) {
                own[i][k] *= height[i];
                model[lo + k] += own[i][k];
            }
        } else {
            for (int k = 0; k < ownLen[i]; k++) {
                model[ownLo[i] + k] -= own[i][k];
            }
        }
    }

    /**
     * Runs Gauss-Seidel sweeps of Gauss-Newton steps for the traces marked in {@code fit}.
     *
     * @param fit      which traces to fit (others keep their model and are subtracted as they are)
     * @param sweeps   number of sweeps
     * @param maxMove  largest distance of the centre from the column's first guess, px
     * @param minWidth smallest width, px
     * @param maxWidth largest width, px
     */
    void fit(boolean[] fit, ProfileShape shape, int x, int sweeps, double maxMove, double minWidth, double maxWidth) {
        for (int s = 0; s < sweeps; s++) {
            for (int i = 0; i < n; i++) {
                if (fit[i] && !failed[i]) {
                    step(i, shape, x, maxMove, minWidth, maxWidth);
                }
            }
        }
    }

    private void step(int i, ProfileShape shape, int x, double maxMove, double minWidth, double maxWidth) {
        addModel(i, shape, x, -1);
        int c = (int) Math.rint(mu[i]);
        int hw = half(sigma[i]);
        int lo = Math.max(y0, c - hw);
        int hi = Math.min(y1 - 1, c + hw);
        int len = hi - lo + 1;
        if (len < 3) {
            failed[i] = true;
            addModel(i, shape, x, 1);
            return;
        }
        double h3 = shape.h3(x, mu[i]);
        double h4 = shape.h4(x, mu[i]);
        GaussHermite.fractions(mu[i], sigma[i], h3, h4, lo, len, p, dm, ds);
        double h = height[i];
        double a11 = 0;
        double a12 = 0;
        double a13 = 0;
        double a22 = 0;
        double a23 = 0;
        double a33 = 0;
        double b1 = 0;
        double b2 = 0;
        double b3 = 0;
        int good = 0;
        for (int k = 0; k < len; k++) {
            int y = lo + k;
            double wy = w[y];
            if (wy <= 0) {
                continue;
            }
            good++;
            double r = d[y] - model[y] - h * p[k];
            double j1 = p[k];
            double j2 = h * dm[k];
            double j3 = h * ds[k];
            a11 += wy * j1 * j1;
            a12 += wy * j1 * j2;
            a13 += wy * j1 * j3;
            a22 += wy * j2 * j2;
            a23 += wy * j2 * j3;
            a33 += wy * j3 * j3;
            b1 += wy * j1 * r;
            b2 += wy * j2 * r;
            b3 += wy * j3 * r;
        }
        if (good < 3) {
            failed[i] = true;
            addModel(i, shape, x, 1);
            return;
        }
        // 3x3 symmetric solve by cofactors
        double c11 = a22 * a33 - a23 * a23;
        double c12 = a13 * a23 - a12 * a33;
        double c13 = a12 * a23 - a13 * a22;
        double c22 = a11 * a33 - a13 * a13;
        double c23 = a12 * a13 - a11 * a23;
        double c33 = a11 * a22 - a12 * a12;
        double det = a11 * c11 + a12 * c12 + a13 * c13;
        if (!(det > 1e-300 * Math.abs(a11 * a22 * a33)) || !(det > 0)) {
            failed[i] = true;
            addModel(i, shape, x, 1);
            return;
        }
        double dh = (c11 * b1 + c12 * b2 + c13 * b3) / det;
        double dmu = (c12 * b1 + c22 * b2 + c23 * b3) / det;
        double dsig = (c13 * b1 + c23 * b2 + c33 * b3) / det;
        double nh = Math.max(0, h + dh);
        double nmu = Math.max(start[i] - maxMove, Math.min(start[i] + maxMove, mu[i] + dmu));
        double nsig = Math.max(minWidth, Math.min(maxWidth, sigma[i] + dsig));
        if (!Double.isFinite(nh + nmu + nsig)) {
            failed[i] = true;
        } else {
            height[i] = nh;
            mu[i] = nmu;
            sigma[i] = nsig;
            varMu[i] = c22 / det;
            varSigma[i] = c33 / det;
        }
        addModel(i, shape, x, 1);
    }

    /**
     * Fits only the heights, with centres and widths held (Gauss-Seidel sweeps of the linear step).
     */
    void fitHeights(boolean[] fit, ProfileShape shape, int x, int sweeps) {
        for (int s = 0; s < sweeps; s++) {
            for (int i = 0; i < n; i++) {
                if (!fit[i]) {
                    continue;
                }
                addModel(i, shape, x, -1);
                int lo = ownLo[i];
                int len = ownLen[i];
                GaussHermite.fractions(mu[i], sigma[i], shape.h3(x, mu[i]), shape.h4(x, mu[i]), lo, len, p);
                double num = 0;
                double den = 0;
                for (int k = 0; k < len; k++) {
                    int y = lo + k;
                    num += w[y] * p[k] * (d[y] - model[y]);
                    den += w[y] * p[k] * p[k];
                }
                height[i] = den > 0 ? num / den : 0;
                addModel(i, shape, x, 1);
            }
        }
    }

    /**
     * Accumulates the normal equations of a common shift (and scale about yRef) of all fitted traces in this column:
     * {@code n[0..2]} += (JsJs, JsJk, JkJk), {@code g[0..1]} += (Js r, Jk r), with Js = H dp/dmu and
     * Jk = (mu - yRef) Js.
     */
    void shiftNormals(boolean[] fit, ProfileShape shape, int x, double yRef, double[] nrm, double[] g) {
        for (int i = 0; i < n; i++) {
            if (!fit[i] || ownLen[i] == 0) {
                continue;
            }
            int lo = ownLo[i];
            int len = ownLen[i];
            GaussHermite.fractions(mu[i], sigma[i], shape.h3(x, mu[i]), shape.h4(x, mu[i]), lo, len, p, dm, ds);
            double lever = mu[i] - yRef;
            for (int k = 0; k < len; k++) {
                int y = lo + k;
                double wy = w[y];
                if (wy <= 0) {
                    continue;
                }
                double r = d[y] - model[y];
                double js = height[i] * dm[k];
                nrm[0] += wy * js * js;
                nrm[1] += wy * js * js * lever;
                nrm[2] += wy * js * js * lever * lever;
                g[0] += wy * js * r;
                g[1] += wy * js * lever * r;
            }
        }
    }
}
