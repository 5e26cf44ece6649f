package org.drpkit.algorithms.sim;

import java.util.random.RandomGenerator;

/**
 * Exact Poisson variates: sequential inversion below a mean of 10, Hörmann's PTRS transformed rejection
 * (Hörmann 1993, the method numpy uses) above. A sampler is set up once per mean; {@link #next} then costs a few
 * uniform draws. Not thread-safe (holds the set-up), cheap to create.
 */
final class Poisson {

    private static final double[] LOG_FACTORIAL = new double[256];

    static {
        double s = 0;
        for (int k = 1; k < LOG_FACTORIAL.length; k++) {
            s += Math.log(k);
            LOG_FACTORIAL[k] = s;
        }
    }

    private double lambda;
    private double expMinus;
    private double logLambda;
    private double a;
    private double b;
    private double logInvAlpha;
    private double vr;

    /** Prepares for mean {@code lambda >= 0}. */
    void setMean(double mean) {
        lambda = mean;
        if (mean < 10) {
            expMinus = Math.exp(-mean);
            return;
        }
        double slam = Math.sqrt(mean);
        logLambda = Math.log(mean);
        b = 0.931 + 2.53 * slam;
        a = -0.059 + 0.02483 * b;
        logInvAlpha = Math.log(1.1239 + 1.1328 / (b - 3.4));
        vr = 0.9277 - 3.6224 / (b - 2);
    }

    /** @return a Poisson variate of the prepared mean */
    long next(RandomGenerator rng) {
        if (lambda <= 0) {
            return 0;
        }
        if (lambda < 10) {
            double u = rng.nextDouble();
            double p = expMinus;
            double cum = p;
            long k = 0;
            while (u > cum && k < 200) {
                k++;
                p *= lambda / k;
                cum += p;
            }
            return k;
        }
        while (true) {
            double u = rng.nextDouble() - 0.5;
            double v = rng.nextDouble();
            double us = 0.5 - Math.abs(u);
            long k = (long) Math.floor((2 * a / us + b) * u + lambda + 0.43);
            if (us >= 0.07 && v <= vr) {
                return k;
            }
            if (k < 0 || (us < 0.013 && v > us)) {
                continue;
            }
            if (Math.log(v) + logInvAlpha - Math.log(a / (us * us) + b) <= -lambda + k * logLambda - logFactorial(k)) {
                return k;
            }
        }
    }

    static double logFactorial(long k) {
        if (k < LOG_FACTORIAL.length) {
            return LOG_FACTORIAL[(int) k];
        }
        double x = k + 1.0;
        double x2 = 1 / (x * x);
        // Stirling series for ln Gamma(x)
        return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI)
                + (1.0 / 12 - x2 * (1.0 / 360 - x2 / 1260)) / x;
    }
}
