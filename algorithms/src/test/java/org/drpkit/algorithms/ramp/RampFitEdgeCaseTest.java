package org.drpkit.algorithms.ramp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.drpkit.core.error.DrpException;
import org.drpkit.core.flag.PixelFlag;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.Ramp;
import org.junit.jupiter.api.Test;

/** Ramps of one pixel with hand-computable answers. */
class RampFitEdgeCaseTest {

    static final NoiseModel NOISE = NoiseModel.of(2.0, 9.0);

    static Ramp pixel(float... reads) {
        float[][] planes = new float[reads.length][];
        double[] t = new double[reads.length];
        for (int k = 0; k < reads.length; k++) {
            planes[k] = new float[] {reads[k]};
            t[k] = k;
        }
        return Ramp.of(1, 1, t, planes);
    }

    static RampResult fit(Ramp r, SaturationResult sat, JumpParams jumps, FitParams.Estimator e) throws DrpException {
        ReadPlan plan = ReadSelection.plan(r.reads(), ReadSelection.Params.ALL_READS);
        return RampFit.fit(r, plan, sat, jumps, FitParams.defaults(NOISE).withEstimator(e), null);
    }

    @Test
    void oneDifferenceGivesItsValueWithReadAndPhotonVariance() throws DrpException {
        for (FitParams.Estimator e : FitParams.Estimator.values()) {
            RampResult r = fit(pixel(1000, 1040), null, JumpParams.DEFAULTS, e);
            assertEquals(40, r.rate().get(0, 0), 1e-6, e.toString());
            assertEquals(1 / (2 * 9.0 + 40 / 2.0), r.ivar().get(0, 0), 1e-7, e.toString());
            assertEquals(0, r.chi2().get(0, 0), 1e-9);
            assertEquals(1, r.lastDiff().get(0, 0));
        }
    }

    @Test
    void twoDifferencesGiveTheirMeanForReadNoiseAndPhotonNoise() throws DrpException {
        // with C = [[a, -s2], [-s2, a]] the GLS weights are equal: the rate is the mean (reads 0 and 2)
        RampResult r = fit(pixel(500, 530, 570), null, JumpParams.DEFAULTS, FitParams.Estimator.GLS);
        assertEquals(35, r.rate().get(0, 0), 1e-5);
        double a = 2 * 9.0 + 35 / 2.0;
        assertEquals(2 / (a - 9.0), r.ivar().get(0, 0), 1e-6, "ivar = 1' C^-1 1 = 2 / (a - s2)");
        // residuals (-5, +5): r' C^-1 r = 50 / (a + s2); the covariance rate is snapped to a 1.6% grid for chi2
        assertEquals(50 / (a + 9.0), r.chi2().get(0, 0), 0.01 * 50 / (a + 9.0));
    }

    @Test
    void aPixelSaturatedFromTheFirstReadHasNoRateAndBothSaturationFlags() throws DrpException {
        Ramp r = pixel(50000, 60000, 60000, 60000);
        ReadPlan plan = ReadSelection.plan(4, ReadSelection.Params.ALL_READS);
        SaturationResult sat = Saturation.scan(r, plan, Image.filled(1, 1, 50000), null, 0.9);
        RampResult res = RampFit.fit(r, plan, sat, JumpParams.DEFAULTS, FitParams.defaults(NOISE), null);
        assertEquals(0, res.rate().get(0, 0));
        assertEquals(0, res.ivar().get(0, 0));
        int f = res.flags().get(0, 0);
        assertTrue(PixelFlag.isSet(f, PixelFlag.FULL_SATURATION) && PixelFlag.isSet(f, PixelFlag.PARTIAL_SATURATION),
                PixelFlag.describe(f));
        assertEquals(0, res.lastDiff().get(0, 0));
        assertEquals(1, res.stats().noData());
    }

    @Test
    void aRampOfOnlyJumpsHasNoRateAndManyJumps() throws DrpException {
        // differences alternate 0 / 1000: the robust rate is 500 and every difference is 500 away (over 25 sigma)
        float[] reads = new float[11];
        for (int k = 1; k < reads.length; k++) {
            reads[k] = reads[k - 1] + (k % 2 == 0 ? 1000 : 0);
        }
        RampResult r = fit(pixel(reads), null, new JumpParams(4.5, true, true), FitParams.Estimator.GLS);
        assertEquals(10, r.jumps().get(0, 0));
        assertEquals(0, r.ivar().get(0, 0));
        assertTrue(PixelFlag.isSet(r.flags().get(0, 0), PixelFlag.MANY_JUMPS));
    }

    @Test
    void aNanReadDropsItsTwoDifferencesAndIsFlagged() throws DrpException {
        float[] reads = {100, 120, 140, Float.NaN, 180, 200, 220, 240};
        for (FitParams.Estimator e : FitParams.Estimator.values()) {
            RampResult r = fit(pixel(reads), null, JumpParams.DEFAULTS, e);
            assertEquals(20, r.rate().get(0, 0), 1e-5, e.toString());
            assertTrue(r.ivar().get(0, 0) > 0);
            assertTrue((r.flags().get(0, 0) & RampResult.NONFINITE_INPUT) != 0);
            assertEquals(0, r.jumps().get(0, 0), "a NaN is not a jump");
        }
    }

    @Test
    void aPixelOfNanReadsHasNoRate() throws DrpException {
        RampResult r = fit(pixel(Float.NaN, Float.NaN, Float.NaN, Float.NaN), null, JumpParams.DEFAULTS,
                FitParams.Estimator.GLS);
        assertEquals(0, r.ivar().get(0, 0));
        assertEquals(0, r.rate().get(0, 0));
        assertEquals(1, r.stats().nonFinite());
    }

    @Test
    void dcsUsesTheEndReadsWithTheCorrectedVariance() throws DrpException {
        Ramp r = pixel(1000, 1100, 1300);
        ReadPlan plan = ReadSelection.plan(3, ReadSelection.Params.UPSTREAM);
        RampResult res = RampFit.fit(r, plan, null, JumpParams.DEFAULTS, FitParams.defaults(NOISE), null);
        assertEquals(ReadPlan.Method.DCS, plan.method());
        assertEquals(200, res.rate().get(0, 0), 1e-4);
        // counts/gain, not gain/counts (upstream quirk 1)
        assertEquals(1 / (2 * 9.0 + 200 / 2.0), res.ivar().get(0, 0), 1e-8);
    }
}
