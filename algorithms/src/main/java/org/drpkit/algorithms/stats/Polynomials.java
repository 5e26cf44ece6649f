package org.drpkit.algorithms.stats;

/**
 * Small exact operations on power-series polynomials {@code p(u) = sum c_k u^k} (coefficients lowest first).
 *
 * <pre>{@code
 * double[] q = Polynomials.composeAffine(new double[] {1, 2, 3}, 0.5, 2);   // p(0.5 + 2u) = 2.75 + 10u + 12u^2
 * Polynomials.value(q, 1);                                                // 24.75
 * }</pre>
 *
 * Pure functions; arguments are not modified.
 */
public final class Polynomials {

    private Polynomials() {
    }

    /** @return p(u) by Horner's rule */
    public static double value(double[] c, double u) {
        double s = 0;
        for (int k = c.length - 1; k >= 0; k--) {
            s = s * u + c[k];
        }
        return s;
    }

    /** @return dp/du at u */
    public static double derivative(double[] c, double u) {
        double s = 0;
        for (int k = c.length - 1; k >= 1; k--) {
            s = s * u + k * c[k];
        }
        return s;
    }

    /**
     * The coefficients of {@code q(u) = p(alpha + beta u)}, of the same degree: exact up to rounding (binomial
     * expansion), so a shifted and stretched argument costs no truncation.
     *
     * @param c     p's coefficients c_0..c_d; not modified
     * @param alpha the argument's offset
     * @param beta  the argument's scale
     * @return q's coefficients, a new array
     */
    public static double[] composeAffine(double[] c, double alpha, double beta) {
        int n = c.length;
        double[] q = new double[n];
        // (alpha + beta u)^k = sum_j binom(k, j) alpha^(k-j) beta^j u^j
        for (int k = 0; k < n; k++) {
            double binom = 1;
            for (int j = 0; j <= k; j++) {
                q[j] += c[k] * binom * Math.pow(alpha, k - j) * Math.pow(beta, j);
                binom = binom * (k - j) / (j + 1);
            }
        }
        return q;
    }
}
