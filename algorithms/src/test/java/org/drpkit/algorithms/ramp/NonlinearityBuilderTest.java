package org.drpkit.algorithms.ramp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.drpkit.algorithms.sim.DetectorModel;
import org.drpkit.algorithms.sim.DetectorSimulator;
import org.drpkit.algorithms.sim.Exposure;
import org.drpkit.algorithms.sim.SimulatedRamp;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.Ramp;
import org.drpkit.core.instrument.Chip;
import org.junit.jupiter.api.Test;

/**
 * The nonlinearity builder against simulator truth: a detector with the quadratic response
 * {@code m = s + c2 s^2} ({@code c2 = -1.5e-6}/DN, 5% per-pixel scatter: 6.8% low at 45,000 DN), full well
 * 50,000 DN above a 1000 DN bias, 5 DN read noise, cosmic rays; lamp flats of 47 reads at 1000 DN/read, fitted up
 * to 90% of the saturation level. A flat measures each pixel's curvature to about 9% (photon-limited, see
 * {@link NonlinearityBuilder}), so the per-pixel residual falls as one over the square root of the flats: 100 flats
 * put 90% of the pixels below 0.1%; the mean curve is that good from 8.
 */
class NonlinearityBuilderTest {

    static final Chip CHIP = Chip.simple("N", -1, 64, 64, 18);
    static final double FULL_WELL = 50_000;

    static DetectorModel detector() {
        return DetectorModel.ideal(1.9, 5).toBuilder().nonlinearity(-1.5e-6, 0.05).saturation(1000 + FULL_WELL, 0)
                .cosmicRayRate(1e-4).build();
    }

    static List<Ramp> flats(int count, SimulatedRamp[] truth) {
        List<Ramp> out = new ArrayList<>();
        Image rate = Image.of(64, 64, filled(64 * 64, 1000f));
        for (int i = 0; i < count; i++) {
            SimulatedRamp s = DetectorSimulator.simulate(CHIP, detector(), Exposure.of(47, 10.6, rate, 500 + i));
            truth[0] = s;
            out.add(s.ramp());
        }
        return out;
    }

    static float[] filled(int n, float v) {
        float[] a = new float[n];
        Arrays.fill(a, v);
        return a;
    }

    /** The corrected signal's worst relative error over true signals up to 90% of full well, for one pixel. */
    static double worstResidual(double c2, float[] a) {
        double worst = 0;
        for (int j = 1; j <= 200; j++) {
            double m = 0.9 * FULL_WELL * j / 200;
            double s = (-1 + Math.sqrt(1 + 4 * c2 * m)) / (2 * c2); // the true signal behind m
            double corr = m;
            double p = m;
            for (float aj : a) {
                p *= m;
                corr += aj * p;
            }
            worst = Math.max(worst, Math.abs(corr - s) / s);
        }
        return worst;
    }

