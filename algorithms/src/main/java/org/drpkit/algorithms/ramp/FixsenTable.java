package org.drpkit.algorithms.ramp;

import org.drpkit.core.image.ReadPattern;

/**
 * Slope coefficients of ordinary least squares with Fixsen et al. (2000) optimal weighting, the estimator of the
 * JWST pipeline (stcal {@code OLS_C}), tabulated per segment length and weighting power.
 *
 * <p>A segment of m clean differences spans m+1 reads {@code r_0..r_m}. Read i gets the weight
 * {@code |(i - mid)/mid|^P} with {@code mid = m/2}; the power P follows from the segment's signal-to-noise
 * {@code S = D g / sqrt((s g)^2 + D g)} ({@code D = r_m - r_0} in DN): S below 5, 10, 20, 50, 100 gives P = 0, 0.4,
 * 1, 3, 6, otherwise 10 (stcal {@code snr_power}). The weighted least-squares slope is linear in the reads,
 * {@code slope = sum a_i r_i} with {@code sum a_i = 0}, hence linear in the differences, {@code slope = sum b_k d_k}
 * with {@code b_k = sum_{i > k} a_i}. Its exact variance is {@code s^2 A2 + (f/g) B2} with {@code A2 = sum a_i^2}
 * (independent read noise) and {@code B2 = sum b_k^2} (independent photon noise per difference); stcal instead
 * adds the uniform-weight OLS read-noise variance to a Poisson term, which is not the variance of the weighted
 * estimator, so drpkit uses the exact one. For groups of several frames ({@link ReadPattern}) s^2 is the read variance of
 * one group and neighbouring differences share photon noise: the variance is
 * {@code s^2 A2 + (f/g)(alpha B2 + 2 beta B11)} with {@code B11 = sum b_k b_k+1} (single frames: alpha 1, beta 0,
 * computed as before). Immutable and thread-safe.
 */
final class FixsenTable {

    static final double[] POWERS = {0, 0.4, 1, 3, 6, 10};
    private static final double[] SNR_LIMITS = {5, 10, 20, 50, 100};

    private final int maxLength;
    /** coefficients b_k of (m, p) start at offset(m, p). */
    private final double[] coefficients;
    private final double[] a2;
    private final double[] b2;
    private final double[] b11;
    private final int[] offsets;
    private final boolean singleFrame;
    private final double alpha;
    private final double beta;

    /** A table for single-frame reads. */
    FixsenTable(int maxLength) {
        this(maxLength, ReadPattern.singleFrames(Double.NaN));
    }

    FixsenTable(int maxLength, ReadPattern pattern) {
        singleFrame = pattern.isSingleFrame();
        alpha = pattern.photonDiagonal();
        beta = pattern.photonOffDiagonal();
        if (maxLength < 1) {
            throw new IllegalArgumentException("segments need at least one difference, got " + maxLength);
        }
        this.maxLength = maxLength;
        int levels = POWERS.length;
        offsets = new int[(maxLength + 1) * levels];
        a2 = new double[(maxLength + 1) * levels];
        b2 = new double[(maxLength + 1) * levels];
        b11 = new double[(maxLength + 1) * levels];
        int total = 0;
        for (int m = 1; m <= maxLength; m++) {
            for (int p = 0; p < levels; p++) {
                offsets[m * levels + p] = total;
                total += m;
            }
        }
        coefficients = new double[total];
        double[] a = new double[maxLength + 1];
        for (int m = 1; m <= maxLength; m++) {
            for (int p = 0; p < levels; p++) {
                fill(m, p, a);
            }
        }
    }

    private void fill(int m, int p, double[] a) {
        double mid = m / 2.0;
        double sw = 0;
        double swx = 0;
        double swxx = 0;
        double[] w = new double[m + 1];
        for (int i = 0; i <= m; i++) {
            double wi = POWERS[p] == 0 ? 1 : Math.pow(Math.abs((i - mid) / mid), POWERS[p]);
            w[i] = wi;
            sw += wi;
            swx += wi * i;
            swxx += wi * i * i;
        }
        double den = sw * swxx - swx * swx;
        double sumA2 = 0;
        for (int i = 0; i <= m; i++) {
            a[i] = w[i] * (sw * i - swx) / den;
            sumA2 += a[i] * a[i];
        }
        int idx = m * POWERS.length + p;
        int off = offsets[idx];
        double tail = 0;
        double sumB2 = 0;
        double sumB11 = 0;
        for (int k = m - 1; k >= 0; k--) {
            double next = tail;
            tail += a[k + 1];
            coefficients[off + k] = tail;
            sumB2 += tail * tail;
            if (k + 1 < m) {
                sumB11 += tail * next;
            }
        }
        a2[idx] = sumA2;
        b2[idx] = sumB2;
        b11[idx] = sumB11;
    }

    /** @return the weighting level (index into {@link #POWERS}) for a segment signal-to-noise S */
    static int level(double snr) {
        int p = 0;
        while (p < SNR_LIMITS.length && !(snr < SNR_LIMITS[p])) {
            p++;
        }
        return p;
    }

    /**
     * @param signal D = last minus first read of the segment, DN
     * @param gain   e-/DN
     * @param readVariance s^2, DN^2
     * @return the segment signal-to-noise of stcal ({@code segment_snr}); 0 for a non-positive signal
     */
    static double snr(double signal, double gain, double readVariance) {
        if (!(signal > 0)) {
            return 0;
        }
        double e = signal * gain;
        return e / Math.sqrt(readVariance * gain * gain + e);
    }

    /** @return the slope {@code sum b_k d[off+k]} of a segment of m differences at level p (DN/read) */
    double slope(int m, int p, float[] d, int off) {
        int base = offsets[m * POWERS.length + p];
        double s0 = 0;
        double s1 = 0;
        int k = 0;
        for (; k + 1 < m; k += 2) {
            s0 += coefficients[base + k] * d[off + k];
            s1 += coefficients[base + k + 1] * d[off + k + 1];
        }
        if (k < m) {
            s0 += coefficients[base + k] * d[off + k];
        }
        return s0 + s1;
    }

    /**
     * @return the variance of that slope, (DN/read)^2, for read variance s^2 of one group and photon variance f/g
     *         of one difference of single frames (scaled by the pattern's alpha and beta for averaged groups)
     */
    double variance(int m, int p, double readVariance, double photonVariance) {
        int idx = m * POWERS.length + p;
        if (singleFrame) {
            return readVariance * a2[idx] + photonVariance * b2[idx];
        }
        return readVariance * a2[idx] + photonVariance * (alpha * b2[idx] + 2 * beta * b11[idx]);
    }

    /** @return the coefficient b_k of segment length m at level p (for tests) */
    double coefficient(int m, int p, int k) {
        return coefficients[offsets[m * POWERS.length + p] + k];
    }

    int maxLength() {
        return maxLength;
    }
}
