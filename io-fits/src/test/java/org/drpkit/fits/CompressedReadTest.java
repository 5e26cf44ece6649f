package org.drpkit.fits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.drpkit.core.error.CoreErrorCode;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.image.Image;
import org.drpkit.core.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading tile-compressed images: truth is the uncompressed original, or CFITSIO's own decompression (astropy). */
class CompressedReadTest {

    private static Image read(Path f, int hdu) throws DrpException {
        try (FitsReader r = FitsReader.open(f)) {
            return r.readImage(hdu);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"m13_rice.fits", "m13_gzip.fits", "m13_hcomp.fits", "m13_plio.fits"})
    void cfitsioIntegerCodecsDecompressExactlyToTheUncompressedM13(String name) throws DrpException {
        Image truth = read(SharedData.require("fits/m13.fits"), 0);
        Image img = read(SharedData.require("fits/" + name), 1);
        assertTrue(img.contentEquals(truth), name + ": " + img + " vs " + truth);
    }

    /**
     * A second, independent decoder: nom-tam-fits' CompressedImageHDU must give the same pixels. Not for
     * m13real_rice.fits: it has no ZQUANTIZ, which the convention and CFITSIO read as NO_DITHER, while nom-tam 1.21.2
     * subtracts dither offsets (pixel (0,0): original 112.836, CFITSIO and drpkit 112.855, nom-tam 112.902, more
     * than half the 0.093 quantization step away); that file is checked against CFITSIO and the original instead.
     */
    @ParameterizedTest
    @ValueSource(strings = {"m13_rice.fits", "m13_gzip.fits", "m13_hcomp.fits", "m13_plio.fits", "astropy_comp.fits"})
    void nomTamCompressedImageHduDecodesTheSamePixels(String name) throws Exception {
        Path f = SharedData.require("fits/" + name);
        Image mine = read(f, 1);
        try (nom.tam.fits.Fits fits = new nom.tam.fits.Fits(f.toFile())) {
            nom.tam.image.compression.hdu.CompressedImageHDU c =
                    (nom.tam.image.compression.hdu.CompressedImageHDU) fits.getHDU(1);
            Object kernel = c.asImageHDU().getKernel();
            for (int y = 0; y < mine.height(); y++) {
                Object row = java.lang.reflect.Array.get(kernel, y);
                for (int x = 0; x < mine.width(); x++) {
                    float theirs = ((Number) java.lang.reflect.Array.get(row, x)).floatValue();
                    assertEquals(theirs, mine.get(x, y), name + " pixel (" + x + "," + y + ")");
                }
            }
        }
    }

    @Test
    void astropyRiceFileDecompressesExactlyToTheNomTamChecksumImage() throws DrpException {
        Image truth = read(SharedData.require("fits/nomtam_checksum.fits"), 0);
        Image img = read(SharedData.require("fits/astropy_comp.fits"), 1);
        assertEquals(440, img.width());
        assertTrue(img.contentEquals(truth));
    }

    @Test
    void quantizedFloatRiceIsWithinHalfAQuantizationStepOfTheOriginal() throws DrpException {
        Image truth = read(SharedData.require("fits/m13real.fits"), 0);
        Path f = SharedData.require("fits/m13real_rice.fits");
        try (FitsReader r = FitsReader.open(f)) {
            Image img = r.readImage(1);
            Tiles tiles = ((TiledImageData) r.imageData(r.hdu(1))).tiles();
            int worst = 0;
            for (int y = 0; y < img.height(); y++) { // one tile per row; NO_DITHER rounds to the nearest step
                double step = tiles.zscale()[y];
                for (int x = 0; x < img.width(); x++) {
                    double err = Math.abs(img.get(x, y) - truth.get(x, y));
                    assertTrue(err <= 0.5 * step * (1 + 1e-6) + Math.ulp(truth.get(x, y)),
                            "pixel (" + x + "," + y + ") off by " + err + " with step " + step);
                    worst = Math.max(worst, (int) Math.round(err / step * 100));
                }
            }
            assertTrue(worst > 40, "errors should fill the half step, found at most " + worst + "% of it");
        }
    }

    @Test
    void quantizedFloatRiceMatchesCfitsioBitForBit(@TempDir Path dir) throws IOException, DrpException {
        Path f = SharedData.require("fits/m13real_rice.fits");
        Path ref = dir.resolve("ref.fits");
        External.python(dir, "import sys\nfrom astropy.io import fits\nimport numpy as np\n"
                + "d = fits.getdata(sys.argv[1], 1)\nfits.writeto(sys.argv[2], d.astype('>f4'))\n", f.toString(),
                ref.toString());
        assertTrue(read(f, 1).contentEquals(read(ref, 0)));
    }

