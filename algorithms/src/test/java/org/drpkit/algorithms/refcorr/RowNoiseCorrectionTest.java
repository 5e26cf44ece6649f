package org.drpkit.algorithms.refcorr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.drpkit.algorithms.ramp.FitParams;
import org.drpkit.algorithms.ramp.NoiseModel;
import org.drpkit.algorithms.ramp.RampProcessor;
import org.drpkit.algorithms.ramp.RampResult;
import org.drpkit.algorithms.sim.DetectorModel;
import org.drpkit.algorithms.sim.DetectorSimulator;
import org.drpkit.algorithms.sim.Exposure;
import org.drpkit.algorithms.sim.SimulatedRamp;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.Mask;
import org.drpkit.core.image.Ramp;
import org.drpkit.core.instrument.Amplifier;
import org.drpkit.core.instrument.Chip;
import org.drpkit.core.instrument.H2rgLayout;
import org.drpkit.core.instrument.ReadoutDirection;
import org.junit.jupiter.api.Test;

class RowNoiseCorrectionTest {

    /** 512 science columns in 4 amplifiers of 128, a 128-column reference output: 128 ticks per row. */
    static final Chip CHIP = H2rgLayout.chip("N", 512, 128, 4, 4, 18);

    /** A noiseless ramp whose only signal is {@code pattern(read, row, tick)}, added to every output at its tick. */
    static Ramp sharedPattern(Chip chip, int reads) {
        ReadoutClock clock = ReadoutClock.of(chip);
        int w = chip.width();
        int h = chip.height();
        float[][] planes = new float[reads][w * h];
        int ticks = clock.ticksPerRow();
        for (int k = 0; k < reads; k++) {
            for (int y = 0; y < h; y++) {
                double a = Math.sin(0.7 * k + 0.3 * y);
                double b = Math.cos(1.3 * k - 0.2 * y);
                for (int p = 0; p < ticks; p++) {
                    // constant and first harmonic of the row: inside the fitted basis, at full weight
                    double v = 3 * a + 2 * b * Math.cos(2 * Math.PI * p / ticks) + b * Math.sin(2 * Math.PI * p / ticks);
                    for (int o = 0; o < clock.outputs(); o++) {
                        int x = clock.column(o, p);
                        planes[k][y * w + x] = (float) (1000 + v);
                    }
                }
            }
        }
        double[] t = new double[reads];
        for (int k = 0; k < reads; k++) {
            t[k] = k;
        }
        return Ramp.of(w, h, t, planes);
    }

    /** @return rms over pixels of output o of the read differences of {@code r} */
    static double differenceRms(Ramp r, ReadoutClock clock, int o) {
        double sum = 0;
        long n = 0;
        for (int k = 0; k + 1 < r.reads(); k++) {
            float[] a = r.read(k).array();
            float[] b = r.read(k + 1).array();
            for (int y = 0; y < r.height(); y++) {
                for (int x = clock.x0(o); x < clock.x0(o) + clock.width(o); x++) {
                    double d = b[y * r.width() + x] - a[y * r.width() + x];
                    sum += d * d;
                    n++;
                }
            }
        }
        return Math.sqrt(sum / n);
    }

    @Test
    void sharedPatternInsideTheFittedBasisIsRemovedExactly() {
        Chip chip = H2rgLayout.chip("S", 256, 64, 4, 4, 18);  // 64 ticks: cutoff 2/64 gives 2 harmonics
        Ramp r = sharedPattern(chip, 6);
        RowNoiseParams p = RowNoiseParams.DEFAULTS.withCutoff(2.0 / 64);
        RowNoiseCorrection.Result c = RowNoiseCorrection.correct(r, chip, 0, 5, p, 20, 2);
        ReadoutClock clock = ReadoutClock.of(chip);
        for (int o = 0; o < clock.outputs(); o++) {
            assertTrue(differenceRms(r, clock, o) > 1, "the pattern is there before");
            assertEquals(0, differenceRms(c.ramp(), clock, o), 2e-3, "output " + o + " after; " + c.stats());
        }
    }

