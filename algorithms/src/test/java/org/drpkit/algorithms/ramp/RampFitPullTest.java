package org.drpkit.algorithms.ramp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.drpkit.algorithms.sim.DetectorModel;
import org.drpkit.algorithms.sim.DetectorSimulator;
import org.drpkit.algorithms.sim.Exposure;
import org.drpkit.algorithms.sim.SimulatedRamp;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.image.Image;
import org.drpkit.core.instrument.Chip;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Accuracy of both estimators against simulator truth, as pulls {@code (rate - true) sqrt(ivar)} over 1,048,576
 * simulated 47-read ramps (upstream read selection: 44 differences, gain 1.9 e-/DN, read noise 5 DN) with Poisson
 * and white read noise, in eleven bins of true rate from 0 to 1000 DN/read (47,000 DN at the last read, near an
 * APOGEE pixel's saturation), about 95,000 ramps per bin: the statistical error of a bin's mean pull is 0.0032 and
 * of its standard deviation 0.0023. Each row holds one rate, so neighbours along a row share the truth. The tables
 * are written to {@code target/pulls-*.txt}.
 */
class RampFitPullTest {

    static final double[] RATES = {0, 0.03, 0.1, 0.3, 1, 3, 10, 30, 100, 300, 1000};
    static final int SIZE = 1024;
    static final double GAIN = 1.9;
    static final double READ_NOISE = 5.0;
    static final int READS = 47;
    static SimulatedRamp sim;

    @BeforeAll
    static void simulate() {
        float[] rate = new float[SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            java.util.Arrays.fill(rate, y * SIZE, (y + 1) * SIZE, (float) RATES[y % RATES.length]);
        }
        sim = DetectorSimulator.simulate(Chip.simple("P", -1, SIZE, SIZE, 18), DetectorModel.ideal(GAIN, READ_NOISE),
                Exposure.of(READS, 10.6, Image.of(SIZE, SIZE, rate), 2024));
    }

    private static PullTable pulls(FitParams.Estimator est, FitParams.CovarianceRate cov) throws DrpException {
        NoiseModel noise = NoiseModel.of(GAIN, READ_NOISE * READ_NOISE);
        FitParams fp = FitParams.defaults(noise).withEstimator(est).withCovarianceRate(cov);
        RampProcessor.Params p = RampProcessor.Params.defaults(noise).withZeropoint(false).withRowNoise(null)
                .withFit(fp);
        RampResult r = RampProcessor.process(sim.ramp(), Chip.simple("P", -1, SIZE, SIZE, 18), p).ramp();
        PullTable t = new PullTable(RATES);
        float[] rate = r.rate().array();
        float[] ivar = r.ivar().array();
        float[] truth = sim.truth().rate().array();
        for (int i = 0; i < rate.length; i++) {
            t.add((i / SIZE) % RATES.length, rate[i], truth[i], ivar[i]);
        }
        assertEquals((long) SIZE * SIZE, t.total());
        PullTable.write("pulls-" + est + "-" + cov + ".txt", t.format(est + " " + cov + ", " + r.stats()));
        return t;
    }

    /** Every rate bin of {@link #RATES}: mean pull within 0.01 of 0, width within 0.02 of 1. */
    static void assertCentredAndUnitWide(PullTable t, String what) {
        for (int b = 0; b < RATES.length; b++) {
            String bin = what + " at " + RATES[b] + " DN/read:\n" + t.format(what);
            assertEquals(0, t.meanPull(b), 0.01, "mean pull " + bin);
            assertEquals(1, t.stdPull(b), 0.02, "pull std " + bin);
        }
    }

    @Test
    void glsPullsAreCentredAndUnitWideInEveryRateBinWithNeighbourCovariance() throws DrpException {
        assertCentredAndUnitWide(pulls(FitParams.Estimator.GLS, FitParams.CovarianceRate.NEIGHBOURS), "GLS");
    }

    @Test
    void fixsenOlsPullsAreCentredAndUnitWideInEveryRateBinWithNeighbourCovariance() throws DrpException {
        assertCentredAndUnitWide(pulls(FitParams.Estimator.OLS_FIXSEN, FitParams.CovarianceRate.NEIGHBOURS),
                "OLS_FIXSEN");
    }

    /**
     * With the pixel's own rate in the covariance (upstream's and stcal's choice) the rate stays unbiased, but the
     * reported sigma grows with the rate's own error, so pulls are biased low by Stein's lemma:
     * {@code E[(f - f0)/sigma(f)] = -sigma(f0) d ln var / d f / 2} to first order. The measured bias must match
     * that prediction (from the estimator's own variance function) within 3 statistical errors (0.01) where
     * {@code f0 > 3 sigma} (below, the clip at zero breaks the expansion), and the pull width must hold to 2% from
     * 1 DN/read up; near 0 it is off by up to 7%, which is why the neighbour covariance exists.
     */
    @Test
    void selfCovarianceKeepsRatesUnbiasedAndItsPullBiasIsSteinsPrediction() throws DrpException {
        for (FitParams.Estimator est : FitParams.Estimator.values()) {
            PullTable t = pulls(est, FitParams.CovarianceRate.SELF);
            for (int b = 0; b < RATES.length; b++) {
                String bin = est + " SELF at " + RATES[b] + " DN/read:\n" + t.format(est.toString());
                assertEquals(0, t.biasInSigma(b), 0.01, "rate bias in sigma " + bin);
                if (RATES[b] >= 0.3) {
                    assertEquals(steinPrediction(est, RATES[b]), t.meanPull(b), 0.01, "mean pull vs Stein " + bin);
                }
                if (RATES[b] >= 1) {
                    assertEquals(1, t.stdPull(b), 0.02, "pull std " + bin);
                }
            }
            assertTrue(t.meanPull(4) < -0.03, "the Stein bias is visible at 1 DN/read: " + t.meanPull(4));
        }
    }

    /**
     * Narrow lines along the rows (one pixel at 300 DN/read every 7 pixels on a 1 DN/read background, like sky lines
     * across a trace): the neighbours' rate would give the line pixels a fraction of their photon variance, so they
     * switch to their own rate (more than {@link FitParams#NEIGHBOUR_SWITCH_SIGMA} sigma from the neighbours), and
     * both populations keep centred, unit-wide pulls. 512 x 512 ramps: statistical error of a mean 0.005 (lines) and
     * 0.002 (background).
     */
    @Test
    void narrowLinesAlongTheRowsKeepUnitWidePullsWithNeighbourCovariance() throws DrpException {
        int size = 512;
        float[] rate = new float[size * size];
        for (int i = 0; i < rate.length; i++) {
            rate[i] = (i % size) % 7 == 3 ? 300f : 1f;
        }
        Chip chip = Chip.simple("L", -1, size, size, 18);
        SimulatedRamp lines = DetectorSimulator.simulate(chip, DetectorModel.ideal(GAIN, READ_NOISE),
                Exposure.of(READS, 10.6, Image.of(size, size, rate), 77));
        NoiseModel noise = NoiseModel.of(GAIN, READ_NOISE * READ_NOISE);
        RampProcessor.Params p = RampProcessor.Params.defaults(noise).withZeropoint(false).withRowNoise(null);
        assertEquals(FitParams.CovarianceRate.NEIGHBOURS, p.fit().covarianceRate());
        RampResult r = RampProcessor.process(lines.ramp(), chip, p).ramp();
        PullTable t = new PullTable(new double[] {1, 300});
        float[] truth = lines.truth().rate().array();
        for (int i = 0; i < truth.length; i++) {
            t.add(truth[i] > 100 ? 1 : 0, r.rate().array()[i], truth[i], r.ivar().array()[i]);
        }
        PullTable.write("pulls-lines-GLS-NEIGHBOURS.txt", t.format("narrow lines, GLS NEIGHBOURS, " + r.stats()));
        for (int b = 0; b < 2; b++) {
            assertEquals(0, t.meanPull(b), 0.02, (b == 1 ? "line" : "background") + " mean pull");
            assertEquals(1, t.stdPull(b), 0.02, (b == 1 ? "line" : "background") + " pull std");
        }
    }

    /** @return {@code -sigma v'(f) / (2 v(f))} for the estimator's reported variance function v at rate f */
    static double steinPrediction(FitParams.Estimator est, double f) {
        int n = READS - 3;
        double s2 = READ_NOISE * READ_NOISE;
        if (est == FitParams.Estimator.GLS) {
            double d = 1e-3 * f;
            double v = glsVariance(n, s2, f);
            return -0.5 * Math.sqrt(v) * (Math.log(glsVariance(n, s2, f + d)) - Math.log(glsVariance(n, s2, f - d)))
                    / (2 * d);
        }
        FixsenTable t = new FixsenTable(n);
        int p = FixsenTable.level(FixsenTable.snr(f * n, GAIN, s2));
        double v = t.variance(n, p, s2, f / GAIN);
        double slope = t.variance(n, p, 0, 1) / GAIN;
        return -0.5 * Math.sqrt(v) * slope / v;
    }

    /** Dense {@code 1 / (1' C^-1 1)} for the tridiagonal covariance of n differences at rate f. */
    static double glsVariance(int n, double s2, double f) {
        DMatrixRMaj c = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            c.set(i, i, 2 * s2 + f / GAIN);
            if (i + 1 < n) {
                c.set(i, i + 1, -s2);
                c.set(i + 1, i, -s2);
            }
        }
        CommonOps_DDRM.invert(c);
        double sum = 0;
        for (int i = 0; i < n * n; i++) {
            sum += c.get(i);
        }
        return 1 / sum;
    }
}
