package org.drpkit.algorithms.wave;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.linear.RealMatrix;
import org.drpkit.algorithms.stats.Polynomials;
import org.drpkit.algorithms.stats.RobustStats;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;

/**
 * Fits the spec's multi-chip model ({@link MultiChipWavelength}) to one fibre's identified lines on all three chips
 * at once: the polynomial a_k is eliminated for every trial chip map (variable projection: a weighted linear least
 * squares), and the red and blue chips' offsets (and, with {@link Params#freeScales()}, scales; the spec's
 * cporder 1 of the etalon fit, cporder 0 of the sky fit) are found by Levenberg-Marquardt (Commons Math). Weights
 * {@code 1 / (max(sigma_x, floor) |d lambda/dx|)^2}; lines further than {@link WavelengthFit#CLIP} robust sigmas
 * (1.4826 MAD of the used residuals, at least {@link WavelengthFit#MIN_CLIP_ANGSTROM}) are clipped, in rounds, until
 * no line changes side. Upstream minimises unweighted residuals with LBFGS; here the weights make a faint line count
 * for what it is worth, and the errors of the chip map come with the fit.
 *
 * <pre>{@code
 * MultiChipFit.Result r = MultiChipFit.fit(List.of(ChipLines.of(red), ChipLines.of(green), ChipLines.of(blue)),
 *         MultiChipFit.Params.defaults());
 * r;                      // MultiChipFit.Result[134 of 134 lines, rms 0.0053 A (99 m/s), chi2/dof 0.42; red o ...]
 * r.model().chip(3);      // the blue chip's solution
 * }</pre>
 *
 * Pure function: no state, thread-safe, deterministic.
 */
public final class MultiChipFit {

    private MultiChipFit() {
    }

    /**
     * @param degree      degree of the shared polynomial (the spec's wporder 4)
     * @param freeScales  fit the red and blue scales as well as the offsets
     * @param errorFloor  smallest centre error used in a weight, columns
     * @param start       the chip map to start from (its coefficients are not used)
     */
    public record Params(int degree, boolean freeScales, double errorFloor, MultiChipWavelength start) {

        /** Checks ranges. */
        public Params {
            Objects.requireNonNull(start, "start");
            if (degree < 1 || degree > 6 || !(errorFloor > 0)) {
                throw new IllegalArgumentException("degree 1..6 and a positive error floor, not " + degree + ", "
                        + errorFloor);
            }
        }

        /** @return a quartic, free offsets and scales, the arc fit's 0.02-column floor, the APO start */
        public static Params defaults() {
            return new Params(4, true, WavelengthFit.CENTRE_ERROR_FLOOR, MultiChipWavelength.apoStart(new double[] {1}));
        }

        /** @return these parameters with the scales fixed at the start's (the spec's sky fit, cporder 0) */
        public Params offsetsOnly() {
            return new Params(degree, false, errorFloor, start);
        }

        /** @return these parameters with another degree */
        public Params withDegree(int d) {
            return new Params(d, freeScales, errorFloor, start);
        }
    }

