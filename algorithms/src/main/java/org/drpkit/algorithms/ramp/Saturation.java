package org.drpkit.algorithms.ramp;

import org.drpkit.core.image.Image;
import org.drpkit.core.image.Mask;
import org.drpkit.core.image.Ramp;
import org.drpkit.core.instrument.Chip;
import org.drpkit.core.instrument.Region;

/**
 * Saturation, the first correction of the ramp chain: the last unsaturated read of each pixel, on raw DN before any
 * other correction.
 *
 * <p>A read is saturated when its raw value exceeds {@code fudge x saturation map} (0.9 upstream). The scan runs
 * forward from the first planned read and stops at the first saturated read: L, the number of usable differences,
 * is the number of unsaturated reads before it minus one. Upstream searches backwards for the last read under the
 * threshold, so a noisy dip after saturation could count as unsaturated; the forward scan cannot (quirk fixed).
 * Without a map nothing saturates; pixels of the chip's reference output never do (as upstream); NaN or
 * non-positive map values mean "never saturates" for that pixel.
 *
 * <pre>{@code
 * SaturationResult s = Saturation.scan(ramp, plan, satMap, chip, Saturation.UPSTREAM_FUDGE);
 * s.usableDifferences().get(10, 20);   // L of pixel (10, 20)
 * }</pre>
 */
public final class Saturation {

    /** Upstream's safety factor on the saturation map. */
    public static final double UPSTREAM_FUDGE = 0.9;

    private Saturation() {
    }

    /**
     * @param reads the raw reads, DN. Not modified.
     * @param plan  the reads scanned (from its first read)
     * @param map   saturation level per pixel in raw DN, or null for "never saturated". Not modified.
     * @param chip  the layout (its reference output is exempt), or null
     * @param fudge factor applied to the map, in (0, 1]
     * @return the usable differences per pixel
     */
    public static SaturationResult scan(Ramp reads, ReadPlan plan, Image map, Chip chip, double fudge) {
        Rows.requireShape(map, reads.width(), reads.height(), "saturation map");
        int w = reads.width();
        int h = reads.height();
        int[] usable = new int[w * h];
        int n = plan.differences();
        float[][] rows = new float[plan.readsUsed()][];
        int[] base = new int[plan.readsUsed()];
        long partial = 0;
        long full = 0;
        Kernel kernel = new Kernel(map, chip, w, n, fudge);
        for (int y = 0; y < h; y++) {
            for (int j = 0; j < rows.length; j++) {
                Image img = reads.read(plan.firstRead() + j);
                rows[j] = img.array();
                base[j] = img.rowStart(y);
            }
            kernel.usableRow(y, rows, base, usable, y * w);
            for (int x = 0; x < w; x++) {
                int l = usable[y * w + x];
                if (l == 0) {
                    full++;
                } else if (l < n) {
                    partial++;
                }
            }
        }
        return new SaturationResult(Mask.of(w, h, usable), plan, partial, full);
    }

    /**
     * The row kernel of the scan, shared by {@link #scan} and the streaming {@link RampProcessor}: one instance per
     * thread (it holds scratch rows), allocation only in the constructor.
     */
    static final class Kernel {
        private final Image map;
        private final int width;
        private final int n;
        private final int refStart;
        private final double fudge;
        private final float[] thr;
        private final float[] peak;

        /**
         * @param map   saturation level per pixel in raw DN, or null for "never saturated"
         * @param chip  the layout (its reference output is exempt), or null
         * @param n     differences of the plan
         */
        Kernel(Image map, Chip chip, int width, int n, double fudge) {
            this.map = map;
            this.width = width;
            this.n = n;
            this.refStart = chip == null ? width : chip.referenceOutput().map(Region::x0).orElse(width);
            this.fudge = fudge;
            thr = new float[width];
            peak = new float[width];
        }

        /**
         * Usable differences of the pixels of row y, from its raw reads {@code src[j][srcOff[j] + x]}, j = 0..n (so
         * it must run before the reads are differenced in place). The running maximum of the reads (a contiguous
         * pass per read) finds the pixels that may pass their threshold (a NaN read makes the maximum NaN, so such
         * pixels are scanned too); only those are scanned for the first read that does. Writes
         * {@code usable[uOff + x]}.
         */
        void usableRow(int y, float[][] src, int[] srcOff, int[] usable, int uOff) {
            java.util.Arrays.fill(usable, uOff, uOff + width, n);
            if (map == null) {
                return;
            }
            System.arraycopy(src[0], srcOff[0], peak, 0, width);
            for (int j = 1; j <= n; j++) {
                float[] r = src[j];
                int o = srcOff[j];
                for (int x = 0; x < width; x++) {
                    peak[x] = Math.max(peak[x], r[o + x]);
                }
            }
            thresholds(y);
            for (int x = 0; x < width; x++) {
                if (!(peak[x] <= thr[x])) {
                    for (int j = 0; j <= n; j++) {
                        if (src[j][srcOff[j] + x] > thr[x]) {
                            usable[uOff + x] = Math.max(0, j - 1);
                            break;
                        }
                    }
                }
            }
        }

        /** Fills the thresholds of row y: fudge x map, +infinity where nothing saturates. */
        private void thresholds(int y) {
            float[] a = map.array();
            int b = map.rowStart(y);
            for (int x = 0; x < width; x++) {
                float s = a[b + x];
                thr[x] = x >= refStart || !(s > 0) ? Float.POSITIVE_INFINITY : (float) (fudge * s);
            }
        }
    }
}
