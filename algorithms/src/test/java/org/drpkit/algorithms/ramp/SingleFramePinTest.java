package org.drpkit.algorithms.ramp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.zip.CRC32;
import org.drpkit.algorithms.sim.DetectorModel;
import org.drpkit.algorithms.sim.DetectorSimulator;
import org.drpkit.algorithms.sim.Exposure;
import org.drpkit.algorithms.sim.SimulatedRamp;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.instrument.Chip;
import org.drpkit.core.instrument.H2rgLayout;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pins the results of single-frame reads (APOGEE: every group one frame, no gap) bit for bit: a CRC-32 of every
 * output array for each estimator and covariance rate, with every correction on (zeropoint, row noise, saturation,
 * jumps), recorded from the code before read patterns existed (commit e3f393e) and re-recorded once, deliberately,
 * when the reference border's levels became clipped means ({@code ZeropointPrecisionTest}). A change of any bit of
 * any rate, ivar, chi2, flag, jump count or usable-difference count fails here; rounding changes must be deliberate.
 */
class SingleFramePinTest {

    static final Chip CHIP = H2rgLayout.chip("T", 128, 32, 4, 4, 18);
    static SimulatedRamp sim;

    @BeforeAll
    static void simulate() {
        DetectorModel m = DetectorModel.apogeeLike().toBuilder().cosmicRayRate(2e-3).build();
        sim = DetectorSimulator.simulate(CHIP, m,
                Exposure.of(20, 10.6, RampProcessorTest.gradient(CHIP, 0.2, 3000), 41));
    }

    static long crc(RampResult r) {
        CRC32 c = new CRC32();
        for (float[] a : new float[][] {r.rate().array(), r.ivar().array(), r.chi2().array()}) {
            for (float v : a) {
                int b = Float.floatToRawIntBits(v);
                c.update(b);
                c.update(b >>> 8);
                c.update(b >>> 16);
                c.update(b >>> 24);
            }
        }
        for (int[] a : new int[][] {r.flags().array(), r.jumps().array(), r.lastDiff().array()}) {
            for (int v : a) {
                c.update(v);
                c.update(v >>> 8);
            }
        }
        return c.getValue();
    }

    static long run(FitParams.Estimator est, FitParams.CovarianceRate cov) throws DrpException {
        NoiseModel noise = NoiseModel.of(1.9, 25);
        RampProcessor.Params p = RampProcessor.Params.defaults(noise).withSaturationMap(sim.truth().saturation())
                .withFit(FitParams.defaults(noise).withEstimator(est).withCovarianceRate(cov)).withBlocks(8, 2);
        return crc(RampProcessor.process(sim.ramp(), CHIP, p).ramp());
    }

    @Test
    void glsNeighbourResultsOfSingleFrameReadsAreUnchangedBitForBit() throws DrpException {
        assertEquals(253485671L, run(FitParams.Estimator.GLS, FitParams.CovarianceRate.NEIGHBOURS));
    }

    @Test
    void glsSelfResultsOfSingleFrameReadsAreUnchangedBitForBit() throws DrpException {
        assertEquals(1680386642L, run(FitParams.Estimator.GLS, FitParams.CovarianceRate.SELF));
    }

    /** Saturation, jumps and the masked paths included: every pixel with data, both estimators and covariances. */
    @Test
    void poissonAndReadNoisePartsSumToTheTotalVarianceInEveryPixel() throws DrpException {
        NoiseModel noise = NoiseModel.of(1.9, 25);
        for (FitParams.Estimator est : FitParams.Estimator.values()) {
            for (FitParams.CovarianceRate cov : FitParams.CovarianceRate.values()) {
                RampProcessor.Params p = RampProcessor.Params.defaults(noise)
                        .withSaturationMap(sim.truth().saturation())
                        .withFit(FitParams.defaults(noise).withEstimator(est).withCovarianceRate(cov));
                RampResult r = RampProcessor.process(sim.ramp(), CHIP, p).ramp();
                assertTrue(r.stats().jumpPixels() > 0 && r.stats().partialSaturation() > 0, r.toString());
                float[] ivar = r.ivar().array();
                float[] vp = r.varPoisson().array();
                float[] vr = r.varRead().array();
                for (int i = 0; i < ivar.length; i++) {
                    if (ivar[i] == 0) {
                        assertEquals(0, vp[i] + vr[i], est + " " + cov + " pixel " + i + " without data");
                        continue;
                    }
                    double total = 1 / (double) ivar[i];
                    assertEquals(total, (double) vp[i] + vr[i], 1e-6 * total, est + " " + cov + " pixel " + i);
                    assertTrue(vr[i] > 0, "read part positive");
                }
            }
        }
    }

    @Test
    void fixsenResultsOfSingleFrameReadsAreUnchangedBitForBit() throws DrpException {
        assertEquals(717567085L, run(FitParams.Estimator.OLS_FIXSEN, FitParams.CovarianceRate.NEIGHBOURS));
        assertEquals(766806024L, run(FitParams.Estimator.OLS_FIXSEN, FitParams.CovarianceRate.SELF));
    }
}
