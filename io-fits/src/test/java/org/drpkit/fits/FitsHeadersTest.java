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
import org.drpkit.core.error.Location;
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

    /**
     * Every card of every header in {@code ../shared/data} (when present) and of a set of awkward cards parses to the
     * same {@link Header} through one stream per header as through nom-tam-fits' {@code HeaderCard.create} per card
     * (the parse before; the truth here).
     */
    @Test
    void cardsParsedThroughOneStreamEqualThoseParsedOneByOne() throws IOException, DrpException {
        List<List<String>> headers = new java.util.ArrayList<>();
        headers.add(List.of("SIMPLE  =                    T / standard", "BITPIX  =                  -32",
                "NAXIS   =                    0", "INT     =                  -17 / an int", "BIG     = "
                        + "123456789012345678901234567890", "DEXP    =              1.5D-03 / Fortran",
                "REAL    =                 .5E3", "CPLX    = (1.0, 2.0) / complex", "EMPTY   =", "NOVALUE =     / c",
                "STR     = 'it''s  '  / quote inside", "AMP     = 'a&b'    / ampersand inside",
                "LONG    = 'first part&'  / long", "CONTINUE  'second&'", "CONTINUE  'third' / last comment",
                "NOEQUALS  words without an equals sign", "        blank keyword text", "COMMENT  kept as written",
                "HIERARCH ESO DET CHIP = 'x' / hierarch", "LOWER   = t", "ODD     = 12abc / not a number",
                "LONGNUM =  1.23456789012345678901234567890E+05", "TRAILING= 'x       '", "AFTER   =  3"));
        headers.add(List.of("SIMPLE  =                    T", "BAD     = 'unclosed", "NEXT    =                    1"));
        if (SharedData.available()) {
            try (java.util.stream.Stream<Path> s = Files.walk(SharedData.dir())) {
                for (Path f : s.filter(p -> p.toString().endsWith(".fits")).sorted().toList()) {
                    byte[] bytes = Files.readAllBytes(f);
                    for (HduInfo h : FitsHeaders.scanReadable(f).hdus()) {
                        List<String> images = new java.util.ArrayList<>();
                        for (long p = h.headerOffset(); p < h.dataOffset(); p += 80) {
                            String image = new String(bytes, (int) p, 80, StandardCharsets.ISO_8859_1);
                            if (image.startsWith("END") && image.substring(3).isBlank()) {
                                break;
                            }
                            images.add(image);
                        }
                        headers.add(images);
                    }
                }
            }
        }
        int cards = 0;
        for (List<String> images : headers) {
            List<String> padded = images.stream().map(c -> String.format("%-80s", c)).toList();
            Object expected;
            Object actual;
            try {
                expected = List.copyOf(FitsHeaders.toHeader(padded, Location.NOWHERE, false).cards());
            } catch (DrpException e) {
                expected = e.getMessage();
            }
            try {
                actual = List.copyOf(FitsHeaders.toHeader(padded, Location.NOWHERE, true).cards());
            } catch (DrpException e) {
                actual = e.getMessage();
            }
            assertEquals(expected, actual, String.join("\n", padded));
            cards += padded.size();
        }
        assertTrue(cards >= (SharedData.available() ? 1000 : 27), "cards compared: " + cards);
    }
}
