package org.drpkit.spark;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.drpkit.algorithms.ramp.NoiseModel;
import org.drpkit.algorithms.ramp.Nonlinearity;
import org.drpkit.algorithms.ramp.RampProcessor;
import org.drpkit.algorithms.sim.DetectorModel;
import org.drpkit.algorithms.sim.DetectorSimulator;
import org.drpkit.algorithms.sim.Exposure;
import org.drpkit.algorithms.sim.SimTruth;
import org.drpkit.algorithms.sim.SpectrographModel;
import org.drpkit.algorithms.trace.NominalTraces;
import org.drpkit.core.instrument.Chip;
import org.drpkit.core.instrument.H2rgLayout;
import org.drpkit.instruments.apogee.ApogeeChip;

/**
 * The lab calibrations of the demo night's simulated detector, rebuilt on each executor from the demo's seed: the same
 * detector model as {@code drpkit demo} (seed {@code 10 x seed + chip}, aged on later nights), its gain and read noise,
 * and its static saturation and nonlinearity maps taken from the simulator's truth (as the demo does; a real survey
 * reads them from its lab calibration files instead). Each executor JVM builds a chip's maps once.
 *
 * <pre>{@code
 * LabCalibration lab = SimulatedLab.demo(1, 512, 0);   // drpkit demo --size small --seed 1, first night
 * }</pre>
 *
 * @param seed    the demo's {@code --seed}
 * @param science science pixels per side: 512 for the small demo, 2048 for the full APOGEE geometry
 * @param night   the demo's night (0 for the first)
 */
public record SimulatedLab(long seed, int science, int night) implements LabCalibration {

    private static final long serialVersionUID = 1L;
    /** Per-night aging of the demo's detector (NightPlan's steps): dark current, DN/read, and hot fraction. */
    private static final double DARK_CURRENT_STEP = 0.03;
    private static final double HOT_FRACTION_STEP = 2e-4;
    private static final Map<String, RampProcessor.Params> CACHE = new ConcurrentHashMap<>();

    /** Checks the values. */
    public SimulatedLab {
        if (science < 16 || science > 4096 || night < 0) {
            throw new IllegalArgumentException("science pixels 16..4096 and night >= 0: " + science + ", " + night);
        }
    }

    /** @return the demo's lab calibrations */
    public static SimulatedLab demo(long seed, int science, int night) {
        return new SimulatedLab(seed, science, night);
    }

    @Override
    public Chip chip(String chip) {
        return science == H2rgLayout.APOGEE_SIZE ? H2rgLayout.apogee(chip)
                : H2rgLayout.chip(chip, science, science / 4, 4, 4, H2rgLayout.H2RG_PIXEL_MICRONS);
    }

    /** @return the simulated detector of a chip, as the demo builds it */
    public DetectorModel detector(String chip) {
        DetectorModel base = DetectorModel.apogeeLike();
        DetectorModel.Builder b = base.toBuilder().seed(seed * 10 + ApogeeChip.valueOf(chip).ordinal());
        if (night > 0) {
            b.darkCurrent(base.darkCurrent() + night * DARK_CURRENT_STEP).hotPixels(base.hotPixelFraction()
                    + night * HOT_FRACTION_STEP, base.hotPixelMin(), base.hotPixelMax());
        }
        return b.build();
    }

    /**
     * @return the demo's spectrograph on a chip ({@code Scene}'s model: {@link SpectrographModel#apogee} with the
     *         detector's seed): its fibres, traces and throughputs
     */
    public SpectrographModel spectrograph(String chip) {
        return SpectrographModel.apogee(chip(chip), seed * 10 + ApogeeChip.valueOf(chip).ordinal());
    }

    /** @return the demo's nominal slit: its spectrograph's fibres on the chip at their reference centres */
    @Override
    public NominalTraces nominalTraces(String chip) {
        return spectrograph(chip).nominal();
    }

    @Override
    public RampProcessor.Params rampParams(String chip) {
        return CACHE.computeIfAbsent(this + "/" + chip, k -> {
            DetectorModel detector = detector(chip);
            // the static maps do not depend on the exposure: a two-read dark shows them
            SimTruth truth = DetectorSimulator.simulate(chip(chip), detector, Exposure.dark(2, 10.6, 0)).truth();
            NoiseModel noise = NoiseModel.of(detector.gain(), detector.readVariance());
            return RampProcessor.Params.defaults(noise).withSaturationMap(truth.saturation())
                    .withNonlinearity(new Nonlinearity.Params(Nonlinearity.Coefficients.perPixel(
                            truth.linearityCoefficients(3)), 1, Optional.empty()));
        });
    }
}
