package org.drpkit.algorithms.ramp;

import org.drpkit.core.image.Image;
import org.drpkit.core.image.Mask;
import org.drpkit.core.image.Ramp;
import org.drpkit.core.instrument.Chip;
import org.drpkit.core.instrument.Region;

/**
 * Stage 2: the last unsaturated read of each pixel (spec section 2.3), on raw DN before any correction.
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
     * @param map   saturation level per pixel in raw DN, or null for "never saturated"
     * @param chip  the layout (its reference output is exempt), or null
     * @param fudge factor applied to the map, in (0, 1]
     */
    public static SaturationResult scan(Ramp reads, ReadPlan plan, Image map, Chip chip, double fudge) {
        Rows.requireShape(map, reads.width(), reads.height(), "saturation map");
        int w = reads.width();
        int h = reads.height();
        int[] usable = new int[w * h];
        int n = plan.differences();
        float[] thr = new float[w];
        float[][] rows = new float[plan.readsUsed()][];
        int[] base = new int[plan.readsUsed()];
        long partial = 0;
        long full = 0;
        int refStart = chip == null ? w : chip.referenceOutput().map(Region::x0).orElse(w);
        for (int y = 0; y < h; y++) {
            thresholds(map, y, w, refStart, fudge, thr);
            for (int j = 0; j < rows.length; j++) {
                Image img = reads.read(plan.firstRead() + j);
                rows[j] = img.array();
                base[j] = img.rowStart(y);
            }
            for (int x = 0; x < w; x++) {
                int l = usableDifferences(rows, base, x, thr[x], n);
                usable[y * w + x] = l;
                if (l == 0) {
                    full++;
                } else if (l < n) {
                    partial++;
                }
            }
        }
        return new SaturationResult(Mask.of(w, h, usable), plan, partial, full);
    }

    /** Fills the thresholds of row y: fudge x map, +infinity where nothing saturates. */
    static void thresholds(Image map, int y, int width, int refStart, double fudge, float[] thr) {
        if (map == null) {
            java.util.Arrays.fill(thr, 0, width, Float.POSITIVE_INFINITY);
            return;
        }
        float[] a = map.array();
        int b = map.rowStart(y);
        for (int x = 0; x < width; x++) {
            float s = a[b + x];
            thr[x] = x >= refStart || !(s > 0) ? Float.POSITIVE_INFINITY : (float) (fudge * s);
        }
    }

    /** @return usable differences of one pixel: reads {@code rows[j][base[j] + x]}, j = 0..n */
    static int usableDifferences(float[][] rows, int[] base, int x, float threshold, int n) {
        for (int j = 0; j <= n; j++) {
            if (rows[j][base[j] + x] > threshold) {
                return Math.max(0, j - 1);
            }
        }
        return n;
    }
}
