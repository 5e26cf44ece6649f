package org.drpkit.algorithms.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.drpkit.algorithms.refcorr.ReadoutClock;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.Ramp;
import org.drpkit.core.instrument.Chip;
import org.drpkit.core.instrument.H2rgLayout;
import org.junit.jupiter.api.Test;

class DetectorSimulatorTest {

    static final Chip CHIP = H2rgLayout.chip("D", 128, 32, 4, 4, 18);

    @Test
    void sameSeedsGiveIdenticalRampsAndTruthOnAnyExecutor() {
        Exposure e = Exposure.of(8, 10.6, Image.filled(CHIP.width(), CHIP.height(), 300f), 99);
        DetectorModel m = DetectorModel.apogeeLike().toBuilder().cosmicRayRate(1e-2).build();
        SimulatedRamp a = DetectorSimulator.simulate(CHIP, m, e);
        ExecutorService one = Executors.newSingleThreadExecutor();
        try {
            SimulatedRamp b = DetectorSimulator.simulate(CHIP, m, e, one);
            for (int k = 0; k < 8; k++) {
                assertArrayEquals(a.ramp().read(k).array(), b.ramp().read(k).array(), "read " + k);
            }
            assertArrayEquals(a.truth().jumps().pixel(), b.truth().jumps().pixel());
            assertArrayEquals(a.truth().jumps().amplitude(), b.truth().jumps().amplitude());
        } finally {
            one.shutdown();
        }
        SimulatedRamp other = DetectorSimulator.simulate(CHIP, m, new Exposure(8, 10.6, e.rate(), 100));
        assertTrue(other.ramp().read(7).get(50, 50) != a.ramp().read(7).get(50, 50), "another seed, other noise");
        assertArrayEquals(a.truth().saturation().array(), other.truth().saturation().array(), "same detector");
    }

    @Test
    void poissonVariatesHaveTheirMeanAndVariance() {
        Poisson p = new Poisson();
        SplittableRandom r = new SplittableRandom(1);
        for (double lambda : new double[] {0.05, 3, 9.99, 10, 57, 2000}) {
            p.setMean(lambda);
            int n = 200000;
            double s = 0;
            double s2 = 0;
            for (int i = 0; i < n; i++) {
                long k = p.next(r);
                s += k;
                s2 += (double) k * k;
            }
            double mean = s / n;
            double var = s2 / n - mean * mean;
            assertEquals(lambda, mean, 5 * Math.sqrt(lambda / n), "mean at " + lambda);
            // the variance of a sample variance of Poisson data is about (2 lambda^2 + lambda) / n
            assertEquals(lambda, var, 5 * Math.sqrt((2 * lambda * lambda + lambda) / n), "variance at " + lambda);
        }
    }

    @Test
    void rampsAccumulateTheTrueRateInDnPerRead() {
        DetectorModel m = DetectorModel.ideal(2.0, 0.0);
        Chip chip = Chip.simple("I", -1, 64, 64, 18);
        SimulatedRamp s = DetectorSimulator.simulate(chip, m, Exposure.of(11, 1, Image.filled(64, 64, 50f), 3));
        double sum = 0;
        for (int i = 0; i < 64 * 64; i++) {
            sum += (s.ramp().read(10).array()[i] - s.ramp().read(0).array()[i]) / 10.0;
        }
        double mean = sum / (64 * 64);
        // Poisson only: each pixel's rate over 10 intervals has variance 50 / (2 x 10) (DN/read)^2
        assertEquals(50, mean, 5 * Math.sqrt(50.0 / 20 / (64 * 64)));
    }

    /**
     * The 1/f noise is one series in pixel-clock order: read differences of the reference output at tick p equal
     * those of amplifier 2 at its column for tick p (flipped), not at the mirrored column.
     */
    @Test
    void sharedNoiseFollowsEachAmplifiersReadoutDirection() {
        DetectorModel m = DetectorModel.apogeeLike().toBuilder().readNoise(0).biasDriftSigma(0).oneOverFRms(10)
                .quantize(false).build();
        SimulatedRamp s = DetectorSimulator.simulate(CHIP, m, Exposure.dark(3, 10.6, 5));
        ReadoutClock c = ReadoutClock.of(CHIP);
        Ramp r = s.ramp();
        double same = 0;
        double mirrored = 0;
        int y = 40;
        for (int p = 0; p < 32; p++) {
            double ref = r.get(c.column(4, p), y, 1) - r.get(c.column(4, p), y, 0);
            double amp2 = r.get(c.column(1, p), y, 1) - r.get(c.column(1, p), y, 0);
            double amp2mirror = r.get(c.x0(1) + p, y, 1) - r.get(c.x0(1) + p, y, 0);
            same += Math.abs(ref - amp2);
            mirrored += Math.abs(ref - amp2mirror);
        }
        // dark current (0.02 DN/read) is the only other difference
        assertTrue(same / 32 < 0.5, "same tick: " + same / 32);
        assertTrue(mirrored > 5 * same, "mirrored column: " + mirrored / 32);
    }

    @Test
    void truthJumpsAreStepsOfTheirAmplitudeInTheReads() {
        DetectorModel m = DetectorModel.ideal(1.9, 0).toBuilder().cosmicRayRate(1e-2).build();
        Chip chip = Chip.simple("J", -1, 32, 32, 18);
        SimulatedRamp s = DetectorSimulator.simulate(chip, m, Exposure.dark(10, 1, 8));
        SimTruth.Jumps j = s.truth().jumps();
        assertTrue(j.count() > 50, "jumps " + j.count());
        for (int i = 0; i < j.count(); i++) {
            int px = j.pixel()[i];
            int k = j.read()[i];
            double step = s.ramp().read(k).array()[px] - s.ramp().read(k - 1).array()[px];
            assertEquals(j.amplitude()[i], step, 1e-2 * j.amplitude()[i] + 1e-3, "jump " + i);
        }
    }
}
