package org.drpkit.algorithms.wave;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.drpkit.algorithms.stats.RobustStats;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;

/**
 * Emission lines of a 1D spectrum (arc lamp, Fabry-Perot etalon, sky): found as peaks of the smoothed spectrum above
 * a local background, then each fitted as a pixel-integrated Gaussian plus a linear background, together with every
 * other peak within {@link Params#blendDistance()} columns, so that overlapping neighbours do not pull its centre.
 *
 * <p>Noise: from the ivar when one is given (ivar 0 or a non-finite flux marks a bad pixel, which is never used);
 * without one, a single noise level for the whole spectrum, {@code 1.4826 MAD(first differences) / sqrt 2}, which
 * suits a median-combined arc, and a flux of exactly 0 marks a missing column (as in such products). A candidate is a local maximum of the spectrum smoothed with a Gaussian of
 * {@link Params#smoothing()} columns (normalised by the good pixels' weights) whose height over the running median of
 * {@link Params#backgroundWindow()} columns exceeds {@link Params#threshold()} times the smoothed noise. Centre
 * errors come from the fit's covariance, scaled up by the reduced chi-square when that exceeds 1. Two fits that end
 * within half a column of each other keep the one with the larger flux. Optionally ({@link Params#residualPass()}) a
 * second pass searches the residual of the first fits for lines hidden in a neighbour's wing (closer than about two
 * widths, they make one peak of the smoothed spectrum) and, when it finds any, fits every line again with them.
 *
 * <pre>{@code
 * ArcPeaks.Result r = ArcPeaks.find(flux, null, ArcPeaks.Params.defaults());   // no ivar: noise from the data
 * r.peaks().size();
 * r;   // ArcPeaks.Result[83 lines from 97 candidates, 2 fits failed, noise 33.7]
 * }</pre>
 *
 * Pure function: no state, thread-safe, deterministic.
 */
public final class ArcPeaks {

    private ArcPeaks() {
    }

    /**
     * @param smoothing        Gaussian sigma of the detection smoothing, columns
     * @param threshold        detection threshold, in units of the smoothed noise above the local background
     * @param backgroundWindow running-median window of the local background, columns (odd)
     * @param edge             columns at each end where no line is searched
     * @param blendDistance    lines closer than this (columns) are fitted together
     * @param halfWindow       columns fitted beyond the outermost line of a fit
     * @param maxMove          the furthest a fitted centre may move from its candidate, columns
     * @param minSigma         smallest Gaussian width, columns
     * @param maxSigma         largest Gaussian width, columns
     * @param residualPass     search the residual of the first fits for lines hidden in a neighbour's wing
     */
    public record Params(double smoothing, double threshold, int backgroundWindow, int edge, double blendDistance,
            int halfWindow, double maxMove, double minSigma, double maxSigma, boolean residualPass) {

        /** Checks ranges. */
        public Params {
            if (!(smoothing > 0) || !(threshold > 0) || backgroundWindow < 3 || edge < 0 || !(blendDistance >= 0)
                    || halfWindow < 2 || !(maxMove > 0) || !(minSigma > 0) || !(maxSigma > minSigma)) {
                throw new IllegalArgumentException("peak parameters out of range: " + this);
            }
        }

        /**
         * @return sigma 1 smoothing, 3-sigma threshold, 41-column background, 4-column edges, blends within 8, no
         *         residual pass (a real line-spread function's wings leave residuals that pass for hidden lines: on
         *         APOGEE's real UNe arc the pass lost 5 of 65 identified lines in the green chip)
         */
        public static Params defaults() {
            return new Params(1, 3, 41, 4, 8, 5, 3, 0.4, 4, false);
        }

        /** @return these parameters with another detection threshold */
        public Params withThreshold(double t) {
            return new Params(smoothing, t, backgroundWindow, edge, blendDistance, halfWindow, maxMove, minSigma,
                    maxSigma, residualPass);
        }

        /** @return these parameters with the residual pass on or off */
        public Params withResidualPass(boolean on) {
            return new Params(smoothing, threshold, backgroundWindow, edge, blendDistance, halfWindow, maxMove,
                    minSigma, maxSigma, on);
        }
    }

    /**
     * @param peaks      fitted lines, by centre
     * @param candidates number of detected candidates
     * @param failedFits candidates whose fit did not converge (not in {@code peaks})
     * @param noise      the noise level used when no ivar was given, data units; NaN with an ivar
     */
    public record Result(List<LinePeak> peaks, int candidates, int failedFits, double noise) {

        /** Copies the list. */
        public Result {
            peaks = List.copyOf(peaks);
        }

        /** @return the fitted centres, columns */
        public double[] centres() {
            return peaks.stream().mapToDouble(LinePeak::centre).toArray();
        }

        /** @return the centres' 1-sigma errors, columns */
        public double[] centreErrors() {
            return peaks.stream().mapToDouble(LinePeak::centreError).toArray();
        }

        @Override
        public String toString() {
            return String.format("ArcPeaks.Result[%d lines from %d candidates, %d fits failed%s]", peaks.size(),
                    candidates, failedFits, Double.isNaN(noise) ? "" : String.format(", noise %.3g", noise));
        }
    }

