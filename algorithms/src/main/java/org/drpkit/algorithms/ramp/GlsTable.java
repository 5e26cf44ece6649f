package org.drpkit.algorithms.ramp;

import org.drpkit.core.image.ReadPattern;

/**
 * Precomputed generalised-least-squares factors for ramps of {@code n} read differences under one
 * {@link ReadPattern}.
 *
 * <p>The differences of a ramp with rate f (DN per group interval), gain g and read variance s^2 of one group
 * (DN^2: the per-frame variance over {@code nframes}) have the covariance {@code C = s^2 M(phi)} with
 * {@code M = tridiag(-1 + beta phi, 2 + alpha phi, -1 + beta phi)} and {@code phi = max(f,0)/(g s^2)}, alpha and beta
 * the pattern's {@link ReadPattern#photonDiagonal()} and {@link ReadPattern#photonOffDiagonal()} (Brandt 2024). For
 * single frames alpha = 1, beta = 0: {@code M = tridiag(-1, 2 + phi, -1)}, computed with exactly the operations of
 * the single-frame table (bit for bit).
 * Everything the fit needs depends on phi alone, so it is tabulated on a grid: phi = 0 (entry 0) and, for
 * {@code 2^-24 <= phi < 2^24}, the centres of cells {@code 2^e (1 + m/32) .. 2^e (1 + (m+1)/32)}, 32 per octave
 * (a representative within 1.6% of any phi in its cell). The cell is read straight off the bits of the double, so
 * a look-up costs no logarithm. Per entry the table holds
 * <ul>
 *   <li>the normalised weights {@code u = M^-1 1 / (1' M^-1 1)} (the GLS rate is {@code u . d});</li>
 *   <li>{@code 1' M^-1 1}, {@code sum u_k^2} and {@code sum u_k u_k+1}, so the exact variance of {@code u . d}
 *       under any phi is {@code s^2 ((2 + phi) S2 - 2 S11)} in O(1);</li>
 *   <li>the inverse pivots {@code c_k = 1/D_k} of {@code M = L D L'} ({@code D_0 = 2 + phi},
 *       {@code D_k = 2 + phi - 1/D_k-1}); they do not depend on n, so the same row serves every shorter
 *       segment of a masked ramp (Thomas algorithm without a division).</li>
 * </ul>
 * Immutable and thread-safe once built.
 */
final class GlsTable {

    static final int STEPS_PER_OCTAVE = 32;
    static final int MIN_EXPONENT = -24;
    static final int MAX_EXPONENT = 24;
    private static final int OCTAVES = MAX_EXPONENT - MIN_EXPONENT;
    static final int ENTRIES = 1 + OCTAVES * STEPS_PER_OCTAVE;

    final int n;
    /** weights: entry * n + k. */
    final double[] weights;
    /** inverse pivots 1/D_k: entry * n + k. */
    final double[] pivots;
    /** couplings -b/D_k: entry * n + k; the pivots themselves for single frames. */
    final double[] couplings;
    /** the pattern's photon factors: alpha on the diagonal, beta off it. */
    final double alpha;
    final double beta;
    private final boolean singleFrame;
    final double[] sumInverse;
    final double[] sumSq;
    final double[] sumAdjacent;
    final double[] phi;

    /** A table for single-frame reads. */
    GlsTable(int n) {
        this(n, ReadPattern.singleFrames(Double.NaN));
    }

    GlsTable(int n, ReadPattern pattern) {
        if (n < 1) {
            throw new IllegalArgumentException("a GLS table needs at least one difference, got " + n);
        }
        this.n = n;
        singleFrame = pattern.isSingleFrame();
        alpha = pattern.photonDiagonal();
        beta = pattern.photonOffDiagonal();
        weights = new double[ENTRIES * n];
        pivots = new double[ENTRIES * n];
        couplings = singleFrame ? pivots : new double[ENTRIES * n];
        sumInverse = new double[ENTRIES];
        sumSq = new double[ENTRIES];
        sumAdjacent = new double[ENTRIES];
        phi = new double[ENTRIES];
        double[] y = new double[n];
        double[] w = new double[n];
        for (int e = 0; e < ENTRIES; e++) {
            double p = e == 0 ? 0 : centre(e);
            phi[e] = p;
            fill(e, p, y, w);
        }
    }

    /** @return the representative phi of entry {@code e >= 1} */
    static double centre(int e) {
        int i = e - 1;
        int octave = i / STEPS_PER_OCTAVE;
        int m = i % STEPS_PER_OCTAVE;
        return Math.scalb(1.0 + (m + 0.5) / STEPS_PER_OCTAVE, MIN_EXPONENT + octave);
    }

    /** @return the table entry for {@code phi}: 0 for phi at or below 0 (or below 2^-24), clamped above 2^24 */
    static int entry(double phi) {
        if (!(phi >= 0x1p-24)) {
            return 0; // also NaN
        }
        if (phi >= 0x1p24) {
            return ENTRIES - 1;
        }
        long bits = Double.doubleToRawLongBits(phi);
        int exponent = (int) ((bits >>> 52) & 0x7ff) - 1023;
        int m = (int) ((bits >>> 47) & 31);
        return 1 + (exponent - MIN_EXPONENT) * STEPS_PER_OCTAVE + m;
    }

