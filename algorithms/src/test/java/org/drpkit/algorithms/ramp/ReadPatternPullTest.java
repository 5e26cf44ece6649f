package org.drpkit.algorithms.ramp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.drpkit.algorithms.sim.DetectorModel;
import org.drpkit.algorithms.sim.DetectorSimulator;
import org.drpkit.algorithms.sim.Exposure;
import org.drpkit.algorithms.sim.SimulatedRamp;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.ReadPattern;
import org.drpkit.core.instrument.Chip;
import org.junit.jupiter.api.Test;

/**
 * Pulls {@code (rate - true) sqrt(ivar)} of the GLS fit over 1,048,576 simulated ramps per readout pattern (frames
 * averaged into groups, frames skipped between groups; Poisson noise per frame, white read noise 5 DN per frame,
 * gain 1.9 e-/DN), in the eleven rate bins of {@link RampFitPullTest} (0 to 1000 DN per group interval, about 95,000
 * ramps per bin: statistical error of a mean pull 0.0032, of a width 0.0023). The fit knows the pattern from the
 * ramp. Also: the Poisson and read-noise parts of the variance sum to the total in every pixel. Tables go to
 * {@code target/pulls-pattern-*.txt}.
 */
class ReadPatternPullTest {

    static final int SIZE = 1024;

    private static void assertPulls(int nframes, int groupgap, int reads, FitParams.Estimator est) throws DrpException {
        double[] rates = RampFitPullTest.RATES;
        float[] rate = new float[SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            java.util.Arrays.fill(rate, y * SIZE, (y + 1) * SIZE, (float) rates[y % rates.length]);
        }
        Chip chip = Chip.simple("P", -1, SIZE, SIZE, 18);
        Exposure exp = Exposure.of(reads, 10.6, Image.of(SIZE, SIZE, rate), 3000L + nframes).withPattern(nframes,
                groupgap);
        SimulatedRamp sim = DetectorSimulator.simulate(chip, DetectorModel.ideal(RampFitPullTest.GAIN,
                RampFitPullTest.READ_NOISE), exp);
        ReadPattern pattern = sim.ramp().pattern();
        assertEquals(exp.pattern(), pattern, "the pattern travels with the simulated ramp");
        NoiseModel noise = NoiseModel.of(RampFitPullTest.GAIN, RampFitPullTest.READ_NOISE * RampFitPullTest.READ_NOISE);
        RampProcessor.Params p = RampProcessor.Params.defaults(noise).withZeropoint(false).withRowNoise(null)
                .withReads(ReadSelection.Params.ALL_READS).withFit(FitParams.defaults(noise).withEstimator(est));
        RampResult r = RampProcessor.process(sim.ramp(), chip, p).ramp();
        assertEquals(pattern, r.pattern());
        PullTable t = new PullTable(rates);
        float[] fit = r.rate().array();
        float[] ivar = r.ivar().array();
        float[] vp = r.varPoisson().array();
        float[] vr = r.varRead().array();
        float[] truth = sim.truth().rate().array();
        for (int i = 0; i < fit.length; i++) {
            t.add((i / SIZE) % rates.length, fit[i], truth[i], ivar[i]);
            double total = 1 / (double) ivar[i];
            assertEquals(total, (double) vp[i] + vr[i], 1e-6 * total, "variance parts of pixel " + i);
        }
        String name = est + " " + pattern + ", " + reads + " groups, " + r.stats();
        PullTable.write("pulls-pattern-" + est + "-" + nframes + "-" + groupgap + ".txt", t.format(name));
        RampFitPullTest.assertCentredAndUnitWide(t, name);
    }

    @Test
    void glsPullsAreCentredAndUnitWideForTwoFrameGroups() throws DrpException {
        assertPulls(2, 0, 24, FitParams.Estimator.GLS);
    }

    @Test
    void glsPullsAreCentredAndUnitWideForFourFrameGroupsWithAGap() throws DrpException {
        assertPulls(4, 1, 12, FitParams.Estimator.GLS);
    }

    @Test
    void glsPullsAreCentredAndUnitWideForEightFrameGroupsWithTwoSkipped() throws DrpException {
        assertPulls(8, 2, 10, FitParams.Estimator.GLS);
    }

    @Test
    void fixsenPullsAreCentredAndUnitWideForFourFrameGroupsWithAGap() throws DrpException {
        assertPulls(4, 1, 12, FitParams.Estimator.OLS_FIXSEN);
    }
}
