package org.drpkit.cli.demo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.drpkit.algorithms.calib.DarkCalibration;
import org.drpkit.algorithms.calib.DarkParams;
import org.drpkit.algorithms.calib.DarkStack;
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
 * The full-size night's dark stack, rebuilt exactly as {@link DemoNight} builds it for chip R (seed 1), against the
 * simulator's truth (a dark current of {@code DetectorModel#darkCurrent()} in every pixel that is not hot).
 *
 * <p>Each ramp carries an offset per amplifier: the reference rows' zeropoint of every read is uncertain by about 0.2
 * DN, which a fit of N reads turns into a slope error of {@code 0.2 sqrt(12 / (N (N^2 - 1)))} DN/read, the same for
 * every pixel of the amplifier and absent from the per-pixel variance (measured: 0.0085 DN/read rms for a 20-read
 * dark, 0.0022 for 47 reads). The dark stack hands its offsets to every science exposure, and optimal extraction turns
 * an additive offset into a flux bias: on the full-size demo's R chip the dark stack's offsets of -0.0026 to -0.0057
 * DN/read (four darks of 20 reads) shifted the extracted-flux pulls by +0.029 of the +0.048 (about +0.007 per 0.001
 * DN/read). The issue bounds the mean pull at 0.02, so no amplifier's offset may exceed 0.0028 DN/read.
 */
class DemoDarkDepthTest {

    @Test
    void fullSizeDarkStackCarriesNoAmplifierOffsetThatWouldBiasTheExtractedFluxes() throws DrpException {
        NightPlan plan = NightPlan.of(NightPlan.Size.FULL);
        ApogeeChip c = ApogeeChip.R;
        Chip chip = plan.chip(c);
        DetectorModel detector = DemoNight.detector(1, c);
        List<MaskedImage> rates = new ArrayList<>();
        Mask hot = null;
        for (Planned e : plan.of(Kind.DARK)) {
            SimulatedRamp sim = DetectorSimulator.simulate(chip, detector,
                    Exposure.dark(e.reads(), NightPlan.READ_TIME, DemoNight.exposureSeed(1, c, e.number())));
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
            offsets.append(String.format(" %+.5f", offset));
        }
        System.out.printf("full-size dark stack (%d darks of %d reads), per-amplifier offset against the truth, "
                + "DN/read:%s%n", rates.size(), plan.of(Kind.DARK).get(0).reads(), offsets);
        assertTrue(worst < 0.0028, "per-amplifier dark offsets" + offsets + " DN/read");
    }
}
