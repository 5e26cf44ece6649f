package org.drpkit.algorithms.refcorr;

import java.util.Arrays;
import org.drpkit.core.image.Mask;
import org.drpkit.core.image.Ramp;
import org.drpkit.core.instrument.Chip;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Stage 4: removal of the correlated (1/f) noise that all outputs share, per row and per read difference, with an
 * NSClean-style (Rauscher 2023) low-order Fourier fit in pixel-clock time. Upstream has neither this nor the
 * reference-output correction; here they are one model.
 *
 * <p>At tick p of a row every output reads one pixel ({@link ReadoutClock}): the reference output column
 * {@code 2048 + p}, amplifiers 1 and 3 columns {@code x0 + p}, amplifiers 2 and 4 columns {@code x0 + 511 - p}
 * (flipped, as they read -x). Shared noise is a function of the tick, so the samples of a row (the reference
 * output, the reference columns, and optionally unilluminated science pixels) are projected in tick order on
 * {@code 1, cos, sin} of the first harmonics of the row (period: the ticks of a row, as NSClean's period is its
 * row; a doubled, zero-padded period makes the first sine nearly collinear with the constant and amplifies noise),
 * weighted by the number of samples per tick; the fitted model, its last harmonic at half weight (NSClean's
 * apodizer), is subtracted from every output at the same tick. Rows whose samples cover under half the ticks
 * (illuminated rows of a chip without a reference output) get a constant only.
 *
 * <p>Read differences, not reads, are corrected, so fixed per-pixel patterns cancel. Each sample's differences are
 * split into a level, their weighted mean with the read-noise-optimal weights {@code u_k ~ (k+1)(n-k)} (the weights
 * of a faint pixel's rate), and deviations from it. Levels of reference samples (no signal) give the part of the
 * model that reaches faint rates; deviations of all samples give how the noise varies between differences. The model
 * is {@code fit_ref(level) + fit_all(deviation)}: for a faint pixel the deviation part cancels exactly in the rate,
 * so unilluminated pixels, whose dark current is unknown, neither leak it into rates nor add their own noise there;
 * they sharpen the correction of single differences (jump detection, bright pixels). Samples more than
 * {@code clipSigma} noise sigmas from their level (jumps, hot pixels) are set to it.
 *
 * <p>The normal matrices come from the weights' spectrum: one real FFT per row (JTransforms, one instance per
 * {@link Kernel}, which is why a kernel belongs to one thread); projections and synthesis are direct sums over the
 * few harmonics.
 *
 * <pre>{@code
 * RowNoiseCorrection.Result r = RowNoiseCorrection.correct(zeropointed, chip, 2, 46, RowNoiseParams.DEFAULTS, 25.0, 1.9);
 * r.ramp();    // corrected reads
 * }</pre>
 */
public final class RowNoiseCorrection {

    private RowNoiseCorrection() {
    }

    /**
     * The corrected ramp and what was done.
     *
     * @param ramp  reads with the shared noise removed from reads {@code firstRead+1 .. lastRead} (read
     *              {@code firstRead} is the anchor and is unchanged)
     * @param stats diagnostics
     */
    public record Result(Ramp ramp, RowNoiseStats stats) {
    }

    /**
     * Corrects an in-memory, zeropointed ramp.
     *
     * @param readVariance DN^2 per read, for clipping
     * @param gain         e-/DN, for clipping
     */
    public static Result correct(Ramp reads, Chip chip, int firstRead, int lastRead, RowNoiseParams params,
            double readVariance, double gain) {
        Zeropoint.requireShape(reads, chip);
        int w = reads.width();
        int h = reads.height();
        int n = lastRead - firstRead;
        Kernel kernel = newKernel(chip, params, n);
        float[][] out = new float[reads.reads()][];
        for (int k = 0; k < reads.reads(); k++) {
            out[k] = reads.read(k).toArray();
        }
        float[][] d = new float[n][w];
        int[] usable = new int[w];
        Arrays.fill(usable, n);
        float[] s2 = new float[w];
        float[] g = new float[w];
        Arrays.fill(s2, (float) readVariance);
        Arrays.fill(g, (float) gain);
        for (int y = 0; y < h; y++) {
            int b = y * w;
            for (int k = 0; k < n; k++) {
                float[] a = out[firstRead + k];
                float[] c = out[firstRead + k + 1];
                for (int x = 0; x < w; x++) {
                    d[k][x] = c[b + x] - a[b + x];
                }
            }
            kernel.correctRow(d, 0, y, usable, 0, s2, g);
            for (int k = 0; k < n; k++) {
                float[] a = out[firstRead + k];
                float[] c = out[firstRead + k + 1];
                for (int x = 0; x < w; x++) {
                    c[b + x] = a[b + x] + d[k][x];
                }
            }
        }
        return new Result(Ramp.of(w, h, reads.readTimes(), out), kernel.stats());
    }

