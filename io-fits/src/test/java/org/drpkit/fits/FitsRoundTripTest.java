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
import org.drpkit.core.image.MaskedImage;
import org.drpkit.core.image.Spectra;
import org.drpkit.core.error.CoreErrorCode;
import org.drpkit.core.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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

    /** Values every type holds exactly (integers within range, BLANK's value left free), plus a NaN. */
    private static Image representable(PixelType type, int w, int h) {
        Random r = new Random(type.ordinal());
        float[] px = new float[w * h];
        for (int i = 0; i < px.length; i++) {
            px[i] = switch (type) {
                case UINT8 -> r.nextInt(255); // 255 is BLANK
                case INT16 -> r.nextInt(65535) - 32767; // -32768 is BLANK
                case UINT16 -> 1 + r.nextInt(65535); // stored -32768 (physical 0) is BLANK
                case INT32 -> r.nextInt(1 << 25) - (1 << 24); // floats hold these integers exactly
                case FLOAT32, FLOAT64 -> (float) (r.nextGaussian() * 1e5);
            };
        }
        px[w + 3] = Float.NaN;
        return Image.of(w, h, px);
    }

    @ParameterizedTest
    @EnumSource(PixelType.class)
    void everyPixelTypeRoundTripsExactlyWithNaNAsBlank(PixelType type, @TempDir Path dir) throws DrpException {
        Image img = representable(type, 41, 17);
        Path f = dir.resolve("t.fits");
        FitsWriter.create().image("SCI", Header.empty(), img, type).write(f, false);
        try (FitsReader r = FitsReader.open(f)) {
            assertEquals(type.bitpix(), r.hdu("SCI").bitpix());
            assertEquals(type.isInteger(), r.hdu("SCI").header().contains("BLANK"), "BLANK only for integers");
            assertTrue(r.readImage("SCI").contentEquals(img), type.toString());
        }
    }

    @Test
    void maskedImagesRoundTripThroughFluxIvarAndMaskExtensions(@TempDir Path dir) throws DrpException {
        Image flux = random(64, 32, 7, 100f);
        Image ivar = random(64, 32, 8, 1f);
        Mask mask = Mask.zeros(64, 32);
        mask.set(5, 5, 16384 | 128);
        mask.set(63, 31, -1);
        Path f = dir.resolve("m.fits");
        FitsWriter.create().maskedImage(MaskedImage.of(flux, ivar, mask)).write(f, false);
        try (FitsReader r = FitsReader.open(f)) {
            assertEquals(List.of("FLUX", "IVAR", "MASK"), List.of(r.hdu(1).extname().orElseThrow(),
                    r.hdu(2).extname().orElseThrow(), r.hdu(3).extname().orElseThrow()));
            MaskedImage back = r.readMaskedImage();
            assertTrue(back.flux().contentEquals(flux) && back.ivar().contentEquals(ivar)
                    && back.mask().contentEquals(mask));
        }
    }

    @Test
    void spectraRoundTripWithDoubleWavelengthsAndWithout(@TempDir Path dir) throws DrpException {
        int fibres = 5;
        int pixels = 300;
        Random r = new Random(3);
        float[] flux = new float[fibres * pixels];
        float[] ivar = new float[fibres * pixels];
        int[] mask = new int[fibres * pixels];
        double[] wave = new double[fibres * pixels];
        for (int i = 0; i < flux.length; i++) {
            flux[i] = (float) r.nextGaussian();
            ivar[i] = r.nextFloat();
            mask[i] = r.nextInt();
            wave[i] = 16960 - 0.2363456789012345 * (i % pixels) + 1e-7 * (i / pixels); // beyond float precision
        }
        Spectra s = Spectra.of(fibres, pixels, flux, ivar, mask, null).withWavelength(wave);
        Path f = dir.resolve("s.fits");
        FitsWriter.create().spectra(s).write(f, false);
        try (FitsReader rd = FitsReader.open(f)) {
            Spectra back = rd.readSpectra();
            assertEquals(fibres, back.fibres());
            assertEquals(pixels, back.pixels());
            assertArrayEquals(flux, back.flux());
            assertArrayEquals(ivar, back.ivar());
            assertArrayEquals(mask, back.mask());
            assertArrayEquals(wave, back.wavelength().orElseThrow(), 0.0);
            assertEquals(-64, rd.hdu("WAVE").bitpix());
        }
        Path g = dir.resolve("nowave.fits");
        FitsWriter.create().spectra(Spectra.of(fibres, pixels, flux, ivar, mask, null)).write(g, false);
        try (FitsReader rd = FitsReader.open(g)) {
            assertTrue(rd.readSpectra().wavelength().isEmpty());
        }
    }

    /** A real apVisit: 3 chips x 4096 px, float flux and error, int16 mask, float64 wavelength (DR13 r6). */
    @Test
    void realApVisitSpectraReadAndRoundTrip(@TempDir Path dir) throws DrpException {
        Path f = SharedData.require("apogee/apVisit-2M00452143+1634446-0.fits");
        Spectra s;
        try (FitsReader r = FitsReader.open(f)) {
            Image flux = r.readImage(1);
            Image err = r.readImage(2);
            Mask mask = r.readMask(3);
            double[] wave = r.readDoubles(4);
            assertEquals(4096, flux.width());
            assertEquals(3, flux.height());
            float[] ivar = new float[err.pixelCount()];
            for (int i = 0; i < ivar.length; i++) {
                float e = err.array()[i];
                ivar[i] = e > 0 ? 1 / (e * e) : 0;
            }
            for (int chip = 0; chip < 3; chip++) { // APOGEE: 15100..17000 A, falling along x within a chip
                double first = wave[chip * 4096];
                double last = wave[chip * 4096 + 4095];
                assertTrue(first > last && last > 15000 && first < 17100, "chip " + chip + ": " + first + ".." + last);
            }
            s = Spectra.of(3, 4096, flux.array(), ivar, mask.array(), wave);
        }
        Path g = dir.resolve("apVisit-copy.fits");
        FitsWriter.create().primary(Header.empty()).spectra(s).write(g, false);
        try (FitsReader r = FitsReader.open(g)) {
            Spectra back = r.readSpectra();
            assertArrayEquals(s.flux(), back.flux());
            assertArrayEquals(s.ivar(), back.ivar());
            assertArrayEquals(s.mask(), back.mask());
            assertArrayEquals(s.wavelength().orElseThrow(), back.wavelength().orElseThrow(), 0.0);
        }
    }

    @Test
    void realOneDimensionalApStarImagesReadAsOneRow() throws DrpException {
        Path f = SharedData.require("apogee/apStar-r6-2M03290406+3117075.fits");
        try (FitsReader r = FitsReader.open(f)) {
            Image flux = r.readImage(1);
            assertEquals(8575, flux.width());
            assertEquals(1, flux.height());
        }
    }

    @Test
    void multiHduProductsKeepOrderNamesAndKinds(@TempDir Path dir) throws DrpException {
        Image rate = random(40, 30, 9, 10f);
        Mask flags = Mask.zeros(40, 30);
        Image raw = Image.filled(40, 30, 1234f);
        Path f = dir.resolve("prod.fits");
        FitsWriter.create().primary(Header.builder().add("EXPTYPE", "OBJECT").build())
                .image("RATE", Header.empty(), rate, PixelType.FLOAT32)
                .mask("FLAGS", Header.empty(), flags)
                .compressedImage("RAW", Header.empty(), raw, PixelType.UINT16, TileCompression.rice())
                .cube("STACK", Header.empty(), List.of(rate, rate, rate), PixelType.FLOAT32)
                .write(f, false);
        try (FitsReader r = FitsReader.open(f)) {
            assertEquals(5, r.hdus().size());
            assertEquals(List.of("RATE", "FLAGS", "RAW", "STACK"), r.hdus().subList(1, 5).stream()
                    .map(h -> h.extname().orElse("?")).toList());
            assertTrue(r.readImage("RATE").contentEquals(rate));
            assertTrue(r.readMask("FLAGS").contentEquals(flags));
            assertTrue(r.readImage("RAW").contentEquals(raw));
            float[] plane = new float[40 * 30];
            r.readRows(r.hdu("STACK"), 2, 0, 30, plane, 0);
            assertArrayEquals(rate.array(), plane);
            assertEquals(FitsErrorCode.FITS_WRONG_DATA, assertThrows(DrpException.class,
                    () -> r.readImage("STACK")).code(), "a cube is not a 2D image");
            assertEquals(FitsErrorCode.FITS_WRONG_DATA, assertThrows(DrpException.class,
                    () -> r.readMask("RATE")).code(), "float data is not a mask");
        }
    }

    @Test
    void naxisOfTwoToThe31IsTruncationBeforeAnyAllocation(@TempDir Path dir) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String c : new String[] {"SIMPLE  =                    T", "BITPIX  =                  -32",
                "NAXIS   =                    2", "NAXIS1  =           2147483648", "NAXIS2  =           2147483648",
                "END"}) {
            sb.append(String.format("%-80s", c));
        }
        sb.append(" ".repeat(2880 - sb.length()));
        Path f = dir.resolve("huge.fits");
        Files.writeString(f, sb.toString() + "\0".repeat(2880));
        DrpException e = assertThrows(DrpException.class, () -> FitsReader.open(f));
        assertEquals(FitsErrorCode.FITS_TRUNCATED, e.code());
        assertTrue(e.getMessage().contains("huge.fits, HDU 0"), e.getMessage());
    }

    @Test
    void imagesWithinTheFileButBeyondTheLimitAreRefused(@TempDir Path dir) throws DrpException {
        Path f = dir.resolve("x.fits");
        FitsWriter.create().primaryImage(Header.empty(), Image.zeros(100, 100), PixelType.INT16).write(f, false);
        try (FitsReader r = FitsReader.open(f, 39_999)) {
            DrpException e = assertThrows(DrpException.class, () -> r.readImage(0));
            assertEquals(CoreErrorCode.SIZE_LIMIT_EXCEEDED, e.code());
            assertEquals("NAXIS2", e.location().keyword());
        }
    }
}
