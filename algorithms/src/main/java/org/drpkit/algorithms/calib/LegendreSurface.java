package org.drpkit.algorithms.calib;

import java.util.Arrays;
import org.drpkit.algorithms.stats.RobustStats;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.instrument.Region;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * A smooth 2D surface over a rectangular area: a sum of products of Legendre polynomials
 * {@code c_ij P_i(u) P_j(v)} with total degree {@code i + j <= degree}, where {@code u, v} in [-1, 1] span the area
 * (pixel index {@code x} maps to {@code u = (2 (x - x0) + 1) / width - 1}).
 *
 * <p>Legendre polynomials are orthogonal on the interval, so the least-squares system stays well conditioned with
 * a QR solve, and a low total degree models lamp gradients and vignetting without the edge ringing of a Fourier
 * basis on a non-periodic frame. A row is evaluated with {@code degree + 1} multiply-adds per pixel from a
 * precomputed column table.
 */
final class LegendreSurface {

    private final int degree;
    private final Region area;
    private final double[] coef;

    private LegendreSurface(int degree, Region area, double[] coef) {
        this.degree = degree;
        this.area = area;
        this.coef = coef;
    }

    /** The outcome of a clipped fit. */
    record Fit(LegendreSurface surface, int used, int clipped, double rms) {
    }

    /** @return the number of terms of total degree at most {@code degree} */
    static int terms(int degree) {
        return (degree + 1) * (degree + 2) / 2;
    }

    int degree() {
        return degree;
    }

    /** @return a copy of the coefficients, ordered by {@code i} then {@code j} */
    double[] coefficients() {
        return coef.clone();
    }

    /** @return this surface multiplied by {@code f} */
    LegendreSurface scaled(double f) {
        double[] c = coef.clone();
        for (int t = 0; t < c.length; t++) {
            c[t] *= f;
        }
        return new LegendreSurface(degree, area, c);
    }

    /** @return {@code sum_k f_k s_k} of surfaces of one degree over one area */
    static LegendreSurface combine(LegendreSurface[] s, double[] f) {
        double[] c = new double[s[0].coef.length];
        for (int k = 0; k < s.length; k++) {
            for (int t = 0; t < c.length; t++) {
                c[t] += f[k] * s[k].coef[t];
            }
        }
        return new LegendreSurface(s[0].degree, s[0].area, c);
    }

    double u(double x) {
        return (2 * (x - area.x0()) + 1) / area.width() - 1;
    }

    double v(double y) {
        return (2 * (y - area.y0()) + 1) / area.height() - 1;
    }

    /** Fills {@code out[0..degree]} with {@code P_0(t) .. P_degree(t)} by the three-term recurrence. */
    static void legendre(double t, int degree, double[] out) {
        out[0] = 1;
        if (degree > 0) {
            out[1] = t;
        }
        for (int k = 1; k < degree; k++) {
            out[k + 1] = ((2 * k + 1) * t * out[k] - k * out[k - 1]) / (k + 1);
        }
    }

    /** @return the surface at pixel coordinates (x, y) (fractional coordinates allowed) */
    double value(double x, double y) {
        double[] pu = new double[degree + 1];
        double[] pv = new double[degree + 1];
        legendre(u(x), degree, pu);
        legendre(v(y), degree, pv);
        double s = 0;
        int t = 0;
        for (int i = 0; i <= degree; i++) {
            for (int j = 0; j <= degree - i; j++) {
                s += coef[t++] * pu[i] * pv[j];
            }
        }
        return s;
    }

    /** @return the column table {@code P_i(u(x))} at {@code [i * area.width() + (x - area.x0())]} */
    double[] columnTable() {
        int w = area.width();
        double[] table = new double[(degree + 1) * w];
        double[] p = new double[degree + 1];
        for (int x = 0; x < w; x++) {
            legendre(u(area.x0() + x), degree, p);
            for (int i = 0; i <= degree; i++) {
                table[i * w + x] = p[i];
            }
        }
        return table;
    }

    /**
     * Evaluates row {@code y} over the area's columns into {@code out[0, area.width())}.
     *
     * @param table   {@link #columnTable()}
     * @param scratch at least {@code 2 (degree + 1)} doubles
     */
    void row(int y, double[] table, double[] scratch, double[] out) {
        int w = area.width();
        int d1 = degree + 1;
        legendre(v(y), degree, scratch);
        int t = 0;
        for (int i = 0; i <= degree; i++) {
            double a = 0;
            for (int j = 0; j <= degree - i; j++) {
                a += coef[t++] * scratch[j];
            }
            scratch[d1 + i] = a;
        }
        double a0 = scratch[d1];
        for (int x = 0; x < w; x++) {
            out[x] = a0;
        }
        for (int i = 1; i <= degree; i++) {
            double a = scratch[d1 + i];
            int base = i * w;
            for (int x = 0; x < w; x++) {
                out[x] += a * table[base + x];
            }
        }
    }