    /**
     * @param flux spectrum, data units per column
     * @param ivar inverse variance per column, or null to estimate one noise level from the data
     * @param p    parameters
     * @return the fitted lines
     * @throws DrpException {@code WAVE_SHAPE_MISMATCH} when ivar and flux differ in length,
     *                      {@code WAVE_NO_GOOD_PIXELS} when fewer than 16 pixels are good
     */
    public static Result find(double[] flux, double[] ivar, Params p) throws DrpException {
        int n = flux.length;
        if (ivar != null && ivar.length != n) {
            throw new DrpException(WaveErrorCode.WAVE_SHAPE_MISMATCH, Location.NOWHERE,
                    n + " flux values but " + ivar.length + " ivar values");
        }
        double[] w = new double[n];
        double noise = Double.NaN;
        int good = 0;
        if (ivar == null) {
            noise = differenceNoise(flux);
            double w0 = noise > 0 ? 1 / (noise * noise) : 0;
            for (int i = 0; i < n; i++) {
                w[i] = Double.isFinite(flux[i]) && flux[i] != 0 ? w0 : 0;
            }
        } else {
            for (int i = 0; i < n; i++) {
                w[i] = Double.isFinite(flux[i]) && ivar[i] > 0 && Double.isFinite(ivar[i]) ? ivar[i] : 0;
            }
        }
        for (double v : w) {
            good += v > 0 ? 1 : 0;
        }
        if (good < 16) {
            throw new DrpException(WaveErrorCode.WAVE_NO_GOOD_PIXELS, Location.NOWHERE,
                    good + " usable pixels of " + n + (ivar == null ? " (no noise could be estimated)" : ""));
        }
        int[] cand = candidates(flux, w, p);
        List<LinePeak> out = new ArrayList<>();
        int failed = fitAll(flux, w, cand, p, out);
        if (!p.residualPass()) {
            return new Result(deduplicate(out), cand.length, failed, noise);
        }
        // second pass: a line hidden in a neighbour's wing shows in the residual of the first fits
        double[] residual = flux.clone();
        for (LinePeak l : out) {
            int lo = Math.max(0, (int) Math.floor(l.centre() - 5 * l.sigma()));
            int hi = Math.min(n - 1, (int) Math.ceil(l.centre() + 5 * l.sigma()));
            for (int i = lo; i <= hi; i++) {
                residual[i] -= GaussianBlendFit.line(i, l.flux(), l.centre(), l.sigma());
            }
        }
        int[] hidden = candidates(residual, w, p);
        int[] merged = merge(cand, hidden, out);
        if (merged.length > cand.length) {
            out.clear();
            failed = fitAll(flux, w, merged, p, out);
            cand = merged;
        }
        return new Result(deduplicate(out), cand.length, failed, noise);
    }

    private static int fitAll(double[] flux, double[] w, int[] cand, Params p, List<LinePeak> out) {
        int failed = 0;
        for (int k = 0; k < cand.length; k++) {
            LinePeak peak = fitOne(flux, w, cand, k, p);
            if (peak == null) {
                failed++;
            } else {
                out.add(peak);
            }
        }
        return failed;
    }

