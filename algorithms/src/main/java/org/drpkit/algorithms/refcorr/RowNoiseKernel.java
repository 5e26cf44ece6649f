package org.drpkit.algorithms.refcorr;

import java.util.Arrays;
import org.drpkit.core.image.Mask;
import org.drpkit.core.instrument.Chip;
import org.ejml.data.DMatrixRMaj;

/**
 * The per-row model of {@link RowNoiseCorrection}, for streaming compositions: {@link #modelRow} fits the shared
 * noise of every read difference of one row, {@link #model(int)} gives it by pixel-clock tick, {@link #correctRow}
 * also subtracts it. Not thread-safe (it holds an FFT plan and scratch): one kernel per worker thread.
 *
 * <pre>{@code
 * RowNoiseKernel k = new RowNoiseKernel(chip, RowNoiseParams.DEFAULTS, plan.differences());
 * k.correctRow(diffs, 0, y, usable, 0, readVariance, gain);   // diffs[k][x], DN
 * }</pre>
 */
public final class RowNoiseKernel {
    private static final byte NONE = 0;
    private static final byte REF = 1;
    private static final byte BACKGROUND = 2;

    private final Chip chip;
    private final RowNoiseParams params;
    private final ReadoutClock clock;
    private final int n;
    private final int width;
    private final int ticks;
    private final RowFourierFit fourier;
    private final int[] sx;
    private final int[] sp;
    private final boolean[] sref;
    private final double[] optimal;
    private final float[] mean;
    private final float[] clip;
    private final double[] wAll;
    private final double[] wRef;
    private final double[] z;
    private final double[] meanModel;
    private final double[] model;
    private final float[][] models;
    private final DMatrixRMaj gAll;
    private final DMatrixRMaj gRef;
    private final int[] tickOf;
    private final RowNoiseStats.Counter counter = new RowNoiseStats.Counter();
    private double lastRowSumSq;
    private int lastRowSamples;
    private long lastRowClipped;

    /**
     * @param chip   the layout. Not modified.
     * @param params which samples to use. Not modified.
     * @param n      read differences per row that the kernel will see
     * @throws IllegalArgumentException when the background mask does not have the chip's shape
     */
    public RowNoiseKernel(Chip chip, RowNoiseParams params, int n) {
        this.chip = chip;
        this.params = params;
        this.clock = ReadoutClock.of(chip);
        this.n = n;
        width = chip.width();
        params.background().ifPresent(m -> {
            if (m.width() != chip.width() || m.height() != chip.height()) {
                throw new IllegalArgumentException("background mask " + m.width() + "x" + m.height()
                        + " does not match chip " + chip.name());
            }
        });
        ticks = clock.ticksPerRow();
        fourier = new RowFourierFit(ticks, params.cutoff());
        int terms = 2 * fourier.harmonics() + 1;
        sx = new int[width];
        sp = new int[width];
        sref = new boolean[width];
        optimal = new double[n];
        double sumW = 0;
        for (int k = 0; k < n; k++) {
            optimal[k] = (k + 1.0) * (n - k);
            sumW += optimal[k];
        }
        for (int k = 0; k < n; k++) {
            optimal[k] /= sumW;
        }
        mean = new float[width];
        clip = new float[width];
        wAll = new double[ticks];
        wRef = new double[ticks];
        z = new double[ticks];
        meanModel = new double[ticks];
        model = new double[ticks];
        models = new float[n][ticks + 1]; // the extra, zero slot serves columns no output reads
        gAll = new DMatrixRMaj(terms, terms);
        gRef = new DMatrixRMaj(terms, terms);
        tickOf = new int[width];
        Arrays.fill(tickOf, -1);
        for (int o = 0; o < clock.outputs(); o++) {
            for (int p = 0; p < ticks; p++) {
                int x = clock.column(o, p);
                if (x >= 0) {
                    tickOf[x] = p;
                }
            }
        }
    }