    /**
     * @param differences read differences per row that the kernel will see
     * @return a kernel for one worker thread
     * @throws IllegalArgumentException when the background mask does not have the chip's shape
     */
    public static Kernel newKernel(Chip chip, RowNoiseParams params, int differences) {
        return new Kernel(chip, params, differences);
    }

    /** The per-row correction; not thread-safe (holds an FFT plan and scratch). */
    public static final class Kernel {
        private static final byte NONE = 0;
        private static final byte REF = 1;
        private static final byte BACKGROUND = 2;

        private final Chip chip;
        private final RowNoiseParams params;
        private final ReadoutClock clock;
        private final int n;
        private final int width;
        private final int ticks;
        private final int period;
        private final int harmonics;
        private final double[][] basis;
        /** basis[j][p] stored tick-major: basisT[p * terms + j]. */
        private final double[] basisT;
        private final double[] apodizer;
        private final DoubleFFT_1D fft;
        private final double[] spectrum;
        private final int[] sx;
        private final int[] sp;
        private final boolean[] sref;
        private final double[] optimal;
        private final float[] mean;
        private final float[] clip;
        private final double[] wAll;
        private final double[] wRef;
        private final double[] z;
        private final double[] proj;
        private final double[] coef;
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

        Kernel(Chip chip, RowNoiseParams params, int n) {
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
            period = ticks;
            harmonics = Math.max(0, Math.min(ticks / 8, (int) Math.floor(params.cutoff() * period + 1e-9)));
            int terms = 2 * harmonics + 1;
            basis = new double[terms][ticks];
            apodizer = new double[terms];
            for (int p = 0; p < ticks; p++) {
                basis[0][p] = 1;
                for (int k = 1; k <= harmonics; k++) {
                    double a = 2 * Math.PI * k * p / period;
                    basis[2 * k - 1][p] = Math.cos(a);
                    basis[2 * k][p] = Math.sin(a);
                }
            }
            basisT = new double[ticks * terms];
            for (int p = 0; p < ticks; p++) {
                for (int j = 0; j < terms; j++) {
                    basisT[p * terms + j] = basis[j][p];
                }
            }
            apodizer[0] = 1;
            for (int k = 1; k <= harmonics; k++) {
                double a = k == harmonics ? 0.5 : 1;
                apodizer[2 * k - 1] = a;
                apodizer[2 * k] = a;
            }
            fft = new DoubleFFT_1D(period);
            spectrum = new double[period];
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
            proj = new double[terms];
            coef = new double[terms];
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
            return harmonics;
        }

        /** @return what this kernel has done so far */
        public RowNoiseStats stats() {
            return counter.toStats();
        }

        /**
         * Corrects the n read differences of row y in place.
         *
         * @param d            {@code d[k][off + x]}: difference k of pixel (x, y), DN (read-major)
         * @param usable       differences before saturation, {@code usable[uOff + x]}; saturated pixels are not
         *                     used as samples (all pixels are corrected)
         * @param readVariance read variance of the row's pixels, DN^2 ({@code readVariance[x]})
         * @param gain         gain of the row's pixels, e-/DN
         */
        public void correctRow(float[][] d, int off, int y, int[] usable, int uOff, float[] readVariance,
                float[] gain) {
            if (modelRow(d, off, y, usable, uOff, readVariance, gain)) {
                for (int k = 0; k < n; k++) {
                    subtract(d[k], off, models[k]);
                }
            }
        }

