package org.drpkit.benchmarks;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 * Streams an APOGEE raw ramp (2560x2048 x 47 uint16 reads, one HDU per read, 493 MB) into float rows through
 * {@link FitsRamps.Source#readRows} in blocks of {@code block} rows, from the page cache. One op reads the whole ramp:
 * MB/s = 492.8 / (ms per op) * 1000 (file bytes). The peer is {@code peers/astropy_ramp_read.py} on the same file.
 *
 * <p>{@code readTwoThreads} shares one source between two threads taking alternate row blocks.
 * {@code -p file=PATH} reads an existing file (e.g. the one the peer made); empty generates one in a temp folder.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class RampRead {

    /** Rows per block. */
    @Param({"16", "64"})
    public int block;

    /** An existing ramp file; empty to generate one. */
    @Param({""})
    public String file;

    private Path dir;
    private FitsRamps.Source src;
    private float[][] dest;
    private float[][] dest2;
    private ExecutorService pool;

    /** Generates (or opens) the ramp and reads it once so it is in the page cache. */
    @Setup(Level.Trial)
    public void setup() throws Exception {
        Path f;
        if (file.isEmpty()) {
            dir = BenchFiles.tempDir();
            f = BenchFiles.ramp(dir, 2560, 2048, 47);
        } else {
            f = Path.of(file);
        }
        src = FitsRamps.open(f);
        dest = new float[src.reads()][block * src.width()];
        dest2 = new float[src.reads()][block * src.width()];
        pool = Executors.newSingleThreadExecutor();
        read();
    }

    /** @return a checksum of the last block (keeps the work alive) */
    @Benchmark
    public double read() throws Exception {
        double sum = 0;
        for (int y = 0; y < src.height(); y += block) {
            int rows = Math.min(block, src.height() - y);
            src.readRows(y, rows, dest);
            sum += dest[src.reads() - 1][rows * src.width() - 1];
        }
        return sum;
    }

    /**
     * Two threads share one source and take alternate row blocks (how a multi-threaded ramp fit consumes it).
     *
     * @return a checksum
     */
    @Benchmark
    public double readTwoThreads() throws Exception {
        Future<Double> other = pool.submit(() -> half(1, dest2));
        return half(0, dest) + other.get();
    }

    private double half(int parity, float[][] d) throws Exception {
        double sum = 0;
        for (int y = parity * block; y < src.height(); y += 2 * block) {
            int rows = Math.min(block, src.height() - y);
            src.readRows(y, rows, d);
            sum += d[src.reads() - 1][rows * src.width() - 1];
        }
        return sum;
    }

    /** Closes the file and deletes the generated ramp. */
    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        pool.shutdown();
        src.close();
        BenchFiles.delete(dir);
    }
}
