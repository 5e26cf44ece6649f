package org.drpkit.fits.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.drpkit.fits.testing.FitsBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that made the validator throw in its HDU walk (issue 19): each is now a report with findings. */
class ValidatorNeverThrowsTest {

    @TempDir
    Path dir;

    private ValidationReport validate(String name, byte[] bytes) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        return FitsValidator.validate(f);
    }

    private static byte[] tableWithNaxis(int naxis) {
        byte[] ok = FitsBytes.primaryAndTable();
        byte[] b = FitsBytes.replaceCard(ok, 1, "NAXIS", String.format("NAXIS   = %20d", naxis));
        if (naxis < 2) {
            b = FitsBytes.replaceCard(b, 1, "NAXIS2", "COMMENT NAXIS2 removed");
        }
        if (naxis < 1) {
            b = FitsBytes.replaceCard(b, 1, "NAXIS1", "COMMENT NAXIS1 removed");
        }
        return b;
    }

    @Test
    void binaryTableExtensionWithNaxis1IsReportedNotThrown() throws IOException {
        ValidationReport r = validate("naxis1.fits", tableWithNaxis(1));
        assertFalse(r.isValid());
        assertTrue(r.has(ValidationCode.MANDATORY_BAD_VALUE), r.toString());
        assertFalse(r.has(ValidationCode.CHECK_FAILED), r.toString());
        assertEquals(2, r.hdus().size(), "both HDUs are walked");
    }

    @Test
    void binaryTableExtensionWithNaxis0IsReportedNotThrown() throws IOException {
        ValidationReport r = validate("naxis0.fits", tableWithNaxis(0));
        assertFalse(r.isValid());
        assertTrue(r.has(ValidationCode.MANDATORY_BAD_VALUE), r.toString());
        assertFalse(r.has(ValidationCode.CHECK_FAILED), r.toString());
    }

    @Test
    void cardOverwrittenWithControlCharactersIsAFindingNotAStringIndexError() throws IOException {
        byte[] ok = FitsBytes.primaryAndTable();
        byte[] garbage = FitsBytes.replaceCard(ok, 0, "EXTEND", "EXTEND  = \t\t\u0001\u0002\t / overwritten");
        ValidationReport r = validate("garbage.fits", garbage);
        assertTrue(r.has(ValidationCode.VALUE_BAD_SYNTAX), r.toString());
        assertTrue(r.has(ValidationCode.CARD_ILLEGAL_CHARACTER), r.toString());
        assertFalse(r.has(ValidationCode.CHECK_FAILED), r.toString());
        assertEquals(2, r.hdus().size());
    }
}
