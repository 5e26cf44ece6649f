package org.drpkit.cli.demo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.drpkit.algorithms.calib.DarkCalibration;
import org.drpkit.algorithms.calib.DarkParams;
import org.drpkit.algorithms.calib.DarkStack;
import org.drpkit.algorithms.calib.FlatParams;
import org.drpkit.algorithms.calib.FlatStack;
import org.drpkit.algorithms.calib.FrameSource;
import org.drpkit.algorithms.ramp.RampProcessor;
import org.drpkit.algorithms.sim.DetectorModel;
import org.drpkit.algorithms.sim.DetectorSimulator;
import org.drpkit.algorithms.sim.Exposure;
import org.drpkit.algorithms.sim.SimulatedRamp;
import org.drpkit.cli.demo.NightPlan.Kind;
import org.drpkit.cli.demo.NightPlan.Planned;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.image.Mask;
import org.drpkit.core.image.MaskedImage;
import org.drpkit.core.instrument.Chip;
import org.drpkit.core.instrument.Region;
import org.drpkit.instruments.apogee.ApogeeChip;
import org.junit.jupiter.api.Test;

/**
 * The demo night's calibrations, rebuilt exactly as {@link DemoNight} builds them for chip R (seed 1), against the
 * simulator's truth: deep enough that they do not bias the extracted fluxes beyond the 0.02 in mean pull.
 *
 * <p>The dark (full size), against a dark current of {@code DetectorModel#darkCurrent()} in every pixel that is not
 * hot. Each ramp carries an offset per amplifier: the reference rows' zeropoint of every read is uncertain by about 0.2
 * DN, which a fit of N reads turns into a slope error of {@code 0.2 sqrt(12 / (N (N^2 - 1)))} DN/read, the same for
 * every pixel of the amplifier and absent from the per-pixel variance (measured: 0.0085 DN/read rms for a 20-read
 * dark, 0.0022 for 47 reads). The dark stack hands its offsets to every science exposure, and optimal extraction turns
 * an additive offset into a flux bias: on the full-size demo's R chip the dark stack's offsets of -0.0026 to -0.0057
 * DN/read (four darks of 20 reads) shifted the extracted-flux pulls by about +0.028 of the +0.048 (+0.007 per 0.001
 * DN/read). So the offsets' mean over the amplifiers (the chip's mean pull) must stay below 0.0028 DN/read and each
 * amplifier's below twice that. Measured: -0.0040 mean, 0.0058 worst with 20-read darks; -0.0009, 0.0020 with 47.
 *
 * <p>The flat, against the true pixel response: a calibrated flux is divided by the flat, and the mean of {@code 1 /
 * (1 + e)} over a flat error e of rms s is {@code 1 + s^2}, so every calibrated flux is high by the flat's relative
 * variance. With the lamp at 40 DN/read (three flats of 10 reads: s = 2.9 %) that was +0.06 % on the full-size R chip
 * (+0.04 % here, with the flat's normalisation), which moved the full-size extracted-flux pulls by about +0.02 (the
 * bright fibres' signal-to-noise is 100 to 300).
 */
class DemoCalibrationDepthTest {

    @Test
    void fullSizeDarkStackCarriesNoAmplifierOffsetThatWouldBiasTheExtractedFluxes() throws DrpException {
        NightPlan plan = NightPlan.of(NightPlan.Size.FULL);
        ApogeeChip c = ApogeeChip.R;
        Chip chip = plan.chip(c);
        DetectorModel detector = DemoNight.detector(1, c);
        List<MaskedImage> rates = new ArrayList<>();
        Mask hot = null;
        for (Planned e : plan.of(Kind.DARK)) {
            if (e.number() == 1) {
                continue; // the night's first dark: the dark runlist leaves it out of the stack
            }
            SimulatedRamp sim = DetectorSimulator.simulate(chip, detector,
                    Exposure.dark(e.reads(), NightPlan.READ_TIME, DemoNight.exposureSeed(1, 0, c, e.number())));
            RampProcessor.Params p = DemoNight.rampParams(detector, sim.truth().saturation(),
                    sim.truth().linearityCoefficients(3));
            rates.add(RampProcessor.process(sim.ramp(), chip, p).ramp().toMaskedImage());
            hot = sim.truth().hotPixels();   // a static map of the detector: the same in every exposure
        }
        DarkCalibration dark = DarkStack.build(rates, chip, DarkParams.defaults());
        Region a = chip.lightSensitive();
        int amplifiers = 4;
        int width = a.width() / amplifiers;
        double worst = 0;
        double mean = 0;
        StringBuilder offsets = new StringBuilder();
        for (int k = 0; k < amplifiers; k++) {
            double sum = 0;
            long n = 0;
            for (int y = a.y0(); y < a.y1(); y++) {
                for (int x = a.x0() + k * width; x < a.x0() + (k + 1) * width; x++) {
                    double d = dark.dark().flux().get(x, y) - detector.darkCurrent();
                    // hot pixels and cosmic-ray outliers left out (the rate's noise is 0.05..0.1 DN/read)
                    if (hot.get(x, y) == 0 && dark.dark().ivar().get(x, y) > 0 && Math.abs(d) < 0.5) {
                        sum += d;
                        n++;
                    }
                }
            }
            double offset = sum / n;
            worst = Math.max(worst, Math.abs(offset));
            mean += offset;
            offsets.append(String.format(" %+.5f", offset));
        }
        System.out.printf("full-size dark stack (%d darks of %d reads), per-amplifier offset against the truth, "
                + "DN/read:%s%n", rates.size(), plan.of(Kind.DARK).get(0).reads(), offsets);
        assertTrue(Math.abs(mean / amplifiers) < 0.0028 && worst < 0.0056, "per-amplifier dark offsets" + offsets
                + " DN/read");
    }

