package org.drpkit.algorithms.trace;

import java.util.Arrays;
import org.drpkit.algorithms.calib.CalibFlag;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.image.Spectra;
import org.drpkit.core.trace.ProfileShape;

/**
 * The line-spread function per fibre and chip region, measured from the isolated lines of an extracted arc (or
 * Fabry-Perot) exposure: the profile of the dispersion direction, as {@link TraceFinder} measures the spatial one.
 *
 * <p>In each fibre's spectrum, local maxima above {@link Params#minSignificance()} sigmas with no other such maximum
 * within {@link Params#isolation()} pixels are the lines. All lines of a fibre are fitted together (pixel-integrated
 * Gaussians, height, centre and width each, weighted by the inverse variance, neighbours subtracted: the trace
 * finder's per-column fitter run along x). With {@link Params#gaussHermite()} (the default) each region's lines then
 * share one Gauss-Hermite shape (h3, h4), fitted jointly with the lines' heights, centres and widths (Gauss-Newton
 * steps through the Schur complement of the shape: width and h4 are nearly degenerate, and fitting them in turns
 * crawled). Two passes: the first fits each region with the lines beside it; the second takes the other regions'
 * lines, each under its own region's shape, out of the spectrum and fits each region alone, so no neighbour's wing is
 * drawn with the wrong shape. Each region of {@link Params#regions()} equal column ranges gets the inverse-variance
 * weighted mean of its lines' widths, clipped at 4 sigma. Its error is the lines' own (scaled by the reduced
 * chi-square of their scatter when above 1) plus the share of the shape's error that every line's width carries (it
 * does not average down over lines); on a 12 px Fabry-Perot comb the pulls against the truth have rms 0.91 (2.3 with
 * the lines' part alone). Units: pixels along x. The input is not modified.
 *
 * <pre>{@code
 * LineSpread.Result lsf = LineSpread.measure(arcSpectra, traces.fibres(), LineSpread.Params.defaults());
 * lsf.sigma(traces.indexOf(150), 2);   // rms width of fibre 150's LSF in the third region, px
 * }</pre>
 */
public final class LineSpread {

    /** Joint steps of the lines and their shape at most; they usually settle in a few. */
    private static final int SHAPE_ITERATIONS = 30;
    /** The shape has settled when a step moves h3 and h4 by less than this. */
    private static final double SHAPE_SETTLED = 1e-6;
    private static final double MAX_HERMITE = 0.3;

    private LineSpread() {
    }

    /**
     * @param regions         equal column ranges per fibre (default 4)
     * @param minSignificance a line's peak must exceed this many sigmas (default 20)
     * @param isolation       no other line within this many pixels (default 8)
     * @param initialWidth    first guess of the widths, px (default 1.2)
     * @param rejectBits      spectrum flags that leave a pixel out (default {@link CalibFlag#BAD_BITS})
     * @param gaussHermite    fit the Gauss-Hermite shape (h3, h4) of each region's lines as well (default true);
     *                        false fits Gaussians
     */
    public record Params(int regions, double minSignificance, int isolation, double initialWidth, int rejectBits,
            boolean gaussHermite) {
        /** Checks ranges. */
        public Params {
            if (regions < 1 || !(minSignificance > 0) || isolation < 3 || !(initialWidth > 0)) {
                throw new IllegalArgumentException("bad LSF parameters: " + regions + " regions, significance "
                        + minSignificance + ", isolation " + isolation + ", width " + initialWidth);
            }
        }

        /** @return 4 regions, 20 sigma, 8 px isolation, first width 1.2 px, Gauss-Hermite shapes */
        public static Params defaults() {
            return new Params(4, 20, 8, 1.2, CalibFlag.BAD_BITS, true);
        }

        /** @return these parameters with another number of regions */
        public Params withRegions(int r) {
            return new Params(r, minSignificance, isolation, initialWidth, rejectBits, gaussHermite);
        }

        /** @return these parameters fitting Gauss-Hermite shapes (true) or Gaussians (false) */
        public Params withGaussHermite(boolean gh) {
            return new Params(regions, minSignificance, isolation, initialWidth, rejectBits, gh);
        }
    }

