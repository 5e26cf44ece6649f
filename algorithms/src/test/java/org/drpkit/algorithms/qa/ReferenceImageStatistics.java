package org.drpkit.algorithms.qa;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.drpkit.algorithms.stats.Select;
import org.drpkit.core.image.Image;

/** The kernel as it was before the issue-16 speed work: the reference the fast one must match bit for bit. */
final class ReferenceImageStatistics {

    /** Histogram bins used to locate the median. */
    private static final int MEDIAN_BINS = 1 << 16;

    private ReferenceImageStatistics() {
    }

    /** @return the statistics of every pixel of an image */
    public static ImageStatistics.Result of(Image image, ImageStatistics.Params params) {
        int from = image.offset();
        return of(image.array(), from, from + image.pixelCount(), params);
    }

    /**
     * @param values pixels; {@code values[from, to)} is read, never modified
     * @return the statistics of those pixels
     */
    public static ImageStatistics.Result of(float[] values, int from, int to, ImageStatistics.Params params) {
        double sat = params.saturationLevel();
        double lin = params.nonlinearLevel();
        boolean countSat = !Double.isNaN(sat);
        boolean countLin = !Double.isNaN(lin);
        float satF = countSat ? (float) Math.max(-Float.MAX_VALUE, Math.min(Float.MAX_VALUE, sat)) : 0;
        float linF = countLin ? (float) Math.max(-Float.MAX_VALUE, Math.min(Float.MAX_VALUE, lin)) : 0;
        long nSat = 0;
        long nLin = 0;
        long n = 0;
        float ref = Float.NaN;
        for (int i = from; i < to && Float.isNaN(ref); i++) {
            ref = values[i] - values[i] == 0 ? values[i] : Float.NaN;
        }
        // one pass: count, range, shifted sums (exact enough: the shift is a pixel value), level counts
        double s1 = 0;
        double s2 = 0;
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            float v = values[i];
            if (countSat && v >= satF && v >= sat) {
                nSat++;
            }
            if (countLin && v >= linF && v >= lin) {
                nLin++;
            }
            if (v - v != 0) {
                continue; // NaN or infinite
            }
            n++;
            double d = (double) v - ref;
            s1 += d;
            s2 += d * d;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (n == 0) {
            return new ImageStatistics.Result(to - from, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    countSat ? nSat : -1, countLin ? nLin : -1);
        }
        double mean = ref + s1 / n;
        double var = (s2 - s1 * s1 / n) / n;
        double median = median(values, from, to, n, min, max);
        return new ImageStatistics.Result(to - from, n, mean, median, Math.sqrt(Math.max(0, var)), min, max, countSat ? nSat : -1,
                countLin ? nLin : -1);
    }

    /**
     * The exact median of the finite values (the mean of the two middle ones for an even count) without sorting: a
     * histogram finds the bins holding the two middle ranks, and only those bins' values are selected among.
     */
    private static double median(float[] values, int from, int to, long n, float min, float max) {
        if (min == max) {
            return min;
        }
        int bins = (int) Math.min(MEDIAN_BINS, Math.max(16, n));
        double scale = bins / ((double) max - min);
        int[] count = new int[bins];
        for (int i = from; i < to; i++) {
            float v = values[i];
            if (v - v == 0) {
                int b = (int) ((v - (double) min) * scale);
                count[b >= bins ? bins - 1 : b]++;
            }
        }
        long k1 = (n - 1) / 2;
        long k2 = n / 2;
        int b1 = -1;
        int b2 = -1;
        long below1 = 0;
        long below2 = 0;
        long cum = 0;
        for (int b = 0; b < bins && b2 < 0; b++) {
            if (b1 < 0 && cum + count[b] > k1) {
                b1 = b;
                below1 = cum;
            }
            if (cum + count[b] > k2) {
                b2 = b;
                below2 = cum;
            }
            cum += count[b];
        }
        float[] c1 = new float[count[b1]];
        float[] c2 = b2 == b1 ? c1 : new float[count[b2]];
        int n1 = 0;
        int n2 = 0;
        for (int i = from; i < to; i++) {
            float v = values[i];
            if (v - v == 0) {
                int b = (int) ((v - (double) min) * scale);
                b = b >= bins ? bins - 1 : b;
                if (b == b1) {
                    c1[n1++] = v;
                } else if (b == b2) {
                    c2[n2++] = v;
                }
            }
        }
        float x1 = Select.kth(c1, 0, c1.length, (int) (k1 - below1));
        float x2 = Select.kth(c2, 0, c2.length, (int) (k2 - below2));
        return x1 + 0.5 * ((double) x2 - x1);
    }

    /**
     * Rounds like the archive's {@code float('%0.2f' % x)}: the exact binary value rounded half-even to 2 decimals,
     * so {@code 2.675} (stored as 2.67499...) gives 2.67 and {@code 0.125} gives 0.12. NaN and infinities pass
     * through.
     */
    public static double round2(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return x;
        }
        return new BigDecimal(x).setScale(2, RoundingMode.HALF_EVEN).doubleValue();
    }
}
