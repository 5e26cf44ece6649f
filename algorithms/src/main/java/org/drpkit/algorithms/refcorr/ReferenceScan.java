package org.drpkit.algorithms.refcorr;

import java.util.ArrayList;
import java.util.List;
import org.drpkit.algorithms.stats.Select;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.instrument.Chip;
import org.drpkit.core.instrument.Region;

/**
 * Streaming measurement of the per-read reference levels of {@link Zeropoint}, one row block at a time, in
 * any order and from several threads, so zeropointing never needs a whole read in memory.
 *
 * <p>Levels are measured on differences from the first read measured: read 0 gets the spec's medians of its own
 * values, read j the levels of each reference pixel's {@code v_j - v_0} added to them. Only the changes of the
 * levels between reads reach the rates, and the differences are free of the fixed per-pixel pattern (tens of DN)
 * and of the static offsets between amplifiers (hundreds of DN), which make the raw-value medians of the spec
 * jump by DN from read to read: the left and right columns belong to amplifiers 1 and 4, so their union is
 * bimodal and its median sits in the gap between the two populations. The differences are unimodal with the
 * read noise's width, so their medians are stable to {@code 1.25 sqrt(2) sigma / sqrt(N)}. Being unimodal, they
 * also allow a 3-sigma clipped mean ({@link ClippedLevel}), stable to {@code 1.01 sqrt(2) sigma / sqrt(N)}, which is
 * what the border areas' levels of reads after the first use (a change from upstream's medians): the error of the
 * per-amplifier slope offset it leaves in a ramp drops by a fifth. The reference output keeps the grouped median.
 *
 * <p>The small reference areas are kept exactly (per read: the {@code 2b} border columns over all rows and the
 * {@code b} bottom and top rows, about 2% of a frame) and their medians are exact quickselects. The reference output
 * (a quarter of an APOGEE frame) is not kept: each worker fills a histogram of 1-DN classes per read over 8192 DN
 * either side of an anchor (the read's median over the first block), merged by summing counts at the end. Raw
 * values are ADC integers, for which the right location is the grouped median ({@link GroupedMedian}): the
 * histogram gives it exactly, and the kept samples are treated the same way (for non-integer data the kept
 * samples give the plain median and the histogram an interpolation inside the median's class, good to about 0.01
 * DN when the values spread over a few DN, as read noise makes them; identical non-integer values would be off by up
 * to half a DN). The memory is about 200 kB per read: the size of a 16-row block of the read, whatever
 * the read count.
 *
 * <pre>{@code
 * ReferenceScan scan = new ReferenceScan(chip, plan.firstRead(), plan.readsUsed());
 * scan.setAnchors(firstBlock, rows);                  // block[read][r * width + x], the first rows
 * ReferenceScan.Accumulator acc = scan.newAccumulator();  // one per worker
 * acc.add(block, y0, rows);                           // every block once
 * ZeropointLevels z = scan.finish();
 * }</pre>
 */
public final class ReferenceScan {

    static final int HALF_RANGE = 8192;
    static final int BINS = 2 * HALF_RANGE;

    private final Chip chip;
    private final ReadoutClock clock;
    private final int firstRead;
    private final int reads;
    private final int width;
    private final int height;
    private final int size;
    private final int border;
    private final boolean hasRef;
    private final int refX0;
    private final int refWidth;
    private final float[][] columns;
    private final float[][] bottom;
    private final float[][] top;
    private final double[] anchor;
    private final List<Accumulator> accumulators = new ArrayList<>();

    /**
     * @param firstRead first read measured (0-based index into the block's reads)
     * @param reads     reads measured
     */
    public ReferenceScan(Chip chip, int firstRead, int reads) {
        this.chip = chip;
        this.clock = ReadoutClock.of(chip);
        this.firstRead = firstRead;
        this.reads = reads;
        width = chip.width();
        height = chip.height();
        hasRef = chip.referenceOutput().isPresent();
        size = chip.referenceOutput().map(Region::x0).orElse(width);
        refX0 = size;
        refWidth = width - size;
        border = chip.referenceBorder();
        columns = new float[reads][2 * border * height];
        bottom = new float[reads][border * size];
        top = new float[reads][border * size];
        anchor = new double[reads];
    }

    /**
     * Sets each read's histogram anchor to the median of its reference-output values (read 0) or differences from
     * read 0 (later reads) over the given rows (any rows).
     *
     * @param block {@code block[firstRead + j][r * width + x]}, DN. Not modified.
     * @param rows  rows in the block
     */
    public void setAnchors(float[][] block, int rows) {
        setAnchors(block, 0, rows);
    }