    /**
     * The LSF of every fibre and region; entries without a line are NaN with error NaN and 0 lines.
     *
     * @param fibres  fibre number of each spectrum row
     * @param regions regions per fibre
     * @param pixels  pixels per spectrum (the regions split {@code [0, pixels)})
     * @param sigma   Gaussian sigma of the LSF, px, at {@code fibre * regions + region} (the rms width when h4 is 0)
     * @param error   its 1-sigma error, px (including the share of the fitted shape's error)
     * @param h3      Gauss-Hermite h3 (asymmetry), same layout; 0 when Gaussians were fitted
     * @param h4      Gauss-Hermite h4 (peakiness), same layout
     * @param lines   lines used
     */
    public record Result(int[] fibres, int regions, int pixels, double[] sigma, double[] error, double[] h3,
            double[] h4, int[] lines) {

        /** Checks the shapes. */
        public Result {
            int m = fibres.length * regions;
            if (regions < 1 || sigma.length != m || error.length != m || h3.length != m || h4.length != m
                    || lines.length != m) {
                throw new IllegalArgumentException("an LSF needs " + fibres.length + " x " + regions + " values");
            }
        }

        /** @return row of fibre number {@code fibre}, or -1 */
        public int indexOf(int fibre) {
            for (int i = 0; i < fibres.length; i++) {
                if (fibres[i] == fibre) {
                    return i;
                }
            }
            return -1;
        }

        /** @return the LSF width of spectrum row i in region r, px */
        public double sigma(int i, int r) {
            return sigma[i * regions + r];
        }

        /** @return the median width over every fibre and region with lines, px */
        public double medianSigma() {
            return org.drpkit.algorithms.stats.RobustStats.median(sigma);
        }

        @Override
        public String toString() {
            int total = 0;
            for (int l : lines) {
                total += l;
            }
            return String.format("LineSpread.Result[%d fibres x %d regions, %d lines, median sigma %.4f px]",
                    fibres.length, regions, total, medianSigma());
        }
    }

    /**
     * How the LSF changed between two products (e.g. two nights), per fibre in both and region: {@code after -
     * before}. Entries where either product has no line are NaN.
     *
     * @param fibres          fibre numbers in both products, in the order of {@code before}
     * @param regions         regions per fibre
     * @param dSigma          change of sigma, px, at {@code i * regions + r}
     * @param relative        relative change of sigma, {@code after / before - 1}
     * @param z               change of sigma over its combined 1-sigma error
     * @param dH3             change of h3
     * @param dH4             change of h4
     * @param compared        fibre-regions with a value in both
     * @param medianRelative  median relative change of sigma
     * @param rmsRelative     rms of the relative changes
     * @param significant     fibre-regions whose |z| exceeds the threshold
     * @param worstFibre      fibre number of the largest |relative| change (-1 when nothing was compared)
     * @param worstRegion     its region
     * @param worstRelative   its relative change
     */
    public record Comparison(int[] fibres, int regions, double[] dSigma, double[] relative, double[] z,
            double[] dH3, double[] dH4, int compared, double medianRelative, double rmsRelative, int significant,
            int worstFibre, int worstRegion, double worstRelative) {

        @Override
        public String toString() {
            return String.format("LineSpread.Comparison[%d fibre-regions compared, sigma changed by %+.3f%% median,"
                    + " %.3f%% rms, %d significant, largest %+.3f%% in fibre %d region %d]", compared,
                    100 * medianRelative, 100 * rmsRelative, significant, 100 * worstRelative, worstFibre,
                    worstRegion);
        }
    }

