package org.drpkit.algorithms.stats;

/**
 * Robust statistics of float samples: median, quantiles (Hyndman-Fan type 7, numpy's default), the
 * interquartile-range sigma and the median absolute deviation. NaN values are skipped; an empty sample gives NaN.
 *
 * <p>Methods copy the finite values into a scratch array first (pass one to avoid allocation in loops); the
 * input is never modified. Thread-safe when each thread uses its own scratch.
 *
 * <pre>{@code
 * float[] x = {1, 2, 3, 4, 100};
 * RobustStats.median(x);        // 3.0
 * RobustStats.quantile(x, 0.25) // 2.0
 * RobustStats.iqrSigma(x);      // (4 - 2) / 1.34896
 * }</pre>
 */
public final class RobustStats {

    /** IQR of a unit normal: sigma = IQR / 1.34896. */
    public static final double IQR_PER_SIGMA = 1.34896;

    /** MAD of a unit normal is 1/1.4826: sigma = 1.4826 MAD. */
    public static final double SIGMA_PER_MAD = 1.4826;

    private RobustStats() {
    }

    /** @return the median of the non-NaN values (mean of the two middle values for an even count) */
    public static double median(float[] values) {
        return quantile(values, 0, values.length, 0.5, new float[values.length]);
    }

    /**
     * @return the median of the non-NaN doubles (mean of the two middle values for an even count; NaN when none);
     *         the input is not modified
     */
    public static double median(double[] values) {
        double[] s = java.util.Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        int k = s.length;
        return k == 0 ? Double.NaN : k % 2 == 1 ? s[k / 2] : 0.5 * (s[k / 2 - 1] + s[k / 2]);
    }

    /** @return the type-7 quantile {@code p} in [0, 1] of the non-NaN values */
    public static double quantile(float[] values, double p) {
        return quantile(values, 0, values.length, p, new float[values.length]);
    }

    /** @return IQR / 1.34896 of the non-NaN values, a sigma estimate robust to outliers */
    public static double iqrSigma(float[] values) {
        return iqrSigma(values, 0, values.length, new float[values.length]);
    }

    /**
     * @param scratch at least {@code to - from} floats, overwritten
     * @return the type-7 quantile {@code p} of the non-NaN values in {@code values[from, to)}
     */
    public static double quantile(float[] values, int from, int to, double p, float[] scratch) {
        int n = compact(values, from, to, scratch);
        return quantileInPlace(scratch, n, p);
    }

    /**
     * @param scratch at least {@code to - from} floats, overwritten
     * @return the median of the non-NaN values in {@code values[from, to)}
     */
    public static double median(float[] values, int from, int to, float[] scratch) {
        return quantile(values, from, to, 0.5, scratch);
    }

    /**
     * @param scratch at least {@code to - from} floats, overwritten
     * @return IQR / 1.34896 of the non-NaN values in {@code values[from, to)}
     */
    public static double iqrSigma(float[] values, int from, int to, float[] scratch) {
        int n = compact(values, from, to, scratch);
        if (n == 0) {
            return Double.NaN;
        }
        double q75 = quantileInPlace(scratch, n, 0.75);
        double q25 = quantileInPlace(scratch, n, 0.25);
        return (q75 - q25) / IQR_PER_SIGMA;
    }

    /**
     * @param scratch at least {@code to - from} floats, overwritten
     * @return the median absolute deviation from the median (not scaled to sigma) of the non-NaN values
     */
    public static double mad(float[] values, int from, int to, float[] scratch) {
        int n = compact(values, from, to, scratch);
        if (n == 0) {
            return Double.NaN;
        }
        double med = quantileInPlace(scratch, n, 0.5);
        for (int i = 0; i < n; i++) {
            scratch[i] = (float) Math.abs(scratch[i] - med);
        }
        return quantileInPlace(scratch, n, 0.5);
    }

    /**
     * Type-7 quantile of the first {@code n} values of {@code a}, which are reordered. No NaN allowed.
     *
     * @return {@code x[lo] + (h - lo) (x[lo+1] - x[lo])} with {@code h = (n - 1) p}, or NaN when {@code n == 0}
     */
    public static double quantileInPlace(float[] a, int n, double p) {
        if (n == 0) {
            return Double.NaN;
        }
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("quantile must be in [0, 1]: " + p);
        }
        double h = (n - 1) * p;
        int lo = (int) Math.floor(h);
        float xlo = Select.kth(a, 0, n, lo);
        if (lo + 1 >= n || h == lo) {
            return xlo;
        }
        float xhi = Select.min(a, lo + 1, n);
        return xlo + (h - lo) * ((double) xhi - xlo);
    }

    /** Copies the non-NaN values of {@code values[from, to)} to the front of {@code out}; returns their count. */
    static int compact(float[] values, int from, int to, float[] out) {
        int n = 0;
        for (int i = from; i < to; i++) {
            float v = values[i];
            if (!Float.isNaN(v)) {
                out[n++] = v;
            }
        }
        return n;
    }
}