    /**
     * @param model        the fitted model
     * @param used         per input chip (in the given order), whether each line survived the clipping
     * @param residual     per input chip, wavelength minus the model, Angstrom
     * @param offsetError  1-sigma errors of the offsets of chips 1..3 (0 for green)
     * @param scaleError   1-sigma errors of the scales (0 where fixed)
     * @param rms          rms residual of the used lines, Angstrom
     * @param chipRms      rms residual of the used lines per input chip, Angstrom
     * @param reducedChi2  chi-square per degree of freedom (the errors above are scaled by it when above 1)
     * @param meanWavelength mean wavelength of the used lines, Angstrom
     */
    public record Result(MultiChipWavelength model, boolean[][] used, double[][] residual, double[] offsetError,
            double[] scaleError, double rms, double[] chipRms, double reducedChi2, double meanWavelength) {

        /** Copies the arrays. */
        public Result {
            used = ChipArrays.copy(used);
            residual = ChipArrays.copy(residual);
            offsetError = offsetError.clone();
            scaleError = scaleError.clone();
            chipRms = chipRms.clone();
        }

        /** @return per input chip, whether each line survived the clipping (a copy) */
        @Override
        public boolean[][] used() {
            return ChipArrays.copy(used);
        }

        /** @return per input chip, wavelength minus the model, Angstrom (a copy) */
        @Override
        public double[][] residual() {
            return ChipArrays.copy(residual);
        }

        /** @return 1-sigma errors of the offsets of chips 1..3 (a copy) */
        @Override
        public double[] offsetError() {
            return offsetError.clone();
        }

        /** @return 1-sigma errors of the scales of chips 1..3 (a copy) */
        @Override
        public double[] scaleError() {
            return scaleError.clone();
        }

        /** @return rms per input chip, Angstrom (a copy) */
        @Override
        public double[] chipRms() {
            return chipRms.clone();
        }

        /** @return lines used over all chips */
        public int linesUsed() {
            return ChipArrays.countTrue(used);
        }

        /** @return lines given over all chips */
        public int lines() {
            return ChipArrays.count(used);
        }

        /** @return the rms as a velocity, m/s */
        public double rmsMetresPerSecond() {
            return WavelengthFit.C_METRES_PER_SECOND * rms / meanWavelength;
        }

        @Override
        public String toString() {
            return String.format("MultiChipFit.Result[%d of %d lines, rms %.4f A (%.0f m/s), chi2/dof %.2f; red o"
                    + " %.6f +- %.6f s %.6f +- %.6f, blue o %.6f +- %.6f s %.6f +- %.6f]", linesUsed(), lines(), rms,
                    rmsMetresPerSecond(), reducedChi2, model.offset(1), offsetError[0], model.scale(1),
                    scaleError[0], model.offset(3), offsetError[2], model.scale(3), scaleError[2]);
        }
    }

    /**
     * @param chips one fibre's identified lines, one entry per chip; the green chip (2) must be among them, the red
     *              and blue are optional (a missing chip keeps the start's map); each chip at most once
     * @param p     parameters
     * @return the fit
     * @throws DrpException {@code WAVE_TOO_FEW_LINES} when a chip has too few lines for its map (2 for an offset, 3
     *                      with a scale) or all chips together too few for the polynomial and the map, or the fit
     *                      does not converge; {@code WAVE_SHAPE_MISMATCH} without a green chip or with a chip twice
     */
    public static Result fit(List<ChipLines> chips, Params p) throws DrpException {
        boolean[] present = new boolean[3];
        for (ChipLines c : chips) {
            if (present[c.chip() - 1]) {
                throw new DrpException(WaveErrorCode.WAVE_SHAPE_MISMATCH, Location.NOWHERE, "chip " + c.chip()
                        + " given twice");
            }
            present[c.chip() - 1] = true;
        }
        if (!present[1]) {
            throw new DrpException(WaveErrorCode.WAVE_SHAPE_MISMATCH, Location.NOWHERE,
                    "the green chip (2) defines the model's coordinate and must be given");
        }
        Problem pr = new Problem(chips, p, present);
        for (int round = 0; round < 10; round++) {
            pr.check();
            pr.solve();
            if (!pr.clip()) {
                break;
            }
        }
        return pr.result();
    }

    /** The fit's state: the lines, which are used, the free chip-map parameters. */
    private static final class Problem {

        private final List<ChipLines> chips;
        private final Params p;
        /** Free parameters: for each free chip (red, blue), its offset and optionally its scale. */
        private final List<int[]> free = new ArrayList<>();   // {chip index, 0 offset | 1 scale}
        private final boolean[][] used;
        private final double[][] sigmaLambda;
        private double[] point;
        private double[] pointError;
        private double chi2;
        private double[] coeff;