    /**
     * Compares two LSF products fibre by fibre (matched by fibre number) and region by region.
     *
     * <pre>{@code
     * LineSpread.Comparison c = LineSpread.compare(lastNight, tonight, 5);
     * c.medianRelative();   // the typical relative change of the width
     * }</pre>
     *
     * @param before    the reference product; not modified
     * @param after     the new product; not modified
     * @param threshold |z| above which a change counts as significant (e.g. 5)
     * @return the differences (new arrays)
     * @throws DrpException {@code TRACE_SHAPE_MISMATCH} when the products have different regions or pixels, or no
     *                      fibre in common
     */
    public static Comparison compare(Result before, Result after, double threshold) throws DrpException {
        if (before.regions() != after.regions() || before.pixels() != after.pixels()) {
            throw new DrpException(TraceErrorCode.TRACE_SHAPE_MISMATCH, Location.NOWHERE, "LSF products of "
                    + before.regions() + " regions over " + before.pixels() + " px and " + after.regions()
                    + " regions over " + after.pixels() + " px");
        }
        int regions = before.regions();
        int[] common = Arrays.stream(before.fibres()).filter(f -> after.indexOf(f) >= 0).toArray();
        if (common.length == 0) {
            throw new DrpException(TraceErrorCode.TRACE_SHAPE_MISMATCH, Location.NOWHERE,
                    "the LSF products have no fibre in common");
        }
        int m = common.length * regions;
        double[] ds = new double[m];
        double[] rel = new double[m];
        double[] z = new double[m];
        double[] d3 = new double[m];
        double[] d4 = new double[m];
        double[] seen = new double[m];
        int n = 0;
        int sig = 0;
        double ss = 0;
        int worstFibre = -1;
        int worstRegion = -1;
        double worst = 0;
        for (int c = 0; c < common.length; c++) {
            int i = before.indexOf(common[c]);
            int j = after.indexOf(common[c]);
            for (int r = 0; r < regions; r++) {
                int a = i * regions + r;
                int b = j * regions + r;
                int k = c * regions + r;
                boolean both = before.lines()[a] > 0 && after.lines()[b] > 0;
                ds[k] = both ? after.sigma()[b] - before.sigma()[a] : Double.NaN;
                rel[k] = both ? after.sigma()[b] / before.sigma()[a] - 1 : Double.NaN;
                z[k] = both ? ds[k] / Math.hypot(after.error()[b], before.error()[a]) : Double.NaN;
                d3[k] = both ? after.h3()[b] - before.h3()[a] : Double.NaN;
                d4[k] = both ? after.h4()[b] - before.h4()[a] : Double.NaN;
                if (both) {
                    seen[n++] = rel[k];
                    ss += rel[k] * rel[k];
                    if (Math.abs(z[k]) > threshold) {
                        sig++;
                    }
                    if (Math.abs(rel[k]) >= Math.abs(worst)) {
                        worst = rel[k];
                        worstFibre = common[c];
                        worstRegion = r;
                    }
                }
            }
        }
        double median = n == 0 ? Double.NaN
                : org.drpkit.algorithms.stats.RobustStats.median(Arrays.copyOf(seen, n));
        return new Comparison(common, regions, ds, rel, z, d3, d4, n, median, n == 0 ? Double.NaN : Math.sqrt(ss / n),
                sig, worstFibre, worstRegion, worst);
    }

