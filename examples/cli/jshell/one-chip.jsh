// The demo's chain for one chip, step by step, in memory: simulate -> 3D to 2D -> dark and flat -> calibrate.
// Build once, then run from the project root:
//   mvn -q -DskipTests package -pl examples/cli -am
//   jshell --class-path examples/cli/target/drpkit.jar examples/cli/jshell/one-chip.jsh
// Every line also works typed at the jshell> prompt; `/vars` lists what exists so far.

import java.util.*;
import org.drpkit.core.image.*;
import org.drpkit.core.instrument.*;
import org.drpkit.algorithms.sim.*;
import org.drpkit.algorithms.ramp.*;
import org.drpkit.algorithms.calib.*;
import org.drpkit.cli.demo.*;

// A small H2RG: 256x256 science pixels with a 4-pixel reference border, a 64-column reference output, 4 amplifiers.
Chip chip = H2rgLayout.chip("R", 256, 64, 4, 4, H2rgLayout.H2RG_PIXEL_MICRONS);
DetectorModel detector = DetectorModel.apogeeLike().toBuilder().seed(7).build();
Scene scene = Scene.of(chip, 7);   // pixel response, flat lamp, fibre traces with sky lines (the demo's light)
double readTime = 10.6;            // seconds per read

// 1. Simulate: 4 darks, 3 lamp flats, 1 science exposure. Each SimulatedRamp carries its truth.
List<SimulatedRamp> darks = new ArrayList<>();
for (int i = 0; i < 4; i++) darks.add(DetectorSimulator.simulate(chip, detector, Exposure.dark(16, readTime, 100 + i)));
List<SimulatedRamp> flats = new ArrayList<>();
for (int i = 0; i < 3; i++) flats.add(DetectorSimulator.simulate(chip, detector, Exposure.of(10, readTime, scene.flatLamp(), 200 + i)));
SimulatedRamp science = DetectorSimulator.simulate(chip, detector, Exposure.of(24, readTime, scene.object(), 300));
System.out.println(science.truth());

// 2. 3D -> 2D with the lab calibrations a real pipeline is given (saturation and nonlinearity maps).
// (jshell ends a statement at the end of a complete line, so a chain of calls breaks after its dots)
NoiseModel noise = NoiseModel.of(detector.gain(), detector.readVariance());
Nonlinearity.Params linearity = new Nonlinearity.Params(
        Nonlinearity.Coefficients.perPixel(science.truth().linearityCoefficients(3)), 1, Optional.empty());
RampProcessor.Params params = RampProcessor.Params.defaults(noise).
        withSaturationMap(science.truth().saturation()).withNonlinearity(linearity);
MaskedImage fit(SimulatedRamp s) throws Exception { return RampProcessor.process(s.ramp(), chip, params).ramp().toMaskedImage(); }
List<MaskedImage> darkRates = new ArrayList<>();
for (SimulatedRamp s : darks) darkRates.add(fit(s));
List<MaskedImage> flatRates = new ArrayList<>();
for (SimulatedRamp s : flats) flatRates.add(fit(s));
MaskedImage rate = fit(science);
System.out.println(rate);

// 3. The dark-rate stack with its bad-pixel mask, then the pixel flat separated from the lamp's illumination.
DarkCalibration dark = DarkStack.build(darkRates, chip, DarkParams.defaults());
// a 256-pixel chip has 64 blocks of 32 pixels: too few for the default degree-8 surface, so 16-pixel blocks
FlatField flat = FlatStack.build(FrameSource.of(flatRates), chip, dark.dark(), FlatParams.defaults().withModel(8, 16));
System.out.println(dark);
System.out.println(flat);

// 4. Calibrate the science rate, then compare rate and calibrated flux with the truth: pulls near N(0, 1).
CalibratedImage cal = Calibrate.apply(rate, chip, dark, flat);
System.out.println(Pulls.of("rate vs truth", rate, science.truth().rate(), chip.lightSensitive(), CalibFlag.BAD_BITS));
System.out.println(Pulls.of("calibrated vs truth", cal.image(), scene.source(), chip.lightSensitive(), CalibFlag.BAD_BITS));
/exit
