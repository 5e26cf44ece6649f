package org.drpkit.algorithms.wave;

import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.QRDecomposition;
import org.drpkit.algorithms.stats.RobustStats;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;

/**
 * A robust weighted polynomial fit of wavelength against column for one chip: weights
 * {@code 1 / (max(sigma_x, floor) |d lambda/dx|)^2} from each line's centre error (the floor keeps the brightest lines
 * from owning the fit), and rounds of clipping of lines whose residual exceeds {@link #CLIP} robust sigmas (1.4826
 * MAD of the used residuals, at least {@link #MIN_CLIP_ANGSTROM}) until no line changes side.
 *
 * <pre>{@code
 * WavelengthFit.Result r = WavelengthFit.fit(x, lambda, sigmaX, 4);
 * r.solution().wavelength(1000);
 * r;   // WavelengthFit.Result[degree 4, 62 of 65 lines used, rms 0.0352 A (650 m/s), weighted rms 0.0204 A ...]
 * }</pre>
 *
 * Pure function: no state, thread-safe, deterministic.
 */
public final class WavelengthFit {

    /** Clipping threshold, robust sigmas. */
    public static final double CLIP = 3.5;
    /** Smallest clipping sigma, Angstrom. */
    public static final double MIN_CLIP_ANGSTROM = 0.005;
    /** Smallest centre error used in a weight, columns. */
    public static final double CENTRE_ERROR_FLOOR = 0.02;
    /** The speed of light, m/s. */
    public static final double C_METRES_PER_SECOND = 299_792_458.0;

    private WavelengthFit() {
    }

    /**
     * @param solution   the fitted polynomial
     * @param used       for each line, whether it survived the clipping
     * @param residual   for each line, wavelength minus the solution, Angstrom
     * @param rms        root-mean-square residual of the used lines, Angstrom
     * @param weightedRms inverse-variance weighted rms residual of the used lines, Angstrom
     * @param meanWavelength mean wavelength of the used lines, Angstrom (to turn Angstrom into velocity)
     */
    public record Result(ChipWavelength solution, boolean[] used, double[] residual, double rms, double weightedRms,
            double meanWavelength) {

        /** Copies the arrays. */
        public Result {
            used = used.clone();
            residual = residual.clone();
        }

        @Override
        public boolean[] used() {
            return used.clone();
        }

        @Override
        public double[] residual() {
            return residual.clone();
        }

        /** @return number of lines used */
        public int linesUsed() {
            int n = 0;
            for (boolean u : used) {
                n += u ? 1 : 0;
            }
            return n;
        }

        /** @return the rms as a velocity, m/s */
        public double rmsMetresPerSecond() {
            return C_METRES_PER_SECOND * rms / meanWavelength;
        }

        /** @return the weighted rms as a velocity, m/s */
        public double weightedRmsMetresPerSecond() {
            return C_METRES_PER_SECOND * weightedRms / meanWavelength;
        }

        @Override
        public String toString() {
            return String.format("WavelengthFit.Result[degree %d, %d of %d lines used, rms %.4f A (%.0f m/s), weighted"
                    + " rms %.4f A (%.0f m/s)]", solution.degree(), linesUsed(), used.length, rms,
                    rmsMetresPerSecond(), weightedRms, weightedRmsMetresPerSecond());
        }
    }

    /**
     * Fits about column 1023.5 with 1024 columns per unit (an APOGEE chip).
     *
     * @see #fit(double[], double[], double[], int, double, double)
     */
    public static Result fit(double[] x, double[] lambda, double[] sigmaX, int degree) throws DrpException {
        return fit(x, lambda, sigmaX, degree, 1023.5, 1024);
    }

