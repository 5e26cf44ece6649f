package org.drpkit.algorithms.ramp;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.drpkit.algorithms.stats.RobustStats;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.Mask;
import org.drpkit.core.image.RampSource;

/**
 * Builds the per-pixel nonlinearity correction ({@link Nonlinearity.Coefficients}) from ramps of a lamp flat: under
 * constant light the true signal grows linearly with time, so the curvature of the measured ramp is the detector's.
 *
 * <p>Model: read k of a pixel measures {@code m = s + b2 s^2 (+ b3 s^3)} DN above its reset level, with true
 * signal {@code s = f T_k}, {@code T_k = k + resetReads} read intervals after the reset. Its differences are linear
 * in the unknowns: {@code d_k = f + B2 (T_k+1^2 - T_k^2) (+ B3 (T_k+1^3 - T_k^3))} with {@code B2 = b2 f^2},
 * {@code B3 = b3 f^3}; the reset level cancels. Each flat's differences below {@code fraction} of the saturation
 * map (raw DN; all reads without a map) are fitted by least squares per pixel, once more without residuals beyond
 * 5 sigma (cosmic rays); each flat gives {@code b2 = B2/f^2} with its variance from the residual scatter, and the
 * flats are combined with weights from their design (flux and usable differences), and the error of the combination
 * from each flat's estimated variance (in simulations of 100 flats it is conservative by about 10%, and b2 is
 * unbiased to 0.1% of itself; see {@code NonlinearityBuilderTest}). The variance is the least-squares sandwich with the residuals' own
 * variance and lag-1 covariance (neighbouring differences share a read's noise), so the error map is right for
 * read- and photon-limited pixels alike. The correction polynomial {@code s = m + a2 m^2 + ... + a_d m^d} is the
 * series reversion of the forward model ({@code a2 = -b2}, {@code a3 = 2 b2^2 - b3}, {@code a4 = -5 b2^3 + 5 b2 b3},
 * {@code a5 = 14 b2^4 - 21 b2^2 b3 + 3 b3^2}); its truncation error at degree 5 is about {@code 42 (b2 m)^5 m}
 * (6e-5 of the signal at {@code b2 m = 0.07}). Pixels without a fit get no correction (all coefficients 0) and
 * count 0 in {@link Result#flats()}.
 *
 * <p>Precision: a flat reaching W DN measures b2 to about {@code 1/sqrt(g W^3/3)} per pixel (photon-limited; g in
 * e-/DN), whatever its read count: 1.3e-7/DN at W = 45000 DN and g = 1.9, i.e. 0.6% of the signal at W. The error
 * map says what each pixel got; the per-pixel correction only beats a median curve where that error is smaller than
 * the pixels' real scatter, which takes tens of flats.
 *
 * <pre>{@code
 * NonlinearityBuilder.Result r = NonlinearityBuilder.build(flats, NonlinearityBuilder.Params.DEFAULTS.withSaturationMap(sat));
 * RampProcessor.Params p = params.withNonlinearity(new Nonlinearity.Params(r.coefficients(), 1, Optional.empty()));
 * }</pre>
 */
public final class NonlinearityBuilder {

    private static final int BLOCK_ROWS = 8;
    private static final double CLIP_SIGMA = 5;

    private NonlinearityBuilder() {
    }

