package org.drpkit.algorithms.ramp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.drpkit.algorithms.refcorr.ReadoutClock;
import org.drpkit.algorithms.refcorr.ReferenceScan;
import org.drpkit.algorithms.refcorr.SegmentLevels;
import org.drpkit.algorithms.refcorr.ZeropointLevels;
import org.drpkit.algorithms.stats.RobustStats;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.flag.ExtraFlag;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.Ramp;
import org.drpkit.core.image.RampSource;
import org.drpkit.core.instrument.Amplifier;
import org.drpkit.core.instrument.Chip;
import org.drpkit.core.instrument.Region;

/**
 * The first-read (reset) anomaly: the first reads after a reset settle, so the first differences of a ramp carry an
 * excess that is not light. Upstream only drops the first two reads; this stage measures the excess from darks and
 * subtracts it, so those reads can be fitted (dropping stays an option: {@link ReadSelection.Params#dropFirst()}).
 *
 * <p>The excess of difference k (reads k to k+1 from the reset, {@code k < differences}) of one dark is
 * {@code d_k - mean(d_L .. d_end)} with {@code L = max(differences, half the differences)}, the mean without its
 * largest and smallest value (a cosmic ray): the later half of the ramp gives the dark rate, far from the anomaly's
 * tail. Choose {@code differences} to cover the anomaly: what is
 * left beyond it stays in the rate. The correction
 * is its mean over the darks (without the largest value when it lies {@value #OUTLIER_SIGMA} sigma above the others:
 * a cosmic ray), per pixel ({@link Scope#PIXEL}) or as the median of each amplifier's light-sensitive
 * pixels ({@link Scope#AMPLIFIER}: noise-free, for an anomaly common to an amplifier). It is measured on the reads as
 * the chain sees them when it applies it: {@link RampProcessor} subtracts it after the reference zeropoint, so darks
 * are zeropointed first unless {@link Params#zeropoint()} is false (and the chain then runs without zeropoint too).
 * {@link RampProcessor} applies it to the differences of reads {@code < differences} of its plan, before the
 * nonlinearity-corrected differences go to row noise, jumps and the fit, and sets {@link #FLAG} on the pixels it
 * corrected.
 *
 * <pre>{@code
 * ResetAnomaly.Correction c = ResetAnomaly.measure(darks, chip, ResetAnomaly.Params.DEFAULTS);
 * RampProcessor.Params p = RampProcessor.Params.defaults(noise).withResetAnomaly(c)
 *         .withReads(ReadSelection.Params.ALL_READS);
 * }</pre>
 */
public final class ResetAnomaly {

    /** Bit 19 (a drpkit extension): the pixel's first differences were corrected for the reset anomaly. */
    public static final int FLAG = ExtraFlag.RESET_CORRECTED.value();

    /** A dark's excess this many sigma above the other darks' is a cosmic ray and left out. */
    static final double OUTLIER_SIGMA = 5;

    private ResetAnomaly() {
    }

    /** Per pixel or per amplifier. */
    public enum Scope {
        /** Each pixel its own excess (needs enough darks: the correction's noise is that of the darks' mean). */
        PIXEL,
        /** The median excess of each amplifier's light-sensitive pixels, for every pixel of the amplifier. */
        AMPLIFIER
    }

    /**
     * @param differences the first differences measured and corrected, at least 1
     * @param scope       per pixel or per amplifier
     * @param zeropoint   zeropoint each dark with {@code refcorr.Zeropoint} first (as the chain does by default)
     */
    public record Params(int differences, Scope scope, boolean zeropoint) {

        /** Four differences, per pixel, after the zeropoint. */
        public static final Params DEFAULTS = new Params(4, Scope.PIXEL, true);

        /** Checks the values. */
        public Params {
            Objects.requireNonNull(scope, "scope");
            if (differences < 1) {
                throw new IllegalArgumentException("differences must be at least 1, got " + differences);
            }
        }
    }

    /**
     * The measured excess of the first differences.
     *
     * @param excess per difference k (reads k to k+1 from the reset), the excess per pixel, DN
     * @param error  per difference, the standard error of the excess per pixel, DN (the scatter of the darks over
     *               their square root; for {@link Scope#AMPLIFIER} that of the amplifier's median)
     * @param darks  darks measured
     * @param scope  how it was measured
     */
    public record Correction(List<Image> excess, List<Image> error, int darks, Scope scope) {

