package org.drpkit.algorithms.calib;

/**
 * The per-pixel kernel of the dark and flat stacks: an iterated sigma-clipped mean of a small sample (one value
 * per frame), robust to cosmic rays and other one-sided outliers.
 *
 * <ol>
 *   <li>Sort the samples by value (insertion sort, weights carried along; samples are few).
 *   <li>While at least 3 samples are kept, at most {@code maxIterations} times: centre {@code c} = median of the
 *       kept samples; scale {@code s} = 1.4826 x their median absolute deviation about {@code c}; threshold
 *       {@code t = k * max(s, e)}, where {@code e = sqrt(n / sum(w))} is the typical per-sample sigma given by the
 *       weights (without weights: a given chip-wide noise estimate, or 0), which keeps a chance-small MAD of a few samples from clipping good data.
 *       Drop the kept samples with {@code |v - c| > t}; stop when none is dropped. Dropped samples stay dropped.
 *   <li>Estimate: the mean of the kept samples, weighted by {@code w} when weighted; {@code chi2} = the weighted
 *       (or plain) sum of squared deviations about it, for the excess-scatter test.
 * </ol>
 * Because the median and MAD of a sorted range cost O(n), a pixel costs one small sort plus O(n) per pass. Not
 * thread-safe: one instance per worker. Nothing is allocated per pixel.
 */
final class ClippedMean {

    private static final double SIGMA_PER_MAD = 1.4826;

    private final float[] v;
    private final float[] w;
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
    }

    void clear() {
        n = 0;
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
        sort();
        double floor = floorSigma;
        if (weighted) {
            double sw = 0;
            for (int i = 0; i < n; i++) {
                sw += w[i];
            }
            floor = Math.sqrt(n / sw);
        }
        int lo = 0;
        int hi = n;
        for (int it = 0; it < maxIterations && hi - lo >= 3; it++) {
            double c = median(lo, hi);
            double t = k * Math.max(SIGMA_PER_MAD * mad(lo, hi, c), floor);
            int nlo = lo;
            int nhi = hi;
            while (nlo < nhi && v[nlo] < c - t) {
                nlo++;
            }
            while (nhi > nlo && v[nhi - 1] > c + t) {
                nhi--;
            }
            if (nlo == lo && nhi == hi) {
                break;
            }
            lo = nlo;
            hi = nhi;
        }
        kept = hi - lo;
        double s0 = 0;
        double s1 = 0;
        for (int i = lo; i < hi; i++) {
            double wi = weighted ? w[i] : 1.0;
            s0 += wi;
            s1 += wi * v[i];
        }
        mean = s1 / s0;
        double q = 0;
        for (int i = lo; i < hi; i++) {
            double d = v[i] - mean;
            q += (weighted ? w[i] : 1.0) * d * d;
        }
        chi2 = q;
        sumWeights = weighted ? s0 : 0;
    }

    /** Median of the sorted range {@code [lo, hi)}, mean of the two middle values for an even count. */
    private double median(int lo, int hi) {
        int m = hi - lo;
        int mid = lo + m / 2;
        return (m & 1) == 1 ? v[mid] : 0.5 * ((double) v[mid - 1] + v[mid]);
    }

    /** Median of {@code |v - c|} over the sorted range, by merging the two sides of {@code c} outward. */
    private double mad(int lo, int hi, double c) {
        int m = hi - lo;
        int p = lo;
        while (p < hi && v[p] < c) {
            p++;
        }
        int i = p - 1;
        int j = p;
        int want1 = (m - 1) / 2;
        int want2 = m / 2;
        double a = 0;
        double b = 0;
        for (int r = 0; r <= want2; r++) {
            double dl = i >= lo ? c - v[i] : Double.POSITIVE_INFINITY;
            double dr = j < hi ? v[j] - c : Double.POSITIVE_INFINITY;
            double d;
            if (dl <= dr) {
                d = dl;
                i--;
            } else {
                d = dr;
                j++;
            }
            if (r == want1) {
                a = d;
            }
            if (r == want2) {
                b = d;
            }
        }
        return 0.5 * (a + b);
    }

    private void sort() {
        for (int i = 1; i < n; i++) {
            float vi = v[i];
            float wi = w[i];
            int j = i - 1;
            while (j >= 0 && v[j] > vi) {
                v[j + 1] = v[j];
                w[j + 1] = w[j];
                j--;
            }
            v[j + 1] = vi;
            w[j + 1] = wi;
        }
    }
}