    /**
     * @param x         line centres, columns
     * @param lambda    their vacuum wavelengths, Angstrom
     * @param sigmaX    centre errors, columns (null: equal weights)
     * @param degree    polynomial degree
     * @param middle    column where u = 0
     * @param halfWidth columns per unit of u
     * @return the fit
     * @throws DrpException {@code WAVE_SHAPE_MISMATCH} when the arrays differ in length, {@code WAVE_TOO_FEW_LINES}
     *                      when fewer than degree + 2 lines are left
     */
    public static Result fit(double[] x, double[] lambda, double[] sigmaX, int degree, double middle, double halfWidth)
            throws DrpException {
        int n = x.length;
        if (lambda.length != n || sigmaX != null && sigmaX.length != n) {
            throw new DrpException(WaveErrorCode.WAVE_SHAPE_MISMATCH, Location.NOWHERE,
                    n + " centres, " + lambda.length + " wavelengths" + (sigmaX == null ? "" : ", " + sigmaX.length
                            + " errors"));
        }
        boolean[] used = new boolean[n];
        Arrays.fill(used, true);
        double[] sx = new double[n];
        for (int i = 0; i < n; i++) {
            sx[i] = sigmaX == null ? 1 : Math.max(sigmaX[i], CENTRE_ERROR_FLOOR);
        }
        ChipWavelength sol = null;
        double[] res = new double[n];
        for (int round = 0; round < 20; round++) {
            // dispersion for the weights: from the previous solution, or a straight line on the first round
            double[] wt = new double[n];
            ChipWavelength disp = sol != null ? sol : solve(x, lambda, null, used, Math.min(1, degree), middle,
                    halfWidth);
            for (int i = 0; i < n; i++) {
                double s = sx[i] * disp.dispersion(x[i]);
                wt[i] = sigmaX == null ? 1 : 1 / (s * s);
            }
            sol = solve(x, lambda, wt, used, degree, middle, halfWidth);
            double[] r = new double[n];
            int m = 0;
            for (int i = 0; i < n; i++) {
                res[i] = lambda[i] - sol.wavelength(x[i]);
                if (used[i]) {
                    r[m++] = Math.abs(res[i]);
                }
            }
            double sig = Math.max(RobustStats.SIGMA_PER_MAD * RobustStats.median(Arrays.copyOf(r, m)),
                    MIN_CLIP_ANGSTROM);
            boolean changed = false;
            for (int i = 0; i < n; i++) {
                boolean u = Math.abs(res[i]) <= CLIP * sig;
                changed |= u != used[i];
                used[i] = u;
            }
            if (!changed) {
                break;
            }
        }
        double ss = 0;
        double wss = 0;
        double ws = 0;
        double lam = 0;
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (used[i]) {
                double s = sx[i] * sol.dispersion(x[i]);
                double w = sigmaX == null ? 1 : 1 / (s * s);
                ss += res[i] * res[i];
                wss += w * res[i] * res[i];
                ws += w;
                lam += lambda[i];
                m++;
            }
        }
        return new Result(sol, used, res, Math.sqrt(ss / m), Math.sqrt(wss / ws), lam / m);
    }

    /**
     * Weighted linear least squares of a polynomial, by QR (Commons Math): minimises {@code sum w (y - sum c_k u^k)^2}
     * over the points with {@code use[i]}.
     *
     * @param w   weights, or null for equal weights
     * @param use which points take part, or null for all
     * @return c_0..c_degree
     */
    static double[] leastSquares(double[] u, double[] y, double[] w, boolean[] use, int degree) {
        int m = 0;
        for (int i = 0; i < u.length; i++) {
            m += use == null || use[i] ? 1 : 0;
        }
        double[][] a = new double[m][degree + 1];
        double[] b = new double[m];
        int r = 0;
        for (int i = 0; i < u.length; i++) {
            if (use != null && !use[i]) {
                continue;
            }
            double sw = w == null ? 1 : Math.sqrt(w[i]);
            double pk = sw;
            for (int k = 0; k <= degree; k++) {
                a[r][k] = pk;
                pk *= u[i];
            }
            b[r++] = sw * y[i];
        }
        return new QRDecomposition(new Array2DRowRealMatrix(a, false)).getSolver()
                .solve(new ArrayRealVector(b, false)).toArray();
    }

    private static ChipWavelength solve(double[] x, double[] lambda, double[] wt, boolean[] used, int degree,
            double middle, double halfWidth) throws DrpException {
        int m = 0;
        for (boolean u : used) {
            m += u ? 1 : 0;
        }
        if (m < degree + 2) {
            throw new DrpException(WaveErrorCode.WAVE_TOO_FEW_LINES, Location.NOWHERE,
                    m + " lines left for a polynomial of degree " + degree + " (at least " + (degree + 2) + ")");
        }
        double[] u = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            u[i] = (x[i] - middle) / halfWidth;
        }
        double[] c = leastSquares(u, lambda, wt, used, degree);
        return new ChipWavelength(c, middle, halfWidth);
    }
}