    /**
     * Fits the surface to {@code m} samples by weighted least squares (QR), then iteratively drops samples whose
     * weighted residual lies more than {@code clip} robust sigmas (1.4826 MAD) from the median residual, refitting
     * until none is dropped or {@code maxIterations} refits were made.
     *
     * @param what names the data in error messages
     * @throws DrpException {@code CALIB_FIT_FAILED} with fewer than twice as many samples as terms, or a singular
     *                      system
     */
    static Fit fit(double[] xs, double[] ys, double[] values, double[] weights, int m, int degree, Region area,
            double clip, int maxIterations, String what) throws DrpException {
        int nt = terms(degree);
        LegendreSurface shape = new LegendreSurface(degree, area, new double[nt]);
        boolean[] keep = new boolean[m];
        Arrays.fill(keep, true);
        double[][] basis = new double[m][nt];
        double[] pu = new double[degree + 1];
        double[] pv = new double[degree + 1];
        for (int s = 0; s < m; s++) {
            legendre(shape.u(xs[s]), degree, pu);
            legendre(shape.v(ys[s]), degree, pv);
            int t = 0;
            for (int i = 0; i <= degree; i++) {
                for (int j = 0; j <= degree - i; j++) {
                    basis[s][t++] = pu[i] * pv[j];
                }
            }
        }
        double[] z = new double[m];
        float[] work = new float[m];
        int kept = m;
        LegendreSurface surface = null;
        for (int it = 0; ; it++) {
            if (kept < 2 * nt) {
                throw new DrpException(CalibErrorCode.CALIB_FIT_FAILED, Location.NOWHERE, what + ": only " + kept
                        + " good blocks for " + nt + " model terms (degree " + degree
                        + "); use a smaller block size or degree");
            }
            surface = solve(basis, values, weights, keep, kept, nt, degree, area, what);
            int k = 0;
            for (int s = 0; s < m; s++) {
                z[s] = (values[s] - surface.dot(basis[s])) * Math.sqrt(weights[s]);
                if (keep[s]) {
                    work[k++] = (float) z[s];
                }
            }
            double med = RobustStats.quantileInPlace(work, k, 0.5);
            for (int s = 0, q = 0; s < m; s++) {
                if (keep[s]) {
                    work[q++] = (float) Math.abs(z[s] - med);
                }
            }
            double scale = 1.4826 * RobustStats.quantileInPlace(work, k, 0.5);
            int dropped = 0;
            if (scale > 0 && it < maxIterations) {
                for (int s = 0; s < m; s++) {
                    if (keep[s] && Math.abs(z[s] - med) > clip * scale) {
                        keep[s] = false;
                        dropped++;
                    }
                }
            }
            if (dropped == 0) {
                break;
            }
            kept -= dropped;
        }
        double ss = 0;
        for (int s = 0; s < m; s++) {
            if (keep[s]) {
                double r = values[s] / surface.dot(basis[s]) - 1;
                ss += r * r;
            }
        }
        return new Fit(surface, kept, m - kept, Math.sqrt(ss / kept));
    }

    private double dot(double[] b) {
        double s = 0;
        for (int t = 0; t < coef.length; t++) {
            s += coef[t] * b[t];
        }
        return s;
    }

    private static LegendreSurface solve(double[][] basis, double[] values, double[] weights, boolean[] keep,
            int kept, int nt, int degree, Region area, String what) throws DrpException {
        DMatrixRMaj a = new DMatrixRMaj(kept, nt);
        DMatrixRMaj b = new DMatrixRMaj(kept, 1);
        int r = 0;
        for (int s = 0; s < basis.length; s++) {
            if (!keep[s]) {
                continue;
            }
            double sw = Math.sqrt(weights[s]);
            for (int t = 0; t < nt; t++) {
                a.unsafe_set(r, t, basis[s][t] * sw);
            }
            b.unsafe_set(r, 0, values[s] * sw);
            r++;
        }
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.leastSquares(kept, nt);
        DMatrixRMaj x = new DMatrixRMaj(nt, 1);
        boolean ok = solver.setA(a);
        if (ok) {
            solver.solve(b, x);
            for (double c : x.getData()) {
                ok &= Double.isFinite(c);
            }
        }
        if (!ok) {
            throw new DrpException(CalibErrorCode.CALIB_FIT_FAILED, Location.NOWHERE,
                    what + ": the illumination model is singular for the good blocks (lower the degree)");
        }
        return new LegendreSurface(degree, area, x.getData().clone());
    }
}