    /**
     * @param degree        highest power of the correction polynomial, 2..5
     * @param forwardDegree highest power of the forward model fitted to each ramp, 2 or 3
     * @param resetReads    read intervals between the reset and read 0 (as {@link Nonlinearity.Params#resetReads()})
     * @param saturationMap raw saturation level per pixel (DN); empty: every read is below saturation
     * @param fraction      reads up to this fraction of the saturation level are fitted (0.9: 90% of full well)
     * @param minDifferences fewest differences of one flat for a fit of one pixel (at least forwardDegree + 2)
     * @param minSignal     fewest DN a flat must reach in a pixel for its fit to count (the curvature of a faint
     *                      ramp is noise; reference pixels see no light)
     */
    public record Params(int degree, int forwardDegree, double resetReads, Optional<Image> saturationMap,
            double fraction, int minDifferences, double minSignal) {

        /**
         * Degree 5 correction of a quadratic forward model, reset one read before read 0, no map, 90%, 6 differences,
         * 5000 DN.
         */
        public static final Params DEFAULTS = new Params(5, 2, 1, Optional.empty(), 0.9, 6, 5000);

        /** Checks the values. */
        public Params {
            Objects.requireNonNull(saturationMap, "saturationMap");
            if (degree < 2 || degree > 5 || forwardDegree < 2 || forwardDegree > 3 || !(resetReads >= 0)
                    || !(fraction > 0 && fraction <= 1) || minDifferences < forwardDegree + 2 || !(minSignal >= 0)) {
                throw new IllegalArgumentException("bad nonlinearity-builder parameters: degree " + degree
                        + ", forward " + forwardDegree + ", reset " + resetReads + ", fraction " + fraction
                        + ", min differences " + minDifferences);
            }
        }

        /** @return a copy with a saturation map (raw DN), or none for null */
        public Params withSaturationMap(Image map) {
            return new Params(degree, forwardDegree, resetReads, Optional.ofNullable(map), fraction, minDifferences,
                    minSignal);
        }

        /** @return a copy fitting reads up to another fraction of the saturation level */
        public Params withFraction(double f) {
            return new Params(degree, forwardDegree, resetReads, saturationMap, f, minDifferences, minSignal);
        }

        /** @return a copy with another correction degree and forward degree */
        public Params withDegrees(int correction, int forward) {
            return new Params(correction, forward, resetReads, saturationMap, fraction, minDifferences, minSignal);
        }
    }

    /**
     * The calibration and its QA.
     *
     * @param corrections a_2 .. a_degree per pixel (index 0 holds a_2), DN^(1-j)
     * @param b2          the forward quadratic coefficient per pixel, 1/DN (0 where not fitted)
     * @param b2Error     its standard error, 1/DN (NaN where not fitted)
     * @param b3          the forward cubic coefficient, 1/DN^2 (zeros for a quadratic forward model)
     * @param flats       flats fitted per pixel (an int image; 0: no correction)
     * @param maxLevel    the highest measured signal fitted per pixel, DN above the reset level (0 where not fitted)
     * @param qa          summary numbers
     */
    public record Result(List<Image> corrections, Image b2, Image b2Error, Image b3, Mask flats, Image maxLevel,
            Qa qa) {

        /** Copies the list. */
        public Result {
            corrections = List.copyOf(corrections);
        }

        /** @return the coefficients for {@link Nonlinearity.Params} */
        public Nonlinearity.Coefficients coefficients() {
            return Nonlinearity.Coefficients.perPixel(corrections.toArray(new Image[0]));
        }
    }

