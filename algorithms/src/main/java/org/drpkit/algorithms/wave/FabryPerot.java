package org.drpkit.algorithms.wave;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.linear.RealMatrix;
import org.drpkit.algorithms.stats.RobustStats;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;

/**
 * The Fabry-Perot etalon solution: the etalon's peaks fall at {@code lambda_m = 2 L / (m + eps)} for integer orders m
 * (cavity length L in Angstrom, phase eps), so a comb of many sharp peaks tells relative wavelengths far better than
 * the few arc lines can, while the arc lines fix the absolute scale. The fit is joint: the cavity (L, eps) is common
 * to every fibre, each fibre keeps its own polynomial, and both arc lines (at their list wavelengths) and etalon peaks
 * (at {@code 2L/(m + eps)}) enter each fibre's polynomial, weighted by their centre errors. The polynomials are
 * eliminated for every trial cavity (variable projection: a weighted linear least-squares fit per fibre), and L and
 * eps are found by Levenberg-Marquardt on the scaled pair ({@code (L - L0)/L0 * 1e7}, eps). Orders come from each
 * fibre's arc-only solution and the starting cavity ({@code m = rint(2 L0 / lambda - eps0)}); two rounds drop points
 * beyond 4 robust sigmas of their fibre's residuals.
 *
 * <pre>{@code
 * FabryPerot.Result r = FabryPerot.fit(fibres, FabryPerot.Cavity.apo(), 4);
 * r.cavity();    // Cavity[L = 37363125.012 A (+- 2.1e-09 relative), eps = 0.22497 +- 0.00004]
 * r.solution(0).wavelength(1000);
 * }</pre>
 *
 * Pure function: no state, thread-safe, deterministic.
 */
public final class FabryPerot {

    /** Clipping threshold, robust sigmas. */
    public static final double CLIP = 4;
    /** Peaks whose predicted order is further than this from an integer are not used (the order is unsure). */
    public static final double MAX_ORDER_OFFSET = 0.25;

    private FabryPerot() {
    }

    /**
     * The etalon's cavity.
     *
     * @param length      L, Angstrom (half the optical path difference)
     * @param phase       eps
     * @param lengthError 1-sigma error of L, Angstrom (0 for a starting value)
     * @param phaseError  1-sigma error of eps
     */
    public record Cavity(double length, double phase, double lengthError, double phaseError) {

        /** Checks the values. */
        public Cavity {
            if (!(length > 0) || !Double.isFinite(length) || !Double.isFinite(phase)) {
                throw new IllegalArgumentException("cavity length " + length + ", phase " + phase);
            }
        }

        /** @return the spec's starting cavity for APOGEE-N at APO: L = 3.7363125e7 A, eps = 0.225 */
        public static Cavity apo() {
            return new Cavity(3.7363125e7, 0.225, 0, 0);
        }

        /** @return the spec's starting cavity for APOGEE-S at LCO: L = 3.73610e7 A, eps = 0.20 */
        public static Cavity lco() {
            return new Cavity(3.73610e7, 0.20, 0, 0);
        }

        /** @return the wavelength of order m, Angstrom */
        public double wavelength(int m) {
            return 2 * length / (m + phase);
        }

        /** @return the order nearest to wavelength lambda, and how far off it is (as a real order number) */
        public double order(double lambda) {
            return 2 * length / lambda - phase;
        }

        @Override
        public String toString() {
            return String.format("Cavity[L = %.4f A (+- %.2g relative), eps = %.5f +- %.5f]", length,
                    lengthError / length, phase, phaseError);
        }
    }

    /**
     * One fibre's measurements.
     *
     * @param peakX      etalon peak centres, columns
     * @param peakSigma  their errors, columns
     * @param arcX       identified arc line centres, columns
     * @param arcLambda  their vacuum wavelengths, Angstrom
     * @param arcSigma   their centre errors, columns
     */
    public record Fibre(double[] peakX, double[] peakSigma, double[] arcX, double[] arcLambda, double[] arcSigma) {

        /** Checks lengths and copies. */
        public Fibre {
            if (peakX.length != peakSigma.length || arcX.length != arcLambda.length || arcX.length != arcSigma.length) {
                throw new IllegalArgumentException("peak or arc arrays differ in length");
            }
            peakX = peakX.clone();
            peakSigma = peakSigma.clone();
            arcX = arcX.clone();
            arcLambda = arcLambda.clone();
            arcSigma = arcSigma.clone();
        }

