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
import org.drpkit.core.instrument.H2rgLayout;
import org.drpkit.core.instrument.Region;
import org.junit.jupiter.api.Test;

class SaturationTest {

    static final Chip CHIP = H2rgLayout.chip("S", 256, 64, 4, 4, 18);

    /**
     * Against the simulator's truth (the first read whose noiseless level passes 0.9 of the pixel's saturation):
     * upstream's test asks for more than 99.7% exact and every saturated pixel within one read.
     */
    @Test
    void lastUsableDifferenceMatchesTruthWithinOneRead() throws DrpException {
        SimulatedRamp s = DetectorSimulator.simulate(CHIP, DetectorModel.apogeeLike(),
                Exposure.of(30, 10.6, RampProcessorTest.gradient(CHIP, 10, 8000), 12));
        ReadPlan plan = ReadSelection.plan(30, ReadSelection.Params.UPSTREAM);
        SaturationResult r = Saturation.scan(s.ramp(), plan, s.truth().saturation(), CHIP, 0.9);
        int[] truth = s.truth().usableDifferences(plan.firstRead(), plan.lastRead());
        int[] got = r.usableDifferences().array();
        int ref = CHIP.referenceOutput().map(Region::x0).orElseThrow();
        long saturated = 0;
        long exact = 0;
        for (int i = 0; i < got.length; i++) {
            if (i % CHIP.width() >= ref) {
                assertEquals(plan.differences(), got[i], "the reference output never saturates");
                continue;
            }
            if (truth[i] < plan.differences()) {
                saturated++;
                assertTrue(Math.abs(got[i] - truth[i]) <= 1, "pixel " + i + ": " + got[i] + " vs " + truth[i]);
                exact += got[i] == truth[i] ? 1 : 0;
            } else {
                assertEquals(plan.differences(), got[i], "pixel " + i + " never saturated");
            }
        }
        assertTrue(saturated > 5000, "saturated pixels: " + saturated);
        assertTrue(exact > 0.997 * saturated, exact + " exact of " + saturated);
        assertEquals(saturated, r.partial() + r.full());
    }

    @Test
    void withoutAMapNothingSaturates() throws DrpException {
        SimulatedRamp s = DetectorSimulator.simulate(CHIP, DetectorModel.apogeeLike(),
                Exposure.of(6, 10.6, RampProcessorTest.gradient(CHIP, 10, 20000), 13));
        ReadPlan plan = ReadSelection.plan(6, ReadSelection.Params.UPSTREAM);
        SaturationResult r = Saturation.scan(s.ramp(), plan, null, CHIP, 0.9);
        assertEquals(0, r.partial() + r.full());
        for (int l : r.usableDifferences().array()) {
            assertEquals(plan.differences(), l);
        }
    }

    @Test
    void aSaturatedFirstReadLeavesNoUsableDifference() throws DrpException {
        Chip chip = Chip.simple("one", -1, 2, 1, 18);
        float[][] planes = {{100, 60000}, {200, 60000}, {300, 60000}};
        org.drpkit.core.image.Ramp ramp = org.drpkit.core.image.Ramp.of(2, 1, new double[] {0, 1, 2}, planes);
        ReadPlan plan = ReadSelection.plan(3, ReadSelection.Params.ALL_READS);
        SaturationResult r = Saturation.scan(ramp, plan, Image.filled(2, 1, 50000), chip, 0.9);
        assertEquals(2, r.usableDifferences().get(0, 0));
        assertEquals(0, r.usableDifferences().get(1, 0));
        assertEquals(1, r.full());
    }
}
