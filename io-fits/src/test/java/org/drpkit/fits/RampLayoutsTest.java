package org.drpkit.fits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.drpkit.core.error.CoreErrorCode;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Ramp;
import org.drpkit.core.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every ramp layout streams back the reads that were written, bit for bit, with their times and headers. */
class RampLayoutsTest {

    static final int W = 67;
    static final int H = 45;
    static final int N = 7;

    /** Compares every row block of a source with the ramp it was written from. */
    static void assertSameRamp(Ramp truth, FitsRamps.Source src, int block) throws DrpException {
        assertEquals(truth.reads(), src.reads());
        assertEquals(truth.width(), src.width());
        assertEquals(truth.height(), src.height());
        float[][] dest = new float[src.reads()][block * src.width()];
        for (int y = 0; y < src.height(); y += block) {
            int rows = Math.min(block, src.height() - y);
            src.readRows(y, rows, dest);
            for (int k = 0; k < src.reads(); k++) {
                assertArrayEquals(truth.read(k).rows(y, rows).toArray(), Arrays.copyOf(dest[k], rows * src.width()),
                        "read " + k + ", rows " + y + "+" + rows);
            }
        }
    }

    @Test
    void compressedReadsStreamExactlyWithTheirDates(@TempDir Path dir) throws DrpException {
        Ramp ramp = SyntheticRamps.raw(W, H, N, 1);
        List<Header> hs = SyntheticRamps.readHeaders(N);
        FitsWriter fw = FitsWriter.create().primary(Header.builder().add("NREAD", (long) N).build());
        for (int k = 0; k < N; k++) {
            fw.compressedImage(null, hs.get(k), ramp.read(k), PixelType.UINT16, TileCompression.rice());
        }
        Path f = dir.resolve("c.fits.fz");
        fw.write(f, false);
        try (FitsRamps.Source src = FitsRamps.open(f)) {
            assertEquals(FitsRamps.Layout.ONE_HDU_PER_READ, src.layout());
            assertTrue(src.compressed());
            assertArrayEquals(ramp.readTimes(), src.readTimes(), 1e-9, "from per-read DATE-OBS");
            assertEquals(3L, src.readHeaders().get(2).getLong("READNUM").orElseThrow());
            assertEquals(16, src.readHeaders().get(0).getInt("BITPIX").orElseThrow(), "image view of the read");
            assertEquals(N, src.primaryHeader().getLong("NREAD").orElseThrow());
            assertSameRamp(ramp, src, 8);
        }
    }

    @Test
    void plainReadsWithoutDatesGetTheirTimesFromIntoff(@TempDir Path dir) throws DrpException {
        Ramp ramp = SyntheticRamps.raw(W, H, N, 2);
        Path f = dir.resolve("a.fits");
        FitsWriter.create().primary(Header.empty()).ramp(ramp, PixelType.UINT16, List.of()).write(f, false);
        try (FitsRamps.Source src = FitsRamps.open(f)) {
            assertEquals(FitsRamps.Layout.ONE_HDU_PER_READ, src.layout());
            assertFalse(src.compressed());
            assertEquals(10600.0, src.readHeaders().get(0).getDouble("INTOFF").orElseThrow());
            assertArrayEquals(ramp.readTimes(), src.readTimes(), 1e-9);
            assertSameRamp(ramp, src, 13);
            Ramp all = src.readAll();
            for (int k = 0; k < N; k++) {
                assertTrue(all.read(k).contentEquals(ramp.read(k)));
            }
        }
    }

    @Test
    void aSingleCubeStreamsExactly(@TempDir Path dir) throws DrpException {
        Ramp ramp = SyntheticRamps.raw(W, H, N, 3);
        Path f = dir.resolve("cube.fits");
        FitsWriter.create().primary(Header.empty()).rampCube("RAW", Header.empty(), ramp, PixelType.UINT16)
                .write(f, false);
        try (FitsRamps.Source src = FitsRamps.open(f)) {
            assertEquals(FitsRamps.Layout.CUBE, src.layout());
            assertEquals(3, src.readHeaders().get(0).getInt("NAXIS").orElseThrow());
            assertArrayEquals(ramp.readTimes(), src.readTimes(), 1e-9, "INTOFF of the cube header");
            assertSameRamp(ramp, src, 45);
            assertSameRamp(ramp, src, 1);
        }
    }

