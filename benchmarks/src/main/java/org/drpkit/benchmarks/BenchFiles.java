package org.drpkit.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.Ramp;
import org.drpkit.fits.apz.ApzEncoder;
import org.drpkit.fits.FitsWriter;
import org.drpkit.fits.PixelType;
import org.drpkit.fits.TileCompression;

/** Benchmark inputs, generated at setup into a temporary folder (never committed). */
final class BenchFiles {

    private BenchFiles() {
    }

    /** @return an image of {@code level + sigma * N(0,1)} rounded to integers */
    static Image noise(int w, int h, double level, double sigma, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] px = new float[w * h];
        for (int i = 0; i < px.length; i++) {
            px[i] = Math.round(level + sigma * r.nextGaussian());
        }
        return Image.of(w, h, px);
    }

    /**
     * Writes an APOGEE-like raw ramp: empty primary, then {@code reads} uint16 HDUs of {@code w x h} (BZERO 32768).
     * Four distinct noise planes are cycled so generation stays cheap; reading cost does not depend on values.
     */
    static Path ramp(Path dir, int w, int h, int reads) throws DrpException {
        Image[] planes = new Image[4];
        for (int k = 0; k < planes.length; k++) {
            planes[k] = noise(w, h, 12000 + 100 * k, 10, k);
        }
        FitsWriter fw = FitsWriter.create().primary(Header.builder().add("NREAD", (long) reads).build());
        for (int k = 0; k < reads; k++) {
            fw.image(null, Header.builder().add("INTOFF", 10600.0, "ms").build(), planes[k % 4], PixelType.UINT16);
        }
        Path f = dir.resolve("ramp-" + w + "x" + h + "x" + reads + ".fits");
        fw.write(f, true);
        return f;
    }

    /** Writes a {@code w x h} int16 image of sigma-10 noise as RICE_1 with one-row tiles (what fpack writes). */
    static Path rice(Path dir, int w, int h) throws DrpException {
        Path f = dir.resolve("rice-" + w + "x" + h + ".fits.fz");
        FitsWriter.create().compressedPrimaryImage(Header.empty(), noise(w, h, 1000, 10, 7), PixelType.INT16,
                TileCompression.rice()).write(f, true);
        return f;
    }

    /**
     * Writes an apz ramp of {@code reads} reads: bias 12000, 50 DN/read, sigma-5 read noise (what compresses like
     * a dark or a faint science frame).
     */
    static Path apz(Path dir, int w, int h, int reads) throws DrpException {
        SplittableRandom r = new SplittableRandom(11);
        float[][] planes = new float[reads][w * h];
        double[] t = new double[reads];
        for (int i = 0; i < w * h; i++) {
            double v = 12000 + 20 * r.nextGaussian();
            for (int k = 0; k < reads; k++) {
                planes[k][i] = Math.round(v + 50 * k + 5 * r.nextGaussian());
            }
        }
        for (int k = 0; k < reads; k++) {
            t[k] = 10.6 * k;
        }
        Path f = dir.resolve("apR-a-" + w + "x" + h + "x" + reads + ".apz");
        ApzEncoder.write(f, Header.empty(), java.util.List.of(), Ramp.of(w, h, t, planes), true);
        return f;
    }

    static Path tempDir() throws IOException {
        return Files.createTempDirectory("drpkit-bench");
    }

    /** Removes a folder and everything under it; nothing when it is null or absent. */
    static void delete(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * Runs a peer program (md5sum, fpack, pigz) to completion, its standard error shown.
     *
     * @param out where its standard output goes
     * @return its exit status, 0
     * @throws IllegalStateException when it exits with another status
     */
    static int runPeer(List<String> command, ProcessBuilder.Redirect out) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectOutput(out).redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        int status = p.waitFor();
        if (status != 0) {
            throw new IllegalStateException(command.get(0) + " exited with " + status);
        }
        return status;
    }
}