        /**
         * @param x     more etalon peaks, columns in this fibre's frame (another exposure's peaks moved back by its
         *              dither, {@link DitherFit.Result#toReference})
         * @param sigma their errors, columns
         * @return this fibre with the peaks added: a night's etalon exposures pooled into one fit
         */
        public Fibre plusPeaks(double[] x, double[] sigma) {
            if (x.length != sigma.length) {
                throw new IllegalArgumentException(x.length + " peaks, " + sigma.length + " errors");
            }
            double[] px = Arrays.copyOf(peakX, peakX.length + x.length);
            double[] ps = Arrays.copyOf(peakSigma, peakSigma.length + sigma.length);
            System.arraycopy(x, 0, px, peakX.length, x.length);
            System.arraycopy(sigma, 0, ps, peakSigma.length, sigma.length);
            return new Fibre(px, ps, arcX, arcLambda, arcSigma);
        }

        /** @return a fibre from its etalon peaks and its arc solution's identified lines */
        public static Fibre of(ArcPeaks.Result etalon, ArcCalibration.ChipResult arc) {
            boolean[] used = arc.fit().used();
            double[] x = arc.centres();
            List<double[]> keep = new ArrayList<>();
            for (int i = 0; i < x.length; i++) {
                if (used[i]) {
                    keep.add(new double[] {x[i], arc.found().get(i).wavelength(), arc.centreErrors()[i]});
                }
            }
            return new Fibre(etalon.centres(), etalon.centreErrors(), keep.stream().mapToDouble(r -> r[0]).toArray(),
                    keep.stream().mapToDouble(r -> r[1]).toArray(), keep.stream().mapToDouble(r -> r[2]).toArray());
        }
    }

    /**
     * @param cavity     the fitted cavity with its errors (scaled up by the reduced chi-square when it exceeds 1)
     * @param solutions  each fibre's polynomial
     * @param orders     each fibre's etalon orders (0 for a peak not used)
     * @param peakRms    each fibre's rms of the used etalon peaks against the solution, Angstrom
     * @param arcRms     each fibre's rms of the used arc lines, Angstrom
     * @param peaksUsed  etalon peaks used over all fibres
     * @param reducedChi2 chi-square per degree of freedom
     */
    public record Result(Cavity cavity, ChipWavelength[] solutions, int[][] orders, double[] peakRms, double[] arcRms,
            int peaksUsed, double reducedChi2) {

        /** @return fibre k's solution */
        public ChipWavelength solution(int k) {
            return solutions[k];
        }

        @Override
        public String toString() {
            double[] p = peakRms.clone();
            Arrays.sort(p);
            return String.format("FabryPerot.Result[%s, %d fibres, %d etalon peaks, median peak rms %.5f A (%.1f m/s),"
                    + " chi2/dof %.2f]", cavity, solutions.length, peaksUsed, p[p.length / 2],
                    WavelengthFit.C_METRES_PER_SECOND * p[p.length / 2] / solutions[0].wavelength(1023.5),
                    reducedChi2);
        }
    }

    /**
     * @param fibres the fibres' etalon peaks and arc lines
     * @param start  the starting cavity (its L within a few 1e-5 and its eps within 0.1 give the right orders)
     * @param degree polynomial degree of each fibre's solution
     * @return the joint solution
     * @throws DrpException {@code WAVE_TOO_FEW_LINES} when a fibre has too few arc lines for its first solution, or
     *                      the fit does not converge
     */
    public static Result fit(List<Fibre> fibres, Cavity start, int degree) throws DrpException {
        Objects.requireNonNull(start, "start");
        int nf = fibres.size();
        if (nf == 0) {
            throw new DrpException(WaveErrorCode.WAVE_TOO_FEW_LINES, Location.NOWHERE, "no fibres");
        }
        // orders from each fibre's arc-only solution
        int[][] orders = new int[nf][];
        ChipWavelength[] dispersion = new ChipWavelength[nf];
        boolean[][] use = new boolean[nf][];
        boolean[][] arcUse = new boolean[nf][];
        for (int f = 0; f < nf; f++) {
            Fibre fb = fibres.get(f);
            ChipWavelength arcOnly = WavelengthFit.fit(fb.arcX(), fb.arcLambda(), fb.arcSigma(), degree).solution();
            dispersion[f] = WavelengthFit.fit(fb.arcX(), fb.arcLambda(), null, Math.min(2, degree)).solution();
            orders[f] = new int[fb.peakX().length];
            use[f] = new boolean[fb.peakX().length];
            for (int i = 0; i < orders[f].length; i++) {
                double m = start.order(arcOnly.wavelength(fb.peakX()[i]));
                orders[f][i] = (int) Math.rint(m);
                use[f][i] = Math.abs(m - orders[f][i]) <= MAX_ORDER_OFFSET;
            }
            arcUse[f] = new boolean[fb.arcX().length];
            Arrays.fill(arcUse[f], true);
        }
        Projection proj = null;
        double[] p = {0, start.phase()};
        for (int round = 0; round < 3; round++) {
            proj = new Projection(fibres, orders, use, arcUse, degree, start.length(), dispersion);
            p = solve(proj, p);
            if (round == 2) {
                break;
            }
            // clip per fibre at CLIP robust sigmas of its normalised residuals
            for (int f = 0; f < nf; f++) {
                double[][] r = proj.normalisedResiduals(f, p);
                double s = robustSigma(r[0], r[1], use[f], arcUse[f]);
                for (int i = 0; i < use[f].length; i++) {
                    use[f][i] &= Math.abs(r[0][i]) <= CLIP * s;
                }
                for (int i = 0; i < arcUse[f].length; i++) {
                    arcUse[f][i] &= Math.abs(r[1][i]) <= CLIP * s;
                }
            }
        }
        return proj.result(p);
    }

