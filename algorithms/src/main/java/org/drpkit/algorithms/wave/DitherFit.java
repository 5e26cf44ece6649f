package org.drpkit.algorithms.wave;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.drpkit.algorithms.stats.RobustStats;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;

/**
 * One exposure's move against a reference (nightly) solution: a dither of the detector, flexure, or a science
 * exposure's sky lines against the night's etalon solution. The exposure's identified lines fall at
 * {@code x = x_ref(lambda) + shift + scale u(x)}, where {@code x_ref} inverts the reference solution of the line's
 * chip and {@code u = (x - middle) / halfWidth} is that solution's coordinate (-1..1 over an APOGEE chip); the shift
 * and scale are common to every chip given (APOGEE's three detectors sit on one mount that the dither mechanism
 * moves; give one chip to fit one chip). A weighted linear least-squares fit (weights {@code 1/max(sigma_x,
 * floor)^2}) with rounds of clipping at {@link #CLIP} times the larger of 1 and the robust scatter of the normalised
 * residuals; errors from the centre errors, scaled by the square root of the reduced chi-square when above 1. The
 * exposure's solution is then exactly {@link ChipWavelength#moved(double, double)} of the reference.
 *
 * <pre>{@code
 * DitherFit.Result d = DitherFit.fit(List.of(lines), new ChipWavelength[] {null, night, null}, DitherFit.Params.shift());
 * d;                         // DitherFit.Result[shift +0.4999 +- 0.0004 columns (-2725 +- 2 m/s), 501 of 502 lines ...]
 * ChipWavelength exposure = d.apply(night);
 * }</pre>
 *
 * Pure function: no state, thread-safe, deterministic.
 */
public final class DitherFit {

    /** Clipping threshold, in units of the larger of 1 and the robust scatter of the normalised residuals. */
    public static final double CLIP = 4;

    private DitherFit() {
    }

    /**
     * @param withScale  fit a scale (stretch) as well as the shift
     * @param errorFloor smallest centre error used in a weight, columns
     */
    public record Params(boolean withScale, double errorFloor) {

        /** Checks the floor. */
        public Params {
            if (!(errorFloor > 0)) {
                throw new IllegalArgumentException("the error floor must be positive, not " + errorFloor);
            }
        }

        /** @return a shift only, centre errors floored at 0.002 column */
        public static Params shift() {
            return new Params(false, 0.002);
        }

        /** @return a shift and a scale, centre errors floored at 0.002 column */
        public static Params shiftAndScale() {
            return new Params(true, 0.002);
        }
    }

    /**
     * @param shift         columns the exposure's lines fall beyond the reference's, at u = 0
     * @param shiftError    its 1-sigma error, columns
     * @param scale         the further move at u = 1, columns (0 when not fitted)
     * @param scaleError    its 1-sigma error (0 when not fitted)
     * @param used          per input chip, whether each line survived the clipping
     * @param residual      per input chip, observed minus fitted column of each line
     * @param rmsColumns    rms residual of the used lines, columns
     * @param rmsAngstrom   the same in Angstrom (each residual times its chip's dispersion)
     * @param velocity      the velocity the reference solution would read off the exposure's lines, m/s (mean over
     *                      the used lines of {@code c (shift + scale u) (d lambda/dx) / lambda}; positive: the
     *                      lines appear redder than they are): what the tweak removes
     * @param velocityError its 1-sigma error, m/s
     * @param meanWavelength mean wavelength of the used lines, Angstrom
     * @param reducedChi2   chi-square per degree of freedom of the used lines
     */
    public record Result(double shift, double shiftError, double scale, double scaleError, boolean[][] used,
            double[][] residual, double rmsColumns, double rmsAngstrom, double velocity, double velocityError,
            double meanWavelength, double reducedChi2) {

        /** Copies the arrays. */
        public Result {
            used = ChipArrays.copy(used);
            residual = ChipArrays.copy(residual);
        }

        /** @return per input chip, whether each line survived the clipping (a copy) */
        @Override
        public boolean[][] used() {
            return ChipArrays.copy(used);
        }

        /** @return per input chip, observed minus fitted column of each line (a copy) */
        @Override
        public double[][] residual() {
            return ChipArrays.copy(residual);
        }

        /** @return lines used over all chips */
        public int linesUsed() {
            return ChipArrays.countTrue(used);
        }

        /** @return lines given over all chips */
        public int lines() {
            return ChipArrays.count(used);
        }

        /** @return the rms residual as a velocity, m/s */
        public double rmsMetresPerSecond() {
            return WavelengthFit.C_METRES_PER_SECOND * rmsAngstrom / meanWavelength;
        }

        /**
         * Where a line seen at column x of this exposure falls in the reference's frame: {@code x - shift - scale u(x)}
         * (the inverse of the fitted move), so a night's later etalon exposures can be pooled with the first into one
         * fit ({@link FabryPerot.Fibre#plusPeaks}).
         *
         * @param x         columns of this exposure
         * @param reference the reference solution of the lines' chip (its middle and half-width define u)
         * @return the columns in the reference's frame
         */
        public double[] toReference(double[] x, ChipWavelength reference) {
            double[] out = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                out[i] = x[i] - shift - scale * (x[i] - reference.middle()) / reference.halfWidth();
            }
            return out;
        }

