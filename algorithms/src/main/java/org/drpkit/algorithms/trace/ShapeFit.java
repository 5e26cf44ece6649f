package org.drpkit.algorithms.trace;

import org.drpkit.core.image.MaskedImage;
import org.drpkit.core.instrument.Region;
import org.drpkit.core.trace.ProfileShape;
import org.drpkit.core.trace.TraceStatus;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * The profile shape of a flat (package-private step of {@link TraceFinder}): with every trace's centre, width and
 * height held, the pixel fractions {@code dPhi - h3 d(phi He2) - h4 d(phi He3)} are linear in h3 and h4, so their
 * six coefficients ({@link ProfileShape}: value and slopes per 1000 columns and rows) are one weighted linear
 * least-squares fit over the columns the traces were fitted in, those with a finite height (normal equations solved by EJML).
 */
final class ShapeFit {

    private static final double INV_SQRT_2PI = 0.3989422804014327;
    /** A fitted |h3| or |h4| beyond this is not a profile shape but a failed fit. */
    private static final double MAX_COEFFICIENT = 0.5;

    private ShapeFit() {
    }

    /**
     * @return the fitted shape, or null when the fit is not determined or not plausible
     */
    static ProfileShape fit(MaskedImage flat, Region area, double[] centre, double[] sigma, double[] height,
            TraceStatus[] status, int rejectBits) {
        int w = flat.width();
        int h = area.y1();
        int n = status.length;
        double[] ata = new double[36];
        double[] atb = new double[6];
        double[] base = new double[h];
        double[][] j = new double[6][h];
        ColumnFit col = new ColumnFit(1, area.y0(), area.y1());
        double[] edgePhi = new double[64];
        double[] edgeA = new double[64];
        double[] edgeB = new double[64];
        for (int x = area.x0(); x < area.x1(); x++) {
            if (!isFitted(height, status, w, x)) {
                continue;
            }
            TraceFinder.gather(flat, x, area, rejectBits, col);
            double[] d = col.data();
            double[] wt = col.weights();
            java.util.Arrays.fill(base, 0);
            for (double[] row : j) {
                java.util.Arrays.fill(row, 0);
            }
            double bx = x * 1e-3;
            for (int i = 0; i < n; i++) {
                int k = i * w + x;
                double mu = centre[k];
                double s = sigma[k];
                double hh = height[k];
                if (status[i] != TraceStatus.LIVE || !(hh > 0) || !Double.isFinite(mu) || !(s > 0)) {
                    continue;
                }
                int half = Math.min(30, (int) Math.ceil(4 * s) + 1);
                int c = (int) Math.rint(mu);
                int lo = Math.max(area.y0(), c - half);
                int hi = Math.min(area.y1() - 1, c + half);
                for (int e = 0; e <= hi - lo + 1; e++) {
                    double z = (lo + e - 0.5 - mu) / s;
                    double phi = INV_SQRT_2PI * Math.exp(-0.5 * z * z);
                    edgePhi[e] = GaussHermite.cdf(z, 0, 0);
                    edgeA[e] = phi * (z * z - 1);
                    edgeB[e] = phi * z * (z * z - 3);
                }
                double by = mu * 1e-3;
                for (int y = lo; y <= hi; y++) {
                    int e = y - lo;
                    double da = -hh * (edgeA[e + 1] - edgeA[e]);
                    double db = -hh * (edgeB[e + 1] - edgeB[e]);
                    base[y] += hh * (edgePhi[e + 1] - edgePhi[e]);
                    j[0][y] += da;
                    j[1][y] += da * bx;
                    j[2][y] += da * by;
                    j[3][y] += db;
                    j[4][y] += db * bx;
                    j[5][y] += db * by;
                }
            }
            for (int y = area.y0(); y < area.y1(); y++) {
                double wy = wt[y];
                if (wy <= 0 || j[0][y] == 0) {
                    continue;
                }
                double r = d[y] - base[y];
                for (int a = 0; a < 6; a++) {
                    double ja = wy * j[a][y];
                    atb[a] += ja * r;
                    for (int b = 0; b < 6; b++) {
                        ata[a * 6 + b] += ja * j[b][y];
                    }
                }
            }
        }
        DMatrixRMaj a = new DMatrixRMaj(6, 6, true, ata);
        DMatrixRMaj b = new DMatrixRMaj(6, 1, true, atb);
        DMatrixRMaj c = new DMatrixRMaj(6, 1);
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.pseudoInverse(true);
        if (!solver.setA(a)) {
            return null;
        }
        solver.solve(b, c);
        double[] v = c.getData();
        for (double q : v) {
            if (!Double.isFinite(q)) {
                return null;
            }
        }
        ProfileShape shape = new ProfileShape(v[0], v[1], v[2], v[3], v[4], v[5]);
        double xm = area.x1();
        double ym = area.y1();
        for (double[] corner : new double[][] {{area.x0(), area.y0()}, {xm, area.y0()}, {area.x0(), ym}, {xm, ym}}) {
            if (Math.abs(shape.h3(corner[0], corner[1])) > MAX_COEFFICIENT
                    || Math.abs(shape.h4(corner[0], corner[1])) > MAX_COEFFICIENT) {
                return null;
            }
        }
        return shape;
    }

    /** @return true when some live trace has a fitted height at column x */
    private static boolean isFitted(double[] height, TraceStatus[] status, int w, int x) {
        for (int i = 0; i < status.length; i++) {
            if (status[i] == TraceStatus.LIVE && Double.isFinite(height[i * w + x])) {
                return true;
            }
        }
        return false;
    }
}