    @Test
    void amplifiersReadingMinusXMustBeFlippedAgainstTheReferenceOutput() {
        Chip chip = H2rgLayout.chip("S", 256, 64, 4, 4, 18);
        Ramp r = sharedPattern(chip, 6);
        List<Amplifier> allPlus = new ArrayList<>();
        for (Amplifier a : chip.amplifiers()) {
            allPlus.add(new Amplifier(a.name(), a.region(), ReadoutDirection.PLUS_X));
        }
        Chip wrong = new Chip(chip.name(), -1, chip.width(), chip.height(), 18, allPlus, chip.referenceBorder(),
                chip.referenceOutput(), chip.lightSensitive(), chip.detectorSection());
        RowNoiseParams p = RowNoiseParams.referenceOutputOnly().withCutoff(2.0 / 64);
        Ramp bad = RowNoiseCorrection.correct(r, wrong, 0, 5, p, 20, 2).ramp();
        Ramp good = RowNoiseCorrection.correct(r, chip, 0, 5, p, 20, 2).ramp();
        ReadoutClock clock = ReadoutClock.of(chip);
        for (int o : new int[] {1, 3}) {
            double before = differenceRms(r, clock, o);
            assertTrue(differenceRms(bad, clock, o) > 0.3 * before, "unflipped amplifier " + (o + 1) + " keeps noise");
            assertTrue(differenceRms(good, clock, o) < 1e-3 * before, "flipped amplifier " + (o + 1) + " is clean");
        }
        assertTrue(differenceRms(bad, clock, 0) < 1e-3 * differenceRms(r, clock, 0), "amplifier 1 reads +x anyway");
    }

    /** Row-to-row variance of per-(row, amplifier) mean rates, minus its white-noise part, per amplifier. */
    static double rowNoisePower(RampResult r, Chip chip) {
        ReadoutClock clock = ReadoutClock.of(chip);
        float[] rate = r.rate().array();
        int w = chip.width();
        double total = 0;
        for (int a = 0; a < clock.amplifiers(); a++) {
            int x0 = Math.max(clock.x0(a), chip.lightSensitive().x0());
            int x1 = Math.min(clock.x0(a) + clock.width(a), chip.lightSensitive().x1());
            List<Double> means = new ArrayList<>();
            double within = 0;
            for (int y = chip.lightSensitive().y0(); y < chip.lightSensitive().y1(); y++) {
                double s = 0;
                double s2 = 0;
                for (int x = x0; x < x1; x++) {
                    s += rate[y * w + x];
                    s2 += (double) rate[y * w + x] * rate[y * w + x];
                }
                int m = x1 - x0;
                double mean = s / m;
                means.add(mean);
                within += (s2 / m - mean * mean) / (m - 1);
            }
            double mu = means.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double var = means.stream().mapToDouble(v -> (v - mu) * (v - mu)).sum() / (means.size() - 1);
            total += var - within / means.size();
        }
        return total / clock.amplifiers();
    }