        /** @return the exposure's solution: the reference moved by the fitted shift and scale */
        public ChipWavelength apply(ChipWavelength reference) {
            return reference.moved(shift, scale);
        }

        @Override
        public String toString() {
            return String.format("DitherFit.Result[shift %+.4f +- %.4f columns (%+.0f +- %.0f m/s)%s, %d of %d lines,"
                    + " rms %.4f columns (%.4f A, %.0f m/s), chi2/dof %.2f]", shift, shiftError, velocity,
                    velocityError, shiftError > 0 && scaleError > 0 ? String.format(", scale %+.4f +- %.4f", scale,
                            scaleError) : "", linesUsed(), lines(), rmsColumns, rmsAngstrom, rmsMetresPerSecond(),
                    reducedChi2);
        }
    }

    /**
     * @param lines     the exposure's identified lines, one entry per chip
     * @param reference the reference solutions of chips 1..3 at index chip - 1 (null for a chip not given)
     * @param p         parameters
     * @return the move
     * @throws DrpException {@code WAVE_TOO_FEW_LINES} when fewer than 2 lines (3 with a scale) are left;
     *                      {@code WAVE_SHAPE_MISMATCH} when a chip's reference is missing or the reference has no
     *                      column for a line's wavelength
     */
    public static Result fit(List<ChipLines> lines, ChipWavelength[] reference, Params p) throws DrpException {
        Objects.requireNonNull(p, "p");
        if (reference.length != 3) {
            throw new IllegalArgumentException("reference solutions of chips 1..3, not " + reference.length);
        }
        int nc = lines.size();
        double[][] dx = new double[nc][];
        double[][] u = new double[nc][];
        double[][] w = new double[nc][];
        boolean[][] used = new boolean[nc][];
        for (int k = 0; k < nc; k++) {
            ChipLines cl = lines.get(k);
            ChipWavelength ref = reference[cl.chip() - 1];
            if (ref == null) {
                throw new DrpException(WaveErrorCode.WAVE_SHAPE_MISMATCH, Location.NOWHERE, "no reference solution"
                        + " for chip " + cl.chip());
            }
            int n = cl.size();
            dx[k] = new double[n];
            u[k] = new double[n];
            w[k] = new double[n];
            used[k] = new boolean[n];
            for (int i = 0; i < n; i++) {
                double xr = ref.column(cl.lambda()[i]);
                if (!Double.isFinite(xr)) {
                    throw new DrpException(WaveErrorCode.WAVE_SHAPE_MISMATCH, Location.NOWHERE, "the reference"
                            + " solution of chip " + cl.chip() + " has no column for " + cl.lambda()[i] + " A");
                }
                dx[k][i] = cl.x()[i] - xr;
                u[k][i] = (cl.x()[i] - ref.middle()) / ref.halfWidth();
                double s = Math.max(cl.sigmaX()[i], p.errorFloor());
                w[k][i] = 1 / (s * s);
                used[k][i] = true;
            }
        }
        int np = p.withScale() ? 2 : 1;
        double[] sol = null;
        double[][] inv = null;
        for (int round = 0; round < 20; round++) {
            int m = 0;
            double[][] ata = new double[np][np];
            double[] atb = new double[np];
            for (int k = 0; k < nc; k++) {
                for (int i = 0; i < dx[k].length; i++) {
                    if (!used[k][i]) {
                        continue;
                    }
                    m++;
                    double[] a = np == 2 ? new double[] {1, u[k][i]} : new double[] {1};
                    for (int r = 0; r < np; r++) {
                        atb[r] += w[k][i] * a[r] * dx[k][i];
                        for (int c = 0; c < np; c++) {
                            ata[r][c] += w[k][i] * a[r] * a[c];
                        }
                    }
                }
            }
            if (m < np + 1) {
                throw new DrpException(WaveErrorCode.WAVE_TOO_FEW_LINES, Location.NOWHERE, m + " lines left for a"
                        + (np == 2 ? " shift and scale" : " shift") + " (at least " + (np + 1) + ")");
            }
            RealMatrix cov = new LUDecomposition(new Array2DRowRealMatrix(ata, false)).getSolver().getInverse();
            inv = cov.getData();
            sol = cov.operate(atb);
            double[] z = new double[m];
            int j = 0;
            for (int k = 0; k < nc; k++) {
                for (int i = 0; i < dx[k].length; i++) {
                    if (used[k][i]) {
                        z[j++] = Math.abs(dx[k][i] - model(sol, u[k][i])) * Math.sqrt(w[k][i]);
                    }
                }
            }
            double sig = Math.max(1, RobustStats.SIGMA_PER_MAD * RobustStats.median(z));
            boolean changed = false;
            for (int k = 0; k < nc; k++) {
                for (int i = 0; i < dx[k].length; i++) {
                    boolean keep = Math.abs(dx[k][i] - model(sol, u[k][i])) * Math.sqrt(w[k][i]) <= CLIP * sig;
                    changed |= keep != used[k][i];
                    used[k][i] = keep;
                }
            }
            if (!changed) {
                break;
            }
        }
        // statistics over the final used set
        double chi = 0;
        double ss = 0;
        double ssA = 0;
        double lam = 0;
        double vel = 0;
        double[] dv = new double[np];   // d(velocity)/d(param), averaged
        int m = 0;
        double[][] res = new double[nc][];
        for (int k = 0; k < nc; k++) {
            ChipLines cl = lines.get(k);
            ChipWavelength ref = reference[cl.chip() - 1];
            res[k] = new double[dx[k].length];
            for (int i = 0; i < dx[k].length; i++) {
                res[k][i] = dx[k][i] - model(sol, u[k][i]);
                if (!used[k][i]) {
                    continue;
                }
                double disp = ref.dispersion(cl.x()[i]);
                double l = cl.lambda()[i];
                chi += res[k][i] * res[k][i] * w[k][i];
                ss += res[k][i] * res[k][i];
                ssA += res[k][i] * res[k][i] * disp * disp;
                lam += l;
                double f = WavelengthFit.C_METRES_PER_SECOND * disp / l;
                vel += model(sol, u[k][i]) * f;
                dv[0] += f;
                if (np == 2) {
                    dv[1] += f * u[k][i];
                }
                m++;
            }
        }
        double chi2 = chi / Math.max(1, m - np);
        double inflate = Math.max(1, chi2);
        double velVar = 0;
        for (int r = 0; r < np; r++) {
            for (int c = 0; c < np; c++) {
                velVar += dv[r] / m * dv[c] / m * inv[r][c];
            }
        }
        return new Result(sol[0], Math.sqrt(inv[0][0] * inflate), np == 2 ? sol[1] : 0,
                np == 2 ? Math.sqrt(inv[1][1] * inflate) : 0, used, res, Math.sqrt(ss / m), Math.sqrt(ssA / m),
                vel / m, Math.sqrt(velVar * inflate), lam / m, chi2);
    }

    private static double model(double[] sol, double u) {
        return sol.length == 2 ? sol[0] + sol[1] * u : sol[0];
    }
}