    /**
     * @param arc    extracted spectra of an arc or comb exposure; not modified
     * @param fibres fibre number of each row
     * @param p      parameters
     * @return the LSF per fibre and region
     * @throws DrpException {@code TRACE_SHAPE_MISMATCH} when the fibre list does not match the spectra
     */
    public static Result measure(Spectra arc, int[] fibres, Params p) throws DrpException {
        int n = arc.fibres();
        int w = arc.pixels();
        if (fibres.length != n) {
            throw new DrpException(TraceErrorCode.TRACE_SHAPE_MISMATCH, Location.NOWHERE, fibres.length
                    + " fibre numbers for " + n + " spectra");
        }
        int regions = p.regions();
        double[] sigma = new double[n * regions];
        double[] error = new double[n * regions];
        int[] count = new int[n * regions];
        double[] h3 = new double[n * regions];
        double[] h4 = new double[n * regions];
        Arrays.fill(sigma, Double.NaN);
        Arrays.fill(error, Double.NaN);
        Arrays.fill(h3, Double.NaN);
        Arrays.fill(h4, Double.NaN);
        for (int i = 0; i < n; i++) {
            double[] d = new double[w];
            double[] wt = new double[w];
            for (int x = 0; x < w; x++) {
                int k = i * w + x;
                float iv = arc.ivar()[k];
                float f = arc.flux()[k];
                boolean good = iv > 0 && Float.isFinite(f) && (arc.mask()[k] & p.rejectBits()) == 0;
                d[x] = good ? f : 0;
                wt[x] = good ? iv : 0;
            }
            int[] peaks = lines(d, wt, p);
            if (peaks.length == 0) {
                continue;
            }
            ColumnFit fit = new ColumnFit(peaks.length, 0, w);
            System.arraycopy(d, 0, fit.data(), 0, w);
            System.arraycopy(wt, 0, fit.weights(), 0, w);
            double[] h0 = new double[peaks.length];
            double[] mu0 = new double[peaks.length];
            double[] s0 = new double[peaks.length];
            boolean[] all = new boolean[peaks.length];
            for (int j = 0; j < peaks.length; j++) {
                mu0[j] = peaks[j];
                s0[j] = p.initialWidth();
                h0[j] = d[peaks[j]] * Math.sqrt(2 * Math.PI) * p.initialWidth();
                all[j] = true;
            }
            fit.begin(h0, mu0, s0, ProfileShape.GAUSSIAN, 0);
            fit.fit(all, ProfileShape.GAUSSIAN, 0, 20, 2, 0.3, 5);
            if (!p.gaussHermite()) {
                for (int r = 0; r < regions; r++) {
                    int xa = (int) ((long) r * w / regions);
                    int xb = (int) ((long) (r + 1) * w / regions);
                    int at = i * regions + r;
                    regionMean(fit, xa, xb, sigma, error, count, at, null, wt, 0, 0);
                    if (count[at] > 0) {
                        h3[at] = 0;
                        h4[at] = 0;
                    }
                }
                continue;
            }
            // first pass: each region's shape, with the lines beside the region fitted along under it
            ColumnFit[] first = new ColumnFit[regions];
            for (int r = 0; r < regions; r++) {
                int xa = (int) ((long) r * w / regions);
                int xb = (int) ((long) (r + 1) * w / regions);
                first[r] = shapeFit(fit, d, wt, xa, xb, true, h3, h4, i * regions + r);
            }
            // second pass: the lines of the other regions, each under its own region's shape, are taken out of the
            // spectrum, and each region's lines and shape are fitted alone (a neighbour drawn with this region's
            // shape left h4 off by 2e-4 where h3 changes by 0.04 between regions, on a 12 px comb)
            for (int r = 0; r < regions; r++) {
                int xa = (int) ((long) r * w / regions);
                int xb = (int) ((long) (r + 1) * w / regions);
                int at = i * regions + r;
                double[] own = d.clone();
                for (int q = 0; q < regions; q++) {
                    if (q != r && first[q] != null) {
                        int qa = (int) ((long) q * w / regions);
                        int qb = (int) ((long) (q + 1) * w / regions);
                        subtract(first[q], qa, qb, h3[i * regions + q], h4[i * regions + q], own);
                    }
                }
                ColumnFit region = shapeFit(fit, own, wt, xa, xb, false, h3, h4, at);
                regionMean(region, xa, xb, sigma, error, count, at, own, wt, h3[at], h4[at]);
            }
        }
        return new Result(fibres.clone(), regions, w, sigma, error, h3, h4, count);
    }