    @Test
    void flatStackIsDeepEnoughThatDividingByItBiasesNoFlux() throws DrpException {
        // the flat's depth does not depend on the chip's size: the small night's chip R, its darks and flats
        NightPlan plan = NightPlan.of(NightPlan.Size.SMALL);
        ApogeeChip c = ApogeeChip.R;
        Chip chip = plan.chip(c);
        DetectorModel detector = DemoNight.detector(1, c);
        Scene scene = Scene.of(chip, 10);
        List<MaskedImage> darks = new ArrayList<>();
        List<MaskedImage> flats = new ArrayList<>();
        for (Planned e : plan.exposures()) {
            if (e.number() == 1) {
                continue; // the night's first dark: the dark runlist leaves it out of the stack
            }
            Exposure ex = switch (e.kind()) {
                case DARK, FLAT_LAMP_OFF -> Exposure.dark(e.reads(), NightPlan.READ_TIME,
                        DemoNight.exposureSeed(1, 0, c, e.number()));
                case FLAT -> Exposure.of(e.reads(), NightPlan.READ_TIME, scene.flatLamp(),
                        DemoNight.exposureSeed(1, 0, c, e.number()));
                default -> null;
            };
            if (ex == null) {
                continue;
            }
            SimulatedRamp sim = DetectorSimulator.simulate(chip, detector, ex);
            MaskedImage rate = RampProcessor.process(sim.ramp(), chip, DemoNight.rampParams(detector,
                    sim.truth().saturation(), sim.truth().linearityCoefficients(3))).ramp().toMaskedImage();
            (e.kind() == Kind.DARK ? darks : flats).add(rate);
        }
        DarkCalibration dark = DarkStack.build(darks, chip, DarkParams.defaults());
        MaskedImage flat = FlatStack.build(FrameSource.of(flats), chip, dark.dark(), FlatParams.defaults()).flat();
        Region a = chip.lightSensitive();
        double sum = 0;
        double sum2 = 0;
        long n = 0;
        for (int y = a.y0(); y < a.y1(); y++) {
            for (int x = a.x0(); x < a.x1(); x++) {
                double truth = scene.response().get(x, y);
                double f = flat.flux().get(x, y);
                if (truth > 0.5 && f > 0.5) {   // the dead pixels (response 0.1) are flagged, not calibrated
                    double r = truth / f;
                    sum += r;
                    sum2 += r * r;
                    n++;
                }
            }
        }
        double bias = sum / n - 1;
        double rms = Math.sqrt(sum2 / n - (sum / n) * (sum / n));
        System.out.printf("flat stack (lamp %.0f DN/read): true / estimated response mean %+.5f, rms %.4f over %d px%n",
                Scene.LAMP_LEVEL, bias, rms, n);
        // a scale error of 1e-4 moves the pulls of a fibre at signal-to-noise 200 by 0.02; the mean's own noise is
        // rms / sqrt(n). Measured: +0.00040 (rms 2.9 %) with the lamp at 40 DN/read, -0.00012 (0.8 %) at 400
        assertTrue(Math.abs(bias) < 1e-4 + 4 * rms / Math.sqrt(n), "calibrated fluxes off by " + bias
                + " (flat error rms " + rms + ")");
    }
}