    /**
     * As {@link #setAnchors(float[][], int)} with the rows starting at {@code offset} in every read's array.
     *
     * @param block the reads' arrays. Not modified.
     */
    public void setAnchors(float[][] block, int offset, int rows) {
        if (!hasRef) {
            return;
        }
        float[] s = new float[rows * refWidth];
        float[] b0 = block[firstRead];
        for (int j = 0; j < reads; j++) {
            float[] b = block[firstRead + j];
            int m = 0;
            for (int r = 0; r < rows; r++) {
                for (int x = refX0; x < width; x++) {
                    int i = offset + r * width + x;
                    float v = j == 0 ? b[i] : b[i] - b0[i];
                    if (!Float.isNaN(v)) {
                        s[m++] = v;
                    }
                }
            }
            anchor[j] = m == 0 ? 0 : Math.rint(Select.kth(s, 0, m, m / 2));
        }
    }

    /** @return bytes held: the kept reference samples plus every accumulator's histograms */
    public synchronized long memoryBytes() {
        long kept = 4L * reads * (columns.length == 0 ? 0 : columns[0].length + bottom[0].length + top[0].length);
        return kept + (hasRef ? 4L * (reads + 4) * BINS * accumulators.size() : 0);
    }

    /** @return a new accumulator for one worker */
    public synchronized Accumulator newAccumulator() {
        Accumulator a = new Accumulator();
        accumulators.add(a);
        return a;
    }

    /** One worker's share: histograms of the reference output; border samples go straight to the shared arrays. */
    public final class Accumulator {
        private final int[][] hist;
        private final long[][] outside;
        private final int[] local;

        private Accumulator() {
            hist = hasRef ? new int[reads][BINS] : new int[0][];
            outside = new long[reads][2];
            local = hasRef ? new int[4 * BINS] : new int[0];
        }

        /**
         * Adds rows {@code y0 .. y0+rows-1}: {@code block[firstRead + j][r * width + x]} is read j, pixel
         * (x, y0 + r). Thread-safe across accumulators as long as no two add the same rows.
         *
         * @param block the rows of every read, DN. Not modified.
         */
        public void add(float[][] block, int y0, int rows) {
            add(block, 0, y0, rows);
        }

        /**
         * As {@link #add(float[][], int, int)} with row r of read j at {@code block[firstRead + j][offset + r *
         * width]}: an in-memory ramp's planes can be scanned in place, touching only the reference columns.
         *
         * @param block the reads' arrays, DN. Not modified.
         */
        public void add(float[][] block, int offset, int y0, int rows) {
            float[] b0 = block[firstRead];
            for (int j = 0; j < reads; j++) {
                float[] b = block[firstRead + j];
                for (int r = 0; r < rows; r++) {
                    int y = y0 + r;
                    int base = offset + r * width;
                    if (border > 0) {
                        float[] c = columns[j];
                        for (int i = 0; i < border; i++) {
                            c[y * 2 * border + i] = value(b, b0, j, base + i);
                            c[y * 2 * border + border + i] = value(b, b0, j, base + size - border + i);
                        }
                        if (y < border) {
                            copy(b, b0, j, base, bottom[j], y * size);
                        } else if (y >= height - border) {
                            copy(b, b0, j, base, top[j], (y - height + border) * size);
                        }
                    }
                    if (hasRef) {
                        histogram(j, b, b0, base + refX0, base + width);
                    }
                }
            }
        }

        private float value(float[] b, float[] b0, int j, int i) {
            return j == 0 ? b[i] : b[i] - b0[i];
        }

        private void copy(float[] b, float[] b0, int j, int from, float[] dst, int to) {
            for (int x = 0; x < size; x++) {
                dst[to + x] = value(b, b0, j, from + x);
            }
        }

        /**
         * Counts one row segment into read j's histogram. Values of a row crowd into a few bins, and consecutive
         * increments of one bin wait on each other, so the row is counted into four interleaved scratch histograms
         * whose touched range is then added to read j's and cleared.
         */
        private void histogram(int j, float[] b, float[] b0, int from, int to) {
            int[] h = hist[j];
            double lo = anchor[j] - HALF_RANGE;
            long under = 0;
            long over = 0;
            int min = BINS;
            int max = -1;
            for (int i = from; i < to; i++) {
                float v = j == 0 ? b[i] : b[i] - b0[i];
                double t = v - lo + 0.5;
                if (t >= 0 && t < BINS) {
                    int bin = (int) t;
                    local[((i - from) & 3) * BINS + bin]++;
                    min = Math.min(min, bin);
                    max = Math.max(max, bin);
                } else if (t < 0) {
                    under++;
                } else if (t >= BINS) {
                    over++;
                }
            }
            for (int bin = min; bin <= max; bin++) {
                h[bin] += local[bin] + local[BINS + bin] + local[2 * BINS + bin] + local[3 * BINS + bin];
                local[bin] = 0;
                local[BINS + bin] = 0;
                local[2 * BINS + bin] = 0;
                local[3 * BINS + bin] = 0;
            }
            outside[j][0] += under;
            outside[j][1] += over;
        }
    }