        /**
         * Fits the model of every difference of row y without subtracting it: afterwards {@link #model(int)} holds
         * the model of difference k by tick and {@link #tickOf(int)} maps a column to its tick. Arguments as
         * {@link #correctRow}.
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
            int kAll = gram(wAll, gAll);
            int kRef = anyRef ? gram(wRef, gRef) : -1;
            // the mean part: reference samples' means, once per row
            Arrays.fill(meanModel, 0);
            if (kRef >= 0) {
                Arrays.fill(z, 0);
                for (int s = 0; s < m; s++) {
                    if (sref[s]) {
                        z[sp[s]] += mean[s];
                    }
                }
                synthesise(z, gRef, kRef, meanModel);
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
                synthesise(z, gAll, kAll, model);
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

        /**
         * Fills the normal matrix of the weights (via their FFT) and inverts it.
         *
         * @return the harmonics used: the kernel's, or 0 when samples cover under half the ticks
         */
        private int gram(double[] w, DMatrixRMaj g) {
            int covered = 0;
            for (int p = 0; p < ticks; p++) {
                if (w[p] > 0) {
                    covered++;
                }
            }
            int k = 2 * covered >= ticks ? harmonics : 0;
            Arrays.fill(spectrum, 0);
            System.arraycopy(w, 0, spectrum, 0, ticks);
            fft.realForward(spectrum);
            int terms = 2 * k + 1;
            g.reshape(terms, terms);
            for (int i = 0; i < terms; i++) {
                for (int j = 0; j < terms; j++) {
                    g.set(i, j, gramEntry(i, j));
                }
            }
            double ridge = 1e-10 * spectrum[0];
            for (int i = 0; i < terms; i++) {
                g.add(i, i, ridge);
            }
            if (!CommonOps_DDRM.invert(g)) {
                throw new IllegalStateException("singular row-noise normal matrix");
            }
            return k;
        }

        /** Sum over ticks of w b_i b_j, from C(m) = sum w cos(2 pi m p / M) and S(m) = sum w sin(...). */
        private double gramEntry(int i, int j) {
            int ki = (i + 1) / 2;
            int kj = (j + 1) / 2;
            boolean ci = i == 0 || (i & 1) == 1;
            boolean cj = j == 0 || (j & 1) == 1;
            if (i == 0 && j == 0) {
                return c(0);
            }
            if (i == 0) {
                return cj ? c(kj) : s(kj);
            }
            if (j == 0) {
                return ci ? c(ki) : s(ki);
            }
            if (ci && cj) {
                return 0.5 * (c(Math.abs(ki - kj)) + c(ki + kj));
            }
            if (!ci && !cj) {
                return 0.5 * (c(Math.abs(ki - kj)) - c(ki + kj));
            }
            int kc = ci ? ki : kj;
            int ks = ci ? kj : ki;
            return 0.5 * (s(kc + ks) - s(kc - ks));
        }

        private double c(int m) {
            return m == 0 ? spectrum[0] : spectrum[2 * m];
        }

        private double s(int m) {
            if (m == 0) {
                return 0;
            }
            return m > 0 ? -spectrum[2 * m + 1] : spectrum[-2 * m + 1];
        }

        /**
         * Fits the harmonics (the first {@code 2k+1} terms) to z with the inverted normal matrix; writes the model.
         * Projections and synthesis run over ticks once, with the basis stored tick-major.
         */
        private void synthesise(double[] zz, DMatrixRMaj ginv, int k, double[] out) {
            int terms = 2 * k + 1;
            int all = 2 * harmonics + 1;
            if (terms == 1) {
                double a0 = 0;
                double a1 = 0;
                int p = 0;
                for (; p + 1 < ticks; p += 2) {
                    a0 += zz[p];
                    a1 += zz[p + 1];
                }
                if (p < ticks) {
                    a0 += zz[p];
                }
                proj[0] = a0 + a1;
            } else if (terms == 5) {
                double a0 = 0;
                double a1 = 0;
                double a2 = 0;
                double a3 = 0;
                double a4 = 0;
                for (int p = 0; p < ticks; p++) {
                    double zp = zz[p];
                    int b = p * all;
                    a0 += zp;
                    a1 += basisT[b + 1] * zp;
                    a2 += basisT[b + 2] * zp;
                    a3 += basisT[b + 3] * zp;
                    a4 += basisT[b + 4] * zp;
                }
                proj[0] = a0;
                proj[1] = a1;
                proj[2] = a2;
                proj[3] = a3;
                proj[4] = a4;
            } else {
                java.util.Arrays.fill(proj, 0, terms, 0);
                for (int p = 0; p < ticks; p++) {
                    double zp = zz[p];
                    int b = p * all;
                    for (int j = 0; j < terms; j++) {
                        proj[j] += basisT[b + j] * zp;
                    }
                }
            }
            for (int i = 0; i < terms; i++) {
                double v = 0;
                for (int j = 0; j < terms; j++) {
                    v += ginv.get(i, j) * proj[j];
                }
                coef[i] = k == harmonics ? v * apodizer[i] : v;
            }
            if (terms == 1) {
                java.util.Arrays.fill(out, coef[0]);
                return;
            }
            java.util.Arrays.fill(out, coef[0]);
            for (int j = 1; j < terms; j++) {
                double cj = coef[j];
                double[] b = basis[j];
                for (int p = 0; p < ticks; p++) {
                    out[p] += cj * b[p];
                }
            }
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
}
