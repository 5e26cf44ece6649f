package org.drpkit.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.drpkit.algorithms.resample.LogGrid;
import org.drpkit.algorithms.resample.Resample;
import org.drpkit.algorithms.resample.ResampleMethod;
import org.drpkit.algorithms.resample.ResampleParams;
import org.drpkit.algorithms.resample.ResampledSpectra;
import org.drpkit.algorithms.sim.WavelengthModel;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.flag.PixelFlag;
import org.drpkit.core.image.Spectra;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Resampling of one APOGEE exposure: 300 fibres x 3 chips x 2048 px (the simulator's wavelength solutions per fibre,
 * random flux and ivar, 1% of pixels flagged bad) onto the 8700-pixel APOGEE grid, chips combined; the target
 * is under 0.2 s per exposure on 2 cores.
 *
 * <ul>
 *   <li>{@code lanczos}: {@link ResampleMethod#LANCZOS4}, on {@code workers} threads;
 *   <li>{@code fluxConserving}: {@link ResampleMethod#FLUX_CONSERVING}, on {@code workers} threads.
 * </ul>
 * Input 300 x 3 x 2048 x (4 + 4 + 4 + 8) bytes = 36.9 MB read; output 300 x 8700 x 12 bytes = 31.3 MB written.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class ResampleBenchmark {

    private static final int FIBRES = 300;
    private static final int PIXELS = 2048;

    /** Worker threads. */
    @Param({"1", "2"})
    public int workers;

    List<Spectra> chips;
    LogGrid grid;

    /** Builds the exposure once. */
    @Setup(Level.Trial)
    public void setup() {
        grid = LogGrid.apogee();
        chips = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(1);
        for (String chip : new String[] {"a", "b", "c"}) {
            WavelengthModel m = WavelengthModel.apogee(chip, 0);
            int n = FIBRES * PIXELS;
            float[] flux = new float[n];
            float[] ivar = new float[n];
            int[] mask = new int[n];
            double[] lambda = new double[n];
            for (int f = 0; f < FIBRES; f++) {
                for (int x = 0; x < PIXELS; x++) {
                    int k = f * PIXELS + x;
                    lambda[k] = m.wavelength(f + 1, x);
                    flux[k] = (float) (100 + 10 * r.nextGaussian());
                    ivar[k] = (float) (0.5 + r.nextDouble());
                    mask[k] = r.nextDouble() < 0.01 ? PixelFlag.HOT_PIXEL.value() : 0;
                }
            }
            chips.add(Spectra.of(FIBRES, PIXELS, flux, ivar, mask, lambda));
        }
    }

    /** @return one exposure resampled with Lanczos-4 */
    @Benchmark
    public ResampledSpectra lanczos() throws DrpException {
        return Resample.exposure(chips, grid, ResampleParams.defaults(), workers);
    }

    /** @return one exposure rebinned, flux conserved */
    @Benchmark
    public ResampledSpectra fluxConserving() throws DrpException {
        return Resample.exposure(chips, grid, ResampleParams.defaults().withMethod(ResampleMethod.FLUX_CONSERVING),
                workers);
    }
}
