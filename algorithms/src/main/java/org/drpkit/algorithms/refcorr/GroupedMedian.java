package org.drpkit.algorithms.refcorr;

import org.drpkit.algorithms.stats.RobustStats;
import org.drpkit.algorithms.stats.Select;

/**
 * The median of quantised data: for integer-valued samples (ADC units), the grouped median
 * {@code m - 1/2 + (N/2 - below) / equal}, which places the median inside the 1-DN class of the middle value in
 * proportion to the counts, as if the quantised values were spread evenly over their class. A plain median of such
 * data moves in whole DN, so a reference level drifting by a fraction of a DN between reads would be seen as a jump
 * of 0 or 1 DN; the grouped median follows it. Non-integer data get the ordinary median. NaN values are skipped.
 */
final class GroupedMedian {

    private GroupedMedian() {
    }

    /** @return the grouped median of the non-NaN values of {@code v[from, to)}; NaN when there is none */
    static double of(float[] v, int from, int to, float[] scratch) {
        int n = 0;
        boolean integral = true;
        for (int i = from; i < to; i++) {
            float x = v[i];
            if (!Float.isNaN(x)) {
                scratch[n++] = x;
                integral &= x == Math.rint(x);
            }
        }
        if (n == 0) {
            return Double.NaN;
        }
        if (!integral) {
            return RobustStats.quantileInPlace(scratch, n, 0.5);
        }
        float m = Select.kth(scratch, 0, n, (n - 1) / 2);
        int below = 0;
        int equal = 0;
        for (int i = 0; i < n; i++) {
            if (scratch[i] < m) {
                below++;
            } else if (scratch[i] == m) {
                equal++;
            }
        }
        return m - 0.5 + (n / 2.0 - below) / equal;
    }

    /**
     * @param counts  counts of 1-DN classes centred on {@code lo + b}
     * @param under   samples below the first class
     * @param total   all samples, including those above the last class
     * @return the grouped median; NaN when it falls outside the classes
     */
    static double ofHistogram(int[] counts, long under, long total, double lo) {
        double half = total / 2.0;
        long cum = under;
        if (half < cum) {
            return Double.NaN;
        }
        for (int b = 0; b < counts.length; b++) {
            if (counts[b] > 0 && half <= cum + counts[b]) {
                return lo + b - 0.5 + (half - cum) / counts[b];
            }
            cum += counts[b];
        }
        return Double.NaN;
    }
}
