package org.drpkit.algorithms.refcorr;

import org.drpkit.algorithms.stats.Select;

/**
 * The level of a large sample of reference-pixel differences: the mean of the values within 3 sigma of the centre,
 * starting from the grouped median ({@link GroupedMedian}) with sigma from the median absolute deviation, and
 * re-centred twice on the clipped mean. For Gaussian read noise its error is {@code 1.01 sigma / sqrt(N)}, against the
 * median's {@code 1.25 sigma / sqrt(N)} (upstream takes medians): the zeropoint of every read is then known 20 %
 * better, and so is the per-amplifier slope offset it leaves in every pixel of a ramp, which no pixel's own variance
 * carries. Outliers beyond 3 sigma (hot or ramping reference pixels) do not enter the mean. NaN values are skipped.
 */
final class ClippedLevel {

    private static final double SIGMA_PER_MAD = 1.4826;
    private static final double CLIP = 3;

    private ClippedLevel() {
    }

    /**
     * @param v       values; not modified unless it is {@code scratch}
     * @param scratch at least {@code to - from} long
     * @param dev     at least {@code to - from} long
     * @return the clipped mean of the non-NaN values of {@code v[from, to)}; NaN when there is none
     */
    static double of(float[] v, int from, int to, float[] scratch, float[] dev) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n += Float.isNaN(v[i]) ? 0 : 1;
        }
        double centre = GroupedMedian.of(v, from, to, scratch);
        if (Double.isNaN(centre)) {
            return centre;
        }
        // GroupedMedian left the non-NaN values, permuted, at the start of scratch (v may be scratch itself)
        for (int i = 0; i < n; i++) {
            dev[i] = (float) Math.abs(scratch[i] - centre);
        }
        double sigma = SIGMA_PER_MAD * Select.kth(dev, 0, n, (n - 1) / 2);
        if (!(sigma > 0)) {
            return centre;
        }
        double t = CLIP * sigma;
        for (int round = 0; round < 2; round++) {
            double sum = 0;
            int kept = 0;
            for (int i = 0; i < n; i++) {
                double d = scratch[i] - centre;
                if (Math.abs(d) <= t) {
                    sum += d;
                    kept++;
                }
            }
            centre += sum / kept;
        }
        return centre;
    }
}