    private static double robustSigma(double[] peaks, double[] arcs, boolean[] use, boolean[] arcUse) {
        double[] a = new double[peaks.length + arcs.length];
        int m = 0;
        for (int i = 0; i < peaks.length; i++) {
            if (use[i]) {
                a[m++] = Math.abs(peaks[i]);
            }
        }
        for (int i = 0; i < arcs.length; i++) {
            if (arcUse[i]) {
                a[m++] = Math.abs(arcs[i]);
            }
        }
        return Math.max(RobustStats.SIGMA_PER_MAD * RobustStats.median(Arrays.copyOf(a, m)), 1e-9);
    }

    private static double[] solve(Projection proj, double[] start) throws DrpException {
        LeastSquaresBuilder b = new LeastSquaresBuilder().start(start).target(new double[proj.size()])
                .model(proj::residuals, proj::jacobian).maxEvaluations(200).maxIterations(100)
                .lazyEvaluation(false);
        try {
            LeastSquaresOptimizer.Optimum o = new LevenbergMarquardtOptimizer().optimize(b.build());
            double[] p = o.getPoint().toArray();
            RealMatrix cov = o.getCovariances(1e-14);
            double chi2 = o.getCost() * o.getCost() / Math.max(1, proj.size() - proj.linearParameters() - 2);
            // scaled up by the reduced chi-square when it exceeds 1, never down: chi2/dof of 0.12-0.15 on the simulator
            // comes from the arc lines' centre-error floor, which says nothing about L (scaled down as well, the demo
            // nights' L sat 3.9 and 7 of those errors from the truth; 1.35 and 2.7 of the unscaled ones)
            double scale = Math.max(1, chi2);
            proj.errors = new double[] {Math.sqrt(cov.getEntry(0, 0) * scale), Math.sqrt(cov.getEntry(1, 1) * scale)};
            proj.chi2 = chi2;
            return p;
        } catch (RuntimeException e) {
            throw new DrpException(WaveErrorCode.WAVE_TOO_FEW_LINES, Location.NOWHERE,
                    "the etalon fit did not converge: " + e.getMessage());
        }
    }

    /** The residual vector of every fibre for a trial cavity, the polynomials eliminated. */
    private static final class Projection {

        private final List<Fibre> fibres;
        private final int[][] orders;
        private final boolean[][] use;
        private final boolean[][] arcUse;
        private final int degree;
        private final double l0;
        private final int size;
        /** Each fibre's arc-only quadratic, for the weights' dispersion (it does not depend on the cavity). */
        private final ChipWavelength[] dispersion;
        double[] errors;
        double chi2;

        Projection(List<Fibre> fibres, int[][] orders, boolean[][] use, boolean[][] arcUse, int degree, double l0,
                ChipWavelength[] dispersion) {
            this.fibres = fibres;
            this.dispersion = dispersion;
            this.orders = orders;
            this.use = use;
            this.arcUse = arcUse;
            this.degree = degree;
            this.l0 = l0;
            int n = 0;
            for (int f = 0; f < fibres.size(); f++) {
                n += count(use[f]) + count(arcUse[f]);
            }
            this.size = n;
        }

        int size() {
            return size;
        }

        int linearParameters() {
            return fibres.size() * (degree + 1);
        }

        private static int count(boolean[] b) {
            int n = 0;
            for (boolean v : b) {
                n += v ? 1 : 0;
            }
            return n;
        }

        private double length(double[] p) {
            return l0 * (1 + p[0] * 1e-7);
        }

