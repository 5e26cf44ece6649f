package org.drpkit.algorithms.ramp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.drpkit.algorithms.sim.DetectorModel;
import org.drpkit.algorithms.sim.DetectorSimulator;
import org.drpkit.algorithms.sim.Exposure;
import org.drpkit.algorithms.sim.SimulatedRamp;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.Ramp;
import org.drpkit.core.instrument.Chip;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Nonlinearity correction against the simulator's quadratic response ({@code m = s + c2 s^2}, c2 = -2e-6/DN with 5%
 * pixel scatter: 10% low at 50,000 DN), 30 reads of 100..1500 DN/read, corrected with the truth's inverse series
 * to degree 8. Pulls use the neighbour covariance so that only the linearity is under test.
 */
class NonlinearityTest {

    static final int SIZE = 256;
    static SimulatedRamp sim;
    static ReadPlan plan;
    static final FitParams FIT = FitParams.defaults(NoiseModel.of(1.9, 25))
            .withCovarianceRate(FitParams.CovarianceRate.NEIGHBOURS);

    @BeforeAll
    static void simulate() throws DrpException {
        float[] rate = new float[SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            java.util.Arrays.fill(rate, y * SIZE, (y + 1) * SIZE, (float) (100 + 1400.0 * y / (SIZE - 1)));
        }
        DetectorModel m = DetectorModel.ideal(1.9, 5).toBuilder().nonlinearity(-2e-6, 0.05).build();
        sim = DetectorSimulator.simulate(Chip.simple("L", -1, SIZE, SIZE, 18), m,
                Exposure.of(30, 10.6, Image.of(SIZE, SIZE, rate), 21));
        plan = ReadSelection.plan(30, ReadSelection.Params.UPSTREAM);
    }

    static double[] meanAndStdPull(Ramp reads) {
        RampResult r = RampFit.fit(reads, plan, null, JumpParams.DEFAULTS, FIT, null);
        double s = 0;
        double s2 = 0;
        float[] truth = sim.truth().rate().array();
        for (int i = 0; i < truth.length; i++) {
            double z = (r.rate().array()[i] - truth[i]) * Math.sqrt(r.ivar().array()[i]);
            s += z;
            s2 += z * z;
        }
        double mean = s / truth.length;
        return new double[] {mean, Math.sqrt(s2 / truth.length - mean * mean)};
    }

    @Test
    void uncorrectedRampsAreBiasedByManySigma() {
        double[] p = meanAndStdPull(sim.ramp());
        assertTrue(p[0] < -5, "mean pull without correction " + p[0]);
    }

    @Test
    void correctionWithExtrapolatedResetLevelRemovesTheBias() {
        Nonlinearity.Params params = new Nonlinearity.Params(
                Nonlinearity.Coefficients.perPixel(sim.truth().linearityCoefficients(8)), 1, Optional.empty());
        double[] p = meanAndStdPull(Nonlinearity.correct(sim.ramp(), plan, params));
        // 65536 pixels: the mean pull's statistical error is 0.004
        assertEquals(0, p[0], 0.02, "mean pull");
        assertEquals(1, p[1], 0.02, "pull std");
    }

    @Test
    void correctionWithAKnownResetLevelRemovesTheBias() {
        Image reset = Image.filled(SIZE, SIZE, 1000f); // the ideal detector's bias: the charge-free level
        Nonlinearity.Params params = new Nonlinearity.Params(
                Nonlinearity.Coefficients.perPixel(sim.truth().linearityCoefficients(8)), 1, Optional.of(reset));
        double[] p = meanAndStdPull(Nonlinearity.correct(sim.ramp(), plan, params));
        assertEquals(0, p[0], 0.02, "mean pull");
        assertEquals(1, p[1], 0.02, "pull std");
    }
}
