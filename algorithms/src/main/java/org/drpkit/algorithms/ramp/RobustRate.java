package org.drpkit.algorithms.ramp;

import org.drpkit.algorithms.stats.Select;

/**
 * The robust rate of a pixel's differences, for jump detection and as the first covariance rate: the median of
 * five group means (one jump spoils one group, not the median), the median of the differences themselves for fewer
 * than ten, their mean for one or two. Static and allocation-free.
 */
final class RobustRate {

    private RobustRate() {
    }

    /**
     * @return the median of five group means of {@code v[off .. off+len)} for {@code len >= 10}; the median of the
     *         values for {@code 3 <= len < 10}; the mean for one or two values (DN)
     */
    static double of(float[] v, int off, int len, float[] scratch) {
        if (len >= 10) {
            return median5(groupMean(v, off, len, 0), groupMean(v, off, len, 1), groupMean(v, off, len, 2),
                    groupMean(v, off, len, 3), groupMean(v, off, len, 4));
        }
        if (len >= 3) {
            if (scratch != v || off != 0) {
                System.arraycopy(v, off, scratch, 0, len);
            }
            Select.insertionSort(scratch, 0, len);
            return (len & 1) == 1 ? scratch[len / 2] : 0.5 * ((double) scratch[len / 2 - 1] + scratch[len / 2]);
        }
        return len == 2 ? 0.5 * ((double) v[off] + v[off + 1]) : v[off];
    }

    private static double groupMean(float[] v, int off, int len, int j) {
        int a = j * len / 5;
        int b = (j + 1) * len / 5;
        double s = 0;
        for (int k = a; k < b; k++) {
            s += v[off + k];
        }
        return s / (b - a);
    }

    /** @return the median of five values (branch-free min/max network) */
    static double median5(double a, double b, double c, double d, double e) {
        double f = Math.max(Math.min(a, b), Math.min(c, d));
        double g = Math.min(Math.max(a, b), Math.max(c, d));
        return Math.max(Math.min(e, f), Math.min(Math.max(e, f), g));
    }
}
