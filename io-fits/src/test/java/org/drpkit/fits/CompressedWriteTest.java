package org.drpkit.fits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Image;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Writing RICE_1 images: truth is the image written, as CFITSIO (funpack, fpack) and astropy read or write it. */
class CompressedWriteTest {

    /** Detector-like integers: sigma-10 noise on a level, a hot column, saturated pixels, a NaN (BLANK). */
    static Image detectorImage(int w, int h, PixelType type, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] px = new float[w * h];
        float level = switch (type) {
            case UINT8 -> 120;
            case INT16 -> -500;
            case UINT16 -> 20000;
            default -> 1_000_000;
        };
        float max = switch (type) {
            case UINT8 -> 254;
            case INT16 -> 32767;
            case UINT16 -> 65535;
            default -> 2_000_000_000;
        };
        for (int i = 0; i < px.length; i++) {
            px[i] = Math.round(level + 10 * r.nextGaussian());
        }
        for (int y = 0; y < h; y++) {
            px[y * w + 7] = max; // a saturated column
        }
        px[3 * w + 11] = Float.NaN;
        return Image.of(w, h, px);
    }

    private static Image read(Path f, int hdu) throws DrpException {
        try (FitsReader r = FitsReader.open(f)) {
            return r.readImage(hdu);
        }
    }

    @ParameterizedTest
    @CsvSource({"UINT8,1,32", "INT16,1,32", "UINT16,1,32", "INT32,1,32", "UINT16,16,16", "INT32,7,32"})
    void riceImagesRoundTripExactlyThroughTheReader(PixelType type, int rows, int block, @TempDir Path dir)
            throws DrpException {
        Image img = detectorImage(301, 53, type, 1);
        Path f = dir.resolve("r.fits");
        FitsWriter.create().compressedImage("SCI", Header.builder().add("OBJECT", "m13").build(), img, type,
                new TileCompression(TileCompression.Algorithm.RICE_1, rows, block)).write(f, false);
        try (FitsReader r = FitsReader.open(f)) {
            HduInfo h = r.hdu("SCI");
            assertTrue(h.isCompressedImage());
            assertEquals("m13", h.imageHeader().getString("OBJECT").orElseThrow());
            assertTrue(r.readImage("SCI").contentEquals(img));
        }
    }

    @ParameterizedTest
    @EnumSource(value = PixelType.class, names = {"UINT8", "INT16", "UINT16", "INT32"})
    void funpackRestoresRiceImagesExactly(PixelType type, @TempDir Path dir) throws IOException, DrpException {
        External.requireTool("funpack");
        Image img = detectorImage(257, 31, type, 2);
        Path f = dir.resolve("r.fits.fz");
        FitsWriter.create().compressedImage("SCI", Header.empty(), img, type, TileCompression.rice()).write(f, false);
        Path back = dir.resolve("back.fits");
        External.run(dir, "funpack", "-O", back.toString(), f.toString());
        try (FitsReader r = FitsReader.open(back)) {
            assertEquals(type.bitpix(), r.hdu(1).bitpix());
            assertTrue(r.readImage(1).contentEquals(img));
        }
    }

    @Test
    void funpackRestoresACompressedPrimaryAsThePrimaryArray(@TempDir Path dir) throws IOException, DrpException {
        External.requireTool("funpack");
        Image img = detectorImage(64, 40, PixelType.INT32, 3);
        Path f = dir.resolve("p.fits.fz");
        FitsWriter.create().compressedPrimaryImage(Header.builder().add("NREAD", 47L).build(), img, PixelType.INT32,
                TileCompression.rice()).write(f, false);
        Path back = dir.resolve("p.fits");
        External.run(dir, "funpack", "-O", back.toString(), f.toString());
        try (FitsReader r = FitsReader.open(back)) {
            assertEquals(1, r.hdus().size());
            assertEquals(47L, r.hdu(0).header().getLong("NREAD").orElseThrow());
            assertTrue(r.readImage(0).contentEquals(img));
        }
    }

    @ParameterizedTest
    @EnumSource(value = PixelType.class, names = {"UINT8", "INT16", "UINT16", "INT32"})
    void astropyReadsRiceImagesExactly(PixelType type, @TempDir Path dir) throws IOException, DrpException {
        Image img = detectorImage(199, 23, type, 4);
        Path f = dir.resolve("r.fits");
        FitsWriter.create().compressedImage("SCI", Header.empty(), img, type, TileCompression.rice().withTileRows(5))
                .write(f, false);
        Path ref = dir.resolve("ref.fits");
        External.python(dir, """
                import sys
                import numpy as np
                from astropy.io import fits
                d = fits.getdata(sys.argv[1], 'SCI')
                fits.writeto(sys.argv[2], d.astype('>f4'))
                """, f.toString(), ref.toString());
        // astropy 5.2 applies BZERO but leaves BLANK unmapped in compressed integer images (it does the same for
        // fpack's output, which stores BLANK exactly as drpkit does), so the NaN pixel reads as BLANK + BZERO
        Image expected = img.copy();
        expected.set(11, 3, ImagePayload.blankFor(type) + type.bzero());
        assertTrue(read(ref, 0).contentEquals(expected));
    }

    /** CFITSIO's fpack and drpkit make the same block decisions, so every tile is the same bytes. */
    @ParameterizedTest
    @EnumSource(value = PixelType.class, names = {"INT16", "UINT16", "INT32"})
    void riceTilesAreByteIdenticalToFpack(PixelType type, @TempDir Path dir) throws IOException, DrpException {
        External.requireTool("fpack");
        Image img = detectorImage(512, 16, type, 5);
        img.set(11, 3, 17f); // no NaN: fpack would write the same BLANK, but keep the image plain
        Path plain = dir.resolve("img.fits");
        FitsWriter.create().primaryImage(Header.empty(), img, type).write(plain, false);
        External.run(dir, "fpack", plain.toString());
        Path packed = dir.resolve("img.fits.fz");
        RicePayload mine = new RicePayload(img, type, TileCompression.rice(), true);
        byte[] file = Files.readAllBytes(packed);
        try (FitsReader r = FitsReader.open(packed)) {
            HduInfo h = r.hdu(1);
            assertEquals((long) type.bytes(), h.header().getLong("ZVAL2").orElseThrow(), "BYTEPIX");
            Tiles tiles = ((TiledImageData) r.imageData(h)).tiles();
            for (int t = 0; t < 16; t++) {
                int off = (int) tiles.offset()[t];
                byte[] theirs = java.util.Arrays.copyOfRange(file, off, off + tiles.length()[t]);
                assertArrayEquals(theirs, mine.tile(t), "tile " + t);
            }
        }
    }

    @Test
    void floatingPointTypesAreNotRiceCompressed() {
        Image img = Image.zeros(4, 4);
        assertThrows(IllegalArgumentException.class, () -> FitsWriter.create().compressedImage("X", Header.empty(), img,
                PixelType.FLOAT32, TileCompression.rice()));
    }
}
