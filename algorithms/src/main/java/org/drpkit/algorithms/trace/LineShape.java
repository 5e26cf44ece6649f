package org.drpkit.algorithms.trace;

/**
 * The shared Gauss-Hermite shape of a region's lines in {@link LineSpread} (package-private kernel): the linear
 * least-squares (h3, h4) with the lines held, and the part of the variance of the region's mean width that comes from
 * the shape being fitted to the same lines.
 *
 * <p>Both work on the whole model of the spectrum: at each pixel the sum of every line of the fit (a line's light
 * in a neighbour's window is part of the model, not of the data that line must explain), over the pixels of the
 * region's lines' windows, each pixel once. Widths and h4 trade against each other (both make a line broader in the
 * wings), so every line's width shares the shape's error: ignoring it understated the region's error by a factor of
 * about two on a 12 px Fabry-Perot comb.
 */
final class LineShape {

    private LineShape() {
    }

    /** The pixels of the fit's lines' windows, as {@link ColumnFit} draws them. */
    private static int half(double sigma) {
        return Math.min(30, (int) Math.ceil(ColumnFit.WINDOW_SIGMAS * sigma) + 1);
    }

    /**
     * @param f     the lines, held (heights, centres, widths); not modified
     * @param d     the spectrum
     * @param wt    its inverse variance (0: left out)
     * @param lines the lines whose windows are fitted (others of f are part of the model only)
     * @return the weighted least-squares (h3, h4), or null when singular
     */
    static double[] fit(ColumnFit f, double[] d, double[] wt, boolean[] lines) {
        Model m = new Model(f, d, lines);
        double a11 = 0;
        double a12 = 0;
        double a22 = 0;
        double b1 = 0;
        double b2 = 0;
        for (int y = 0; y < d.length; y++) {
            double wy = wt[y];
            if (!m.used[y] || wy <= 0) {
                continue;
            }
            a11 += wy * m.u[y] * m.u[y];
            a12 += wy * m.u[y] * m.v[y];
            a22 += wy * m.v[y] * m.v[y];
            b1 += wy * m.u[y] * m.t[y];
            b2 += wy * m.v[y] * m.t[y];
        }
        double det = a11 * a22 - a12 * a12;
        if (!(det > 1e-12 * a11 * a22)) {
            return null;
        }
        return new double[] {(a22 * b1 - a12 * b2) / det, (a11 * b2 - a12 * b1) / det};
    }

    /**
     * The shape's share of the variance of {@code sum_k c_k sigma_k} (the lines' widths fitted with the shape held):
     * with the joint Fisher matrix of every line's (height, centre, width) {@code A_k}, their coupling to (h3, h4)
     * {@code B_k} and the shape's own {@code D}, it is {@code g^T S^-1 g} where {@code S = D - sum B_k^T A_k^-1 B_k}
     * and {@code g = sum_k c_k (A_k^-1 B_k)[width]}. The lines' own part, {@code sum c_k^2 (A_k^-1)[width, width]}, is
     * the caller's.
     *
     * @param c  weight of each line of f in the sum (0: not in it); lines with a weight are the shape's lines
     * @param h3 the shape's h3
     * @param h4 the shape's h4
     * @return the variance, px^2 (0 when the system is singular)
     */
    static double sharedVariance(ColumnFit f, double[] d, double[] wt, double[] c, double h3, double h4) {
        boolean[] lines = new boolean[c.length];
        for (int k = 0; k < c.length; k++) {
            lines[k] = c[k] != 0;
        }
        Model m = new Model(f, d, lines);
        double s11 = 0;
        double s12 = 0;
        double s22 = 0;
        for (int y = 0; y < d.length; y++) {
            if (m.used[y] && wt[y] > 0) {
                s11 += wt[y] * m.u[y] * m.u[y];
                s12 += wt[y] * m.u[y] * m.v[y];
                s22 += wt[y] * m.v[y] * m.v[y];
            }
        }
        double g3 = 0;
        double g4 = 0;
        double[] p = new double[64];
        double[] dm = new double[64];
        double[] ds = new double[64];
        for (int k = 0; k < c.length; k++) {
            if (!lines[k] || f.failed[k]) {
                continue;
            }
            Normals nk = normals(f, k, d.length, wt, m, null, h3, h4, p, dm, ds);
            double[][] inv = nk == null ? null : inverse3(nk.a());
            if (inv == null) {
                continue;
            }
            double[][] b = nk.b();
            // M = A^-1 B (3x2); S -= B^T M; g += c_k M[width]
            double[][] mm = times(inv, b);
            for (int r = 0; r < 3; r++) {
                s11 -= b[r][0] * mm[r][0];
                s12 -= b[r][0] * mm[r][1];
                s22 -= b[r][1] * mm[r][1];
            }
            g3 += c[k] * mm[2][0];
            g4 += c[k] * mm[2][1];
        }
        double det = s11 * s22 - s12 * s12;
        if (!(det > 0) || !(s11 > 0)) {
            return 0;
        }
        return (s22 * g3 * g3 - 2 * s12 * g3 * g4 + s11 * g4 * g4) / det;
    }

