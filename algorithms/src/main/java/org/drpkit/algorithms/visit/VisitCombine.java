package org.drpkit.algorithms.visit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.drpkit.algorithms.concurrent.BlockWorkers;
import org.drpkit.algorithms.resample.LogGrid;
import org.drpkit.algorithms.resample.ResampledSpectra;
import org.drpkit.algorithms.stats.Select;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.flag.ExtraFlag;
import org.drpkit.core.image.SizeGuard;
import org.drpkit.core.image.Spectra;

/**
 * A night's exposures of the same fibres combined into one visit spectrum per fibre, and split into one spectrum per
 * object.
 *
 * <p><b>Input</b>: the exposures already on one log-uniform grid ({@code Resample.exposure} of each; dithered
 * exposures, shifted by half a pixel on the detector, land on the same grid through their own wavelengths), same
 * fibre rows, same flux scale (flux them first: a flux change between exposures shows as outliers at bright pixels,
 * see {@link Visit#rejectedPerExposure()}). An exposure's pixel is usable when its ivar is positive and finite, its
 * flux finite and its flags have none of {@link VisitParams#badBits()}.
 *
 * <p><b>Rejection</b> (sigma clipping against the median): at each fibre and pixel with at least
 * {@link VisitParams#minExposures()} usable exposures, exposure e is rejected when
 * {@code |f_e - median| > clipSigma sqrt(1/ivar_e + 1/sum_{j != e} ivar_j)}, the median over the exposures kept and
 * the variance that of {@code f_e} minus the mean of the others (the median's own variance is close to it and a bit
 * larger, so the limit is a little strict); repeated with the exposures kept until none is rejected or after
 * {@link VisitParams#maxIterations()} rounds. With two exposures nothing is rejected (the median cannot tell which
 * one is off).
 *
 * <p><b>Combination</b>: {@code flux = sum ivar_e f_e / sum ivar_e}, {@code ivar = sum ivar_e} over the exposures kept
 * (the variance of the weighted mean of independent measurements; resampling's covariance between neighbouring grid
 * pixels is not carried, as there). Weights from an ivar that depends on the measured flux (Poisson noise from the
 * data) bias the mean low by about one part in the pixel's S/N squared; give ivars from a model where that matters.
 * Flags: the OR of the flags of the exposures kept, plus {@link ExtraFlag#VISIT_REJECTED} where one was rejected;
 * where no exposure is usable, flux 0, ivar 0 and {@link ExtraFlag#NOT_COVERED} plus the OR of what was there.
 *
 * <p>Fibres are independent; each is one worker's, so the result is identical for any worker count. Inputs are not
 * modified.
 *
 * <pre>{@code
 * List<ResampledSpectra> exps = new ArrayList<>();
 * for (List<Spectra> chips : exposures) {
 *     exps.add(Resample.exposure(chips, LogGrid.apogee(), ResampleParams.defaults(), 2));
 * }
 * Visit v = VisitCombine.combine(exps, VisitParams.defaults(), 2);
 * List<ObjectVisit> objects = VisitCombine.split(v, targets);
 * }</pre>
 */
public final class VisitCombine {

    private VisitCombine() {
    }

    /**
     * Combines resampled exposures.
     *
     * @param exposures one per exposure, all on the same grid with the same fibres; not modified
     * @param p         parameters
     * @param workers   worker threads, at least 1; the result does not depend on it
     * @return the visit
     * @throws DrpException {@code VISIT_SHAPE_MISMATCH} when none is given or they differ in grid or fibres
     */
    public static Visit combine(List<ResampledSpectra> exposures, VisitParams p, int workers) throws DrpException {
        Objects.requireNonNull(exposures, "exposures");
        if (exposures.isEmpty()) {
            throw new DrpException(VisitErrorCode.VISIT_SHAPE_MISMATCH, Location.NOWHERE, "no exposure given");
        }
        LogGrid grid = exposures.get(0).grid();
        List<Spectra> s = new ArrayList<>();
        for (int e = 0; e < exposures.size(); e++) {
            if (!exposures.get(e).grid().equals(grid)) {
                throw new DrpException(VisitErrorCode.VISIT_SHAPE_MISMATCH, Location.NOWHERE, "exposure " + e
                        + " is on " + exposures.get(e).grid() + ", exposure 0 on " + grid);
            }
            s.add(exposures.get(e).spectra());
        }
        return combine(s, grid, p, workers);
    }