    private void fill(int e, double p, double[] y, double[] w) {
        int base = e * n;
        if (singleFrame) {
            double a = 2 + p;
            double d = a;
            for (int k = 0; k < n; k++) {
                double c = 1 / d;
                pivots[base + k] = c;
                d = a - c;
            }
        } else {
            double a = 2 + alpha * p;
            double b = -1 + beta * p;
            double d = a;
            for (int k = 0; k < n; k++) {
                double c = 1 / d;
                pivots[base + k] = c;
                couplings[base + k] = -b * c;
                d = a - b * b * c;
            }
        }
        solveOnes(base, 0, n, y, w);
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += w[k];
        }
        double s2 = 0;
        double s11 = 0;
        for (int k = 0; k < n; k++) {
            double u = w[k] / sum;
            weights[base + k] = u;
            s2 += u * u;
            if (k + 1 < n) {
                s11 += u * (w[k + 1] / sum);
            }
        }
        sumInverse[e] = sum;
        sumSq[e] = s2;
        sumAdjacent[e] = s11;
    }

    /**
     * Solves {@code M_len w = 1} for a segment of {@code len} differences with the inverse pivots and couplings
     * from {@code pbase}; writes {@code w[wbase .. wbase+len)}. No division.
     *
     * @param y scratch of at least {@code len} doubles
     */
    void solveOnes(int pbase, int wbase, int len, double[] y, double[] w) {
        double[] piv = pivots;
        double[] cpl = couplings;
        double prev = 0;
        for (int k = 0; k < len; k++) {
            double v = 1 + (k == 0 ? 0 : cpl[pbase + k - 1] * prev);
            y[k] = v;
            prev = v;
        }
        double next = 0;
        for (int k = len - 1; k >= 0; k--) {
            double v = y[k] * piv[pbase + k] + (k == len - 1 ? 0 : cpl[pbase + k] * next);
            w[wbase + k] = v;
            next = v;
        }
    }

    /**
     * @return {@code r' M_len^-1 r} for the residuals {@code r_k = d[off+k] - f} of a segment of {@code len},
     *         using the inverse pivots of entry {@code e} (dimensionless; divide by s^2 for chi2)
     */
    double quadratic(int e, float[] d, int off, int len, double f) {
        int base = e * n;
        double q = 0;
        double y = 0;
        for (int k = 0; k < len; k++) {
            double c = pivots[base + k];
            y = (d[off + k] - f) + (k == 0 ? 0 : couplings[base + k - 1] * y);
            q += c * y * y;
        }
        return q;
    }

    /**
     * {@link #quadratic} of four complete ramps at once: four independent recursions in one loop, so the processor
     * overlaps their latencies (one recursion alone waits on each multiply-add).
     */
    void quadratic4(int[] e, int[] off, double[] f, float[] d, double[] out) {
        int b0 = e[0] * n;
        int b1 = e[1] * n;
        int b2 = e[2] * n;
        int b3 = e[3] * n;
        int o0 = off[0];
        int o1 = off[1];
        int o2 = off[2];
        int o3 = off[3];
        double f0 = f[0];
        double f1 = f[1];
        double f2 = f[2];
        double f3 = f[3];
        double[] cpl = couplings;
        double y0 = d[o0] - f0;
        double y1 = d[o1] - f1;
        double y2 = d[o2] - f2;
        double y3 = d[o3] - f3;
        double q0 = pivots[b0] * y0 * y0;
        double q1 = pivots[b1] * y1 * y1;
        double q2 = pivots[b2] * y2 * y2;
        double q3 = pivots[b3] * y3 * y3;
        for (int k = 1; k < n; k++) {
            y0 = (d[o0 + k] - f0) + cpl[b0 + k - 1] * y0;
            y1 = (d[o1 + k] - f1) + cpl[b1 + k - 1] * y1;
            y2 = (d[o2 + k] - f2) + cpl[b2 + k - 1] * y2;
            y3 = (d[o3 + k] - f3) + cpl[b3 + k - 1] * y3;
            q0 += pivots[b0 + k] * y0 * y0;
            q1 += pivots[b1 + k] * y1 * y1;
            q2 += pivots[b2 + k] * y2 * y2;
            q3 += pivots[b3 + k] * y3 * y3;
        }
        out[0] = q0;
        out[1] = q1;
        out[2] = q2;
        out[3] = q3;
    }

    /** @return {@code u_e . d[off .. off+n)}, the GLS rate of a complete ramp under entry e */
    double rate(int e, float[] d, int off) {
        int base = e * n;
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int k = 0;
        for (; k + 3 < n; k += 4) {
            s0 += weights[base + k] * d[off + k];
            s1 += weights[base + k + 1] * d[off + k + 1];
            s2 += weights[base + k + 2] * d[off + k + 2];
            s3 += weights[base + k + 3] * d[off + k + 3];
        }
        for (; k < n; k++) {
            s0 += weights[base + k] * d[off + k];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** @return the variance of {@code u_e . d} in units of s^2 when the true covariance is {@code M(phiTrue)} */
    double variance(int e, double phiTrue) {
        if (singleFrame) {
            return (2 + phiTrue) * sumSq[e] - 2 * sumAdjacent[e];
        }
        return (2 + alpha * phiTrue) * sumSq[e] - 2 * (1 - beta * phiTrue) * sumAdjacent[e];
    }

    /** @return the read-noise part of that variance, in units of s^2: {@code 2 S2 - 2 S11} (the variance at phi 0) */
    double readVariance(int e) {
        return 2 * sumSq[e] - 2 * sumAdjacent[e];
    }

    /**
     * @return the variance of the weights {@code u} over a masked ramp's segments, in units of s^2, under
     *         {@code M(phiTrue)}, from {@code sq = sum u_k^2} and {@code adj = sum u_k u_k+1} within segments
     */
    double variance(double sq, double adj, double phiTrue) {
        if (singleFrame) {
            return (2 + phiTrue) * sq - 2 * adj;
        }
        return (2 + alpha * phiTrue) * sq - 2 * (1 - beta * phiTrue) * adj;
    }

    /** @return true for a single-frame pattern */
    boolean singleFrame() {
        return singleFrame;
    }
}