    @Test
    void builtCorrectionLeavesLessThanATenthOfAPercentUpToNinetyPercentOfFullWell() throws DrpException {
        SimulatedRamp[] truth = new SimulatedRamp[1];
        List<Ramp> flats = flats(100, truth);
        NonlinearityBuilder.Result r = NonlinearityBuilder.build(flats,
                NonlinearityBuilder.Params.DEFAULTS.withSaturationMap(truth[0].truth().saturation()));
        float[] c2 = truth[0].truth().nonlinearity().array();
        float[] b2 = r.b2().array();
        float[] err = r.b2Error().array();
        int px = c2.length;
        assertEquals(px, r.qa().fitted(), r.qa().toString());
        double[] worst = new double[px];
        double pullSum = 0;
        double pullSum2 = 0;
        float[] a = new float[r.corrections().size()];
        for (int i = 0; i < px; i++) {
            for (int j = 0; j < a.length; j++) {
                a[j] = r.corrections().get(j).array()[i];
            }
            worst[i] = worstResidual(c2[i], a);
            double z = (b2[i] - c2[i]) / err[i];
            pullSum += z;
            pullSum2 += z * z;
        }
        double meanPull = pullSum / px;
        double stdPull = Math.sqrt(pullSum2 / px - meanPull * meanPull);
        Arrays.sort(worst);
        String qa = r.qa() + String.format(", worst residual median %.2e, 90th %.2e, max %.2e; b2 pulls %.3f +- %.3f",
                worst[px / 2], worst[(int) (0.9 * px)], worst[px - 1], meanPull, stdPull);
        PullTable.write("nonlinearity-builder.txt", qa + "\n");
        // 4096 pixels (statistical error of a mean pull 0.016): b2 is biased by less than 0.15 of its error (0.1% of
        // b2 itself, 1e-4 of the signal at full well), and the error map is right to 15% (measured: conservative by
        // about 10%)
        assertEquals(0, meanPull, 0.15, qa);
        assertEquals(0.95, stdPull, 0.1, qa);
        // the residual: below 0.1% up to 90% of full well in 90% of the pixels (noise of 100 flats)
        assertTrue(worst[(int) (0.9 * px)] < 1e-3, qa);
        assertTrue(worst[px / 2] < 6e-4, qa);
        // without correction the same range is 6.8% off
        assertTrue(worstResidual(-1.5e-6, new float[0]) > 0.06);
        assertTrue(r.qa().medianMaxLevel() > 0.85 * FULL_WELL, qa);
    }

    @Test
    void theMedianCurveOfTheBuiltCorrectionIsLinearToATenthOfAPerMille() throws DrpException {
        SimulatedRamp[] truth = new SimulatedRamp[1];
        NonlinearityBuilder.Result r = NonlinearityBuilder.build(flats(8, truth),
                NonlinearityBuilder.Params.DEFAULTS.withSaturationMap(truth[0].truth().saturation()));
        // the population: median coefficient against the median truth (the detector's mean curve)
        double medianTruth = org.drpkit.algorithms.stats.RobustStats.median(truth[0].truth().nonlinearity().array().clone());
        double b2 = r.qa().medianB2();
        float[] a = {(float) -b2, (float) (2 * b2 * b2), (float) (-5 * b2 * b2 * b2), (float) (14 * b2 * b2 * b2 * b2)};
        assertTrue(worstResidual(medianTruth, a) < 1e-4, r.qa() + " vs truth median " + medianTruth);
    }

    @Test
    void correctedRampsOfTheChainGiveTheTrueRateOfABrightPixel() throws DrpException {
        SimulatedRamp[] truth = new SimulatedRamp[1];
        NonlinearityBuilder.Result r = NonlinearityBuilder.build(flats(40, truth),
                NonlinearityBuilder.Params.DEFAULTS.withSaturationMap(truth[0].truth().saturation()));
        SimulatedRamp bright = DetectorSimulator.simulate(CHIP, detector(),
                Exposure.of(40, 10.6, Image.of(64, 64, filled(64 * 64, 1100f)), 999));
        NoiseModel noise = NoiseModel.of(1.9, 25);
        RampProcessor.Params p = RampProcessor.Params.defaults(noise).withZeropoint(false).withRowNoise(null)
                .withSaturationMap(bright.truth().saturation());
        RampResult raw = RampProcessor.process(bright.ramp(), CHIP, p).ramp();
        RampResult lin = RampProcessor.process(bright.ramp(), CHIP,
                p.withNonlinearity(new Nonlinearity.Params(r.coefficients(), 1, Optional.empty()))).ramp();
        double rawBias = 0;
        double linBias = 0;
        int n = 0;
        for (int i = 0; i < 64 * 64; i++) {
            if (lin.ivar().array()[i] > 0) {
                rawBias += raw.rate().array()[i] / 1100.0 - 1;
                linBias += lin.rate().array()[i] / 1100.0 - 1;
                n++;
            }
        }
        rawBias /= n;
        linBias /= n;
        assertTrue(rawBias < -0.02, "uncorrected rates are low: " + rawBias);
        assertEquals(0, linBias, 1e-3, "corrected rates, mean relative bias (raw " + rawBias + ")");
    }
}