        /** One fibre's weighted points: x, lambda, weight (1/sigma_lambda^2), peak or arc index. */
        private double[][] points(int f, double[] p, ChipWavelength disp) {
            Fibre fb = fibres.get(f);
            double len = length(p);
            List<double[]> pts = new ArrayList<>();
            for (int i = 0; i < fb.peakX().length; i++) {
                if (use[f][i]) {
                    double s = Math.max(fb.peakSigma()[i], 1e-4) * disp.dispersion(fb.peakX()[i]);
                    pts.add(new double[] {fb.peakX()[i], 2 * len / (orders[f][i] + p[1]), 1 / (s * s), i});
                }
            }
            for (int i = 0; i < fb.arcX().length; i++) {
                if (arcUse[f][i]) {
                    double s = Math.max(fb.arcSigma()[i], WavelengthFit.CENTRE_ERROR_FLOOR)
                            * disp.dispersion(fb.arcX()[i]);
                    pts.add(new double[] {fb.arcX()[i], fb.arcLambda()[i], 1 / (s * s), -1 - i});
                }
            }
            return pts.toArray(new double[0][]);
        }

        private ChipWavelength polynomial(double[][] pts) {
            double[] u = new double[pts.length];
            double[] y = new double[pts.length];
            double[] w = new double[pts.length];
            for (int r = 0; r < pts.length; r++) {
                u[r] = (pts[r][0] - 1023.5) / 1024;
                y[r] = pts[r][1];
                w[r] = pts[r][2];
            }
            return new ChipWavelength(WavelengthFit.leastSquares(u, y, w, null, degree), 1023.5, 1024);
        }

        double[] residuals(double[] p) {
            double[] r = new double[size];
            int j = 0;
            for (int f = 0; f < fibres.size(); f++) {
                double[][] pts = points(f, p, dispersion[f]);
                ChipWavelength sol = polynomial(pts);
                for (double[] q : pts) {
                    r[j++] = Math.sqrt(q[2]) * (sol.wavelength(q[0]) - q[1]);
                }
            }
            return r;
        }

        double[][] jacobian(double[] p) {
            double[] r0 = residuals(p);
            double[][] jac = new double[size][2];
            double[] steps = {1e-3, 1e-4};
            for (int k = 0; k < 2; k++) {
                double[] q = p.clone();
                q[k] += steps[k];
                double[] r1 = residuals(q);
                for (int i = 0; i < size; i++) {
                    jac[i][k] = (r1[i] - r0[i]) / steps[k];
                }
            }
            return jac;
        }

        /** @return {peak residuals, arc residuals} of fibre f over sigma (NaN where not used) */
        double[][] normalisedResiduals(int f, double[] p) {
            Fibre fb = fibres.get(f);
            double[][] pts = points(f, p, dispersion[f]);
            ChipWavelength sol = polynomial(pts);
            double[] pr = new double[fb.peakX().length];
            double[] ar = new double[fb.arcX().length];
            Arrays.fill(pr, Double.NaN);
            Arrays.fill(ar, Double.NaN);
            for (double[] q : pts) {
                double z = Math.sqrt(q[2]) * (sol.wavelength(q[0]) - q[1]);
                if (q[3] >= 0) {
                    pr[(int) q[3]] = z;
                } else {
                    ar[(int) (-1 - q[3])] = z;
                }
            }
            return new double[][] {pr, ar};
        }

        Result result(double[] p) {
            int nf = fibres.size();
            ChipWavelength[] sols = new ChipWavelength[nf];
            double[] peakRms = new double[nf];
            double[] arcRms = new double[nf];
            int used = 0;
            int[][] ord = new int[nf][];
            for (int f = 0; f < nf; f++) {
                double[][] pts = points(f, p, dispersion[f]);
                sols[f] = polynomial(pts);
                double sp = 0;
                double sa = 0;
                int np = 0;
                int na = 0;
                for (double[] q : pts) {
                    double d = sols[f].wavelength(q[0]) - q[1];
                    if (q[3] >= 0) {
                        sp += d * d;
                        np++;
                    } else {
                        sa += d * d;
                        na++;
                    }
                }
                peakRms[f] = np > 0 ? Math.sqrt(sp / np) : Double.NaN;
                arcRms[f] = na > 0 ? Math.sqrt(sa / na) : Double.NaN;
                used += np;
                ord[f] = orders[f].clone();
                for (int i = 0; i < ord[f].length; i++) {
                    if (!use[f][i]) {
                        ord[f][i] = 0;
                    }
                }
            }
            Cavity c = new Cavity(length(p), p[1], l0 * 1e-7 * errors[0], errors[1]);
            return new Result(c, sols, ord, peakRms, arcRms, used, chi2);
        }
    }
}
