package org.drpkit.algorithms.calib;

import org.drpkit.algorithms.stats.Select;

/**
 * The per-pixel kernel of the dark and flat stacks: an iterated sigma-clipped mean of a small sample (one value
 * per frame), robust to cosmic rays and other one-sided outliers.
 *
 * <ol>
 *   <li>While at least 3 samples are kept, at most {@code maxIterations} times: centre {@code c} = median of the
 *       kept samples; scale {@code s} = 1.4826 x their median absolute deviation about {@code c}; threshold
 *       {@code t = k * max(s, e)}, where {@code e = sqrt(n / sum(w))} is the typical per-sample sigma given by the
 *       weights (without weights: a given chip-wide noise estimate, or 0), which keeps a chance-small MAD of a few
 *       samples from clipping good data. Drop the kept samples with {@code |v - c| > t}; stop when none is dropped.
 *       Dropped samples stay dropped.
 *   <li>Estimate: the mean of the kept samples, weighted by {@code w} when weighted; {@code chi2} = the weighted
 *       (or plain) sum of squared deviations about it, for the excess-scatter test.
 * </ol>
 * Medians are found by selection (no sort). When every sample lies within {@code k e} of the median none can be
 * dropped, whatever the MAD, so the MAD is skipped; whether the median lies within {@code k e} of both the smallest
 * and the largest sample is decided by counting, without selection, so the common case of a pixel without outliers
 * costs two passes over its samples. Not thread-safe: one instance per worker. Nothing is allocated per pixel.
 */
final class ClippedMean {

    private static final double SIGMA_PER_MAD = 1.4826;

    private final float[] v;
    private final float[] w;
    private final float[] work;
    private final float[] dev;
    private int n;

    /** Number of samples kept after clipping. */
    int kept;
    /** The (weighted) mean of the kept samples; NaN when no sample was added. */
    double mean;
    /** Sum of the weights of the kept samples (0 when unweighted). */
    double sumWeights;
    /** Sum of {@code w (v - mean)^2} (weighted) or {@code (v - mean)^2} (unweighted) over the kept samples. */
    double chi2;

    ClippedMean(int capacity) {
        v = new float[capacity];
        w = new float[capacity];
        work = new float[capacity];
        dev = new float[capacity];
    }

    void clear() {
        n = 0;
    }

    /** @return the sample array, for callers that fill it directly and then call {@link #setSize(int)} */
    float[] values() {
        return v;
    }

    /** @return the weight array, filled alongside {@link #values()} */
    float[] weights() {
        return w;
    }

    /** Declares the first {@code count} entries of {@link #values()} and {@link #weights()} as the samples. */
    void setSize(int count) {
        n = count;
    }

    /** Adds a finite sample with its weight (inverse variance; ignored when unweighted). */
    void add(float value, float weight) {
        v[n] = value;
        w[n] = weight;
        n++;
    }

    /** @return samples added since {@link #clear()} */
    int size() {
        return n;
    }