    /** @return the harmonics fitted besides the constant */
    public int harmonics() {
        return fourier.harmonics();
    }

    /** @return what this kernel has done so far */
    public RowNoiseStats stats() {
        return counter.toStats();
    }

    /**
     * Corrects the n read differences of row y in place.
     *
     * @param d            Modified: {@code d[k][off + x]}, difference k of pixel (x, y), DN (read-major), loses the
     *                     model of its column's tick
     * @param usable       differences before saturation, {@code usable[uOff + x]}; saturated pixels are not
     *                     used as samples (all pixels are corrected). Not modified.
     * @param readVariance read variance of the row's pixels, DN^2 ({@code readVariance[x]}). Not modified.
     * @param gain         gain of the row's pixels, e-/DN. Not modified.
     * @return false when the row has no sample and was left alone
     */
    public boolean correctRow(float[][] d, int off, int y, int[] usable, int uOff, float[] readVariance,
            float[] gain) {
        if (!modelRow(d, off, y, usable, uOff, readVariance, gain)) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            subtract(d[k], off, models[k]);
        }
        return true;
    }

    /**
     * Fits the model of every difference of row y without subtracting it: afterwards {@link #model(int)} holds
     * the model of difference k by tick and {@link #tickOf(int)} maps a column to its tick. Arguments as
     * {@link #correctRow}, except that {@code d} is not modified.
     *
     * @return false when the row has no sample (the models are then zero)
     */
    public boolean modelRow(float[][] d, int off, int y, int[] usable, int uOff, float[] readVariance,
            float[] gain) {
        counter.rows++;
        lastRowSumSq = 0;
        lastRowSamples = 0;
        lastRowClipped = 0;
        int m = classify(y, usable, uOff);
        if (m > 0) {
            m = means(d, off, m, readVariance, gain);
        }
        if (m == 0) {
            for (float[] mk : models) {
                Arrays.fill(mk, 0f);
            }
            return false;
        }
        counter.corrected++;
        counter.samples += m;
        lastRowSamples = m;
        long clippedBefore = counter.clipped;
        double rowSq = 0;
        Arrays.fill(wAll, 0);
        Arrays.fill(wRef, 0);
        boolean anyRef = false;
        for (int s = 0; s < m; s++) {
            wAll[sp[s]]++;
            if (sref[s]) {
                wRef[sp[s]]++;
                anyRef = true;
            }
        }
        int kAll = fourier.gram(wAll, gAll);
        int kRef = anyRef ? fourier.gram(wRef, gRef) : -1;
        // the mean part: reference samples' means, once per row
        Arrays.fill(meanModel, 0);
        if (kRef >= 0) {
            Arrays.fill(z, 0);
            for (int s = 0; s < m; s++) {
                if (sref[s]) {
                    z[sp[s]] += mean[s];
                }
            }
            fourier.synthesise(z, gRef, kRef, meanModel);
        }
        for (int k = 0; k < n; k++) {
            float[] dk = d[k];
            Arrays.fill(z, 0);
            for (int s = 0; s < m; s++) {
                float v = dk[off + sx[s]];
                float dev = v - mean[s];
                if (Math.abs(dev) <= clip[s]) {
                    z[sp[s]] += dev;
                } else {
                    counter.clipped++;
                }
            }
            fourier.synthesise(z, gAll, kAll, model);
            float[] mk = models[k];
            for (int p = 0; p < ticks; p++) {
                double v = model[p] + meanModel[p];
                mk[p] = (float) v;
                rowSq += v * v;
            }
            counter.terms += ticks;
        }
        counter.sumSq += rowSq;
        lastRowSumSq = rowSq;
        lastRowClipped = counter.clipped - clippedBefore;
        return true;
    }

    /** @return the model of difference k of the last {@link #modelRow}, by tick (DN); shared, do not modify */
    public float[] model(int k) {
        return models[k];
    }

    /**
     * @return the tick at which column x is read, or {@link #ticks()} (whose model slot is always 0) for a column
     *         no output reads
     */
    public int tickOf(int x) {
        return tickOf[x] < 0 ? ticks : tickOf[x];
    }

    /** @return ticks per row */
    public int ticks() {
        return ticks;
    }

    /** @return the sum over ticks and differences of the squared model of the last row, DN^2 */
    public double lastRowSumSq() {
        return lastRowSumSq;
    }

    /** @return the samples used in the last row (0 when it was left alone) */
    public int lastRowSamples() {
        return lastRowSamples;
    }

    /** @return the sample differences clipped in the last row */
    public long lastRowClipped() {
        return lastRowClipped;
    }

    /** @return ticks per row times differences: the terms of {@link #lastRowSumSq} for a corrected row */
    public long termsPerRow() {
        return (long) ticks * n;
    }

    /** Lists the samples of row y; returns their count. */
    private int classify(int y, int[] usable, int uOff) {
        boolean borderRow = y < chip.referenceBorder() || y >= chip.height() - chip.referenceBorder();
        int refStart = clock.referenceOutput() >= 0 ? clock.x0(clock.referenceOutput()) : width;
        int b = chip.referenceBorder();
        Mask bg = params.background().orElse(null);
        int[] bgBits = bg == null ? null : bg.array();
        int bgBase = bg == null ? 0 : bg.rowStart(y);
        int m = 0;
        for (int x = 0; x < width; x++) {
            byte k = NONE;
            if (x >= refStart) {
                k = params.referenceOutput() ? REF : NONE;
            } else if (b > 0 && (borderRow || x < b || x >= refStart - b)) {
                k = params.referencePixels() ? REF : NONE;
            } else if (bgBits != null && bgBits[bgBase + x] != 0) {
                k = BACKGROUND;
            }
            if (k != NONE && (usable[uOff + x] < n || tickOf[x] < 0)) {
                k = NONE;
            }
            if (k != NONE) {
                sx[m] = x;
                sp[m] = tickOf[x];
                sref[m] = k == REF;
                m++;
            }
        }
        return m;
    }

    /**
     * Per sample: its level (differences averaged with the read-noise-optimal weights, after one clipping pass
     * about their plain mean) and the clipping threshold. Samples with a non-finite difference are dropped.
     *
     * @return the samples kept
     */
    private int means(float[][] d, int off, int m, float[] readVariance, float[] gain) {
        double c = params.clipSigma();
        int kept = 0;
        for (int s = 0; s < m; s++) {
            int x = sx[s];
            double sum = 0;
            for (int k = 0; k < n; k++) {
                sum += d[k][off + x];
            }
            double m1 = sum / n;
            if (!Double.isFinite(m1)) {
                continue;
            }
            double var = 2.0 * readVariance[x] + (sref[s] ? 0 : Math.max(m1, 0) / gain[x]);
            double t = c * Math.sqrt(var);
            double sw = 0;
            double swd = 0;
            for (int k = 0; k < n; k++) {
                float v = d[k][off + x];
                if (Math.abs(v - m1) <= t) {
                    sw += optimal[k];
                    swd += optimal[k] * v;
                }
            }
            sx[kept] = x;
            sp[kept] = sp[s];
            sref[kept] = sref[s];
            mean[kept] = (float) (sw == 0 ? m1 : swd / sw);
            clip[kept] = (float) t;
            kept++;
        }
        return kept;
    }

    private void subtract(float[] dk, int off, float[] modelF) {
        for (int o = 0; o < clock.outputs(); o++) {
            int x0 = off + clock.x0(o);
            int w = clock.width(o);
            if (clock.readsMinusX(o)) {
                int last = x0 + w - 1;
                for (int p = 0; p < w; p++) {
                    dk[last - p] -= modelF[p];
                }
            } else {
                for (int p = 0; p < w; p++) {
                    dk[x0 + p] -= modelF[p];
                }
            }
        }
    }
}
