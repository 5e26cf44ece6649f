package org.drpkit.benchmarks;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.drpkit.algorithms.ramp.FitParams;
import org.drpkit.algorithms.ramp.NoiseModel;
import org.drpkit.algorithms.ramp.Nonlinearity;
import org.drpkit.algorithms.ramp.RampProcessor;
import org.drpkit.algorithms.sim.DetectorModel;
import org.drpkit.algorithms.sim.DetectorSimulator;
import org.drpkit.algorithms.sim.Exposure;
import org.drpkit.algorithms.sim.SimulatedRamp;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.Ramp;
import org.drpkit.core.instrument.Chip;
import org.drpkit.core.instrument.H2rgLayout;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The 3D to 2D chain on one APOGEE chip (2560 x 2048 x 47 reads) from an in-memory {@link Ramp}: saturation,
 * zeropoint (pass 1 plus subtraction), nonlinearity (per-pixel cubic), differences, row-noise correction, jumps and
 * the slope fit. One operation is one read sample, so the score is read samples per second (246,415,360 per chip).
 * The input is simulated once per fork (APOGEE-like detector: drifts, 1/f, cosmic rays, hot pixels, saturation;
 * a third of the pixels lit at 1-1000 DN/read, the rest dark).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar "RampChain|MemoryBandwidth" -f 1 -wi 2 -i 3 -t 1
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class RampChainBenchmark {

    /** Read samples of one APOGEE chip: 2560 x 2048 x 47. */
    static final int SAMPLES = 2560 * 2048 * 47;

    @Param({"GLS", "OLS_FIXSEN"})
    public String estimator;

    /** Worker threads of the processor (the JMH thread count stays 1). */
    @Param({"2"})
    public int threads;

    Chip chip;
    Ramp ramp;
    RampProcessor.Params params;

    /** Simulates the chip and builds the parameters. */
    @Setup
    public void setup() {
        chip = H2rgLayout.apogee("R");
        float[] rate = new float[chip.width() * chip.height()];
        for (int y = 0; y < chip.height(); y++) {
            boolean lit = y % 7 < 2; // fibre traces: two rows in seven
            for (int x = 0; x < chip.width(); x++) {
                rate[y * chip.width() + x] = lit ? (float) Math.pow(10, 3.0 * x / chip.width()) : 0f;
            }
        }
        DetectorModel model = DetectorModel.apogeeLike();
        SimulatedRamp s = DetectorSimulator.simulate(chip, model,
                Exposure.of(47, 10.6, Image.of(chip.width(), chip.height(), rate), 1));
        ramp = s.ramp();
        double oneOverF = model.oneOverFRms();
        NoiseModel noise = NoiseModel.of(model.gain(), model.readVariance() + oneOverF * oneOverF);
        Image[] nl = s.truth().linearityCoefficients(3);
        params = RampProcessor.Params.defaults(noise).withSaturationMap(s.truth().saturation())
                .withNonlinearity(new Nonlinearity.Params(Nonlinearity.Coefficients.perPixel(nl), 1, Optional.empty()))
                .withFit(FitParams.defaults(noise).withEstimator(FitParams.Estimator.valueOf(estimator)))
                .withBlocks(8, threads);
    }

    /** @return the result (consumed by JMH) */
    @Benchmark
    @OperationsPerInvocation(SAMPLES)
    public RampProcessor.Result chain() throws DrpException {
        return RampProcessor.process(ramp, chip, params);
    }
}
