package org.drpkit.algorithms.refcorr;

import java.util.TreeSet;

/**
 * The zeropoint levels of consecutive reads laid out along a row: the row is cut into column segments (each output's
 * columns, and the gaps no output reads), and read j loses one constant level on each segment. This is the kernel
 * that applies {@link ZeropointLevels}, shared by {@link Zeropoint#apply} (which subtracts the levels from reads) and
 * the streaming ramp processor (which subtracts each level change from a read difference, one subtraction per pixel
 * instead of two). Immutable and thread-safe.
 *
 * <pre>{@code
 * SegmentLevels s = SegmentLevels.of(levels, ReadoutClock.of(chip), chip.width());
 * s.subtract(j, row, 0);                                // row[x] -= level of read firstRead + j at column x
 * s.differences(reads, offsets, diffs, 0, n);           // diffs[k][x] = read k+1 - read k - level change
 * }</pre>
 */
public final class SegmentLevels {

    private final int[] bounds;
    private final float[][] level;
    private final float[][] step;

    private SegmentLevels(int[] bounds, float[][] level) {
        this.bounds = bounds;
        this.level = level;
        int segs = bounds.length - 1;
        step = new float[Math.max(0, level.length - 1)][segs];
        for (int k = 0; k + 1 < level.length; k++) {
            for (int s = 0; s < segs; s++) {
                step[k][s] = level[k + 1][s] - level[k][s];
            }
        }
    }

    /**
     * @param levels the levels of every read measured. Not modified.
     * @param clock  the chip's outputs. Not modified.
     * @param width  pixels per row
     * @return the levels of reads {@code levels.firstRead() ..} by segment; read j of the result is read
     *         {@code levels.firstRead() + j} of the ramp
     */
    public static SegmentLevels of(ZeropointLevels levels, ReadoutClock clock, int width) {
        int[] b = bounds(clock, width);
        float[][] lv = new float[levels.reads()][b.length - 1];
        float[] row = new float[width];
        for (int j = 0; j < lv.length; j++) {
            levels.fillRow(j, clock, width, row);
            for (int s = 0; s + 1 < b.length; s++) {
                lv[j][s] = row[b[s]];
            }
        }
        return new SegmentLevels(b, lv);
    }

    /**
     * @param clock the chip's outputs. Not modified.
     * @param width pixels per row
     * @param reads reads covered
     * @return levels of zero: subtracting them changes nothing
     */
    public static SegmentLevels zero(ReadoutClock clock, int width, int reads) {
        int[] b = bounds(clock, width);
        return new SegmentLevels(b, new float[reads][b.length - 1]);
    }

    /** @return the sorted boundaries of the columns each output reads, gaps included, from 0 to {@code width} */
    private static int[] bounds(ReadoutClock clock, int width) {
        TreeSet<Integer> b = new TreeSet<>();
        b.add(0);
        b.add(width);
        for (int o = 0; o < clock.outputs(); o++) {
            b.add(clock.x0(o));
            b.add(Math.min(width, clock.x0(o) + clock.width(o)));
        }
        int[] out = new int[b.size()];
        int i = 0;
        for (int v : b) {
            out[i++] = v;
        }
        return out;
    }

    /** @return the number of column segments of a row */
    public int segments() {
        return bounds.length - 1;
    }

    /** @return the first column of segment s */
    public int start(int s) {
        return bounds[s];
    }

    /** @return the column after the last of segment s */
    public int end(int s) {
        return bounds[s + 1];
    }

    /** @return the number of reads covered */
    public int reads() {
        return level.length;
    }

    /** @return the level of read j on segment s, DN */
    public float level(int j, int s) {
        return level[j][s];
    }

    /**
     * Subtracts read j's levels from one row of that read.
     *
     * @param row Modified: {@code row[off + x]} loses the level of column x, DN
     * @param off index of column 0 of the row in {@code row}
     */
    public void subtract(int j, float[] row, int off) {
        float[] l = level[j];
        for (int s = 0; s + 1 < bounds.length; s++) {
            float v = l[s];
            int x1 = off + bounds[s + 1];
            for (int i = off + bounds[s]; i < x1; i++) {
                row[i] -= v;
            }
        }
    }

    /**
     * Forms the n zeropointed differences of one row: {@code dst[k][dstOff + x] = src[k+1][srcOff[k+1] + x] -
     * src[k][srcOff[k] + x] - (level of read k+1 - level of read k)}, DN. {@code dst[k]} may be the array of read k
     * (read k is consumed before difference k is written).
     *
     * @param src    reads 0..n of the row. Not modified, except where {@code dst} shares their arrays.
     * @param srcOff index of column 0 of the row in each {@code src[j]}. Not modified.
     * @param dst    Modified: difference k of the row at {@code dst[k][dstOff ..]}
     * @param n      differences, at most {@code reads() - 1}
     */
    public void differences(float[][] src, int[] srcOff, float[][] dst, int dstOff, int n) {
        for (int k = 0; k < n; k++) {
            float[] a = src[k];
            float[] c = src[k + 1];
            int ao = srcOff[k];
            int co = srcOff[k + 1];
            float[] d = dst[k];
            float[] st = step[k];
            for (int s = 0; s + 1 < bounds.length; s++) {
                float l = st[s];
                int x1 = bounds[s + 1];
                for (int x = bounds[s]; x < x1; x++) {
                    d[dstOff + x] = c[co + x] - a[ao + x] - l;
                }
            }
        }
    }
}