    /** astropy (CFITSIO inside) writes each variant with a NaN and decodes it; drpkit must decode the same bits. */
    @ParameterizedTest
    @CsvSource({"RICE_1,16,1", "RICE_1,16,2", "RICE_1,4,-1", "GZIP_2,8,1", "GZIP_1,0,-1", "GZIP_2,0,-1",
            "HCOMPRESS_1,16,1", "PLIO_1,0,-1"})
    void astropyCompressedFloatsDecodeToTheSameBits(String codec, int level, int method, @TempDir Path dir)
            throws IOException, DrpException {
        Path comp = dir.resolve("c.fits");
        Path ref = dir.resolve("r.fits");
        External.python(dir, """
                import sys
                import numpy as np
                from astropy.io import fits
                codec, level, method = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
                rng = np.random.default_rng(3)
                d = rng.normal(1000, 10, (45, 61)).astype(np.float32)
                if codec == 'PLIO_1':
                    d = np.round(np.abs(d) - 950).astype(np.int32)
                elif codec != 'HCOMPRESS_1':
                    d[3, 4] = np.nan
                    d[7, :] = 0.0
                h = fits.CompImageHDU(d, compression_type=codec, quantize_level=level, quantize_method=method,
                                      dither_seed=17, tile_size=(16, 61) if codec == 'HCOMPRESS_1' else None)
                fits.HDUList([fits.PrimaryHDU(), h]).writeto(sys.argv[4])
                back = fits.getdata(sys.argv[4], 1)
                fits.writeto(sys.argv[5], back.astype('>f4') if back.dtype.kind == 'f' else back.astype('>i4'))
                """, codec, Integer.toString(level), Integer.toString(method), comp.toString(), ref.toString());
        Image truth = read(ref, 0);
        Image img = read(comp, 1);
        assertTrue(img.contentEquals(truth), codec + " q=" + level + " m=" + method + ": " + img + " vs " + truth);
    }

    @Test
    void fpackNullPixelsBecomeNaNAndTheRestMatchesFunpack(@TempDir Path dir) throws IOException, DrpException {
        External.requireTool("fpack");
        External.requireTool("funpack");
        Path f = dir.resolve("f.fits");
        float[] px = new float[53 * 37];
        java.util.Random rnd = new java.util.Random(5);
        for (int i = 0; i < px.length; i++) {
            px[i] = (float) (100 + 10 * rnd.nextGaussian());
        }
        px[3 * 53 + 4] = Float.NaN;
        for (int x = 0; x < 53; x++) {
            px[5 * 53 + x] = Float.NaN;
        }
        FitsWriter.create().primaryImage(org.drpkit.core.header.Header.empty(), Image.of(53, 37, px),
                PixelType.FLOAT32).write(f, false);
        External.run(dir, "fpack", "-q", "4", f.toString());
        Files.move(f, dir.resolve("orig.fits"));
        External.run(dir, "funpack", "-O", dir.resolve("back.fits").toString(), dir.resolve("f.fits.fz").toString());
        Image img = read(dir.resolve("f.fits.fz"), 1);
        assertTrue(Float.isNaN(img.get(4, 3)) && Float.isNaN(img.get(0, 5)) && Float.isNaN(img.get(52, 5)));
        assertTrue(img.contentEquals(read(dir.resolve("back.fits"), 0)));
    }

    @Test
    void rowBlocksOfTwoDimensionalTilesEqualTheWholeImage() throws DrpException {
        Path f = SharedData.require("fits/m13_hcomp.fits"); // one 300x300 tile
        try (FitsReader r = FitsReader.open(f)) {
            Image whole = r.readImage(1);
            HduInfo h = r.hdu(1);
            for (int y0 : new int[] {0, 17, 150, 299}) {
                int rows = Math.min(23, 300 - y0);
                float[] block = new float[rows * 300];
                r.readRows(h, 0, y0, rows, block, 0);
                assertArrayEquals(whole.rows(y0, rows).toArray(), block, "rows " + y0 + "+" + rows);
            }
        }
    }

    @Test
    void compressedHeadersShowTheImageView() throws DrpException {
        Path f = SharedData.require("fits/m13_rice.fits");
        try (FitsReader r = FitsReader.open(f)) {
            HduInfo h = r.hdu(1);
            assertTrue(h.isCompressedImage() && h.hasImage() && !h.isImage());
            var img = h.imageHeader();
            assertEquals(16, img.getInt("BITPIX").orElseThrow());
            assertEquals(300L, img.getLong("NAXIS2").orElseThrow());
            assertEquals(true, img.getBoolean("SIMPLE").orElseThrow(), "ZSIMPLE marks a compressed primary");
            assertFalse(img.contains("ZCMPTYPE") || img.contains("TFORM1") || img.contains("ZTILE1"));
            assertEquals("1803906202", img.getString("DATASUM").orElseThrow(), "ZDATASUM becomes DATASUM");
            assertTrue(h.toString().contains("compressed RICE_1 image BITPIX=16 300x300"), h.toString());
        }
    }