    /** astropy (CFITSIO) compresses a 3D cube with one tile per row of each plane; drpkit streams it back. */
    @Test
    void anAstropyCompressedCubeStreamsExactly(@TempDir Path dir) throws IOException, DrpException {
        Ramp ramp = SyntheticRamps.raw(W, H, N, 4);
        Path plain = dir.resolve("cube.fits");
        FitsWriter.create().primaryCube(Header.builder().add("INTOFF", 10600.0).build(),
                List.of(ramp.read(0), ramp.read(1), ramp.read(2), ramp.read(3), ramp.read(4), ramp.read(5),
                        ramp.read(6)), PixelType.UINT16).write(plain, false);
        Path packed = dir.resolve("cube.fits.fz");
        External.python(dir, """
                import sys
                from astropy.io import fits
                d = fits.getdata(sys.argv[1])
                h = fits.CompImageHDU(d, compression_type='RICE_1', tile_size=(1, 9, d.shape[2]))
                h.header['INTOFF'] = 10600.0
                fits.HDUList([fits.PrimaryHDU(), h]).writeto(sys.argv[2])
                """, plain.toString(), packed.toString());
        try (FitsRamps.Source src = FitsRamps.open(packed)) {
            assertEquals(FitsRamps.Layout.CUBE, src.layout());
            assertTrue(src.compressed());
            assertArrayEquals(ramp.readTimes(), src.readTimes(), 1e-9);
            assertSameRamp(ramp, src, 6);
        }
    }

    @Test
    void oneReaderServesSeveralThreadsAtOnce(@TempDir Path dir) throws Exception {
        Ramp ramp = SyntheticRamps.raw(W, 96, N, 5);
        Path f = dir.resolve("t.fits");
        FitsWriter fw = FitsWriter.create().primary(Header.empty());
        for (int k = 0; k < N; k++) {
            fw.compressedImage(null, Header.empty(), ramp.read(k), PixelType.UINT16, TileCompression.rice());
        }
        fw.write(f, false);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (FitsRamps.Source src = FitsRamps.open(f)) {
            List<Future<Boolean>> jobs = new java.util.ArrayList<>();
            for (int y = 0; y < 96; y += 4) {
                int y0 = y;
                jobs.add(pool.submit(() -> {
                    float[][] d = new float[N][4 * W];
                    src.readRows(y0, 4, d);
                    for (int k = 0; k < N; k++) {
                        if (!Arrays.equals(ramp.read(k).rows(y0, 4).toArray(), d[k])) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> j : jobs) {
                assertTrue(j.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void realWfc3IrExposureWithMixedExtensionsIsNotMistakenForOneRamp() {
        Path f = SharedData.require("hst/iccz11q4q_ima.fits"); // SCI (float), ERR (float), DQ (int16) per read
        DrpException e = assertThrows(DrpException.class, () -> FitsRamps.open(f));
        assertEquals(FitsErrorCode.FITS_WRONG_DATA, e.code());
        assertEquals(3, e.location().hdu(), "the first DQ extension");
        assertEquals(FitsErrorCode.FITS_WRONG_DATA,
                assertThrows(DrpException.class, () -> FitsRamps.open(f, FitsRamps.Layout.APZ, 1L << 30)).code());
    }

    @Test
    void readsOfDifferentShapesAreRefused(@TempDir Path dir) {
        Path f = dir.resolve("bad.fits");
        DrpException e = assertThrows(DrpException.class, () -> {
            FitsWriter.create().primary(Header.empty())
                    .image(null, Header.empty(), org.drpkit.core.image.Image.zeros(8, 8), PixelType.UINT16)
                    .image(null, Header.empty(), org.drpkit.core.image.Image.zeros(8, 7), PixelType.UINT16)
                    .write(f, false);
            FitsRamps.open(f).close();
        });
        assertEquals(FitsErrorCode.FITS_WRONG_DATA, e.code());
        assertEquals(2, e.location().hdu());
    }

    @Test
    void aRampLargerThanTheLimitIsRefusedBeforeAllocation(@TempDir Path dir) throws DrpException {
        Ramp ramp = SyntheticRamps.raw(W, H, N, 6);
        Path f = dir.resolve("r.fits");
        FitsWriter.create().primary(Header.empty()).ramp(ramp, PixelType.UINT16, List.of()).write(f, false);
        try (FitsRamps.Source src = FitsRamps.open(f, null, 4L * W * H * N - 1)) {
            assertEquals(CoreErrorCode.SIZE_LIMIT_EXCEEDED, assertThrows(DrpException.class, src::readAll).code());
        }
    }

    @Test
    void aTruncatedRampFileIsReportedOnOpen(@TempDir Path dir) throws DrpException, IOException {
        Ramp ramp = SyntheticRamps.raw(W, H, N, 7);
        Path f = dir.resolve("r.fits");
        FitsWriter.create().primary(Header.empty()).ramp(ramp, PixelType.UINT16, List.of()).write(f, false);
        byte[] b = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(b, b.length - 2 * 2880));
        DrpException e = assertThrows(DrpException.class, () -> FitsRamps.open(f));
        assertEquals(FitsErrorCode.FITS_TRUNCATED, e.code());
        assertEquals(N, e.location().hdu());
    }
}
