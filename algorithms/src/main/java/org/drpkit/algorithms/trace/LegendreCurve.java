package org.drpkit.algorithms.trace;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * A weighted, clipped least-squares fit of a Legendre series along x (package-private: the smoothing of trace
 * centres and widths). Columns map to {@code u = 2 (x - x0) / (x1 - 1 - x0) - 1}; solved by QR (EJML).
 */
final class LegendreCurve {

    private LegendreCurve() {
    }

    /** The result of a clipped fit: the smooth values at every column, and the points kept. */
    record Fit(double[] values, int used, double chi2PerPoint) {
    }

    /**
     * @param v      values per column (index x - x0); NaN = missing
     * @param err    1-sigma errors per column; non-positive or NaN = missing
     * @param degree polynomial degree (lowered when too few points)
     * @param clip   points further than clip errors (scaled by the fit's reduced chi) are dropped, 3 rounds
     * @return the fit evaluated at every column, or null when fewer than 2 points exist
     */
    static Fit fit(double[] v, double[] err, int degree, double clip) {
        int m = v.length;
        boolean[] use = new boolean[m];
        int count = 0;
        for (int i = 0; i < m; i++) {
            use[i] = Double.isFinite(v[i]) && err[i] > 0 && Double.isFinite(err[i]);
            count += use[i] ? 1 : 0;
        }
        if (count < 2) {
            return null;
        }
        double[][] basis = new double[m][];
        double[] coef = null;
        int deg = Math.min(degree, count - 1);
        double chi = 1;
        for (int round = 0; round < 4; round++) {
            int k = deg + 1;
            int used = 0;
            for (boolean u : use) {
                used += u ? 1 : 0;
            }
            if (used < k) {
                break;
            }
            DMatrixRMaj a = new DMatrixRMaj(used, k);
            DMatrixRMaj b = new DMatrixRMaj(used, 1);
            int r = 0;
            for (int i = 0; i < m; i++) {
                if (!use[i]) {
                    continue;
                }
                if (basis[i] == null) {
                    basis[i] = legendre(u(i, m), degree);
                }
                double wt = 1 / err[i];
                for (int j = 0; j < k; j++) {
                    a.set(r, j, basis[i][j] * wt);
                }
                b.set(r, 0, v[i] * wt);
                r++;
            }
            LinearSolverDense<DMatrixRMaj> qr = LinearSolverFactory_DDRM.leastSquares(used, k);
            if (!qr.setA(a)) {
                break;
            }
            DMatrixRMaj x = new DMatrixRMaj(k, 1);
            qr.solve(b, x);
            coef = x.getData().clone();
            double chi2 = 0;
            for (int i = 0; i < m; i++) {
                if (use[i]) {
                    double z = (v[i] - eval(basis[i], coef)) / err[i];
                    chi2 += z * z;
                }
            }
            chi = Math.sqrt(Math.max(1, chi2 / Math.max(1, used - k)));
            boolean changed = false;
            for (int i = 0; i < m; i++) {
                if (use[i] && Math.abs(v[i] - eval(basis[i], coef)) > clip * chi * err[i]) {
                    use[i] = false;
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
        }
        if (coef == null) {
            return null;
        }
        double[] out = new double[m];
        int used = 0;
        for (int i = 0; i < m; i++) {
            double[] bi = basis[i] != null ? basis[i] : legendre(u(i, m), degree);
            out[i] = eval(bi, coef);
            used += use[i] ? 1 : 0;
        }
        return new Fit(out, used, chi * chi);
    }

    private static double u(int i, int m) {
        return m == 1 ? 0 : 2.0 * i / (m - 1) - 1;
    }

    private static double eval(double[] basis, double[] coef) {
        double s = 0;
        for (int j = 0; j < coef.length; j++) {
            s += basis[j] * coef[j];
        }
        return s;
    }

    private static double[] legendre(double u, int degree) {
        double[] p = new double[degree + 1];
        p[0] = 1;
        if (degree > 0) {
            p[1] = u;
        }
        for (int j = 2; j <= degree; j++) {
            p[j] = ((2 * j - 1) * u * p[j - 1] - (j - 1) * p[j - 2]) / j;
        }
        return p;
    }
}