    /**
     * Clips and averages the samples added since {@link #clear()}.
     *
     * @param k             clipping threshold in units of the robust scale
     * @param maxIterations most clipping passes
     * @param weighted      true to weight by the given inverse variances
     * @param floorSigma    unweighted only: the least scale, the typical noise of one sample when known (else 0)
     */
    void compute(double k, int maxIterations, boolean weighted, double floorSigma) {
        if (n == 0) {
            kept = 0;
            mean = Double.NaN;
            sumWeights = 0;
            chi2 = 0;
            return;
        }
        // one pass for the common case, in data shifted by the first sample (so sums of squares do not cancel)
        double shift = v[0];
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        final float[] vs = v;
        final float[] ws = w;
        final int count0 = n;
        if (weighted) {
            for (int i = 0; i < count0; i++) {
                double x = vs[i] - shift;
                double wi = ws[i];
                s0 += wi;
                s1 += wi * x;
                s2 += wi * x * x;
                if (x < min) {
                    min = x;
                }
                if (x > max) {
                    max = x;
                }
            }
        } else {
            for (int i = 0; i < count0; i++) {
                double x = vs[i] - shift;
                s1 += x;
                s2 += x * x;
                if (x < min) {
                    min = x;
                }
                if (x > max) {
                    max = x;
                }
            }
            s0 = count0;
        }
        double floor = weighted ? Math.sqrt(n / s0) : floorSigma;
        double least = k * floor;
        if (n < 3 || maxIterations == 0 || medianWithin(shift, max - least * (1 - 1e-9), min + least * (1 - 1e-9))) {
            // every sample is within k e of the median: none can be dropped, whatever the MAD
            kept = n;
            mean = shift + s1 / s0;
            chi2 = Math.max(0, s2 - s1 * s1 / s0);
            sumWeights = weighted ? s0 : 0;
            return;
        }
        double lo = Double.NEGATIVE_INFINITY;
        double hi = Double.POSITIVE_INFINITY;
        int m = n;
        System.arraycopy(v, 0, work, 0, n);
        double keptMin = shift + min;
        double keptMax = shift + max;
        for (int it = 0; it < maxIterations && m >= 3; it++) {
            if (it > 0 && medianWithin(work, m, keptMax - least * (1 - 1e-9), keptMin + least * (1 - 1e-9))) {
                break; // the kept samples are all within k e of their median: this pass would drop nothing
            }
            double c = median(work, m);
            double t = least;
            if (!allWithin(work, m, c, least)) {
                t = k * Math.max(SIGMA_PER_MAD * mad(m, c), floor);
            }
            double nlo = Math.max(lo, c - t);
            double nhi = Math.min(hi, c + t);
            int left = 0;
            keptMin = Double.POSITIVE_INFINITY;
            keptMax = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < m; i++) {
                float x = work[i];
                if (x >= nlo && x <= nhi) {
                    work[left++] = x;
                    keptMin = Math.min(keptMin, x);
                    keptMax = Math.max(keptMax, x);
                }
            }
            lo = nlo;
            hi = nhi;
            if (left == m) {
                break;
            }
            m = left;
        }
        s0 = 0;
        s1 = 0;
        int count = 0;
        for (int i = 0; i < n; i++) {
            float x = v[i];
            if (x >= lo && x <= hi) {
                double wi = weighted ? w[i] : 1.0;
                s0 += wi;
                s1 += wi * x;
                count++;
            }
        }
        kept = count;
        mean = s1 / s0;
        double q = 0;
        for (int i = 0; i < n; i++) {
            float x = v[i];
            if (x >= lo && x <= hi) {
                double d = x - mean;
                q += (weighted ? w[i] : 1.0) * d * d;
            }
        }
        chi2 = q;
        sumWeights = weighted ? s0 : 0;
    }

    /**
     * Decides without selection whether the median lies in {@code [lo, hi]} (shifted coordinates): the lower middle
     * value is at least {@code lo} when at most {@code (n-1)/2} samples are below {@code lo}, and the upper middle
     * value at most {@code hi} when at most {@code (n-1)/2} samples are above {@code hi}.
     */
    private boolean medianWithin(double shift, double lo, double hi) {
        if (lo > hi) {
            return false;
        }
        int below = 0;
        int above = 0;
        for (int i = 0; i < n; i++) {
            double x = v[i] - shift;
            below += x < lo ? 1 : 0;
            above += x > hi ? 1 : 0;
        }
        int half = (n - 1) / 2;
        return below <= half && above <= half;
    }

    /** As {@link #medianWithin(double, double, double)} for the first {@code m} values of {@code a}, unshifted. */
    private static boolean medianWithin(float[] a, int m, double lo, double hi) {
        if (lo > hi) {
            return false;
        }
        int below = 0;
        int above = 0;
        for (int i = 0; i < m; i++) {
            below += a[i] < lo ? 1 : 0;
            above += a[i] > hi ? 1 : 0;
        }
        int half = (m - 1) / 2;
        return below <= half && above <= half;
    }

    /** @return true when every one of the first {@code m} values lies within {@code t} of {@code c} */
    private static boolean allWithin(float[] a, int m, double c, double t) {
        for (int i = 0; i < m; i++) {
            if (Math.abs(a[i] - c) > t) {
                return false;
            }
        }
        return true;
    }

    /**
     * Median of the first {@code m} values of {@code a} (reordered), the mean of the two middle values for an even
     * count.
     */
    private static double median(float[] a, int m) {
        int mid = m / 2;
        float upper = Select.kth(a, 0, m, mid);
        if ((m & 1) == 1) {
            return upper;
        }
        float lower = a[0];
        for (int i = 1; i < mid; i++) {
            lower = Math.max(lower, a[i]);
        }
        return 0.5 * ((double) lower + upper);
    }

    /** Median of {@code |work[i] - c|} over the first {@code m} kept values. */
    private double mad(int m, double c) {
        for (int i = 0; i < m; i++) {
            dev[i] = (float) Math.abs(work[i] - c);
        }
        return median(dev, m);
    }
}
