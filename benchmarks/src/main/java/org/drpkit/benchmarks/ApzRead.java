package org.drpkit.benchmarks;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.drpkit.fits.FitsRamps;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Streams an APOGEE apz ramp (2560x2048, {@code reads} reads, RICE_1) into float rows through
 * {@link FitsRamps.Source#readRows} in 64-row blocks: Rice decoding of every tile plus the exact integer
 * reconstruction {@code cube[k] = cube[k-1] + A + resid_k}. Mpix/s = 2560 * 2048 * reads / (ms per op) / 1000.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
public class ApzRead {

    /** Number of reads. */
    @Param({"47"})
    public int reads;

    private Path dir;
    private FitsRamps.Source src;
    private float[][] dest;

    /** Encodes a synthetic ramp into a temporary apz file. */
    @Setup(Level.Trial)
    public void setup() throws Exception {
        dir = BenchFiles.tempDir();
        src = FitsRamps.open(BenchFiles.apz(dir, 2560, 2048, reads));
        dest = new float[src.reads()][64 * src.width()];
    }

    /** @return a checksum of the last block */
    @Benchmark
    public double read() throws Exception {
        double sum = 0;
        for (int y = 0; y < src.height(); y += 64) {
            int rows = Math.min(64, src.height() - y);
            src.readRows(y, rows, dest);
            sum += dest[src.reads() - 1][rows * src.width() - 1];
        }
        return sum;
    }

    /** Closes and deletes the file. */
    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        src.close();
        BenchFiles.delete(dir);
    }
}
