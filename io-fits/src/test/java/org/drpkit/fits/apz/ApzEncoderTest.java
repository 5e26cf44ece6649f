package org.drpkit.fits.apz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Ramp;
import org.drpkit.fits.FitsHeaders;
import org.drpkit.fits.FitsRamps;
import org.drpkit.fits.FitsReader;
import org.drpkit.fits.SyntheticRamps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The apz encoding: lossless on ramps with cosmic rays and saturation, in the layout the spec gives. */
class ApzEncoderTest {

    static final int W = 64;
    static final int H = 37;
    static final int N = 9;

    private static Path writeApz(Path dir, Ramp ramp) throws DrpException {
        Path f = dir.resolve("apR-a-40010012.apz");
        Header primary = Header.builder().add("NREAD", (long) N).add("IMAGETYP", "Object").build();
        ApzEncoder.write(f, primary, SyntheticRamps.readHeaders(N), ramp, false);
        return f;
    }

    @Test
    void roundTripIsBitExactWithCosmicRaysAndSaturation(@TempDir Path dir) throws DrpException {
        Ramp ramp = SyntheticRamps.raw(W, H, N, 11);
        int saturated = 0;
        for (float v : ramp.read(N - 1).toArray()) {
            saturated += v == 65535 ? 1 : 0;
        }
        assertTrue(saturated > 10, "the synthetic ramp must saturate somewhere");
        Path f = writeApz(dir, ramp);
        try (FitsRamps.Source src = FitsRamps.open(f)) {
            assertEquals(FitsRamps.Layout.APZ, src.layout());
            assertEquals(N, src.reads());
            for (int block : new int[] {1, 5, H}) {
                float[][] dest = new float[N][block * W];
                for (int y = 0; y < H; y += block) {
                    int rows = Math.min(block, H - y);
                    src.readRows(y, rows, dest);
                    for (int k = 0; k < N; k++) {
                        assertArrayEquals(ramp.read(k).rows(y, rows).toArray(), Arrays.copyOf(dest[k], rows * W),
                                "read " + k + " rows " + y + "+" + rows);
                    }
                }
            }
        }
    }

    @Test
    void fileHasTheUpstreamLayoutAndHeaders(@TempDir Path dir) throws DrpException {
        Ramp ramp = SyntheticRamps.raw(W, H, N, 12);
        Path f = writeApz(dir, ramp);
        try (FitsReader r = FitsReader.open(f)) {
            assertEquals(N + 2, r.hdus().size(), "nreads = HDUs - 2");
            assertEquals(0, r.hdu(0).naxis(), "empty primary");
            assertEquals(32, r.imageHeader(1).getInt("BITPIX").orElseThrow(), "A is int32");
            assertEquals(16, r.imageHeader(2).getInt("BITPIX").orElseThrow(), "read 1 is uint16");
            assertEquals(32768.0, r.imageHeader(2).getDouble("BZERO").orElseThrow());
            assertEquals(32, r.imageHeader(3).getInt("BITPIX").orElseThrow(), "residuals are int32");
            assertEquals("Object", r.imageHeader(1).getString("IMAGETYP").orElseThrow(), "primary header travels with A");
        }
        try (FitsRamps.Source src = FitsRamps.open(f)) {
            assertEquals("Object", src.primaryHeader().getString("IMAGETYP").orElseThrow());
            assertEquals(4L, src.readHeaders().get(3).getLong("READNUM").orElseThrow());
            assertArrayEquals(ramp.readTimes(), src.readTimes(), 1e-9, "per-read DATE-OBS");
        }
    }

    @Test
    void encodingFollowsTheSpecFormulas() {
        Ramp ramp = SyntheticRamps.raw(W, H, N, 13);
        ApzEncoder.Encoded e = ApzEncoder.encode(ramp);
        float[] first = ramp.read(0).toArray();
        float[] last = ramp.read(N - 1).toArray();
        for (int i = 0; i < W * H; i++) {
            double mean = (last[i] - first[i]) / (double) (N - 1);
            assertTrue(Math.abs(e.meanIncrement()[i] - mean) <= 0.5, "A is the rounded mean increment");
            assertEquals((int) first[i], e.firstRead()[i]);
            long sum = 0;
            for (int k = 2; k <= N; k++) {
                int d = (int) ramp.read(k - 1).toArray()[i] - (int) ramp.read(k - 2).toArray()[i];
                assertEquals(d - e.meanIncrement()[i], e.residuals()[k - 2][i]);
                sum += e.residuals()[k - 2][i];
            }
            assertTrue(Math.abs(sum) <= (N - 1) / 2.0 + 1e-9, "residuals sum to the rounding of A");
        }
    }

