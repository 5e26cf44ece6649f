package org.drpkit.algorithms.ramp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.drpkit.algorithms.sim.DetectorModel;
import org.drpkit.algorithms.sim.DetectorSimulator;
import org.drpkit.algorithms.sim.Exposure;
import org.drpkit.algorithms.sim.SimTruth;
import org.drpkit.algorithms.sim.SimulatedRamp;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.image.Image;
import org.drpkit.core.instrument.Chip;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Jump detection against the simulator's injected cosmic rays: 512x512 ramps of 20 reads (17 differences after
 * dropping two reads) at rates from 0 to 300 DN/read, 4e-3 jumps per pixel and read of 10..3000 DN (log-uniform).
 * A jump's size in sigma is its amplitude over the noise of one difference, {@code sqrt(2 s^2 + f/g)}.
 */
class JumpDetectionTest {

    static final int SIZE = 512;
    static final double GAIN = 1.9;
    static final double READ_NOISE = 5;
    static SimulatedRamp sim;
    static ReadPlan plan;

    @BeforeAll
    static void simulate() throws DrpException {
        float[] rate = new float[SIZE * SIZE];
        double[] levels = {0, 1, 10, 100, 300};
        for (int y = 0; y < SIZE; y++) {
            java.util.Arrays.fill(rate, y * SIZE, (y + 1) * SIZE, (float) levels[y % levels.length]);
        }
        DetectorModel m = DetectorModel.ideal(GAIN, READ_NOISE).toBuilder().cosmicRayRate(4e-3)
                .cosmicRayRange(10, 3000).build();
        sim = DetectorSimulator.simulate(Chip.simple("J", -1, SIZE, SIZE, 18), m,
                Exposure.of(20, 10.6, Image.of(SIZE, SIZE, rate), 77));
        plan = ReadSelection.plan(20, ReadSelection.Params.UPSTREAM);
    }

    /** Counts [found large jumps, large jumps, false flags, clean differences]. */
    static long[] score(JumpParams params) {
        JumpDetection.Result r = JumpDetection.detect(sim.ramp(), plan, null, params,
                NoiseModel.of(GAIN, READ_NOISE * READ_NOISE));
        SimTruth t = sim.truth();
        SimTruth.Jumps j = t.jumps();
        int n = plan.differences();
        boolean[] truthJump = new boolean[SIZE * SIZE * n];
        long found = 0;
        long large = 0;
        for (int i = 0; i < j.count(); i++) {
            int k = j.read()[i] - 1 - plan.firstRead();
            if (k < 0 || k >= n) {
                continue;
            }
            int p = j.pixel()[i];
            truthJump[p * n + k] = true;
            double sigma = Math.sqrt(2 * READ_NOISE * READ_NOISE + t.rate().array()[p] / GAIN);
            if (j.amplitude()[i] > 8 * sigma) {
                large++;
                if (r.isDropped(p % SIZE, p / SIZE, k)) {
                    found++;
                }
            }
        }
        long falseFlags = 0;
        long clean = 0;
        for (int p = 0; p < SIZE * SIZE; p++) {
            for (int k = 0; k < n; k++) {
                if (!truthJump[p * n + k]) {
                    clean++;
                    if (r.isDropped(p % SIZE, p / SIZE, k)) {
                        falseFlags++;
                    }
                }
            }
        }
        return new long[] {found, large, falseFlags, clean};
    }

    private static void check(long[] s, String what) {
        String msg = what + ": found " + s[0] + " of " + s[1] + " jumps above 8 sigma; " + s[2]
                + " false flags in " + s[3] + " clean differences";
        PullTable.write("jumps-" + what + ".txt", msg + "\n");
        assertTrue(s[1] > 10000, msg);
        assertTrue(s[0] >= 0.999 * s[1], msg);
        assertTrue(s[2] < 1e-4 * s[3], msg);
    }

    @Test
    void jumpsAboveEightSigmaAreFoundAndFalseFlagsStayBelowOneInTenThousand() {
        check(score(JumpParams.DEFAULTS), "positive");
    }

    @Test
    void withBothSignsFalseFlagsStillStayBelowOneInTenThousand() {
        check(score(new JumpParams(4.5, true, true)), "both-signs");
    }
}