        Problem(List<ChipLines> chips, Params p, boolean[] present) throws DrpException {
            this.chips = chips;
            this.p = p;
            for (int c : new int[] {0, 2}) {
                if (present[c]) {
                    free.add(new int[] {c, 0});
                    if (p.freeScales()) {
                        free.add(new int[] {c, 1});
                    }
                }
            }
            used = new boolean[chips.size()][];
            for (int k = 0; k < chips.size(); k++) {
                used[k] = new boolean[chips.get(k).size()];
                Arrays.fill(used[k], true);
            }
            point = new double[free.size()];
            for (int j = 0; j < point.length; j++) {
                int[] f = free.get(j);
                point[j] = f[1] == 0 ? p.start().offset()[f[0]] : p.start().scale()[f[0]];
            }
            // weights from the dispersion of an unweighted fit at the start (they barely depend on the map)
            sigmaLambda = new double[chips.size()][];
            check();
            double[] c0 = linear(point, null);
            MultiChipWavelength m0 = model(point, c0);
            for (int k = 0; k < chips.size(); k++) {
                ChipLines cl = chips.get(k);
                ChipWavelength cw = m0.chip(cl.chip());
                sigmaLambda[k] = new double[cl.size()];
                for (int i = 0; i < cl.size(); i++) {
                    sigmaLambda[k][i] = Math.max(cl.sigmaX()[i], p.errorFloor()) * Math.abs(cw.dispersion(cl.x()[i]));
                }
            }
        }

        void check() throws DrpException {
            int total = 0;
            for (int k = 0; k < chips.size(); k++) {
                int n = 0;
                for (boolean b : used[k]) {
                    n += b ? 1 : 0;
                }
                int need = chips.get(k).chip() == 2 ? 1 : p.freeScales() ? 3 : 2;
                if (n < need) {
                    throw new DrpException(WaveErrorCode.WAVE_TOO_FEW_LINES, Location.NOWHERE, n + " lines on chip "
                            + chips.get(k).chip() + ", at least " + need + " needed");
                }
                total += n;
            }
            int params = p.degree() + 1 + free.size();
            if (total < params + 1) {
                throw new DrpException(WaveErrorCode.WAVE_TOO_FEW_LINES, Location.NOWHERE, total + " lines for "
                        + params + " parameters");
            }
        }

        MultiChipWavelength model(double[] q, double[] c) {
            double[] off = p.start().offset();
            double[] sc = p.start().scale();
            for (int j = 0; j < q.length; j++) {
                int[] f = free.get(j);
                if (f[1] == 0) {
                    off[f[0]] = q[j];
                } else {
                    sc[f[0]] = q[j];
                }
            }
            return new MultiChipWavelength(c, off, sc);
        }

        /** Weighted least squares of the polynomial for map q (unweighted when sigmaLambda is null). */
        double[] linear(double[] q, double[][] sl) {
            MultiChipWavelength m = model(q, new double[] {0});
            List<double[]> rows = new ArrayList<>();
            for (int k = 0; k < chips.size(); k++) {
                ChipLines cl = chips.get(k);
                for (int i = 0; i < cl.size(); i++) {
                    if (used[k][i]) {
                        double w = sl == null ? 1 : 1 / (sl[k][i] * sl[k][i]);
                        rows.add(new double[] {m.v(cl.chip(), cl.x()[i]), cl.lambda()[i], w});
                    }
                }
            }
            double[] v = new double[rows.size()];
            double[] y = new double[rows.size()];
            double[] w = new double[rows.size()];
            for (int r = 0; r < v.length; r++) {
                v[r] = rows.get(r)[0];
                y[r] = rows.get(r)[1];
                w[r] = rows.get(r)[2];
            }
            return WavelengthFit.leastSquares(v, y, w, null, p.degree());
        }

        double[] residuals(double[] q) {
            double[] c = linear(q, sigmaLambda);
            MultiChipWavelength m = model(q, c);
            List<Double> r = new ArrayList<>();
            for (int k = 0; k < chips.size(); k++) {
                ChipLines cl = chips.get(k);
                for (int i = 0; i < cl.size(); i++) {
                    if (used[k][i]) {
                        r.add((m.wavelength(cl.chip(), cl.x()[i]) - cl.lambda()[i]) / sigmaLambda[k][i]);
                    }
                }
            }
            return r.stream().mapToDouble(Double::doubleValue).toArray();
        }

        double[][] jacobian(double[] q) {
            double[] r0 = residuals(q);
            double[][] jac = new double[r0.length][q.length];
            for (int j = 0; j < q.length; j++) {
                double h = 1e-7;
                double[] q1 = q.clone();
                q1[j] += h;
                double[] r1 = residuals(q1);
                for (int i = 0; i < r0.length; i++) {
                    jac[i][j] = (r1[i] - r0[i]) / h;
                }
            }
            return jac;
        }

