package org.drpkit.algorithms.trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.drpkit.algorithms.concurrent.BlockWorkers;
import org.drpkit.algorithms.stats.RobustStats;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.image.MaskedImage;
import org.drpkit.core.image.SizeGuard;
import org.drpkit.core.instrument.Region;
import org.drpkit.core.trace.ProfileShape;
import org.drpkit.core.trace.TraceStatus;
import org.drpkit.core.trace.Traces;

/**
 * Finds the fibre traces on a flat (quartz or dome): the centre, width and height of every fibre's profile in every
 * column, identified against the nominal geometry.
 *
 * <ol>
 *   <li><b>Lamp test</b>: the half-width of the 16..84% range of good-pixel flux in the columns around the nominal
 *       column must reach {@link TraceParams#minLampLevel()}; otherwise {@code TRACE_LAMP_OFF} says so with the level.
 *   <li><b>Cross-section</b>: per row, the median over {@code 2 crossColumns + 1} columns around the nominal column;
 *       its local maxima above a tenth of its 95th percentile are the peaks (sub-pixel by a parabola).
 *   <li><b>Identification</b>: the offset of the flat from the nominal geometry that matches the most peaks within
 *       {@link TraceParams#matchTolerance()} (ties: the smaller squared residual), refined to the median residual.
 *       A fibre without a peak at its place, or with a peak below {@link TraceParams#deadFraction()} of the median,
 *       is DEAD and named; fibres keep their numbers (nothing shifts to fill a hole). Fibres placed off the usable
 *       rows are listed as off-chip.
 *   <li><b>Column fits</b> ({@code ColumnFit}): height, centre and width of every live trace, each fitted against the
 *       data minus the current models of all the others, weighted by the inverse variance, with the pixel-integrated
 *       Gauss-Hermite profile of {@link TraceParams#shape()}. The sweep starts at the nominal column from the peaks
 *       and walks outward to both edges, each column starting from its neighbour's fit.
 *   <li><b>Smoothing</b> along x: centres and widths of each trace are fitted with a Legendre series of
 *       {@link TraceParams#degree()} weighted by the column fits' errors, clipping at {@link TraceParams#clipSigma()}.
 *       Heights stay per column (the flat's flux, NaN where the fit failed).
 *   <li><b>Dead fibres</b> get centres interpolated between the live neighbours in proportion to the nominal spacing,
 *       their width, and height 0.
 * </ol>
 * Units: pixels (0-based, pixel centres at integers); heights in the flat's flux unit (integrated over the profile).
 * Deterministic for any thread count (the two halves of the sweep are independent). The inputs are not modified.
 *
 * <pre>{@code
 * TraceResult r = TraceFinder.find(flat, chip.lightSensitive(), "G", nominal, TraceParams.defaults());
 * r.identification().dead();              // fibre numbers without light
 * r.traces().centre(0, 1024);
 * }</pre>
 */
public final class TraceFinder {

    /** Identification fails when fewer than this fraction of the fibres expected on the chip match a peak. */
    public static final double MIN_MATCHED_FRACTION = 0.7;

    private TraceFinder() {
    }

