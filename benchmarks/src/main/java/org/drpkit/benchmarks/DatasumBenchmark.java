package org.drpkit.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import nom.tam.fits.utilities.FitsCheckSum;
import nom.tam.util.FitsFile;
import org.drpkit.fits.checksum.Checksum32;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * DATASUM of a 500 MB FITS data unit (2880 x 182 044 bytes = 524.3 MB of random bytes after one header block),
 * generated at setup in a temporary folder and deleted at teardown. The file is in the page cache after it is
 * written, so the figures are memory-side, not disk-side.
 *
 * <ul>
 *   <li>{@code drpkitFile}: {@link Checksum32#of} straight from the file (1 MiB positional reads into a direct
 *       buffer), as the validator and {@code drpkit checksum} run it;
 *   <li>{@code nomTamFile}: nom-tam-fits' {@code FitsCheckSum.checksum(RandomAccess, offset, size)} on the same
 *       range, the peer;
 *   <li>{@code drpkitKernel}: the kernel alone on 256 MiB already in a Java array, to compare with
 *       {@code MemoryBandwidth.read} (same bytes per op).
 * </ul>
 * GB/s = 524.3 MB / (ms per op) / 1000 for the file benchmarks, 268.4 MB / (ms per op) / 1000 for the kernel.
 * Run with {@code MemoryBandwidth.read} in the same command to report ratios.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class DatasumBenchmark {

    /** Data blocks: 182 044 x 2880 = 524 286 720 bytes (500 MiB). */
    static final int BLOCKS = 182_044;
    static final long DATA = (long) BLOCKS * 2880;

    Path dir;
    Path file;
    FileChannel channel;
    byte[] kernelBytes;

    /** Writes the file (one header block, then the data) and fills the kernel's array. */
    @Setup(Level.Trial)
    public void setup() throws IOException {
        dir = Files.createTempDirectory("drpkit-datasum");
        file = dir.resolve("datasum-500MB.fits");
        Random r = new Random(42);
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            StringBuilder h = new StringBuilder();
            for (String c : new String[] {"SIMPLE  =                    T", "BITPIX  =                    8",
                "NAXIS   =                    1", "NAXIS1  =            " + String.format("%9d", DATA), "END"}) {
                h.append(String.format("%-80s", c));
            }
            while (h.length() < 2880) {
                h.append(' ');
            }
            out.write(h.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            long left = DATA;
            while (left > 0) {
                r.nextBytes(block);
                int n = (int) Math.min(block.length, left);
                out.write(block, 0, n);
                left -= n;
            }
        }
        channel = FileChannel.open(file, StandardOpenOption.READ);
        kernelBytes = new byte[1 << 28];
        r.nextBytes(kernelBytes);
        if (drpkitFile() != nomTamFile()) {
            throw new IllegalStateException("drpkit and nom-tam-fits disagree on the DATASUM");
        }
    }

    /** Deletes the file. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        channel.close();
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
    }

    /** @return the DATASUM of the data unit, computed by drpkit from the file */
    @Benchmark
    public long drpkitFile() throws IOException {
        return Checksum32.of(channel, 2880, DATA);
    }

    /** @return the same DATASUM computed by nom-tam-fits from the file */
    @Benchmark
    public long nomTamFile() throws IOException {
        try (FitsFile f = new FitsFile(new File(file.toString()), "r")) {
            return FitsCheckSum.checksum(f, 2880, DATA);
        }
    }

    /** @return the sum of 256 MiB in memory (the kernel alone) */
    @Benchmark
    public long drpkitKernel() {
        return Checksum32.add(0, kernelBytes, 0, kernelBytes.length);
    }
}