    /**
     * @param flats          flats given
     * @param pixels         pixels of the chip
     * @param fitted         pixels with a correction
     * @param medianB2       median forward b2 over fitted pixels, 1/DN
     * @param sigmaB2        robust scatter of b2 over fitted pixels (IQR/1.349), 1/DN: pixel scatter and noise
     * @param medianB2Error  median of the per-pixel standard error of b2, 1/DN
     * @param medianMaxLevel median of the highest fitted signal, DN
     */
    public record Qa(int flats, long pixels, long fitted, double medianB2, double sigmaB2, double medianB2Error,
            double medianMaxLevel) {

        /** @return e.g. {@code NonlinearityQa[12 flats, 16384/16384 px, b2 -1.50e-06 +- 7.5e-08 (error 3.9e-08), ...]} */
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "NonlinearityQa[%d flats, %d/%d px fitted, b2 median %.4g/DN, scatter "
                    + "%.3g, median error %.3g, median top level %.0f DN, nonlinearity there %.3g%%]", flats, fitted,
                    pixels, medianB2, sigmaB2, medianB2Error, medianMaxLevel, 100 * medianB2 * medianMaxLevel);
        }
    }

    /**
     * @param flats  ramps under constant illumination, of one shape, raw DN (their differences are fitted, so the
     *               bias cancels). Not modified (only read; row blocks at a time).
     * @param params the model
     * @return the correction maps and QA
     * @throws DrpException {@code RAMP_SHAPE_MISMATCH} for flats or a map of different shapes; {@code RAMP_TOO_SHORT}
     *                      for flats of fewer than {@code minDifferences + 1} reads; what a source raises
     */
    public static Result build(List<? extends RampSource> flats, Params params) throws DrpException {
        if (flats.isEmpty()) {
            throw new IllegalArgumentException("no flats");
        }
        int w = flats.get(0).width();
        int h = flats.get(0).height();
        for (RampSource f : flats) {
            if (f.width() != w || f.height() != h) {
                throw new DrpException(RampErrorCode.RAMP_SHAPE_MISMATCH, Location.NOWHERE,
                        "flats of " + w + "x" + h + " and " + f.width() + "x" + f.height());
            }
            if (f.reads() < params.minDifferences() + 1) {
                throw new DrpException(RampErrorCode.RAMP_TOO_SHORT, Location.NOWHERE, "a flat of " + f.reads()
                        + " reads has fewer than " + params.minDifferences() + " differences");
            }
        }
        Image sat = params.saturationMap().orElse(null);
        if (sat != null && (sat.width() != w || sat.height() != h)) {
            throw new DrpException(RampErrorCode.RAMP_SHAPE_MISMATCH, Location.NOWHERE,
                    "saturation map " + sat.width() + "x" + sat.height() + ", flats " + w + "x" + h);
        }
        int px = w * h;
        double[] sw2 = new double[px];
        double[] swb2 = new double[px];
        double[] swwv2 = new double[px];
        double[] sw3 = new double[px];
        double[] swb3 = new double[px];
        int[] count = new int[px];
        float[] top = new float[px];
        FlatFit fit = new FlatFit(params);
        for (RampSource f : flats) {
            int reads = f.reads();
            float[][] block = new float[reads][BLOCK_ROWS * w];
            for (int y0 = 0; y0 < h; y0 += BLOCK_ROWS) {
                int rows = Math.min(BLOCK_ROWS, h - y0);
                f.readRows(y0, rows, block);
                for (int r = 0; r < rows; r++) {
                    for (int x = 0; x < w; x++) {
                        int i = (y0 + r) * w + x;
                        double limit = sat == null ? Double.POSITIVE_INFINITY : params.fraction() * sat.array()[sat.rowStart(y0 + r) + x];
                        if (!fit.fit(block, r * w + x, reads, limit)) {
                            continue;
                        }
                        // weights from the design (what the flat could measure), not from its noisy variance estimate,
                        // which would give a flat whose residuals happened to be small too much weight
                        double wt = fit.b2Weight;
                        sw2[i] += wt;
                        swb2[i] += wt * fit.b2;
                        swwv2[i] += wt * wt * fit.b2Variance;
                        if (params.forwardDegree() == 3) {
                            sw3[i] += fit.b3Weight;
                            swb3[i] += fit.b3Weight * fit.b3;
                        }
                        count[i]++;
                        top[i] = (float) Math.max(top[i], fit.top);
                    }
                }
            }
        }
        float[] b2 = new float[px];
        float[] b2e = new float[px];
        float[] b3 = new float[px];
        float[][] a = new float[params.degree() - 1][px];
        long fitted = 0;
        for (int i = 0; i < px; i++) {
            if (count[i] == 0) {
                b2e[i] = Float.NaN;
                continue;
            }
            fitted++;
            double c2 = swb2[i] / sw2[i];
            double c3 = params.forwardDegree() == 3 ? swb3[i] / sw3[i] : 0;
            b2[i] = (float) c2;
            b2e[i] = (float) (Math.sqrt(swwv2[i]) / sw2[i]);
            b3[i] = (float) c3;
            double[] rev = {-c2, 2 * c2 * c2 - c3, -5 * c2 * c2 * c2 + 5 * c2 * c3,
                14 * c2 * c2 * c2 * c2 - 21 * c2 * c2 * c3 + 3 * c3 * c3};
            for (int j = 0; j < a.length; j++) {
                a[j][i] = (float) rev[j];
            }
        }
        Image[] maps = new Image[a.length];
        for (int j = 0; j < a.length; j++) {
            maps[j] = Image.of(w, h, a[j]);
        }
        Qa qa = qa(flats.size(), b2, b2e, top, count, fitted);
        return new Result(List.of(maps), Image.of(w, h, b2), Image.of(w, h, b2e), Image.of(w, h, b3),
                Mask.of(w, h, count), Image.of(w, h, top), qa);
    }

    private static Qa qa(int flats, float[] b2, float[] b2e, float[] top, int[] count, long fitted) {
        if (fitted == 0) {
            return new Qa(flats, b2.length, 0, Double.NaN, Double.NaN, Double.NaN, 0);
        }
        float[] v = new float[(int) fitted];
        float[] e = new float[(int) fitted];
        float[] t = new float[(int) fitted];
        int m = 0;
        for (int i = 0; i < b2.length; i++) {
            if (count[i] > 0) {
                v[m] = b2[i];
                e[m] = b2e[i];
                t[m++] = top[i];
            }
        }
        double med = RobustStats.median(v.clone());
        float[] s = v.clone();
        java.util.Arrays.sort(s);
        double iqr = s[(int) (0.75 * (m - 1))] - s[(int) (0.25 * (m - 1))];
        return new Qa(flats, b2.length, fitted, med, iqr / 1.349, RobustStats.median(e), RobustStats.median(t));
    }

    /** The least-squares fit of one pixel's differences in one flat; one instance per build (not thread-safe). */
    private static final class FlatFit {
        private final Params p;
        private double[] d = new double[0];
        private double[] x2 = new double[0];
        private double[] x3 = new double[0];
        private boolean[] keep = new boolean[0];
        double b2;
        double b2Variance;
        /** 1/(design variance of b2 for unit noise per difference): the flat's weight in the combination. */
        double b2Weight;
        double b3;
        double b3Weight;
        double top;

        FlatFit(Params p) {
            this.p = p;
        }

        /**
         * @return false when too few differences lie below the limit; otherwise leaves b2, b3, their variances and
         *         the top level
         */
        boolean fit(float[][] block, int off, int reads, double limit) {
            b2Variance = 0;
            if (d.length < reads) {
                d = new double[reads];
                x2 = new double[reads];
                x3 = new double[reads];
                keep = new boolean[reads];
            }
            int n = 0;
            double first = block[0][off];
            if (!(first <= limit) || !Float.isFinite(block[0][off])) {
                return false;
            }
            for (int k = 0; k + 1 < reads; k++) {
                float hi = block[k + 1][off];
                if (!Float.isFinite(hi) || !(hi <= limit)) {
                    break;
                }
                double t0 = k + p.resetReads();
                double t1 = t0 + 1;
                d[n] = hi - block[k][off];
                x2[n] = t1 * t1 - t0 * t0;
                x3[n] = t1 * t1 * t1 - t0 * t0 * t0;
                keep[n] = true;
                n++;
            }
            if (n < p.minDifferences()) {
                return false;
            }
            boolean cubic = p.forwardDegree() == 3;
            double[] sol = new double[3];
            double[] cov = new double[9];
            if (!solve(n, cubic, sol, cov)) {
                return false;
            }
            // one clipping pass against cosmic rays
            double rss = 0;
            int used = 0;
            for (int k = 0; k < n; k++) {
                double r = d[k] - sol[0] - sol[1] * x2[k] - (cubic ? sol[2] * x3[k] : 0);
                rss += r * r;
                used++;
            }
            int params = cubic ? 3 : 2;
            double sigma = Math.sqrt(rss / Math.max(1, used - params));
            int dropped = 0;
            for (int k = 0; k < n; k++) {
                double r = d[k] - sol[0] - sol[1] * x2[k] - (cubic ? sol[2] * x3[k] : 0);
                if (Math.abs(r) > CLIP_SIGMA * sigma) {
                    keep[k] = false;
                    dropped++;
                }
            }
            if (dropped > 0 && (n - dropped < p.minDifferences() || !solve(n, cubic, sol, cov))) {
                return false;
            }
            rss = 0;
            used = 0;
            for (int k = 0; k < n; k++) {
                if (keep[k]) {
                    double r = d[k] - sol[0] - sol[1] * x2[k] - (cubic ? sol[2] * x3[k] : 0);
                    rss += r * r;
                    used++;
                }
            }
            double f = sol[0];
            if (!(f > 0)) {
                return false;
            }
            // sandwich variance: residuals of neighbouring differences share a read (read noise, lag-1 covariance)
            double g0 = 0;
            double g1 = 0;
            int pairs = 0;
            for (int k = 0; k < n; k++) {
                if (!keep[k]) {
                    continue;
                }
                double r = d[k] - sol[0] - sol[1] * x2[k] - (cubic ? sol[2] * x3[k] : 0);
                g0 += r * r;
                if (k + 1 < n && keep[k + 1]) {
                    g1 += r * (d[k + 1] - sol[0] - sol[1] * x2[k + 1] - (cubic ? sol[2] * x3[k + 1] : 0));
                    pairs++;
                }
            }
            double dof = (double) (used - params) / used;
            g0 /= used * dof;
            g1 = pairs == 0 ? 0 : g1 / (pairs * dof);
            double f2 = f * f;
            b2 = sol[1] / f2;
            b2Variance = sandwich(n, cubic, cov, 1, g0, g1) / (f2 * f2);
            b2Weight = f2 * f2 / sandwich(n, cubic, cov, 1, 1, 0);
            b3 = cubic ? sol[2] / (f2 * f) : 0;
            b3Weight = cubic ? f2 * f2 * f2 / sandwich(n, cubic, cov, 2, 1, 0) : 1;
            double tEnd = n + p.resetReads();
            double sEnd = f * tEnd;
            top = sEnd + b2 * sEnd * sEnd + b3 * sEnd * sEnd * sEnd;
            // a pixel that saw too little light (reference pixels, dead pixels) measures no curvature; a response
            // bent by half at its top level is not a detector's
            return b2Variance > 0 && Double.isFinite(b2Variance) && b2Weight > 0 && top >= p.minSignal()
                    && Math.abs(b2 * top) < 0.5;
        }

        /**
         * @return the variance of coefficient c of the fit when the kept differences have variance g0 and neighbours
         *         covariance g1: {@code sum u_k^2 g0 + 2 sum u_k u_k+1 g1} with u the estimator's weights
         */
        private double sandwich(int n, boolean cubic, double[] inv, int c, double g0, double g1) {
            double sq = 0;
            double adj = 0;
            double prev = 0;
            boolean prevKept = false;
            for (int k = 0; k < n; k++) {
                if (!keep[k]) {
                    prevKept = false;
                    continue;
                }
                double u = inv[3 * c] + inv[3 * c + 1] * x2[k] + (cubic ? inv[3 * c + 2] * x3[k] : 0);
                sq += u * u;
                if (prevKept) {
                    adj += u * prev;
                }
                prev = u;
                prevKept = true;
            }
            return sq * g0 + 2 * adj * g1;
        }

        /** Normal equations of d on (1, x2[, x3]) over kept points; sol and the inverse of X'X (3x3, row-major). */
        private boolean solve(int n, boolean cubic, double[] sol, double[] inv) {
            double[] a = new double[9];
            double[] b = new double[3];
            for (int k = 0; k < n; k++) {
                if (!keep[k]) {
                    continue;
                }
                double[] row = {1, x2[k], cubic ? x3[k] : 0};
                for (int i = 0; i < 3; i++) {
                    b[i] += row[i] * d[k];
                    for (int j = 0; j < 3; j++) {
                        a[3 * i + j] += row[i] * row[j];
                    }
                }
            }
            if (!cubic) {
                a[8] = 1; // a unit third unknown, solved to 0
            }
            return invert3(a, inv) && mult(inv, b, sol);
        }

        private static boolean mult(double[] m, double[] v, double[] out) {
            for (int i = 0; i < 3; i++) {
                out[i] = m[3 * i] * v[0] + m[3 * i + 1] * v[1] + m[3 * i + 2] * v[2];
            }
            return true;
        }

        private static boolean invert3(double[] m, double[] inv) {
            double c00 = m[4] * m[8] - m[5] * m[7];
            double c01 = m[5] * m[6] - m[3] * m[8];
            double c02 = m[3] * m[7] - m[4] * m[6];
            double det = m[0] * c00 + m[1] * c01 + m[2] * c02;
            if (!(Math.abs(det) > 0)) {
                return false;
            }
            double id = 1 / det;
            inv[0] = c00 * id;
            inv[1] = (m[2] * m[7] - m[1] * m[8]) * id;
            inv[2] = (m[1] * m[5] - m[2] * m[4]) * id;
            inv[3] = c01 * id;
            inv[4] = (m[0] * m[8] - m[2] * m[6]) * id;
            inv[5] = (m[2] * m[3] - m[0] * m[5]) * id;
            inv[6] = c02 * id;
            inv[7] = (m[1] * m[6] - m[0] * m[7]) * id;
            inv[8] = (m[0] * m[4] - m[1] * m[3]) * id;
            return true;
        }
    }
}