    /**
     * One joint Gauss-Newton step of the region's lines (height, centre, width each) and the shared shape (h3, h4) on
     * the chi-square of the pixels of the region's lines' windows: the shape's step from the Schur complement
     * {@code S = D - sum B_k^T A_k^-1 B_k}, then each line's {@code A_k^-1 (b_k - B_k dShape)}. Width and h4 are
     * nearly degenerate, so fitting them in turns (lines, then shape) crawls: on a 12 px comb, 300 turns still left h4
     * off by 3e-5 where this converges in a few steps. Lines of f outside {@code lines} are part of the model, held.
     *
     * @param f     the lines: heights, centres and widths are updated in place for the selected lines (its cached
     *              model is not: call {@code begin} after)
     * @param lines the region's lines
     * @return the new (h3, h4), or null when the system is singular (nothing changed)
     */
    static double[] jointStep(ColumnFit f, double[] d, double[] wt, boolean[] lines, double h3, double h4) {
        int w = d.length;
        Model m = new Model(f, d, lines);
        // residual under the current shape: t - h3 u - h4 v
        double[] r = new double[w];
        double g3 = 0;
        double g4 = 0;
        double s11 = 0;
        double s12 = 0;
        double s22 = 0;
        for (int y = 0; y < w; y++) {
            r[y] = m.t[y] - h3 * m.u[y] - h4 * m.v[y];
            if (m.used[y] && wt[y] > 0) {
                s11 += wt[y] * m.u[y] * m.u[y];
                s12 += wt[y] * m.u[y] * m.v[y];
                s22 += wt[y] * m.v[y] * m.v[y];
                g3 += wt[y] * m.u[y] * r[y];
                g4 += wt[y] * m.v[y] * r[y];
            }
        }
        int n = lines.length;
        double[][][] ainv = new double[n][][];
        double[][][] mm = new double[n][][];
        double[][] bk = new double[n][];
        double[] p = new double[64];
        double[] dm = new double[64];
        double[] ds = new double[64];
        for (int k = 0; k < n; k++) {
            if (!lines[k] || f.failed[k]) {
                continue;
            }
            Normals nk = normals(f, k, w, wt, m, r, h3, h4, p, dm, ds);
            double[][] inv = nk == null ? null : inverse3(nk.a());
            if (inv == null) {
                continue;
            }
            double[][] b = nk.b();
            double[] g = nk.g();
            double[][] mk = times(inv, b);
            double[] ag = new double[3];
            for (int i = 0; i < 3; i++) {
                ag[i] = inv[i][0] * g[0] + inv[i][1] * g[1] + inv[i][2] * g[2];
            }
            for (int i = 0; i < 3; i++) {
                s11 -= b[i][0] * mk[i][0];
                s12 -= b[i][0] * mk[i][1];
                s22 -= b[i][1] * mk[i][1];
                g3 -= b[i][0] * ag[i];
                g4 -= b[i][1] * ag[i];
            }
            ainv[k] = inv;
            mm[k] = mk;
            bk[k] = ag;
        }
        double det = s11 * s22 - s12 * s12;
        if (!(det > 0) || !(s11 > 0)) {
            return null;
        }
        double d3 = (s22 * g3 - s12 * g4) / det;
        double d4 = (s11 * g4 - s12 * g3) / det;
        for (int k = 0; k < n; k++) {
            if (ainv[k] == null) {
                continue;
            }
            // A_k^-1 (b_k - B_k dShape) = A_k^-1 b_k - M_k dShape
            double dh = bk[k][0] - mm[k][0][0] * d3 - mm[k][0][1] * d4;
            double dmu = bk[k][1] - mm[k][1][0] * d3 - mm[k][1][1] * d4;
            double dsg = bk[k][2] - mm[k][2][0] * d3 - mm[k][2][1] * d4;
            double nh = Math.max(0, f.height[k] + dh);
            double nmu = f.mu[k] + Math.max(-1, Math.min(1, dmu));
            double ns = Math.max(0.3, Math.min(5, f.sigma[k] + dsg));
            if (Double.isFinite(nh + nmu + ns)) {
                f.height[k] = nh;
                f.mu[k] = nmu;
                f.sigma[k] = ns;
            }
        }
        return new double[] {h3 + d3, h4 + d4};
    }

    /**
     * One line's normal equations in its (height, centre, width) over its window: {@code A = J'WJ},
     * {@code B = J'W [u v]} (the shape's columns) and, given a residual r, {@code g = J'W r}.
     */
    private record Normals(double[][] a, double[][] b, double[] g) {
    }