    /**
     * Fits one Gauss-Hermite shape to the lines of a region: alternately the lines' heights, centres and widths with
     * the shape held (the Gaussian fit's values to start) and the shape's h3 and h4 with the lines held (linear: the
     * pixel-integrated profile is linear in h3 and h4, {@link LineShape#fit}). The lines just outside the region whose
     * windows reach into it are fitted along (under the region's shape) when {@code beside} is set, so that their light
     * is part of the model and not taken for the region's lines' wings. Writes h3 and h4 at {@code at}; NaN without
     * lines.
     *
     * @return the lines' fit under the final shape (the region's lines and those beside it)
     */
    private static ColumnFit shapeFit(ColumnFit all, double[] d, double[] wt, int xa, int xb, boolean beside,
            double[] h3, double[] h4, int at) {
        int w = d.length;
        int m = 0;
        int[] idx = new int[all.mu.length];
        for (int j = 0; j < all.mu.length; j++) {
            double reach = beside ? 2.0 * (Math.ceil(ColumnFit.WINDOW_SIGMAS * all.sigma[j]) + 2) : 0;
            if (!all.failed[j] && all.mu[j] >= xa - reach && all.mu[j] < xb + reach) {
                idx[m++] = j;
            }
        }
        ColumnFit f = new ColumnFit(m, 0, w);
        System.arraycopy(d, 0, f.data(), 0, w);
        System.arraycopy(wt, 0, f.weights(), 0, w);
        double[] hh = new double[m];
        double[] mu = new double[m];
        double[] s = new double[m];
        boolean[] fitAll = new boolean[m];
        boolean[] inRegion = new boolean[m];
        int inside = 0;
        for (int k = 0; k < m; k++) {
            hh[k] = all.height[idx[k]];
            mu[k] = all.mu[idx[k]];
            s[k] = all.sigma[idx[k]];
            fitAll[k] = true;
            inRegion[k] = mu[k] >= xa && mu[k] < xb;
            inside += inRegion[k] ? 1 : 0;
        }
        double a3 = 0;
        double a4 = 0;
        ProfileShape shape = ProfileShape.GAUSSIAN;
        f.begin(hh, mu, s, shape, 0);
        if (inside == 0) {
            return f;
        }
        // a first turn: the lines as Gaussians, then the shape with the lines held
        f.fit(fitAll, shape, 0, 10, 2, 0.3, 5);
        double[] step = LineShape.fit(f, d, wt, inRegion);
        boolean[] outside = new boolean[m];
        for (int k = 0; k < m; k++) {
            outside[k] = !inRegion[k];
        }
        for (int iter = 0; iter < SHAPE_ITERATIONS && step != null; iter++) {
            double n3 = Math.max(-MAX_HERMITE, Math.min(MAX_HERMITE, step[0]));
            double n4 = Math.max(-MAX_HERMITE, Math.min(MAX_HERMITE, step[1]));
            boolean settled = Math.abs(n3 - a3) < SHAPE_SETTLED && Math.abs(n4 - a4) < SHAPE_SETTLED;
            a3 = n3;
            a4 = n4;
            shape = ProfileShape.constant(a3, a4);
            // the lines beside the region follow the new shape, then the region's lines and the shape move together
            for (int k = 0; k < m; k++) {
                hh[k] = f.height[k];
                mu[k] = f.mu[k];
                s[k] = f.sigma[k];
            }
            f.begin(hh, mu, s, shape, 0);
            f.fit(outside, shape, 0, 3, 2, 0.3, 5);
            if (settled) {
                break;
            }
            step = LineShape.jointStep(f, d, wt, inRegion, a3, a4);
        }
        for (int k = 0; k < m; k++) {
            hh[k] = f.height[k];
            mu[k] = f.mu[k];
            s[k] = f.sigma[k];
        }
        f.begin(hh, mu, s, shape, 0);
        f.fit(fitAll, shape, 0, 2, 2, 0.3, 5);
        h3[at] = a3;
        h4[at] = a4;
        return f;
    }