        void solve() throws DrpException {
            if (point.length == 0) {
                coeff = linear(point, sigmaLambda);
                double[] r = residuals(point);
                double ss = 0;
                for (double v : r) {
                    ss += v * v;
                }
                chi2 = ss / Math.max(1, r.length - p.degree() - 1);
                pointError = new double[0];
                return;
            }
            int n = residuals(point).length;
            LeastSquaresBuilder b = new LeastSquaresBuilder().start(point).target(new double[n])
                    .model(this::residuals, this::jacobian).maxEvaluations(500).maxIterations(200)
                    .lazyEvaluation(false);
            try {
                LeastSquaresOptimizer.Optimum o = new LevenbergMarquardtOptimizer().optimize(b.build());
                point = o.getPoint().toArray();
                RealMatrix cov = o.getCovariances(1e-14);
                chi2 = o.getCost() * o.getCost() / Math.max(1, n - p.degree() - 1 - point.length);
                pointError = new double[point.length];
                for (int j = 0; j < point.length; j++) {
                    pointError[j] = Math.sqrt(cov.getEntry(j, j) * Math.max(1, chi2));
                }
            } catch (RuntimeException e) {
                throw new DrpException(WaveErrorCode.WAVE_TOO_FEW_LINES, Location.NOWHERE,
                        "the multi-chip fit did not converge: " + e.getMessage());
            }
            coeff = linear(point, sigmaLambda);
        }

        /** @return whether any line changed side */
        boolean clip() {
            MultiChipWavelength m = model(point, coeff);
            double[] abs = new double[chips.stream().mapToInt(ChipLines::size).sum()];
            int j = 0;
            double[][] res = residualsAngstrom(m);
            for (int k = 0; k < chips.size(); k++) {
                for (int i = 0; i < res[k].length; i++) {
                    if (used[k][i]) {
                        abs[j++] = Math.abs(res[k][i]);
                    }
                }
            }
            double sig = Math.max(RobustStats.SIGMA_PER_MAD * RobustStats.median(Arrays.copyOf(abs, j)),
                    WavelengthFit.MIN_CLIP_ANGSTROM);
            boolean changed = false;
            for (int k = 0; k < chips.size(); k++) {
                for (int i = 0; i < res[k].length; i++) {
                    boolean u = Math.abs(res[k][i]) <= WavelengthFit.CLIP * sig;
                    changed |= u != used[k][i];
                    used[k][i] = u;
                }
            }
            return changed;
        }

        double[][] residualsAngstrom(MultiChipWavelength m) {
            double[][] res = new double[chips.size()][];
            for (int k = 0; k < chips.size(); k++) {
                ChipLines cl = chips.get(k);
                res[k] = new double[cl.size()];
                for (int i = 0; i < cl.size(); i++) {
                    res[k][i] = cl.lambda()[i] - m.wavelength(cl.chip(), cl.x()[i]);
                }
            }
            return res;
        }

        Result result() {
            MultiChipWavelength m = model(point, coeff);
            double[][] res = residualsAngstrom(m);
            double[] offErr = new double[3];
            double[] scErr = new double[3];
            for (int j = 0; j < point.length; j++) {
                int[] f = free.get(j);
                (f[1] == 0 ? offErr : scErr)[f[0]] = pointError[j];
            }
            double ss = 0;
            double lam = 0;
            int n = 0;
            double[] chipRms = new double[chips.size()];
            for (int k = 0; k < chips.size(); k++) {
                double cs = 0;
                int cn = 0;
                for (int i = 0; i < res[k].length; i++) {
                    if (used[k][i]) {
                        cs += res[k][i] * res[k][i];
                        cn++;
                        lam += chips.get(k).lambda()[i];
                    }
                }
                chipRms[k] = cn > 0 ? Math.sqrt(cs / cn) : Double.NaN;
                ss += cs;
                n += cn;
            }
            boolean[][] u = new boolean[used.length][];
            for (int k = 0; k < used.length; k++) {
                u[k] = used[k].clone();
            }
            return new Result(m, u, res, offErr, scErr, Math.sqrt(ss / n), chipRms, chi2, lam / n);
        }
    }
}
