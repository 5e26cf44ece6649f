package org.drpkit.benchmarks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.drpkit.archive.ParallelGzip;
import org.drpkit.core.error.DrpException;
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
 * {@link ParallelGzip} against {@code pigz} (level 6, the same worker count) on the same file in the same run: a
 * 128 MB big-endian float32 image like a rate product (a smooth background, noise in its low mantissa bits), written
 * once at setup and read from the page cache. The ratio of interest is pigz's time over ParallelGzip's; the pigz
 * method fails when pigz is not installed ({@code apt-get install pigz}).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar Gzip -f 1 -wi 2 -i 5 -p workers=1,2
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class GzipBenchmark {

    /** Compression workers (and pigz's -p). */
    @Param({"2"})
    public int workers;

    Path dir;
    Path source;

    /** Writes the image. */
    @Setup(Level.Trial)
    public void image() throws IOException {
        dir = Files.createTempDirectory("drpkit-gzip");
        source = dir.resolve("rate.fits");
        int n = 32 << 20;
        ByteBuffer b = ByteBuffer.allocate(4 * n).order(ByteOrder.BIG_ENDIAN);
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < n; i++) {
            b.putFloat((float) (100 + (i % 2048) * 0.01 + r.nextGaussian()));
        }
        Files.write(source, b.array());
    }

    /** Removes the files. */
    @TearDown(Level.Trial)
    public void clean() throws IOException {
        Files.deleteIfExists(dir.resolve("rate.fits.gz"));
        Files.deleteIfExists(dir.resolve("pigz.gz"));
        Files.deleteIfExists(source);
        Files.deleteIfExists(dir);
    }

    /** @return the compressed size */
    @Benchmark
    public long parallelGzip() throws IOException, DrpException {
        Path out = dir.resolve("rate.fits.gz");
        ParallelGzip.compress(source, out, true, 6, workers);
        return Files.size(out);
    }

    /** @return the compressed size */
    @Benchmark
    public long pigz() throws IOException, InterruptedException {
        Path out = dir.resolve("pigz.gz");
        BenchFiles.runPeer(List.of("pigz", "-6", "-p", Integer.toString(workers), "-c", source.toString()),
                ProcessBuilder.Redirect.to(out.toFile()));
        return Files.size(out);
    }
}
