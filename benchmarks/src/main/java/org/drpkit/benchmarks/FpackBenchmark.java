package org.drpkit.benchmarks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.drpkit.core.error.DrpException;
import org.drpkit.fits.FitsReader;
import org.drpkit.fits.Fpack;
import org.drpkit.fits.TileCompression;
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
 * {@link Fpack} against CFITSIO's {@code fpack} (RICE_1, one-row tiles, its defaults) on the same files in the same
 * run: the integer NIRC2 frames of {@code ../shared/data/keck/nirc2} (property {@code drpkit.nirc2}; its float flats
 * are left out, RICE_1 would quantise them, and so is
 * the raw frame, whose trailing bytes fpack refuses) and a 2048 x 2048 int16 frame (a sky of 1000 DN with Gaussian noise of
 * 10 DN) written at setup. {@code drpkit} compresses every file in this JVM, one after the other; {@code fpack} runs
 * one {@code fpack} process over all of them (its outputs removed after each invocation). Both read from the page
 * cache; fpack's time includes one process start.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar Fpack -f 1 -wi 3 -i 10
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class FpackBenchmark {

    Path dir;
    Path in;
    Path out;
    List<Path> files;

    /** Copies the integer frames and writes the int16 frame. */
    @Setup(Level.Trial)
    public void files() throws IOException, DrpException {
        Path src = Path.of(System.getProperty("drpkit.nirc2", "../shared/data/keck/nirc2"));
        if (!Files.isDirectory(src)) {
            throw new IllegalStateException("no NIRC2 frames at " + src.toAbsolutePath());
        }
        dir = Files.createTempDirectory("drpkit-fpack");
        in = Files.createDirectories(dir.resolve("in"));
        out = Files.createDirectories(dir.resolve("out"));
        files = new ArrayList<>();
        try (Stream<Path> s = Files.list(src)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".fits")).sorted().toList()) {
                try (FitsReader r = FitsReader.open(p)) {
                    // raw_n0051 carries bytes after its last HDU, which fpack refuses (drpkit drops them)
                    if (r.hdus().get(0).bitpix() > 0 && !p.getFileName().toString().startsWith("raw_")) {
                        files.add(Files.copy(p, in.resolve(p.getFileName())));
                    }
                }
            }
        }
        files.add(int16(in.resolve("sky_2048_int16.fits"), 2048));
        for (Path f : files) {
            Files.readAllBytes(f);
        }
    }

    private static Path int16(Path f, int n) throws IOException {
        StringBuilder h = new StringBuilder();
        for (String c : List.of("SIMPLE  =                    T", "BITPIX  =                   16",
                "NAXIS   =                    2", String.format("NAXIS1  = %20d", n), String.format("NAXIS2  = %20d", n),
                "END")) {
            h.append(String.format("%-80s", c));
        }
        while (h.length() % 2880 != 0) {
            h.append(' ');
        }
        ByteBuffer b = ByteBuffer.allocate((2 * n * n + 2879) / 2880 * 2880);
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < n * n; i++) {
            b.putShort((short) Math.round(1000 + 10 * r.nextGaussian()));
        }
        byte[] head = h.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + b.capacity()];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(b.array(), 0, all, head.length, b.capacity());
        return Files.write(f, all);
    }

    /** Removes fpack's outputs. */
    @TearDown(Level.Invocation)
    public void removeOutputs() throws IOException {
        for (Path f : files) {
            Files.deleteIfExists(f.resolveSibling(f.getFileName() + ".fz"));
        }
    }

    /** Removes everything. */
    @TearDown(Level.Trial)
    public void clean() throws IOException {
        BenchFiles.delete(dir);
    }

    /** @return the bytes written; compresses every file with {@link Fpack} */
    @Benchmark
    public long drpkit() throws DrpException {
        long bytes = 0;
        for (Path f : files) {
            bytes += Fpack.compress(f, out.resolve(f.getFileName() + ".fz"), TileCompression.rice(), true)
                    .outputBytes();
        }
        return bytes;
    }

    /** @return fpack's exit status over the same files (one process) */
    @Benchmark
    public int fpack() throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("fpack");
        cmd.add("-r");
        for (Path f : files) {
            cmd.add(f.toString());
        }
        return BenchFiles.runPeer(cmd, ProcessBuilder.Redirect.DISCARD);
    }
}
