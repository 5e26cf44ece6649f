package org.drpkit.fits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Card;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.Mask;
import org.drpkit.core.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FitsRoundTripTest {

    private static Image random(int w, int h, long seed, float scale) {
        Random r = new Random(seed);
        float[] px = new float[w * h];
        for (int i = 0; i < px.length; i++) {
            px[i] = (float) (r.nextGaussian() * scale);
        }
        return Image.of(w, h, px);
    }

    @Test
    void floatImagesMasksAndNamedExtensionsRoundTripExactly(@TempDir Path dir) throws DrpException, IOException {
        Image rate = random(37, 11, 1, 1e3f);
        rate.set(3, 4, Float.NaN);
        Mask flags = Mask.zeros(37, 11);
        flags.set(5, 6, 0x7FFF_FFFF);
        flags.set(0, 0, -1);
        Path f = dir.resolve("p.fits");
        FitsWriter.create()
                .primary(Header.builder().add("OBJECT", "test", "what").build())
                .image("RATE", Header.empty(), rate, PixelType.FLOAT32)
                .mask("FLAGS", Header.empty(), flags)
                .write(f, false);
        try (FitsReader r = FitsReader.open(f)) {
            assertEquals(3, r.hdus().size());
            assertTrue(r.readImage("RATE").contentEquals(rate));
            assertTrue(r.readMask("flags").contentEquals(flags));
            assertEquals("test", r.hdu(0).header().getString("OBJECT").orElseThrow());
        }
        assertEquals(0, Files.size(f) % 2880);
    }

    @Test
    void unsignedSixteenBitReadsRoundTripThroughBzero(@TempDir Path dir) throws DrpException {
        float[] px = {0, 1, 32767, 32768, 65535, 12345};
        Path f = dir.resolve("u.fits");
        FitsWriter.create().image(null, Header.empty(), Image.of(3, 2, px), PixelType.UINT16).write(f, false);
        try (FitsReader r = FitsReader.open(f)) {
            HduInfo h = r.hdu(1);
            assertEquals(16, h.bitpix());
            assertEquals(32768.0, h.header().getDouble("BZERO").orElseThrow());
            assertArrayEquals(px, r.readImage(1).array());
        }
    }

    @Test
    void integerImagesMapNaNToBlankAndBack(@TempDir Path dir) throws DrpException {
        Image img = Image.of(2, 2, 1f, Float.NaN, -7f, 300f);
        Path f = dir.resolve("i.fits");
        FitsWriter.create().primaryImage(Header.empty(), img, PixelType.INT16).write(f, false);
        try (FitsReader r = FitsReader.open(f)) {
            assertEquals(-32768L, r.hdu(0).header().getLong("BLANK").orElseThrow());
            assertTrue(r.readImage(0).contentEquals(img));
        }
    }

    @Test
    void headersKeepOrderCommentsDuplicatesLongStringsAndHierarch(@TempDir Path dir) throws DrpException {
        String longText = "x".repeat(150);
        Header in = Header.builder()
                .add("TELESCOP", "Keck II", "Telescope")
                .add("TELESCOP", "Keck II", "telescope name")
                .add("EXPTIME", 1.5e-5, "seconds")
                .add("NREAD", 47L)
                .add("FLAG", false)
                .add("LONGSTR", longText, "a long string")
                .add("ESO DET DIT", 10.0, "hierarch")
                .comment("c1")
                .history("h1")
                .add("CHECKSUM", "stale")
                .build();
        Path f = dir.resolve("h.fits");
        FitsWriter.create().primary(in).write(f, false);
        Header out = FitsHeaders.readPrimary(f);
        assertEquals(Map.of("TELESCOP", 2), out.duplicates());
        assertEquals("telescope name", out.findAll("TELESCOP").get(1).comment());
        assertEquals(1.5e-5, out.getDouble("EXPTIME").orElseThrow());
        assertEquals(47L, out.getLong("NREAD").orElseThrow());
        assertEquals(false, out.getBoolean("FLAG").orElseThrow());
        assertEquals(longText, out.getString("LONGSTR").orElseThrow());
        assertEquals(10.0, out.getDouble("ESO DET DIT").orElseThrow());
        assertFalse(out.contains("CHECKSUM"), "stale checksums are dropped");
        List<String> kw = out.keywords();
        assertEquals(List.of("SIMPLE", "BITPIX", "NAXIS", "EXTEND", "TELESCOP", "TELESCOP", "EXPTIME", "NREAD", "FLAG",
                "LONGSTR", "ESO DET DIT"), kw);
        assertEquals(List.of(Card.comment("c1")), out.findAll("COMMENT"));
    }

    @Test
    void rampsStreamRowBlocksFromOneHduPerRead(@TempDir Path dir) throws DrpException {
        int w = 8;
        int h = 6;
        int n = 4;
        FitsWriter fw = FitsWriter.create().primary(Header.builder().add("NREAD", (long) n).build());
        for (int k = 0; k < n; k++) {
            float[] px = new float[w * h];
            for (int i = 0; i < px.length; i++) {
                px[i] = 1000 + 100 * k + i;
            }
            fw.image(null, Header.builder().add("DATE-OBS", "2024-01-01T00:00:" + String.format("%06.3f", 10.6 * k)).build(),
                    Image.of(w, h, px), PixelType.UINT16);
        }
        Path f = dir.resolve("apR.fits");
        fw.write(f, false);
        try (FitsRamps.Source src = FitsRamps.open(f)) {
            assertEquals(n, src.reads());
            assertArrayEquals(new double[] {0, 10.6, 21.2, 31.8}, src.readTimes(), 1e-9);
            float[][] block = new float[n][2 * w];
            src.readRows(2, 2, block);
            assertEquals(1000 + 300 + 2 * w, block[3][0]);
            assertEquals(1000 + 3 * w + 7, block[0][w + 7]);
        }
    }

    @Test
    void existingOutputIsNotOverwrittenUnlessAsked(@TempDir Path dir) throws DrpException, IOException {
        Path f = dir.resolve("x.fits");
        FitsWriter.create().primaryImage(Header.empty(), Image.filled(2, 2, 1f), PixelType.FLOAT32).write(f, false);
        byte[] before = Files.readAllBytes(f);
        DrpException e = assertThrows(DrpException.class, () -> FitsWriter.create()
                .primaryImage(Header.empty(), Image.filled(2, 2, 2f), PixelType.FLOAT32).write(f, false));
        assertEquals(FitsErrorCode.OUTPUT_EXISTS, e.code());
        assertArrayEquals(before, Files.readAllBytes(f));
        FitsWriter.create().primaryImage(Header.empty(), Image.filled(2, 2, 2f), PixelType.FLOAT32).write(f, true);
        try (FitsReader r = FitsReader.open(f)) {
            assertEquals(2f, r.readImage(0).get(1, 1));
        }
    }

    @Test
    void failedWriteLeavesNothingBehind(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bad.fits");
        Header bad = Header.builder().add("NONASCII", "caf\u00e9").build();
        DrpException e = assertThrows(DrpException.class, () -> FitsWriter.create().primary(bad).write(f, false));
        assertEquals(FitsErrorCode.FITS_BAD_HEADER, e.code());
        assertEquals("NONASCII", e.location().keyword());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(), s.toList(), "no target and no temporary file");
        }
    }

    @Test
    void realFilesDecodeSignedAndUnsignedIntegers() throws DrpException {
        Path m13 = SharedData.require("fits/m13.fits");
        try (FitsReader r = FitsReader.open(m13)) {
            Image img = r.readImage(0);
            assertEquals(300, img.width());
            assertTrue(img.toString().contains("NaN=0"));
        }
        Path stis = SharedData.require("fits/astropy_o4sp040b0_raw.fits");
        try (FitsReader r = FitsReader.open(stis)) {
            HduInfo sci = r.hdu(1);
            assertEquals(32768.0, sci.header().getDouble("BZERO").orElseThrow());
            Image img = r.readImage(1);
            float min = Float.MAX_VALUE;
            for (float v : img.array()) {
                min = Math.min(min, v);
            }
            assertTrue(min >= 0, "uint16 data are non-negative after BZERO");
        }
    }

    @Test
    void askingForAnImageFromATableOrMissingHduIsADomainError() throws DrpException {
        Path f = SharedData.require("fits/astropy_checksum.fits");
        try (FitsReader r = FitsReader.open(f)) {
            assertEquals(FitsErrorCode.FITS_WRONG_DATA, assertThrows(DrpException.class, () -> r.readImage(1)).code());
            assertEquals(FitsErrorCode.FITS_NO_SUCH_HDU, assertThrows(DrpException.class, () -> r.readImage(9)).code());
            assertEquals(FitsErrorCode.FITS_NO_SUCH_HDU, assertThrows(DrpException.class, () -> r.readImage("NOPE")).code());
        }
    }
}
