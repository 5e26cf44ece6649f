package org.drpkit.algorithms.ramp;

import java.util.Arrays;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.Mask;
import org.drpkit.core.image.Ramp;

/**
 * Jump (cosmic-ray) detection on the read differences of an in-memory ramp (see {@link JumpParams} for
 * the test and the noise model). {@link RampFit} and {@link RampProcessor} run the same kernel themselves; this
 * stage exposes the flags alone, for inspection and for tests.
 *
 * <pre>{@code
 * JumpDetection.Result j = JumpDetection.detect(ramp, plan, null, JumpParams.DEFAULTS, NoiseModel.UPSTREAM_DEFAULTS);
 * j.isDropped(10, 20, 5);   // difference 5 (reads first+5 -> first+6) of pixel (10, 20)
 * }</pre>
 */
public final class JumpDetection {

    private JumpDetection() {
    }

    /** Jump flags per pixel and difference, with the robust rate the test used. */
    public static final class Result {
        private final Mask jumps;
        private final Image robustRate;
        private final long[] dropped;
        private final int words;
        private final ReadPlan plan;
        private final long total;

        Result(Mask jumps, Image robustRate, long[] dropped, int words, ReadPlan plan, long total) {
            this.jumps = jumps;
            this.robustRate = robustRate;
            this.dropped = dropped;
            this.words = words;
            this.plan = plan;
            this.total = total;
        }

        /** @return jumps flagged per pixel (an int image held in a {@code Mask}) */
        public Mask jumps() {
            return jumps;
        }

        /** @return the robust rate of each pixel (median of group means), DN/read */
        public Image robustRate() {
            return robustRate;
        }

        /**
         * @param k difference index, 0 = reads {@code firstRead -> firstRead+1}
         * @return true when difference k of pixel (x, y) was dropped: a jump, or a NaN/infinite difference
         */
        public boolean isDropped(int x, int y, int k) {
            int i = (y * jumps.width() + x) * words + (k >>> 6);
            return (dropped[i] & (1L << k)) != 0;
        }

        /** @return the reads tested */
        public ReadPlan plan() {
            return plan;
        }

        /** @return jumps flagged in total */
        public long total() {
            return total;
        }

        @Override
        public String toString() {
            return "JumpDetection.Result[" + jumps.width() + "x" + jumps.height() + ", " + total + " jumps in "
                    + plan.differences() + " differences per pixel]";
        }
    }

    /**
     * @param reads      the corrected reads, DN. Not modified.
     * @param plan       the reads to test
     * @param saturation usable differences per pixel, or null when nothing saturates. Not modified.
     * @param params     the test
     * @param noise      gain and read variance; maps must have the ramp's shape. Not modified.
     * @return the flags per pixel and difference, and the robust rates
     */
    public static Result detect(Ramp reads, ReadPlan plan, SaturationResult saturation, JumpParams params,
            NoiseModel noise) {
        int w = reads.width();
        int h = reads.height();
        noise.requireShape(w, h, "ramp");
        int n = plan.differences();
        RowFitter.Tables tables = RowFitter.Tables.of(n, reads.pattern());
        PixelFitter pf = new PixelFitter(n, FitParams.defaults(noise), params, tables.gls(), tables.ols());
        int words = pf.words;
        long[] dropped = new long[w * h * words];
        int[] counts = new int[w * h];
        float[] robust = new float[w * h];
        float[] buf = new float[w * n];
        float[] g = new float[w];
        float[] s2 = new float[w];
        long total = 0;
        for (int y = 0; y < h; y++) {
            Rows.differences(reads, plan.firstRead(), n, y, buf);
            noise.gainRow(y, w, g);
            noise.groupReadVarianceRow(y, w, s2, reads.pattern());
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                int usable = saturation == null ? n : saturation.usableDifferences().array()[i];
                pf.detect(buf, x * n, usable, g[x], s2[x], dropped, i * words);
                counts[i] = pf.jumpCount;
                robust[i] = (float) pf.robust;
                total += pf.jumpCount;
            }
        }
        return new Result(Mask.of(w, h, counts), Image.of(w, h, robust), dropped, words, plan, total);
    }

}