    /**
     * Combines exposures given as spectra on a grid.
     *
     * @param exposures one per exposure, each fibres x {@code grid.count()}; not modified
     * @param grid      their grid
     * @param p         parameters
     * @param workers   worker threads, at least 1; the result does not depend on it
     * @return the visit
     * @throws DrpException {@code VISIT_SHAPE_MISMATCH} when none is given or they differ in shape from each other or
     *                      from the grid
     * @see #combine(List, VisitParams, int)
     */
    public static Visit combine(List<Spectra> exposures, LogGrid grid, VisitParams p, int workers)
            throws DrpException {
        Objects.requireNonNull(grid, "grid");
        Objects.requireNonNull(p, "p");
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1: " + workers);
        }
        if (exposures.isEmpty()) {
            throw new DrpException(VisitErrorCode.VISIT_SHAPE_MISMATCH, Location.NOWHERE, "no exposure given");
        }
        int fibres = exposures.get(0).fibres();
        int px = grid.count();
        for (int e = 0; e < exposures.size(); e++) {
            Spectra s = exposures.get(e);
            if (s.fibres() != fibres || s.pixels() != px) {
                throw new DrpException(VisitErrorCode.VISIT_SHAPE_MISMATCH, Location.NOWHERE, "exposure " + e + " is "
                        + s.fibres() + " fibres x " + s.pixels() + " px; expected " + fibres + " x " + px
                        + " (the grid's pixels)");
            }
        }
        int n = exposures.size();
        int len = SizeGuard.checkArray(px, fibres);
        float[] flux = new float[len];
        float[] ivar = new float[len];
        int[] mask = new int[len];
        int[] used = new int[len];
        long[][] rejected = new long[fibres][n];
        long[][] good = new long[fibres][n];
        Spectra[] in = exposures.toArray(new Spectra[0]);
        BlockWorkers.run(workers, fibres, null, () -> new Kernel(n, p), (k, f) -> k.fibre(in, f, px, flux, ivar,
                mask, used, rejected[f], good[f]));
        long[] rej = new long[n];
        long[] gd = new long[n];
        for (int f = 0; f < fibres; f++) {
            for (int e = 0; e < n; e++) {
                rej[e] += rejected[f][e];
                gd[e] += good[f][e];
            }
        }
        return new Visit(grid, Spectra.of(fibres, px, flux, ivar, mask, null), used, n, rej, gd);
    }

    /**
     * Splits a visit into one spectrum per target: each target's row, with the target attached.
     *
     * <pre>{@code
     * List<ObjectVisit> objects = VisitCombine.split(visit, List.of(
     *         new VisitTarget(11, 12, "2M05353235-0522017", "science", 83.8848, -5.3671)));
     * }</pre>
     *
     * @param v       the visit; not modified (the results hold copies)
     * @param targets the rows to split out, in the order wanted
     * @return one per target, in that order
     * @throws DrpException {@code VISIT_SHAPE_MISMATCH} for a target whose row is not in the visit, or two targets on
     *                      one row
     */
    public static List<ObjectVisit> split(Visit v, List<VisitTarget> targets) throws DrpException {
        Spectra s = v.spectra();
        int px = s.pixels();
        boolean[] seen = new boolean[s.fibres()];
        List<ObjectVisit> out = new ArrayList<>(targets.size());
        for (VisitTarget t : targets) {
            if (t.row() >= s.fibres() || seen[t.row()]) {
                throw new DrpException(VisitErrorCode.VISIT_SHAPE_MISMATCH, Location.NOWHERE, "target " + t
                        + (t.row() >= s.fibres() ? " is on row " + t.row() + " of a visit of " + s.fibres() + " rows"
                                : " shares its row with another target"));
            }
            seen[t.row()] = true;
            int from = t.row() * px;
            out.add(new ObjectVisit(t, v.grid(), Arrays.copyOfRange(s.flux(), from, from + px),
                    Arrays.copyOfRange(s.ivar(), from, from + px), Arrays.copyOfRange(s.mask(), from, from + px),
                    Arrays.copyOfRange(v.used(), from, from + px), v.exposures()));
        }
        return out;
    }

    /** One worker's scratch and the per-pixel rejection. */
    private static final class Kernel {
        private final VisitParams p;
        private final double[] f;
        private final double[] w;
        private final int[] m;
        private final int[] exp;
        private final boolean[] kept;
        private final float[] sort;

        Kernel(int n, VisitParams p) {
            this.p = p;
            f = new double[n];
            w = new double[n];
            m = new int[n];
            exp = new int[n];
            kept = new boolean[n];
            sort = new float[n];
        }

        void fibre(Spectra[] in, int fibre, int px, float[] flux, float[] ivar, int[] mask, int[] used,
                long[] rejected, long[] good) {
            int bad = p.badBits();
            for (int x = 0; x < px; x++) {
                int j = fibre * px + x;
                int k = 0;
                int seenFlags = 0;
                for (int e = 0; e < in.length; e++) {
                    float fe = in[e].flux()[j];
                    float we = in[e].ivar()[j];
                    int me = in[e].mask()[j];
                    if (we > 0 && Float.isFinite(we) && Float.isFinite(fe) && (me & bad) == 0) {
                        f[k] = fe;
                        w[k] = we;
                        m[k] = me;
                        exp[k] = e;
                        kept[k] = true;
                        good[e]++;
                        k++;
                    } else {
                        seenFlags |= me;
                    }
                }
                if (k == 0) {
                    flux[j] = 0;
                    ivar[j] = 0;
                    mask[j] = seenFlags | ExtraFlag.NOT_COVERED.value();
                    used[j] = 0;
                    continue;
                }
                boolean anyRejected = clip(k, rejected);
                double sw = 0;
                double swf = 0;
                int flags = 0;
                int nk = 0;
                for (int q = 0; q < k; q++) {
                    if (kept[q]) {
                        sw += w[q];
                        swf += w[q] * f[q];
                        flags |= m[q];
                        nk++;
                    }
                }
                flux[j] = (float) (swf / sw);
                ivar[j] = (float) sw;
                mask[j] = flags | (anyRejected ? ExtraFlag.VISIT_REJECTED.value() : 0);
                used[j] = nk;
            }
        }

        /** Rejects outliers among the first k values; @return true when any was rejected. */
        private boolean clip(int k, long[] rejected) {
            boolean any = false;
            int alive = k;
            for (int it = 0; it < p.maxIterations() && alive >= p.minExposures(); it++) {
                int c = 0;
                double sw = 0;
                for (int q = 0; q < k; q++) {
                    if (kept[q]) {
                        sort[c++] = (float) f[q];
                        sw += w[q];
                    }
                }
                double med = median(c);
                double lim2 = p.clipSigma() * p.clipSigma();
                boolean changed = false;
                for (int q = 0; q < k; q++) {
                    if (!kept[q]) {
                        continue;
                    }
                    double others = sw - w[q];
                    double var = 1 / w[q] + (others > 0 ? 1 / others : 0);
                    double d = f[q] - med;
                    if (d * d > lim2 * var) {
                        kept[q] = false;
                        rejected[exp[q]]++;
                        alive--;
                        changed = true;
                        any = true;
                    }
                }
                if (!changed) {
                    break;
                }
            }
            return any;
        }

        private double median(int c) {
            if (c % 2 == 1) {
                return Select.kth(sort, 0, c, c / 2);
            }
            double a = Select.kth(sort, 0, c, c / 2 - 1);
            double b = Select.kth(sort, 0, c, c / 2);
            return 0.5 * (a + b);
        }
    }
}