    /** CFITSIO decompresses the HDUs (via astropy) and numpy rebuilds the cube by the spec; drpkit must agree. */
    @Test
    void cfitsioAndTheSpecFormulaRebuildTheSameCube(@TempDir Path dir) throws IOException, DrpException,
            InterruptedException {
        Path py = Path.of("/usr/bin/python3");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(py));
        Ramp ramp = SyntheticRamps.raw(W, H, N, 14);
        Path f = writeApz(dir, ramp);
        Path out = dir.resolve("cube.bin");
        String script = """
                import sys
                import numpy as np
                from astropy.io import fits
                h = fits.open(sys.argv[1])
                n = len(h) - 2
                a = h[1].data.astype(np.int64)
                cube = [h[2].data.astype(np.int64)]
                for k in range(2, n + 1):
                    cube.append(cube[-1] + a + h[k + 1].data.astype(np.int64))
                np.array(cube, dtype='>f4').tofile(sys.argv[2])
                """;
        Path sp = Files.writeString(dir.resolve("apz2cube.py"), script);
        Process p = new ProcessBuilder(py.toString(), sp.toString(), f.toString(), out.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        org.junit.jupiter.api.Assumptions.assumeFalse(log.contains("No module named"), "astropy is not available");
        assertEquals(0, p.exitValue(), log);
        java.nio.FloatBuffer fb = java.nio.ByteBuffer.wrap(Files.readAllBytes(out)).asFloatBuffer();
        try (FitsRamps.Source src = FitsRamps.open(f)) {
            Ramp mine = src.readAll();
            for (int k = 0; k < N; k++) {
                float[] theirs = new float[W * H];
                fb.get(theirs);
                assertArrayEquals(theirs, mine.read(k).toArray(), "read " + (k + 1));
            }
        }
    }

    @Test
    void funpackedApzHasAOnThePrimaryAndStillDecodes(@TempDir Path dir) throws IOException, DrpException,
            InterruptedException {
        Process which = new ProcessBuilder("sh", "-c", "command -v funpack").start();
        org.junit.jupiter.api.Assumptions.assumeTrue(which.waitFor() == 0, "funpack is not installed");
        Ramp ramp = SyntheticRamps.raw(W, H, N, 15);
        Path f = writeApz(dir, ramp);
        Path plain = dir.resolve("apR.fits");
        Process p = new ProcessBuilder("funpack", "-O", plain.toString(), f.toString()).redirectErrorStream(true)
                .start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), log);
        List<Header> hs = FitsHeaders.readAll(plain);
        assertEquals(N + 1, hs.size(), "un-fpacked: primary = A, then n reads");
        assertEquals(32L, hs.get(0).getLong("BITPIX").orElseThrow());
        try (FitsRamps.Source src = FitsRamps.open(plain)) {
            assertEquals(FitsRamps.Layout.APZ, src.layout());
            Ramp back = src.readAll();
            for (int k = 0; k < N; k++) {
                assertTrue(back.read(k).contentEquals(ramp.read(k)), "read " + k);
            }
        }
    }

    @Test
    void nonRawValuesAreRefused() {
        Ramp ramp = Ramp.zeros(4, 4, 3, 10.6);
        ramp.set(1, 1, 2, 1.5f);
        assertThrows(IllegalArgumentException.class, () -> ApzEncoder.encode(ramp));
        Ramp neg = Ramp.zeros(4, 4, 3, 10.6);
        neg.set(1, 1, 2, -1f);
        assertThrows(IllegalArgumentException.class, () -> ApzEncoder.encode(neg));
        assertThrows(IllegalArgumentException.class, () -> ApzEncoder.encode(Ramp.zeros(4, 4, 1, 10.6)));
    }
}