    /**
     * Computes the levels once every row was added: read 0 from its values, later reads as read 0's levels plus
     * the medians of the differences.
     *
     * @return the levels of the reads measured
     * @throws DrpException {@code REFERENCE_LEVEL_RANGE} when a read's reference-output median falls outside the
     *                      histogram (its levels spread over more than 8192 DN)
     */
    public ZeropointLevels finish() throws DrpException {
        double[] ref = new double[reads];
        double[] sci = new double[reads];
        int amps = clock.amplifiers();
        double[][] off = new double[reads][amps];
        float[] scratch = new float[Math.max(2 * border * height, 2 * border * size)];
        float[] dev = new float[scratch.length];
        for (int j = 0; j < reads; j++) {
            if (hasRef) {
                ref[j] = histogramMedian(j) + (j == 0 ? 0 : ref[0]);
            }
            if (border > 0) {
                sci[j] = j == 0 ? GroupedMedian.of(columns[0], 0, columns[0].length, scratch)
                        : ClippedLevel.of(columns[j], 0, columns[j].length, scratch, dev) + sci[0];
                ampOffsets(j, off[j], scratch, j == 0 ? null : dev);
                if (j > 0) {
                    for (int a = 0; a < amps; a++) {
                        off[j][a] += off[0][a];
                    }
                }
            }
        }
        return new ZeropointLevels(firstRead, ref, sci, off);
    }

    private void ampOffsets(int j, double[] off, float[] scratch, float[] dev) {
        int amps = clock.amplifiers();
        double bot = edgeLevel(bottom[j], 0, amps - 1, scratch, dev);
        double tp = edgeLevel(top[j], 0, amps - 1, scratch, dev);
        for (int a = 0; a < amps; a++) {
            int m = 0;
            m = collect(bottom[j], a, -bot, scratch, m);
            m = collect(top[j], a, -tp, scratch, m);
            off[a] = level(scratch, m, dev);
        }
        double centre = (off[0] + off[amps - 1]) / 2;
        for (int a = 0; a < amps; a++) {
            off[a] -= centre;
        }
    }

    private double edgeLevel(float[] rows, int a1, int a2, float[] scratch, float[] dev) {
        int m = collect(rows, a1, 0, scratch, 0);
        if (a2 != a1) {
            m = collect(rows, a2, 0, scratch, m);
        }
        return level(scratch, m, dev);
    }

    /** Read 0's raw values: the spec's median; later reads' differences: the clipped mean ({@code dev != null}). */
    private static double level(float[] scratch, int m, float[] dev) {
        return dev == null ? GroupedMedian.of(scratch, 0, m, scratch) : ClippedLevel.of(scratch, 0, m, scratch, dev);
    }

    private int collect(float[] rows, int amp, double shift, float[] out, int m) {
        int x0 = clock.x0(amp);
        int w = clock.width(amp);
        for (int r = 0; r < border; r++) {
            for (int x = x0; x < x0 + w; x++) {
                out[m++] = (float) (rows[r * size + x] + shift);
            }
        }
        return m;
    }

    private double histogramMedian(int j) throws DrpException {
        int[] h = new int[BINS];
        long under = 0;
        long over = 0;
        for (Accumulator a : accumulators) {
            int[] ah = a.hist[j];
            for (int i = 0; i < BINS; i++) {
                h[i] += ah[i];
            }
            under += a.outside[j][0];
            over += a.outside[j][1];
        }
        long total = under + over;
        for (int c : h) {
            total += c;
        }
        if (total == 0) {
            return 0;
        }
        double lo = anchor[j] - HALF_RANGE;
        double m = GroupedMedian.ofHistogram(h, under, total, lo);
        if (Double.isNaN(m)) {
            throw range(j);
        }
        return m;
    }

    private DrpException range(int j) {
        return new DrpException(ReferenceErrorCode.REFERENCE_LEVEL_RANGE, Location.NOWHERE, "read " + (firstRead + j)
                + " of chip " + chip.name() + ": the reference-output median lies more than " + HALF_RANGE
                + " DN from its first-block median " + anchor[j]);
    }
}
