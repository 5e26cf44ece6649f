package org.drpkit.algorithms.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.math3.analysis.integration.SimpsonIntegrator;
import org.junit.jupiter.api.Test;

class GaussHermiteTest {

    /** The density written out independently of the kernel: phi(z) (1 + h3 He3 + h4 He4). */
    private static double density(double z, double h3, double h4) {
        double he3 = z * z * z - 3 * z;
        double he4 = z * z * z * z - 6 * z * z + 3;
        return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI) * (1 + h3 * he3 + h4 * he4);
    }

    @Test
    void pixelFractionsEqualTheNumericalIntegralOfTheDensity() {
        double mu = 50.37;
        double sigma = 1.13;
        double h3 = 0.04;
        double h4 = 0.06;
        double[] frac = new double[17];
        GaussHermite.fractions(mu, sigma, h3, h4, 42, frac.length, frac);
        SimpsonIntegrator simpson = new SimpsonIntegrator(1e-12, 1e-12, 3, 30);
        for (int k = 0; k < frac.length; k++) {
            double lo = (42 + k - 0.5 - mu) / sigma;
            double expected = simpson.integrate(1_000_000, z -> density(z, h3, h4), lo, lo + 1 / sigma);
            assertEquals(expected, frac[k], 3e-7, "pixel " + (42 + k));
        }
    }

    @Test
    void profileHasUnitIntegralCentroidMuAndRmsSigmaWhateverTheShape() {
        double mu = 100.21;
        double sigma = 1.3;
        double[] frac = new double[41];
        GaussHermite.fractions(mu, sigma, 0.05, 0.08, 80, frac.length, frac);
        double sum = 0;
        double m1 = 0;
        for (int k = 0; k < frac.length; k++) {
            sum += frac[k];
            m1 += frac[k] * (80 + k);
        }
        double m2 = 0;
        for (int k = 0; k < frac.length; k++) {
            double d = 80 + k - m1 / sum;
            m2 += frac[k] * d * d;
        }
        assertEquals(1, sum, 1e-6);
        assertEquals(mu, m1 / sum, 1e-5);
        // pixel integration adds 1/12 px^2 to the variance (Sheppard)
        assertEquals(sigma * sigma + 1.0 / 12, m2 / sum, 2e-3);
    }

    @Test
    void derivativesMatchFiniteDifferences() {
        double[] f = new double[9];
        double[] dm = new double[9];
        double[] ds = new double[9];
        double[] fp = new double[9];
        double[] fm = new double[9];
        GaussHermite.fractions(20.4, 0.9, 0.03, 0.05, 16, 9, f, dm, ds);
        double e = 1e-5;
        GaussHermite.fractions(20.4 + e, 0.9, 0.03, 0.05, 16, 9, fp);
        GaussHermite.fractions(20.4 - e, 0.9, 0.03, 0.05, 16, 9, fm);
        for (int k = 0; k < 9; k++) {
            assertEquals((fp[k] - fm[k]) / (2 * e), dm[k], 2e-4, "d/dmu pixel " + k);
        }
        GaussHermite.fractions(20.4, 0.9 + e, 0.03, 0.05, 16, 9, fp);
        GaussHermite.fractions(20.4, 0.9 - e, 0.03, 0.05, 16, 9, fm);
        for (int k = 0; k < 9; k++) {
            assertEquals((fp[k] - fm[k]) / (2 * e), ds[k], 2e-4, "d/dsigma pixel " + k);
        }
    }
}