        /** Checks that excess and error have one image per difference, all of one shape. */
        public Correction {
            excess = List.copyOf(excess);
            error = List.copyOf(error);
            if (excess.isEmpty() || excess.size() != error.size()) {
                throw new IllegalArgumentException("one excess and one error image per difference");
            }
            for (Image i : excess) {
                if (!i.sameShape(excess.get(0))) {
                    throw new IllegalArgumentException("excess images differ in shape");
                }
            }
        }

        /** @return the number of differences corrected */
        public int differences() {
            return excess.size();
        }

        void requireShape(int w, int h) {
            Image e = excess.get(0);
            if (e.width() != w || e.height() != h) {
                throw new IllegalArgumentException("reset-anomaly correction " + e.width() + "x" + e.height()
                        + " does not match " + w + "x" + h);
            }
        }

        /** @return e.g. {@code ResetAnomaly.Correction[4 differences, PIXEL, 12 darks, mean excess -31.2, -11.4 ...]} */
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("ResetAnomaly.Correction[" + excess.size() + " differences, " + scope
                    + ", " + darks + " darks, mean excess");
            for (Image i : excess) {
                double s = 0;
                float[] a = i.array();
                for (float v : a) {
                    s += v;
                }
                sb.append(String.format(java.util.Locale.ROOT, " %.3g", s / a.length));
            }
            return sb.append(" DN]").toString();
        }
    }

    /** Rows read at a time from every dark by {@link #measure}. */
    static final int BLOCK_ROWS = 16;

    /**
     * @param darks  dark ramps of the chip's shape, each with more than {@code differences + 2} reads. Streamed:
     *               each dark is read twice in blocks of {@value #BLOCK_ROWS} rows (its reference levels, then its
     *               pixels), so the working memory is one block of every dark's reads plus the result, whatever the
     *               number of darks or reads. Not modified.
     * @param chip   the layout (amplifiers, light-sensitive area)
     * @param params what to measure
     * @return the excess per difference
     * @throws DrpException {@code RAMP_TOO_SHORT} for a dark without reads after the anomaly;
     *                      {@code RAMP_SHAPE_MISMATCH} for a dark of another shape; what the zeropoint and the
     *                      sources raise
     */
    public static Correction measure(List<? extends RampSource> darks, Chip chip, Params params)
            throws DrpException {
        if (darks.isEmpty()) {
            throw new IllegalArgumentException("no darks");
        }
        int w = chip.width();
        int h = chip.height();
        int kk = params.differences();
        for (RampSource dark : darks) {
            if (dark.width() != w || dark.height() != h) {
                throw new DrpException(RampErrorCode.RAMP_SHAPE_MISMATCH, Location.NOWHERE,
                        "dark " + dark.width() + "x" + dark.height() + ", chip " + w + "x" + h);
            }
            if (dark.reads() < kk + 3) {
                throw new DrpException(RampErrorCode.RAMP_TOO_SHORT, Location.NOWHERE, "a dark of " + dark.reads()
                        + " reads leaves fewer than two differences after the " + kk + " measured");
            }
        }
        int rows = Math.min(BLOCK_ROWS, h);
        // pass 1: each dark's reference levels (as the chain measures them), streamed
        List<SegmentLevels> levels = new ArrayList<>();
        for (RampSource dark : darks) {
            levels.add(params.zeropoint() ? SegmentLevels.of(referenceLevels(dark, chip, rows),
                    ReadoutClock.of(chip), w) : null);
        }
        // pass 2: per block of rows, every dark's excess summed per pixel
        int nd = darks.size();
        float[][] ex = new float[kk][w * h];
        float[][] er = new float[kk][w * h];
        Sums sums = new Sums(kk, rows * w);
        float[][] buf = new float[darks.stream().mapToInt(RampSource::reads).max().orElseThrow()][rows * w];
        for (int y0 = 0; y0 < h; y0 += rows) {
            int n = Math.min(rows, h - y0);
            sums.clear();
            for (int d = 0; d < nd; d++) {
                RampSource dark = darks.get(d);
                dark.readRows(y0, n, buf);
                SegmentLevels lv = levels.get(d);
                if (lv != null) {
                    for (int k = 0; k < dark.reads(); k++) {
                        for (int r = 0; r < n; r++) {
                            lv.subtract(k, buf[k], r * w);
                        }
                    }
                }
                sums.add(buf, dark.reads(), n * w);
            }
            sums.finish(nd, n * w, ex, er, y0 * w);
        }
        List<Image> excess = new ArrayList<>();
        List<Image> error = new ArrayList<>();
        for (int k = 0; k < kk; k++) {
            if (params.scope() == Scope.AMPLIFIER) {
                perAmplifier(chip, ex[k], er[k]);
            }
            excess.add(Image.of(w, h, ex[k]));
            error.add(Image.of(w, h, er[k]));
        }
        return new Correction(excess, error, nd, params.scope());
    }

    /** The zeropoint levels of every read of a dark, from its reference pixels, read in blocks of rows. */
    private static ZeropointLevels referenceLevels(RampSource dark, Chip chip, int rows) throws DrpException {
        int w = dark.width();
        int h = dark.height();
        ReferenceScan scan = new ReferenceScan(chip, 0, dark.reads());
        float[][] buf = new float[dark.reads()][rows * w];
        dark.readRows(0, rows, buf);
        scan.setAnchors(buf, rows);
        ReferenceScan.Accumulator acc = scan.newAccumulator();
        for (int y0 = 0; y0 < h; y0 += rows) {
            int n = Math.min(rows, h - y0);
            dark.readRows(y0, n, buf);
            acc.add(buf, y0, n);
        }
        return scan.finish();
    }

    /** The running sums of one block of pixels over the darks: excess, its square and its largest value. */
    private static final class Sums {
        private final int kk;
        private final double[][] sum;
        private final double[][] sum2;
        private final float[][] max;
        private float[] scratch = new float[0];

        Sums(int kk, int pixels) {
            this.kk = kk;
            sum = new double[kk][pixels];
            sum2 = new double[kk][pixels];
            max = new float[kk][pixels];
        }

        void clear() {
            for (int k = 0; k < kk; k++) {
                java.util.Arrays.fill(sum[k], 0);
                java.util.Arrays.fill(sum2[k], 0);
                java.util.Arrays.fill(max[k], Float.NEGATIVE_INFINITY);
            }
        }

        /** Adds one dark's excess for pixels {@code 0 .. pixels-1} of the block ({@code planes[read][i]}, DN). */
        void add(float[][] planes, int reads, int pixels) {
            int from = Math.max(kk, (reads - 1) / 2);
            int late = reads - 1 - from;
            if (scratch.length < late) {
                scratch = new float[late];
            }
            for (int i = 0; i < pixels; i++) {
                for (int j = 0; j < late; j++) {
                    scratch[j] = planes[from + j + 1][i] - planes[from + j][i];
                }
                double med = trimmedMean(scratch, late);
                for (int k = 0; k < kk; k++) {
                    double e = (double) planes[k + 1][i] - planes[k][i] - med;
                    sum[k][i] += e;
                    sum2[k][i] += e * e;
                    max[k][i] = Math.max(max[k][i], (float) e);
                }
            }
        }

        /** Writes the mean excess and its error over nd darks to {@code ex[k][off + i]}, {@code er[k][off + i]}. */
        void finish(int nd, int pixels, float[][] ex, float[][] er, int off) {
            for (int k = 0; k < kk; k++) {
                for (int i = 0; i < pixels; i++) {
                    double s = sum[k][i];
                    double s2 = sum2[k][i];
                    int count = nd;
                    if (nd >= 4) {
                        // a cosmic ray (positive) in one dark's difference: leave out the largest value when it is
                        // an outlier from the others
                        double mx = max[k][i];
                        double m1 = (s - mx) / (nd - 1);
                        double sd1 = Math.sqrt(Math.max(0, (s2 - mx * mx) / (nd - 1) - m1 * m1) * (nd - 1)
                                / (nd - 2));
                        if (mx - m1 > OUTLIER_SIGMA * sd1) {
                            s -= mx;
                            s2 -= mx * mx;
                            count = nd - 1;
                        }
                    }
                    double m = s / count;
                    ex[k][off + i] = (float) m;
                    er[k][off + i] = count < 2 ? Float.NaN
                            : (float) Math.sqrt(Math.max(0, s2 / count - m * m) / (count - 1));
                }
            }
        }
    }

    /**
     * The dark rate from the later differences: their mean without the largest and the smallest (a cosmic ray in
     * one of them does no harm; for three or more values). The mean of consecutive differences telescopes, so the
     * read noise of the reads in between cancels: far less noise than a median, which matters because the same
     * reference enters every corrected difference.
     */
    private static double trimmedMean(float[] v, int len) {
        if (len < 3) {
            double s = 0;
            for (int i = 0; i < len; i++) {
                s += v[i];
            }
            return s / len;
        }
        double s = 0;
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < len; i++) {
            s += v[i];
            lo = Math.min(lo, v[i]);
            hi = Math.max(hi, v[i]);
        }
        return (s - lo - hi) / (len - 2);
    }

    /** Replaces each amplifier's values by the median over its light-sensitive pixels (and its error by 1.25 sigma/sqrt(n)). */
    private static void perAmplifier(Chip chip, float[] ex, float[] er) {
        int w = chip.width();
        Region ls = chip.lightSensitive();
        for (Amplifier a : chip.amplifiers()) {
            Region r = a.region();
            float[] v = new float[r.width() * r.height()];
            int m = 0;
            double errSum = 0;
            for (int y = r.y0(); y < r.y0() + r.height(); y++) {
                for (int x = r.x0(); x < r.x0() + r.width(); x++) {
                    if (ls.contains(x, y)) {
                        v[m++] = ex[y * w + x];
                        errSum += (double) er[y * w + x] * er[y * w + x];
                    }
                }
            }
            if (m == 0) {
                continue;
            }
            float med = (float) RobustStats.median(java.util.Arrays.copyOf(v, m));
            float err = (float) (1.2533 * Math.sqrt(errSum / m) / Math.sqrt(m));
            for (int y = r.y0(); y < r.y0() + r.height(); y++) {
                for (int x = r.x0(); x < r.x0() + r.width(); x++) {
                    ex[y * w + x] = med;
                    er[y * w + x] = err;
                }
            }
        }
    }

    /**
     * The correction on in-memory reads: read j gets {@code -sum_{k < min(j, differences)} excess_k} (read 0 and the
     * differences from read {@code differences} on are unchanged).
     *
     * @param reads the reads as the chain sees them at this point (after the zeropoint, if the correction was measured
     *              after it), DN. Not modified.
     * @param c     the correction, of the ramp's shape
     * @return a new ramp
     */
    public static Ramp correct(Ramp reads, Correction c) {
        int w = reads.width();
        int h = reads.height();
        c.requireShape(w, h);
        float[][] out = new float[reads.reads()][];
        float[] offset = new float[w * h];
        int base = reads.planeOffset();
        for (int j = 0; j < reads.reads(); j++) {
            float[] src = reads.plane(j);
            float[] dst = new float[w * h];
            if (j > 0 && j <= c.differences()) {
                float[] e = c.excess().get(j - 1).array();
                for (int i = 0; i < w * h; i++) {
                    offset[i] += e[i];
                }
            }
            for (int i = 0; i < w * h; i++) {
                dst[i] = src[base + i] - offset[i];
            }
            out[j] = dst;
        }
        return Ramp.of(w, h, reads.readTimes(), out).withPattern(reads.pattern());
    }

    /** The row kernel of {@link RampProcessor}: subtracts the excess from a row's differences in place. */
    static final class Kernel {
        private final Correction c;
        private final int width;
        private final int first;
        private final int count;

        /**
         * @param firstRead the plan's first read: difference j of the plan is difference {@code firstRead + j} of
         *                  the ramp
         * @param n         the plan's differences
         */
        Kernel(Correction c, int width, int firstRead, int n) {
            this.c = c;
            this.width = width;
            this.first = firstRead;
            this.count = Math.max(0, Math.min(n, c.differences() - firstRead));
        }

        /** @return true when the plan includes a corrected difference */
        boolean applies() {
            return count > 0;
        }

        /**
         * @param d   differences {@code d[j][off + x]}, DN. Modified: the excess is subtracted.
         * @param y   the row
         */
        void correctRow(float[][] d, int off, int y) {
            int row = y * width;
            for (int j = 0; j < count; j++) {
                float[] e = c.excess().get(first + j).array();
                float[] dj = d[j];
                for (int x = 0; x < width; x++) {
                    dj[off + x] -= e[row + x];
                }
            }
        }
    }
}
