package org.drpkit.benchmarks;

import java.io.File;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import nom.tam.fits.Fits;
import nom.tam.fits.ImageHDU;
import nom.tam.image.compression.hdu.CompressedImageHDU;
import org.drpkit.core.image.Image;
import org.drpkit.fits.FitsReader;
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
 * RICE_1 decompression of a 2048x2048 int16 image of sigma-10 noise with one-row tiles (fpack's default; drpkit
 * writes the same bytes), from the page cache: open the file, read the tile table and the heap, decode, and
 * deliver floats ({@code readImage}) or exact ints ({@code readInts}). {@code nomTam} is nom-tam-fits 1.21.2's own
 * CompressedImageHDU on the same file. The peer is {@code peers/funpack_rice.py} on the same file.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class RiceDecompress {

    /** An existing RICE_1 file (image in HDU 1); empty to generate one. */
    @Param({""})
    public String file;

    private Path dir;
    private Path path;
    private int[] ints;

    /** Generates (or takes) the compressed image. */
    @Setup(Level.Trial)
    public void setup() throws Exception {
        if (file.isEmpty()) {
            dir = BenchFiles.tempDir();
            path = BenchFiles.rice(dir, 2048, 2048);
        } else {
            path = Path.of(file);
        }
        ints = new int[2048 * 2048];
    }

    /** @return the decompressed image as floats */
    @Benchmark
    public Image readImage() throws Exception {
        try (FitsReader r = FitsReader.open(path)) {
            return r.readImage(1);
        }
    }

    /** @return the decompressed image as exact ints (no float conversion) */
    @Benchmark
    public int[] readInts() throws Exception {
        try (FitsReader r = FitsReader.open(path)) {
            r.readRowsInt(r.hdu(1), 0, 0, 2048, ints, 0);
            return ints;
        }
    }

    /** @return nom-tam-fits' decompression of the same file (its short[][] kernel) */
    @Benchmark
    public Object nomTam() throws Exception {
        try (Fits f = new Fits(new File(path.toString()))) {
            CompressedImageHDU c = (CompressedImageHDU) f.getHDU(1);
            ImageHDU img = c.asImageHDU();
            return img.getKernel();
        }
    }

    /** Deletes the generated file. */
    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        BenchFiles.delete(dir);
    }
}
