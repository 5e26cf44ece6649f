package org.drpkit.fits.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Image;
import org.drpkit.core.testing.SharedData;
import org.drpkit.fits.FitsWriter;
import org.drpkit.fits.PixelType;
import org.drpkit.fits.checksum.FitsChecksums;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

class FitsValidatorTest {

    @TempDir
    Path dir;

    /** Each built file carries one defect; the defect is the truth the report must name. */
    @TestFactory
    Stream<DynamicTest> eachBuiltDefectIsReportedWithItsCode() {
        return MalformedFits.all().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            ValidationReport r = FitsValidator.validate(c.write(dir));
            if (c.expected() == null) {
                assertTrue(r.findings().isEmpty(), r.toString());
            } else {
                assertTrue(r.has(c.expected()), c.expected() + " expected in\n" + r);
                assertFalse(r.isValid(), r.toString());
            }
        }));
    }

    @Test
    void filesDrpkitWritesAreValid() throws DrpException {
        Path f = dir.resolve("w.fits");
        FitsWriter.create().primary(Header.builder().add("OBJECT", "x").add("EXPTIME", 1.5).build())
                .image("SCI", Header.empty(), Image.zeros(17, 9), PixelType.FLOAT32)
                .image("RAW", Header.empty(), Image.zeros(17, 9), PixelType.UINT16).write(f, false);
        ValidationReport r = FitsValidator.validate(f);
        assertTrue(r.findings().isEmpty(), r.toString());
        assertEquals(3, r.hdus().size());
        assertEquals("IMAGE", r.hdus().get(2).type());
        assertEquals(17 * 9 * 2, r.hdus().get(2).dataBytes());
    }

    @Test
    void realNirc2CalibrationFrameHasItsCdMatrixWrittenAsStrings() {
        ValidationReport r = FitsValidator.validate(SharedData.require("keck/nirc2/dark_512_512_3_4_10.0_1.fits"));
        List<String> wrong = new ArrayList<>();
        for (Finding f : r.errors()) {
            assertEquals(ValidationCode.KEYWORD_WRONG_TYPE, f.code(), f.toString());
            wrong.add(f.keyword());
        }
        assertEquals(List.of("CD1_1", "CD1_2", "CD2_1", "CD2_2"), wrong, "the four errors fitsverify reports");
        assertTrue(r.warnings().stream().anyMatch(w -> w.code() == ValidationCode.KEYWORD_DUPLICATED
                && w.keyword().equals("TELESCOP")), r.toString());
    }

    /** fitsverify: a NUL after END, a non-blank header fill, a bad data fill, and a junk block after the HDU. */
    @Test
    void realNirc2RawFrameGetsEveryDefectInOneReport() {
        ValidationReport r = FitsValidator.validate(SharedData.require("keck/nirc2/raw_n0051_standard_1.fits"));
        assertTrue(r.has(ValidationCode.HEADER_FILL_NOT_BLANK), r.toString());
        assertTrue(r.has(ValidationCode.DATA_FILL_INVALID), r.toString());
        assertTrue(r.has(ValidationCode.TRAILING_BYTES), r.toString());
        assertEquals(1, r.hdus().size());
        assertEquals("BITPIX=32 512x512", r.hdus().get(0).description());
    }

    @Test
    void astropyVerifyFileHasNaxisBeforeBitpixAndIsStillWalked() {
        ValidationReport r = FitsValidator.validate(SharedData.require("fits/astropy_verify.fits"));
        assertTrue(r.has(ValidationCode.MANDATORY_OUT_OF_ORDER), r.toString());
        assertEquals(1, r.hdus().size(), "the HDU is still located and summarised");
        assertTrue(r.hdus().get(0).dataBytes() >= 0);
    }

    @Test
    void astropyZeroWidthFileHasArrayKeywordsInItsUvTable() {
        ValidationReport r = FitsValidator.validate(SharedData.require("fits/astropy_zerowidth.fits"));
        assertEquals(6, r.hdus().size());
        List<String> keys = new ArrayList<>();
        for (Finding f : r.errors()) {
            assertEquals(5, f.hdu(), f.toString());
            keys.add(f.keyword());
        }
        assertEquals(List.of("BSCALE", "BZERO", "BUNIT"), keys);
    }

    @Test
    void independentDefectsInSeveralHdusAreAllReported() throws IOException {
        byte[] bytes = MalformedFits.cat(
                MalformedFits.header(MalformedFits.plus(MalformedFits.EMPTY_PRIMARY, "object  = 'x'")),
                MalformedFits.header(MalformedFits.plus(MalformedFits.IMAGE, "EXTEND  =                    T",
                        "CRVAL1  = '1.0'")), MalformedFits.data(8, (byte) 7),
                MalformedFits.header(MalformedFits.replace(MalformedFits.BINTABLE, 8, "TFORM1  = 'Q9      '")),
                MalformedFits.data(24), new byte[100]);
        Path f = dir.resolve("many.fits");
        Files.write(f, bytes);
        ValidationReport r = FitsValidator.validate(f);
        assertTrue(r.findingsFor(0).stream().anyMatch(x -> x.code() == ValidationCode.KEYWORD_ILLEGAL_NAME));
        assertTrue(r.findingsFor(1).stream().anyMatch(x -> x.code() == ValidationCode.KEYWORD_NOT_ALLOWED));
        assertTrue(r.findingsFor(1).stream().anyMatch(x -> x.code() == ValidationCode.KEYWORD_WRONG_TYPE));
        assertTrue(r.findingsFor(1).stream().anyMatch(x -> x.code() == ValidationCode.DATA_FILL_INVALID));
        assertTrue(r.findingsFor(2).stream().anyMatch(x -> x.code() == ValidationCode.TABLE_BAD_COLUMN));
        assertTrue(r.findingsFor(-1).stream().anyMatch(x -> x.code() == ValidationCode.TRAILING_BYTES));
        assertEquals(3, r.hdus().size());
    }

    @Test
    void checksumsAreVerifiedWhenPresent() throws IOException, DrpException {
        Path f = dir.resolve("c.fits");
        Files.copy(SharedData.require("fits/astropy_checksum.fits"), f);
        assertTrue(FitsValidator.validate(f).isValid());
        byte[] b = Files.readAllBytes(f);
        b[b.length - 2880 + 3] ^= 1; // inside the table's data unit (the last block)
        Files.write(f, b);
        ValidationReport r = FitsValidator.validate(f);
        assertTrue(r.has(ValidationCode.DATASUM_MISMATCH), r.toString());
        assertTrue(r.has(ValidationCode.CHECKSUM_MISMATCH), r.toString());
        assertTrue(FitsValidator.validate(f, new ValidatorOptions(false, true)).isValid(), "checksums off");
        FitsChecksums.update(f, java.time.Clock.systemUTC(), true);
        assertTrue(FitsValidator.validate(f).isValid());
    }

    /** One pass serves both: a 7-byte row (not a multiple of the 4-byte checksum word) checked and summed. */
    @Test
    void tableContentAndChecksumsAreCheckedInTheSamePass() throws IOException, DrpException {
        String[] cols = MalformedFits.replace(MalformedFits.replace(MalformedFits.replace(MalformedFits.BINTABLE, 3,
                "NAXIS1  =                    7"), 8, "TFORM1  = '3A      '"), 9, "TFORM2  = 'J       '");
        Path f = dir.resolve("t.fits");
        Files.write(f, MalformedFits.cat(MalformedFits.header(MalformedFits.EMPTY_PRIMARY), MalformedFits.header(cols),
                MalformedFits.data(21)));
        FitsChecksums.update(f, java.time.Clock.systemUTC(), false);
        ValidationReport r = FitsValidator.validate(f);
        assertEquals(List.of(ValidationCode.TABLE_BAD_DATA), r.errors().stream().map(Finding::code).toList(),
                r.toString());
        assertTrue(r.errors().get(0).message().startsWith("2 of 3 rows of column 1 (3A)"), r.toString());
        byte[] b = Files.readAllBytes(f);
        b[b.length - 2880 + 20] ^= 1; // the last row's J column
        Files.write(f, b);
        ValidationReport broken = FitsValidator.validate(f);
        assertTrue(broken.has(ValidationCode.DATASUM_MISMATCH) && broken.has(ValidationCode.TABLE_BAD_DATA),
                broken.toString());
    }

    @Test
    void absentFilesAndDirectoriesAreFindingsNotExceptions() {
        ValidationReport r = FitsValidator.validate(dir.resolve("none.fits"));
        assertEquals(ValidationCode.FILE_NOT_FOUND, r.findings().get(0).code());
        assertEquals(-1, r.findings().get(0).hdu());
        ValidationReport d = FitsValidator.validate(dir);
        assertFalse(d.isValid());
        assertEquals(ValidationCode.FILE_UNREADABLE, d.findings().get(0).code());
    }

    /** Random damage (bytes overwritten with printable or any bytes, cuts) never makes the validator throw. */
    @Test
    void randomlyDamagedFilesNeverThrow() throws IOException {
        byte[] base = MalformedFits.cat(MalformedFits.header(MalformedFits.EMPTY_PRIMARY),
                MalformedFits.header(MalformedFits.IMAGE), MalformedFits.data(8),
                MalformedFits.header(MalformedFits.BINTABLE), MalformedFits.data(24));
        java.util.Random r = new java.util.Random(99);
        Path f = dir.resolve("fuzz.fits");
        String printable = "0123456789 =/'TF()-+.E XTENSIONAXIS";
        for (int i = 0; i < 2000; i++) {
            byte[] b = base.clone();
            for (int k = r.nextInt(8); k >= 0; k--) {
                int at = r.nextInt(b.length);
                b[at] = r.nextBoolean() ? (byte) printable.charAt(r.nextInt(printable.length())) : (byte) r.nextInt();
            }
            if (r.nextInt(4) == 0) {
                b = java.util.Arrays.copyOf(b, r.nextInt(b.length));
            }
            Files.write(f, b);
            ValidationReport rep = FitsValidator.validate(f); // must not throw
            assertEquals(b.length, rep.size());
            if (b.length % 2880 != 0) {
                assertFalse(rep.isValid(), "a size that is not a multiple of 2880 is always an error\n" + rep);
            }
        }
    }

    @Test
    void aFloodOfIdenticalFindingsIsCappedAndCounted() throws IOException {
        String[] cards = MalformedFits.PRIMARY;
        for (int i = 0; i < 120; i++) {
            cards = MalformedFits.plus(cards, String.format("K%03d    = 'caf\u00e9'", i));
        }
        Path f = dir.resolve("flood.fits");
        Files.write(f, MalformedFits.cat(MalformedFits.header(cards), MalformedFits.data(100)));
        ValidationReport r = FitsValidator.validate(f);
        long listed = r.findings().stream().filter(x -> x.code() == ValidationCode.CARD_ILLEGAL_CHARACTER).count();
        assertEquals(Findings.CAP_PER_CODE + 1, listed);
        assertTrue(r.findings().get(r.findings().size() - 1).message().contains("120 in all"));
    }

    @Test
    void reportReadsLikeAPerHduListing() {
        ValidationReport r = FitsValidator.validate(SharedData.require("keck/nirc2/raw_n0051_standard_1.fits"));
        String text = r.toString();
        assertTrue(text.contains("HDU 0 PRIMARY BITPIX=32 512x512"), text);
        assertTrue(text.contains("ERROR TRAILING_BYTES file:"), text);
        assertTrue(text.endsWith("3 errors, 1 warning\n"), text);
    }
}