    /** Takes the lines of f with centres in [xa, xb), drawn under (h3, h4) over their windows, out of {@code d}. */
    private static void subtract(ColumnFit f, int xa, int xb, double h3, double h4, double[] d) {
        double[] frac = new double[64];
        for (int k = 0; k < f.mu.length; k++) {
            if (f.failed[k] || !(f.mu[k] >= xa && f.mu[k] < xb)) {
                continue;
            }
            int hw = Math.min(30, (int) Math.ceil(ColumnFit.WINDOW_SIGMAS * f.sigma[k]) + 1);
            int c = (int) Math.rint(f.mu[k]);
            int lo = Math.max(0, c - hw);
            int len = Math.min(d.length - 1, c + hw) - lo + 1;
            if (len < 1) {
                continue;
            }
            GaussHermite.fractions(f.mu[k], f.sigma[k], h3, h4, lo, len, frac);
            for (int q = 0; q < len; q++) {
                d[lo + q] -= f.height[k] * frac[q];
            }
        }
    }

    /** @return isolated significant local maxima, in increasing x */
    private static int[] lines(double[] d, double[] wt, Params p) {
        int w = d.length;
        int[] cand = new int[w];
        int c = 0;
        for (int x = 1; x < w - 1; x++) {
            if (wt[x] > 0 && d[x] * Math.sqrt(wt[x]) > p.minSignificance() && d[x] > d[x - 1] && d[x] >= d[x + 1]) {
                cand[c++] = x;
            }
        }
        int[] out = new int[c];
        int k = 0;
        for (int j = 0; j < c; j++) {
            boolean alone = (j == 0 || cand[j] - cand[j - 1] > p.isolation())
                    && (j == c - 1 || cand[j + 1] - cand[j] > p.isolation());
            if (alone && cand[j] >= p.isolation() && cand[j] < w - p.isolation()) {
                out[k++] = cand[j];
            }
        }
        return Arrays.copyOf(out, k);
    }

    /**
     * The region's width: the inverse-variance weighted mean of its lines' widths, clipped at 4 sigma. Its error is the
     * lines' own part, scaled by the reduced chi-square of their scatter when above 1, plus (with {@code d} given: a
     * shape fitted to the same lines) the shape's share, {@link LineShape#sharedVariance}, scaled alike.
     *
     * @param d the spectrum the shape was fitted to, or null when the lines are Gaussians
     */
    private static void regionMean(ColumnFit fit, int xa, int xb, double[] sigma, double[] error, int[] count,
            int at, double[] d, double[] wt, double a3, double a4) {
        int m = fit.mu.length;
        boolean[] use = new boolean[m];
        for (int j = 0; j < m; j++) {
            use[j] = !fit.failed[j] && fit.mu[j] >= xa && fit.mu[j] < xb && fit.varSigma[j] > 0;
        }
        for (int round = 0; round < 3; round++) {
            double sw = 0;
            double sx = 0;
            int n = 0;
            for (int j = 0; j < m; j++) {
                if (use[j]) {
                    double wj = 1 / fit.varSigma[j];
                    sw += wj;
                    sx += wj * fit.sigma[j];
                    n++;
                }
            }
            if (n == 0) {
                return;
            }
            double mean = sx / sw;
            double chi2 = 0;
            for (int j = 0; j < m; j++) {
                if (use[j]) {
                    double z = fit.sigma[j] - mean;
                    chi2 += z * z / fit.varSigma[j];
                }
            }
            double scale = n > 1 ? Math.max(1, chi2 / (n - 1)) : 1;
            double shared = 0;
            if (d != null) {
                double[] c = new double[m];
                for (int j = 0; j < m; j++) {
                    c[j] = use[j] ? 1 / (fit.varSigma[j] * sw) : 0;
                }
                shared = LineShape.sharedVariance(fit, d, wt, c, a3, a4);
            }
            sigma[at] = mean;
            error[at] = Math.sqrt(scale * (1 / sw + shared));
            count[at] = n;
            boolean changed = false;
            for (int j = 0; j < m; j++) {
                if (use[j] && Math.abs(fit.sigma[j] - mean) > 4 * Math.sqrt(scale * fit.varSigma[j])) {
                    use[j] = false;
                    changed = true;
                }
            }
            if (!changed) {
                return;
            }
        }
    }
}
