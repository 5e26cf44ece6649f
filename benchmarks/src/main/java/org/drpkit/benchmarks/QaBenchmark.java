package org.drpkit.benchmarks;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.drpkit.algorithms.qa.HistogramEqualizer;
import org.drpkit.algorithms.qa.ImageStatistics;
import org.drpkit.algorithms.qa.Preview;
import org.drpkit.core.image.Image;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The ingest's data-quality kernels on a 2048 x 2048 frame (4 Mpx, 16.8 MB of floats: a Gaussian sky with 0.1 %
 * hot pixels): {@code statistics} (IMAGEMN/MD/SD, NPIXSAT, NLINEAR: one pass, one copy of the finite pixels, a
 * quickselect median) and {@code preview} (histogram equalisation to 8 bits: four passes). GB/s = 16.8 MB / (ms per
 * op) / 1000; run with {@code MemoryBandwidth.read} to report ratios.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class QaBenchmark {

    Image frame;

    /** A 2048 x 2048 Gaussian frame, mean 1000, sigma 30, with hot pixels at 30000. */
    @Setup
    public void setup() {
        Random r = new Random(1);
        float[] px = new float[2048 * 2048];
        for (int i = 0; i < px.length; i++) {
            px[i] = (float) (1000 + 30 * r.nextGaussian() + (r.nextDouble() < 0.001 ? 29000 : 0));
        }
        frame = Image.of(2048, 2048, px);
    }

    /** @return the archive's statistics of the frame */
    @Benchmark
    public ImageStatistics.Result statistics() {
        return ImageStatistics.of(frame, new ImageStatistics.Params(18000, 5000));
    }

    /** @return the equalised 8-bit preview of the frame */
    @Benchmark
    public Preview preview() {
        return HistogramEqualizer.render(frame, HistogramEqualizer.Params.DEFAULTS);
    }
}