    /** @return line k's {@link Normals} under the shape (h3, h4), or null for a window of fewer than 3 pixels */
    private static Normals normals(ColumnFit f, int k, int w, double[] wt, Model m, double[] r, double h3, double h4,
            double[] p, double[] dm, double[] ds) {
        int hw = half(f.sigma[k]);
        int lo = Math.max(0, (int) Math.rint(f.mu[k]) - hw);
        int len = Math.min(w - 1, (int) Math.rint(f.mu[k]) + hw) - lo + 1;
        if (len < 3) {
            return null;
        }
        GaussHermite.fractions(f.mu[k], f.sigma[k], h3, h4, lo, len, p, dm, ds);
        double[][] a = new double[3][3];
        double[][] b = new double[3][2];
        double[] g = new double[3];
        double h = f.height[k];
        double[] j = new double[3];
        for (int q = 0; q < len; q++) {
            double wq = wt[lo + q];
            if (wq <= 0) {
                continue;
            }
            j[0] = p[q];
            j[1] = h * dm[q];
            j[2] = h * ds[q];
            for (int i = 0; i < 3; i++) {
                for (int l = 0; l < 3; l++) {
                    a[i][l] += wq * j[i] * j[l];
                }
                b[i][0] += wq * j[i] * m.u[lo + q];
                b[i][1] += wq * j[i] * m.v[lo + q];
                if (r != null) {
                    g[i] += wq * j[i] * r[lo + q];
                }
            }
        }
        return new Normals(a, b, g);
    }

    /** @return {@code inv b}, 3x3 times 3x2 */
    private static double[][] times(double[][] inv, double[][] b) {
        double[][] out = new double[3][2];
        for (int i = 0; i < 3; i++) {
            for (int l = 0; l < 2; l++) {
                out[i][l] = inv[i][0] * b[0][l] + inv[i][1] * b[1][l] + inv[i][2] * b[2][l];
            }
        }
        return out;
    }

    /** @return the inverse of a symmetric positive definite 3x3 matrix, or null */
    private static double[][] inverse3(double[][] a) {
        double c11 = a[1][1] * a[2][2] - a[1][2] * a[1][2];
        double c12 = a[0][2] * a[1][2] - a[0][1] * a[2][2];
        double c13 = a[0][1] * a[1][2] - a[0][2] * a[1][1];
        double c22 = a[0][0] * a[2][2] - a[0][2] * a[0][2];
        double c23 = a[0][1] * a[0][2] - a[0][0] * a[1][2];
        double c33 = a[0][0] * a[1][1] - a[0][1] * a[0][1];
        double det = a[0][0] * c11 + a[0][1] * c12 + a[0][2] * c13;
        if (!(det > 0)) {
            return null;
        }
        return new double[][] {{c11 / det, c12 / det, c13 / det}, {c12 / det, c22 / det, c23 / det},
            {c13 / det, c23 / det, c33 / det}};
    }

    /**
     * The spectrum's model linear in (h3, h4): {@code model = sum_k H_k (P00 + h3 (P10 - P00) + h4 (P01 - P00))}
     * over every line of the fit. {@code t = d - sum H P00}, {@code u}, {@code v} the sums of the h3 and h4 terms;
     * {@code used} marks the pixels of the selected lines' windows.
     */
    private static final class Model {
        final double[] t;
        final double[] u;
        final double[] v;
        final boolean[] used;

        Model(ColumnFit f, double[] d, boolean[] lines) {
            int w = d.length;
            t = d.clone();
            u = new double[w];
            v = new double[w];
            used = new boolean[w];
            double[] f00 = new double[64];
            double[] f10 = new double[64];
            double[] f01 = new double[64];
            for (int k = 0; k < f.mu.length; k++) {
                if (f.failed[k]) {
                    continue;
                }
                int hw = half(f.sigma[k]);
                int cen = (int) Math.rint(f.mu[k]);
                int lo = Math.max(0, cen - hw);
                int len = Math.min(w - 1, cen + hw) - lo + 1;
                if (len < 1) {
                    continue;
                }
                GaussHermite.fractions(f.mu[k], f.sigma[k], 0, 0, lo, len, f00);
                GaussHermite.fractions(f.mu[k], f.sigma[k], 1, 0, lo, len, f10);
                GaussHermite.fractions(f.mu[k], f.sigma[k], 0, 1, lo, len, f01);
                double h = f.height[k];
                for (int q = 0; q < len; q++) {
                    t[lo + q] -= h * f00[q];
                    u[lo + q] += h * (f10[q] - f00[q]);
                    v[lo + q] += h * (f01[q] - f00[q]);
                    used[lo + q] |= lines[k];
                }
            }
        }
    }
}
