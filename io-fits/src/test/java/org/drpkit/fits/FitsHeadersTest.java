package org.drpkit.fits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.core.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FitsHeadersTest {

    private static byte[] block(String... cards) {
        StringBuilder sb = new StringBuilder();
        for (String c : cards) {
            sb.append(String.format("%-80s", c));
        }
        sb.append(String.format("%-80s", "END"));
        while (sb.length() % 2880 != 0) {
            sb.append(' ');
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void readsCardsInOrderWithTypesCommentsAndLongStrings(@TempDir Path dir) throws IOException, DrpException {
        Path f = dir.resolve("a.fits");
        Files.write(f, block("SIMPLE  =                    T / standard", "BITPIX  =                   16",
                "NAXIS   =                    0", "EXPTIME =                 10.5 / seconds",
                "OBJECT  = 'M13     '           / target", "LONGSTR = 'abc&'", "CONTINUE  'def'",
                "HISTORY made by hand", "DUP     =                    1", "DUP     =                    2"));
        List<Header> hs = FitsHeaders.readAll(f);
        assertEquals(1, hs.size());
        Header h = hs.get(0);
        assertEquals(true, h.getBoolean("SIMPLE").orElseThrow());
        assertEquals(10.5, h.getDouble("EXPTIME").orElseThrow());
        assertEquals("seconds", h.find("EXPTIME").orElseThrow().comment());
        assertEquals("M13", h.getString("OBJECT").orElseThrow().trim());
        assertEquals("abcdef", h.getString("LONGSTR").orElseThrow());
        assertEquals(Map.of("DUP", 2), h.duplicates());
        assertEquals(List.of("SIMPLE", "BITPIX", "NAXIS", "EXPTIME", "OBJECT", "LONGSTR", "DUP", "DUP"), h.keywords());
    }

    @Test
    void truncatedHeaderIsADomainErrorNamingTheHdu(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("t.fits");
        byte[] full = block("SIMPLE  =                    T", "BITPIX  =                    8",
                "NAXIS   =                    1", "NAXIS1  =                 5000");
        Files.write(f, full);
        DrpException e = assertThrows(DrpException.class, () -> FitsHeaders.readAll(f));
        assertEquals(FitsErrorCode.FITS_TRUNCATED, e.code());
        assertEquals(0, e.location().hdu());
        Files.write(f, java.util.Arrays.copyOf(full, 1000));
        assertEquals(FitsErrorCode.FITS_TRUNCATED, assertThrows(DrpException.class, () -> FitsHeaders.readAll(f)).code());
        Files.write(f, new byte[0]);
        assertEquals(FitsErrorCode.FITS_EMPTY, assertThrows(DrpException.class, () -> FitsHeaders.readAll(f)).code());
        assertEquals(FitsErrorCode.FITS_NOT_FOUND,
                assertThrows(DrpException.class, () -> FitsHeaders.readAll(dir.resolve("none.fits"))).code());
    }

    @Test
    void realNirc2RawFrameKeepsItsDuplicatedTelescop() throws DrpException {
        Path f = SharedData.require("keck/nirc2/raw_n0051_standard_1.fits");
        List<Header> hs = FitsHeaders.readAll(f);
        assertEquals(1, hs.size(), "the trailing junk block is not an HDU");
        Header h = hs.get(0);
        assertEquals(Map.of("TELESCOP", 2), h.duplicates());
        assertEquals("Telescope", h.find("TELESCOP").orElseThrow().comment());
        assertEquals("n0051.fits", h.getString("FILENAME").orElseThrow().trim());
        assertTrue(h.origin().file().endsWith("raw_n0051_standard_1.fits"));
    }

    @Test
    void multiExtensionFilesListEveryHdu() throws DrpException {
        Path f = SharedData.require("fits/astropy_o4sp040b0_raw.fits");
        assertEquals(7, FitsHeaders.readAll(f).size());
    }
}