    /**
     * The criterion: on simulated darks with the shared 1/f noise of the simulator (3 DN rms per sample), the
     * correlated row-noise power of the rate image after the correction is at most a fifth of that after zeropointing
     * alone. Power is the row-to-row variance of the per-(row, amplifier) mean rate, minus the part the white noise
     * of the pixels explains.
     */
    @Test
    void correlatedRowNoisePowerAfterCorrectionIsAtMostAFifthOfZeropointOnly() throws DrpException {
        DetectorModel m = DetectorModel.apogeeLike().toBuilder().oneOverFRms(3).cosmicRayRate(1e-4).build();
        SimulatedRamp s = DetectorSimulator.simulate(CHIP, m, Exposure.dark(20, 10.6, 31));
        NoiseModel noise = NoiseModel.of(m.gain(), m.readVariance());
        RampProcessor.Params base = RampProcessor.Params.defaults(noise)
                .withFit(FitParams.defaults(noise).withCovarianceRate(FitParams.CovarianceRate.NEIGHBOURS));
        double zeropointOnly = rowNoisePower(RampProcessor.process(s.ramp(), CHIP, base.withRowNoise(null)).ramp(), CHIP);
        RampProcessor.Result ref = RampProcessor.process(s.ramp(), CHIP, base);
        double corrected = rowNoisePower(ref.ramp(), CHIP);
        int[] ls = new int[CHIP.width() * CHIP.height()];
        for (int y = 0; y < CHIP.height(); y++) {
            for (int x = 0; x < CHIP.width(); x++) {
                ls[y * CHIP.width() + x] = CHIP.lightSensitive().contains(x, y) ? 1 : 0;
            }
        }
        Mask dark = Mask.of(CHIP.width(), CHIP.height(), ls);
        RampProcessor.Result bg = RampProcessor.process(s.ramp(), CHIP,
                base.withRowNoise(RowNoiseParams.DEFAULTS.withBackground(dark)));
        double withBackground = rowNoisePower(bg.ramp(), CHIP);
        String report = String.format("row-noise power (DN/read)^2: zeropoint only %.3e, reference output + pixels "
                + "%.3e (ratio %.3f), plus background %.3e (ratio %.3f)%n%s%n%s%n", zeropointOnly, corrected,
                corrected / zeropointOnly, withBackground, withBackground / zeropointOnly, ref, bg);
        org.drpkit.algorithms.ramp.PullTableAccess.write("row-noise.txt", report);
        assertTrue(zeropointOnly > 0, report);
        assertTrue(corrected <= zeropointOnly / 5, report);
        assertTrue(withBackground <= zeropointOnly / 5, report);
    }

    /**
     * Unilluminated pixels with a dark current of their own constrain only the read-to-read variation of the shared
     * noise: their mean rate must not leak into the lit pixels' rates.
     */
    @Test
    void darkCurrentOfBackgroundPixelsDoesNotLeakIntoRates() throws DrpException {
        float[] rate = new float[CHIP.width() * CHIP.height()];
        int[] bgBits = new int[rate.length];
        for (int y = 0; y < CHIP.height(); y++) {
            boolean lit = (y / 8) % 2 == 0;
            for (int x = 0; x < CHIP.width(); x++) {
                rate[y * CHIP.width() + x] = lit ? 50 : 0;
                bgBits[y * CHIP.width() + x] = !lit && CHIP.lightSensitive().contains(x, y) ? 1 : 0;
            }
        }
        DetectorModel m = DetectorModel.apogeeLike().toBuilder().oneOverFRms(2).darkCurrent(3).cosmicRayRate(0).nonlinearity(0, 0)
                .hotPixels(0, 1, 2).build();
        SimulatedRamp s = DetectorSimulator.simulate(CHIP, m,
                Exposure.of(20, 10.6, Image.of(CHIP.width(), CHIP.height(), rate), 32));
        NoiseModel noise = NoiseModel.of(m.gain(), m.readVariance());
        RampProcessor.Params p = RampProcessor.Params.defaults(noise)
                .withRowNoise(RowNoiseParams.DEFAULTS.withBackground(Mask.of(CHIP.width(), CHIP.height(), bgBits)));
        RampResult r = RampProcessor.process(s.ramp(), CHIP, p).ramp();
        double sumErr = 0;
        double sumVar = 0;
        long n = 0;
        float[] truth = s.truth().rate().array();
        for (int i = 0; i < rate.length; i++) {
            if (rate[i] > 0 && truth[i] > 0) {
                sumErr += r.rate().array()[i] - truth[i];
                sumVar += 1 / r.ivar().array()[i];
                n++;
            }
        }
        double meanErr = sumErr / n;
        double sigmaOfMean = Math.sqrt(sumVar) / n;
        // dark current of 3 DN/read in the background rows would shift every lit rate by up to 3 DN/read if it leaked
        assertEquals(0, meanErr, 0.05, "mean rate error of lit pixels, sigma of the mean " + sigmaOfMean);
    }
}