    @Test
    void absurdZnaxisIsReportedBeforeAnyAllocation(@TempDir Path dir) throws IOException, DrpException {
        byte[] m13 = Files.readAllBytes(SharedData.require("fits/m13_rice.fits"));
        Path f = dir.resolve("big.fits");
        Files.write(f, External.patchCard(m13, "ZNAXIS2", String.format("%20d", 1L << 31)));
        DrpException e = assertThrows(DrpException.class, () -> read(f, 1));
        assertEquals(FitsErrorCode.FITS_TRUNCATED, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains("big.fits, HDU 1, keyword NAXIS2"), e.getMessage());
        String wide = String.format("%20d", 2_147_483_000L); // one tile per row, each too large to decode
        Files.write(f, External.patchCard(External.patchCard(m13, "ZNAXIS1", wide), "ZTILE1", wide));
        assertEquals(CoreErrorCode.SIZE_LIMIT_EXCEEDED, assertThrows(DrpException.class, () -> read(f, 1)).code());
        try (FitsReader r = FitsReader.open(f)) {
            e = assertThrows(DrpException.class, () -> r.readRows(r.hdu(1), 0, 0, 1, new float[1], 0));
            assertEquals(CoreErrorCode.SIZE_LIMIT_EXCEEDED, e.code());
            assertEquals("ZTILE1", e.location().keyword());
        }
    }

    @Test
    void imagesBeyondTheConfiguredLimitAreRefused() throws DrpException {
        Path f = SharedData.require("fits/m13_rice.fits");
        try (FitsReader r = FitsReader.open(f, 300 * 300 * 4 - 1)) {
            DrpException e = assertThrows(DrpException.class, () -> r.readImage(1));
            assertEquals(CoreErrorCode.SIZE_LIMIT_EXCEEDED, e.code());
            assertEquals("ZNAXIS2", e.location().keyword());
        }
    }

    @Test
    void unknownCodecIsUnsupported(@TempDir Path dir) throws IOException {
        byte[] m13 = Files.readAllBytes(SharedData.require("fits/m13_rice.fits"));
        Path f = dir.resolve("odd.fits");
        Files.write(f, External.patchCard(m13, "ZCMPTYPE", "'BZIP2_1 '"));
        DrpException e = assertThrows(DrpException.class, () -> read(f, 1));
        assertEquals(FitsErrorCode.FITS_UNSUPPORTED, e.code());
        assertEquals("ZCMPTYPE", e.location().keyword());
    }

    @Test
    void aTruncatedRiceTileIsCorruptData(@TempDir Path dir) throws IOException, DrpException {
        Path src = SharedData.require("fits/m13_rice.fits");
        byte[] b = Files.readAllBytes(src);
        long tableStart;
        try (FitsReader r = FitsReader.open(src)) {
            tableStart = r.hdu(1).dataOffset();
        }
        int row = (int) tableStart + 8 * 10; // tile 11: keep its offset, claim 5 bytes
        b[row] = 0;
        b[row + 1] = 0;
        b[row + 2] = 0;
        b[row + 3] = 5;
        Path f = dir.resolve("cut.fits");
        Files.write(f, b);
        DrpException e = assertThrows(DrpException.class, () -> read(f, 1));
        assertEquals(FitsErrorCode.FITS_CORRUPT_DATA, e.code());
        assertTrue(e.getMessage().contains("tile 11"), e.getMessage());
        b[row + 3] = 0;
        b[row + 4] = 0x7F; // offset far beyond the heap
        Files.write(f, b);
        e = assertThrows(DrpException.class, () -> read(f, 1));
        assertEquals(FitsErrorCode.FITS_CORRUPT_DATA, e.code());
        assertTrue(e.getMessage().contains("outside the data unit"), e.getMessage());
    }

    @Test
    void aCompressedFileCutShortIsTruncatedOnOpen(@TempDir Path dir) throws IOException {
        byte[] m13 = Files.readAllBytes(SharedData.require("fits/m13_rice.fits"));
        Path f = dir.resolve("cut.fits");
        Files.write(f, java.util.Arrays.copyOf(m13, m13.length - 3 * 2880));
        DrpException e = assertThrows(DrpException.class, () -> FitsReader.open(f));
        assertEquals(FitsErrorCode.FITS_TRUNCATED, e.code());
        assertEquals(1, e.location().hdu());
    }
}