    /** The first candidates plus the hidden ones further than two widths (at least 2 columns) from every fitted line. */
    private static int[] merge(int[] cand, int[] hidden, List<LinePeak> fitted) {
        List<Integer> all = new ArrayList<>();
        for (int c : cand) {
            all.add(c);
        }
        for (int h : hidden) {
            boolean near = false;
            for (LinePeak l : fitted) {
                near |= Math.abs(l.centre() - h) < 2 * Math.max(1, l.sigma());
            }
            if (!near && !all.contains(h)) {
                all.add(h);
            }
        }
        return all.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    /** @return 1.4826 MAD of the first differences over sqrt 2: white noise, robust to lines and a smooth continuum */
    static double differenceNoise(double[] f) {
        double[] d = new double[f.length];
        int m = 0;
        for (int i = 1; i < f.length; i++) {
            if (Double.isFinite(f[i]) && Double.isFinite(f[i - 1]) && (f[i] != 0 || f[i - 1] != 0)) {
                d[m++] = f[i] - f[i - 1];
            }
        }
        if (m < 16) {
            return 0;
        }
        double[] a = Arrays.copyOf(d, m);
        double med = RobustStats.median(a);
        for (int i = 0; i < m; i++) {
            a[i] = Math.abs(d[i] - med);
        }
        return RobustStats.SIGMA_PER_MAD * RobustStats.median(a) / Math.sqrt(2);
    }

    private static int[] candidates(double[] f, double[] w, Params p) {
        int n = f.length;
        int r = (int) Math.ceil(4 * p.smoothing());
        double[] k = new double[2 * r + 1];
        for (int j = -r; j <= r; j++) {
            k[j + r] = Math.exp(-0.5 * j * j / (p.smoothing() * p.smoothing()));
        }
        double[] s = new double[n];
        double[] sn = new double[n];
        for (int i = 0; i < n; i++) {
            double num = 0;
            double den = 0;
            double var = 0;
            for (int j = Math.max(0, i - r); j <= Math.min(n - 1, i + r); j++) {
                if (w[j] > 0) {
                    double kj = k[j - i + r];
                    num += kj * f[j];
                    den += kj;
                    var += kj * kj / w[j];
                }
            }
            s[i] = den > 0 ? num / den : Double.NaN;
            sn[i] = den > 0 ? Math.sqrt(var) / den : Double.NaN;
        }
        double[] bg = runningMedian(s, p.backgroundWindow() | 1);
        List<Integer> c = new ArrayList<>();
        int lo = Math.max(1, p.edge());
        int hi = Math.min(n - 1, n - p.edge());
        for (int i = lo; i < hi; i++) {
            if (s[i] > s[i - 1] && s[i] >= s[i + 1] && s[i] - bg[i] > p.threshold() * sn[i]) {
                c.add(i);
            }
        }
        return c.stream().mapToInt(Integer::intValue).toArray();
    }

    private static double[] runningMedian(double[] s, int window) {
        int n = s.length;
        int h = window / 2;
        double[] out = new double[n];
        double[] buf = new double[window];
        for (int i = 0; i < n; i++) {
            int m = 0;
            for (int j = Math.max(0, i - h); j <= Math.min(n - 1, i + h); j++) {
                if (!Double.isNaN(s[j])) {
                    buf[m++] = s[j];
                }
            }
            out[i] = m == 0 ? Double.NaN : RobustStats.median(Arrays.copyOf(buf, m));
        }
        return out;
    }

    /** Fits candidate k together with the candidates within the blend distance of it. */
    private static LinePeak fitOne(double[] f, double[] w, int[] cand, int k, Params p) {
        int a = k;
        while (a > 0 && cand[k] - cand[a - 1] <= p.blendDistance()) {
            a--;
        }
        int b = k;
        while (b < cand.length - 1 && cand[b + 1] - cand[k] <= p.blendDistance()) {
            b++;
        }
        // the window stops halfway to the next line outside the group, which the model does not hold
        int lo = Math.max(0, cand[a] - p.halfWindow());
        if (a > 0) {
            lo = Math.max(lo, (cand[a - 1] + cand[a]) / 2 + 1);
        }
        int hi = Math.min(f.length - 1, cand[b] + p.halfWindow());
        if (b < cand.length - 1) {
            hi = Math.min(hi, (cand[b] + cand[b + 1] + 1) / 2 - 1);
        }
        int len = hi - lo + 1;
        double[] x = new double[len];
        double[] y = new double[len];
        double[] wt = new double[len];
        double[] edges = new double[len];
        int ne = 0;
        for (int i = 0; i < len; i++) {
            x[i] = lo + i;
            y[i] = w[lo + i] > 0 ? f[lo + i] : 0;
            wt[i] = w[lo + i];
            if (wt[i] > 0 && (i < 3 || i >= len - 3)) {
                edges[ne++] = y[i];
            }
        }
        int nl = b - a + 1;
        double[] start = new double[3 * nl + 2];
        double base = ne > 0 ? RobustStats.median(Arrays.copyOf(edges, ne)) : 0;
        for (int j = 0; j < nl; j++) {
            int c = cand[a + j];
            start[3 * j] = Math.max(f[c] - base, 0) * Math.sqrt(2 * Math.PI) * 1.2;
            start[3 * j + 1] = c;
            start[3 * j + 2] = 1.2;
        }
        start[3 * nl] = base;
        GaussianBlendFit.Fit fit = GaussianBlendFit.fit(x, y, wt, start, p.maxMove(), p.minSigma(), p.maxSigma());
        if (fit == null) {
            return null;
        }
        int j = k - a;
        double[] q = fit.p();
        double[][] cov = fit.cov();
        double centre = q[3 * j + 1];
        double xm = 0.5 * (x[0] + x[len - 1]);
        double ce = Math.sqrt(cov[3 * j + 1][3 * j + 1]);
        if (!Double.isFinite(ce) || !(q[3 * j] > 0)) {
            return null;
        }
        return new LinePeak(centre, ce, q[3 * j], Math.sqrt(cov[3 * j][3 * j]), q[3 * j + 2],
                Math.sqrt(cov[3 * j + 2][3 * j + 2]), q[3 * nl] + q[3 * nl + 1] * (centre - xm), fit.reducedChi2(),
                nl - 1);
    }

    private static List<LinePeak> deduplicate(List<LinePeak> in) {
        List<LinePeak> sorted = new ArrayList<>(in);
        sorted.sort((u, v) -> Double.compare(u.centre(), v.centre()));
        List<LinePeak> out = new ArrayList<>();
        for (LinePeak l : sorted) {
            if (!out.isEmpty() && l.centre() - out.get(out.size() - 1).centre() < 0.5) {
                if (l.flux() > out.get(out.size() - 1).flux()) {
                    out.set(out.size() - 1, l);
                }
            } else {
                out.add(l);
            }
        }
        return out;
    }
}