    /**
     * @param flat    a calibrated flat: flux, inverse variance (0 = unknown) and flags; not modified
     * @param area    the light-sensitive area to trace in
     * @param chip    the chip's name, recorded in the traces
     * @param nominal the expected fibres and their positions at a column
     * @param p       parameters
     * @return the traces and diagnostics
     * @throws DrpException {@code TRACE_LAMP_OFF} for a flat without lamp light, {@code TRACE_IDENTIFICATION_FAILED}
     *                      when fewer than {@link #MIN_MATCHED_FRACTION} of the expected fibres match at any offset,
     *                      {@code TRACE_SHAPE_MISMATCH}
     *                      when the area is not inside the image
     */
    public static TraceResult find(MaskedImage flat, Region area, String chip, NominalTraces nominal, TraceParams p)
            throws DrpException {
        int w = flat.width();
        if (area.x0() < 0 || area.y0() < 0 || area.x1() > w || area.y1() > flat.height() || area.height() < 8) {
            throw new DrpException(TraceErrorCode.TRACE_SHAPE_MISMATCH, Location.NOWHERE, "area " + area
                    + " is not inside the " + w + "x" + flat.height() + " flat");
        }
        int xc = (int) Math.max(area.x0(), Math.min(area.x1() - 1, Math.rint(nominal.x())));
        int cx0 = Math.max(area.x0(), xc - Math.max(p.crossColumns(), 50));
        int cx1 = Math.min(area.x1(), xc + Math.max(p.crossColumns(), 50) + 1);
        double lamp = lampLevel(flat, area, cx0, cx1, p.rejectBits());
        if (!(lamp >= p.minLampLevel())) {
            throw new DrpException(TraceErrorCode.TRACE_LAMP_OFF, Location.NOWHERE, String.format(
                    "the flat's light is %.3g (half-width of the 16..84%% range of good pixels in columns %d..%d), "
                            + "below the lamp-on level %.3g: the lamp was off or the exposure is not a flat",
                    lamp, cx0, cx1 - 1, p.minLampLevel()));
        }
        double[] cross = crossSection(flat, area, xc, p);
        List<double[]> peaks = peaks(cross, area);
        Match match = identify(peaks, nominal, area, p);
        int n = match.index.length;
        double[] mu0 = new double[n];
        double[] h0 = new double[n];
        double[] s0 = new double[n];
        boolean[] live = new boolean[n];
        for (int i = 0; i < n; i++) {
            live[i] = match.live[i];
            mu0[i] = match.position[i];
            s0[i] = p.initialWidth();
            h0[i] = live[i] ? match.height[i] * Math.sqrt(2 * Math.PI) * p.initialWidth() : 0;
        }
        // With the shape fitted, the rounds sweep every SHAPE_STEP-th column (the shape fit samples no more), and
        // only the last sweep, with the final shape, visits every column.
        ProfileShape shape = p.shape();
        int step = p.fitShape() ? SHAPE_STEP : 1;
        Columns cols = columns(flat, area, xc, live, h0, mu0, s0, shape, p, step);
        Smoothed sm = smooth(cols, live, area, p);
        for (int round = 0; p.fitShape() && round < SHAPE_ROUNDS; round++) {
            ProfileShape fitted = ShapeFit.fit(flat, area, sm.centre, sm.sigma, cols.height, sm.status,
                    p.rejectBits());
            // the shape and the columns' centres and widths are fitted in turn, and h3 trades against the centre,
            // h4 against the width: on a full chip four rounds left h3 off by 0.004 (the extracted fluxes then
            // biased by +0.08 sigma on one chip), so the rounds go on until the shape settles
            boolean settled = fitted != null && change(shape, fitted, area) < SHAPE_TOLERANCE;
            if (fitted != null) {
                shape = fitted;
            }
            boolean last = fitted == null || settled || round == SHAPE_ROUNDS - 1;
            cols = columns(flat, area, xc, live, h0, mu0, s0, shape, p, last ? 1 : SHAPE_STEP);
            sm = smooth(cols, live, area, p);
            if (last) {
                break;
            }
        }
        TraceStatus[] status = sm.status;
        double[] outC = sm.centre;
        double[] outS = sm.sigma;
        double[] outH = cols.height;
        long fits = sm.fits;
        long failed = sm.failed;
        double medChi = sm.chi2;
        interpolateDead(status, match, nominal, area, w, outC, outS, outH);
        int[] fibres = new int[n];
        for (int i = 0; i < n; i++) {
            fibres[i] = nominal.fibres()[match.index[i]];
        }
        Traces t = new Traces(chip, w, area.x0(), area.x1(), fibres, status, outC, outS, outH, shape);
        List<Integer> deadIds = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (status[i] == TraceStatus.DEAD) {
                deadIds.add(fibres[i]);
            }
        }
        Identification id = new Identification(match.offset, peaks.size(), n - deadIds.size(),
                deadIds.stream().mapToInt(Integer::intValue).toArray(), match.offChip, match.unmatched);
        return new TraceResult(t, id, fits, failed, medChi, lamp);
    }

    /** Most rounds of profile-shape fitting and refitting the columns. */
    static final int SHAPE_ROUNDS = 16;
    /** The shape has settled when neither h3 nor h4 moves by more than this at a corner of the area in a round. */
    static final double SHAPE_TOLERANCE = 2e-4;

    /** @return the largest change of h3 or h4 at the area's corners between two shapes */
    private static double change(ProfileShape a, ProfileShape b, Region area) {
        double worst = 0;
        for (double x : new double[] {area.x0(), area.x1()}) {
            for (double y : new double[] {area.y0(), area.y1()}) {
                worst = Math.max(worst, Math.max(Math.abs(a.h3(x, y) - b.h3(x, y)), Math.abs(a.h4(x, y)
                        - b.h4(x, y))));
            }
        }
        return worst;
    }
    /** Columns between those the shape rounds fit. */
    static final int SHAPE_STEP = 4;

    /** Per-column fits of every trace: values and variances, NaN where a fit failed. */
    private record Columns(double[] centre, double[] sigma, double[] height, double[] varCentre, double[] varSigma) {
    }

    /** Smoothed centres and widths, and the statistics of the smoothing. */
    private record Smoothed(double[] centre, double[] sigma, TraceStatus[] status, long fits, long failed,
            double chi2) {
    }

    private static Columns columns(MaskedImage flat, Region area, int xc, boolean[] live, double[] h0, double[] mu0,
            double[] s0, ProfileShape shape, TraceParams p, int step) throws DrpException {
        int w = flat.width();
        int n = live.length;
        int len = SizeGuard.checkArray(w, n);
        double[] cen = nan(len);
        double[] sig = nan(len);
        double[] hgt = nan(len);
        double[] eCen = nan(len);
        double[] eSig = nan(len);
        ColumnFit start = new ColumnFit(n, area.y0(), area.y1());
        gather(flat, xc, area, p.rejectBits(), start);
        start.begin(h0, mu0, s0, shape, xc);
        start.fit(live, shape, xc, p.startSweeps(), p.matchTolerance() + p.maxMove(), p.minWidth(), p.maxWidth());
        store(start, live, xc, w, cen, sig, hgt, eCen, eSig);
        double[] hs = start.height.clone();
        double[] ms = start.mu.clone();
        double[] ss = start.sigma.clone();
        BlockWorkers.run(p.parallel() ? 2 : 1, 2, null, () -> new ColumnFit(n, area.y0(), area.y1()), (cf, b) -> {
            int dir = b == 0 ? step : -step;
            double[] h = hs.clone();
            double[] m = ms.clone();
            double[] s = ss.clone();
            for (int x = xc + dir; x >= area.x0() && x < area.x1(); x += dir) {
                gather(flat, x, area, p.rejectBits(), cf);
                cf.begin(h, m, s, shape, x);
                cf.fit(live, shape, x, p.sweeps(), p.maxMove(), p.minWidth(), p.maxWidth());
                store(cf, live, x, w, cen, sig, hgt, eCen, eSig);
                for (int i = 0; i < n; i++) {
                    if (live[i] && !cf.failed[i]) {
                        h[i] = cf.height[i];
                        m[i] = cf.mu[i];
                        s[i] = cf.sigma[i];
                    }
                }
            }
        });
        return new Columns(cen, sig, hgt, eCen, eSig);
    }

    private static Smoothed smooth(Columns c, boolean[] live, Region area, TraceParams p) {
        int n = live.length;
        int w = c.centre.length / Math.max(1, n);
        int m = area.width();
        double[] outC = nan(c.centre.length);
        double[] outS = nan(c.centre.length);
        TraceStatus[] status = new TraceStatus[n];
        long fits = 0;
        long failed = 0;
        double[] chi2 = new double[n];
        int nChi = 0;
        for (int i = 0; i < n; i++) {
            status[i] = live[i] ? TraceStatus.LIVE : TraceStatus.DEAD;
            if (!live[i]) {
                continue;
            }
            int o = i * w + area.x0();
            LegendreCurve.Fit fc = LegendreCurve.fit(Arrays.copyOfRange(c.centre, o, o + m),
                    sqrt(Arrays.copyOfRange(c.varCentre, o, o + m)), p.degree(), p.clipSigma());
            LegendreCurve.Fit fs = LegendreCurve.fit(Arrays.copyOfRange(c.sigma, o, o + m),
                    sqrt(Arrays.copyOfRange(c.varSigma, o, o + m)), p.degree(), p.clipSigma());
            fits += m;
            if (fc == null || fs == null) {
                status[i] = TraceStatus.DEAD;
                failed += m;
                continue;
            }
            failed += m - fc.used();
            chi2[nChi++] = fc.chi2PerPoint();
            System.arraycopy(fc.values(), 0, outC, o, m);
            System.arraycopy(fs.values(), 0, outS, o, m);
        }
        return new Smoothed(outC, outS, status, fits, failed,
                nChi == 0 ? Double.NaN : RobustStats.median(Arrays.copyOf(chi2, nChi)));
    }

    private static double[] nan(int len) {
        double[] a = new double[len];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    private static double[] sqrt(double[] v) {
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.sqrt(v[i]);
        }
        return v;
    }

    private static void store(ColumnFit cf, boolean[] live, int x, int w, double[] cen, double[] sig, double[] hgt,
            double[] eCen, double[] eSig) {
        for (int i = 0; i < live.length; i++) {
            int k = i * w + x;
            if (!live[i]) {
                hgt[k] = 0;
                continue;
            }
            if (cf.failed[i] || !(cf.varMu[i] > 0) || !(cf.varSigma[i] > 0)) {
                continue;
            }
            cen[k] = cf.mu[i];
            sig[k] = cf.sigma[i];
            hgt[k] = cf.height[i];
            eCen[k] = cf.varMu[i];
            eSig[k] = cf.varSigma[i];
        }
    }

    /** Fills the fit's data and weights from column x of the image (bad pixels weight 0). */
    static void gather(MaskedImage img, int x, Region area, int rejectBits, ColumnFit cf) {
        double[] d = cf.data();
        double[] wt = cf.weights();
        float[] f = img.flux().array();
        float[] iv = img.ivar().array();
        int[] mk = img.mask().array();
        for (int y = area.y0(); y < area.y1(); y++) {
            double v = f[img.flux().rowStart(y) + x];
            double i = iv[img.ivar().rowStart(y) + x];
            boolean good = (mk[img.mask().rowStart(y) + x] & rejectBits) == 0 && i > 0 && Double.isFinite(v)
                    && Double.isFinite(i);
            d[y] = good ? v : 0;
            wt[y] = good ? i : 0;
        }
    }

    private static double lampLevel(MaskedImage flat, Region area, int cx0, int cx1, int reject) {
        float[] vals = new float[SizeGuard.checkArray(cx1 - cx0, area.height())];
        int k = 0;
        for (int y = area.y0(); y < area.y1(); y++) {
            for (int x = cx0; x < cx1; x++) {
                float v = flat.flux().get(x, y);
                if ((flat.mask().get(x, y) & reject) == 0 && flat.ivar().get(x, y) > 0 && Float.isFinite(v)) {
                    vals[k++] = v;
                }
            }
        }
        if (k < 10) {
            return 0;
        }
        float[] v = Arrays.copyOf(vals, k);
        return 0.5 * (RobustStats.quantile(v, 0.84) - RobustStats.quantile(v, 0.16));
    }

    private static double[] crossSection(MaskedImage flat, Region area, int xc, TraceParams p) {
        double[] cross = new double[area.y1()];
        Arrays.fill(cross, Double.NaN);
        int x0 = Math.max(area.x0(), xc - p.crossColumns());
        int x1 = Math.min(area.x1(), xc + p.crossColumns() + 1);
        float[] v = new float[x1 - x0];
        float[] scratch = new float[x1 - x0];
        for (int y = area.y0(); y < area.y1(); y++) {
            int k = 0;
            for (int x = x0; x < x1; x++) {
                float f = flat.flux().get(x, y);
                if ((flat.mask().get(x, y) & p.rejectBits()) == 0 && flat.ivar().get(x, y) > 0 && Float.isFinite(f)) {
                    v[k++] = f;
                }
            }
            cross[y] = k == 0 ? Double.NaN : RobustStats.median(v, 0, k, scratch);
        }
        return cross;
    }

    /** @return peaks as {y, height}, in increasing y */
    private static List<double[]> peaks(double[] cross, Region area) {
        float[] finite = new float[area.height()];
        int k = 0;
        for (int y = area.y0(); y < area.y1(); y++) {
            if (Double.isFinite(cross[y])) {
                finite[k++] = (float) cross[y];
            }
        }
        List<double[]> out = new ArrayList<>();
        if (k < 3) {
            return out;
        }
        double thr = 0.1 * RobustStats.quantile(Arrays.copyOf(finite, k), 0.95);
        for (int y = area.y0() + 1; y < area.y1() - 1; y++) {
            double c = cross[y];
            double a = cross[y - 1];
            double b = cross[y + 1];
            if (c > thr && c > a && c >= b) {
                double den = a - 2 * c + b;
                double dy = den < 0 ? Math.max(-0.5, Math.min(0.5, 0.5 * (a - b) / den)) : 0;
                out.add(new double[] {y + dy, c});
            }
        }
        return out;
    }

    /** The matched traces: for each, its nominal index, position at the nominal column, status and peak height. */
    private record Match(int[] index, double[] position, boolean[] live, double[] height, double offset,
            int[] offChip, int unmatched) {
    }

    private static Match identify(List<double[]> peaks, NominalTraces nominal, Region area, TraceParams p)
            throws DrpException {
        double[] py = new double[peaks.size()];
        for (int j = 0; j < py.length; j++) {
            py[j] = peaks.get(j)[0];
        }
        double[] ny = nominal.y();
        double bestOffset = 0;
        int bestCount = -1;
        double bestSq = Double.POSITIVE_INFINITY;
        for (double pj : py) {
            for (double nk : ny) {
                double cand = pj - nk;
                if (Math.abs(cand) > p.maxShift()) {
                    continue;
                }
                int count = 0;
                double sq = 0;
                for (double nyk : ny) {
                    double e = nyk + cand;
                    double d = nearest(py, e) - e;
                    if (Math.abs(d) <= p.matchTolerance()) {
                        count++;
                        sq += d * d;
                    }
                }
                if (count > bestCount || (count == bestCount && sq < bestSq)) {
                    bestCount = count;
                    bestSq = sq;
                    bestOffset = cand;
                }
            }
        }
        if (bestCount > 0) {
            double[] res = new double[ny.length];
            int r = 0;
            for (double nyk : ny) {
                double e = nyk + bestOffset;
                double d = nearest(py, e) - e;
                if (Math.abs(d) <= p.matchTolerance()) {
                    res[r++] = d;
                }
            }
            bestOffset += RobustStats.median(Arrays.copyOf(res, r));
        }
        List<Integer> onChip = new ArrayList<>();
        List<Integer> off = new ArrayList<>();
        for (int k = 0; k < ny.length; k++) {
            double e = ny[k] + bestOffset;
            if (e >= area.y0() + 3 && e <= area.y1() - 4) {
                onChip.add(k);
            } else {
                off.add(nominal.fibres()[k]);
            }
        }
        int n = onChip.size();
        int[] index = new int[n];
        double[] pos = new double[n];
        boolean[] live = new boolean[n];
        double[] height = new double[n];
        boolean[] used = new boolean[py.length];
        int liveCount = 0;
        for (int i = 0; i < n; i++) {
            index[i] = onChip.get(i);
            double e = ny[index[i]] + bestOffset;
            int j = nearestIndex(py, e);
            if (j >= 0 && Math.abs(py[j] - e) <= p.matchTolerance() && !used[j]) {
                used[j] = true;
                pos[i] = py[j];
                height[i] = peaks.get(j)[1];
                live[i] = true;
                liveCount++;
            } else {
                pos[i] = e;
            }
        }
        if (n == 0 || liveCount < Math.max(1, MIN_MATCHED_FRACTION * n)) {
            throw new DrpException(TraceErrorCode.TRACE_IDENTIFICATION_FAILED, Location.NOWHERE, String.format(
                    "%d peaks in the cross-section match only %d of the %d fibres expected on the chip at the best "
                            + "offset %+.2f px (searched +-%.1f px, tolerance %.1f px)", py.length, liveCount, n,
                    bestOffset, p.maxShift(), p.matchTolerance()));
        }
        double[] hs = new double[liveCount];
        int c = 0;
        for (int i = 0; i < n; i++) {
            if (live[i]) {
                hs[c++] = height[i];
            }
        }
        double med = RobustStats.median(hs);
        for (int i = 0; i < n; i++) {
            if (live[i] && height[i] < p.deadFraction() * med) {
                live[i] = false;
                pos[i] = ny[index[i]] + bestOffset;
            }
        }
        int unmatched = 0;
        for (boolean u : used) {
            unmatched += u ? 0 : 1;
        }
        return new Match(index, pos, live, height, bestOffset, off.stream().mapToInt(Integer::intValue).toArray(),
                unmatched);
    }

    private static int nearestIndex(double[] sorted, double v) {
        if (sorted.length == 0) {
            return -1;
        }
        int i = Arrays.binarySearch(sorted, v);
        if (i >= 0) {
            return i;
        }
        int ins = -i - 1;
        if (ins == 0) {
            return 0;
        }
        if (ins == sorted.length) {
            return sorted.length - 1;
        }
        return v - sorted[ins - 1] <= sorted[ins] - v ? ins - 1 : ins;
    }

    private static double nearest(double[] sorted, double v) {
        int i = nearestIndex(sorted, v);
        return i < 0 ? Double.POSITIVE_INFINITY : sorted[i];
    }

    /** Dead traces: centres between the live neighbours in proportion to the nominal spacing, widths likewise. */
    private static void interpolateDead(TraceStatus[] status, Match match, NominalTraces nominal, Region area, int w,
            double[] cen, double[] sig, double[] hgt) {
        int n = status.length;
        double[] ny = nominal.y();
        for (int i = 0; i < n; i++) {
            if (status[i] != TraceStatus.DEAD) {
                continue;
            }
            int a = i - 1;
            while (a >= 0 && status[a] != TraceStatus.LIVE) {
                a--;
            }
            int b = i + 1;
            while (b < n && status[b] != TraceStatus.LIVE) {
                b++;
            }
            if (a < 0 && b >= n) {
                continue; // no live trace at all to follow
            }
            double yi = ny[match.index[i]];
            for (int x = area.x0(); x < area.x1(); x++) {
                int k = i * w + x;
                hgt[k] = 0;
                if (a >= 0 && b < n) {
                    double t = (yi - ny[match.index[a]]) / (ny[match.index[b]] - ny[match.index[a]]);
                    cen[k] = cen[a * w + x] + t * (cen[b * w + x] - cen[a * w + x]);
                    sig[k] = sig[a * w + x] + t * (sig[b * w + x] - sig[a * w + x]);
                } else {
                    int r = a >= 0 ? a : b;
                    cen[k] = cen[r * w + x] + yi - ny[match.index[r]];
                    sig[k] = sig[r * w + x];
                }
            }
        }
    }
}
