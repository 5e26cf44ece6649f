package org.drpkit.fits.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import org.drpkit.core.error.CoreErrorCode;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.image.SizeGuard;
import org.drpkit.fits.testing.FitsBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ExtensionTable}: named table HDUs as the archive's {@code KOAID.ext{N}.{EXTNAME}.tbl} (koa-dep 4.10). */
class ExtensionTableTest {

    @TempDir
    Path dir;

    private Path withTable(String extname) throws Exception {
        Path f = dir.resolve("t.fits");
        try (Fits fits = new Fits()) {
            fits.addHDU(Fits.makeHDU(new float[2][3]));
            BinaryTableHDU t = (BinaryTableHDU) Fits.makeHDU(new Object[] {new int[] {1, 22}, new double[] {0.5, 1e-5},
                new String[] {"open", "closed and long enough"}});
            t.setColumnName(0, "FRAME", null);
            t.setColumnName(1, "EXPOSURE_TIME_SECONDS", null);
            t.setColumnName(2, "SHUTTER", null);
            t.addValue("EXTNAME", extname, "");
            fits.addHDU(t);
            fits.write(f.toFile());
        }
        return f;
    }

    @Test
    void aNamedBinaryTableIsWrittenWithTheArchiveLayout() throws Exception {
        List<ExtensionTable> tables = ExtensionTable.read(withTable("Exposure Events"));
        assertEquals(1, tables.size());
        ExtensionTable t = tables.get(0);
        assertEquals(1, t.hdu());
        assertEquals("KP.20240101.01234.56.ext1.Exposure_Events.tbl", t.fileName("KP.20240101.01234.56"));
        // widths: FRAME 1J -> 1 -> at least 16; EXPOSURE_TIME_SECONDS 1D -> 16, but the name has 21 characters;
        // SHUTTER 22A -> 22
        String w16 = "%-16s";
        String expected = "\\ Extended Header Name: Exposure Events\n"
                + "|" + String.format(w16, "FRAME") + "|EXPOSURE_TIME_SECONDS|" + String.format("%-22s", "SHUTTER") + "|\n"
                + "|" + String.format(w16, "char") + "|" + String.format("%-21s", "char") + "|"
                + String.format("%-22s", "char") + "|\n"
                + "|" + " ".repeat(16) + "|" + " ".repeat(21) + "|" + " ".repeat(22) + "|\n"
                + "|" + " ".repeat(16) + "|" + " ".repeat(21) + "|" + " ".repeat(22) + "|\n"
                + " " + String.format(w16, "1") + " " + String.format("%-21s", "0.5") + " "
                + String.format("%-22s", "open") + "\n"
                + " " + String.format(w16, "22") + " " + String.format("%-21s", "1e-05") + " "
                + String.format("%-22s", "closed and long enough") + "\n";
        assertEquals(expected, t.text());
    }

    @Test
    void aHostileExtnameCannotNameAFileOutsideItsFolder() throws Exception {
        ExtensionTable t = ExtensionTable.read(withTable("../../etc/passwd")).get(0);
        String name = t.fileName("KP.20240101.01234.56");
        assertEquals("KP.20240101.01234.56.ext1._._.._etc_passwd.tbl", name);
        assertFalse(name.contains("/"));
        Path resolved = dir.resolve(name).normalize();
        assertEquals(dir, resolved.getParent());
        assertEquals("_", ExtensionTable.safeName(" "));
        assertTrue(ExtensionTable.safeName(".hidden").startsWith("_"));
    }

    @Test
    void formatWidthsFollowTheArchiveRule() {
        assertEquals(20, ExtensionTable.formatWidth("A20"), "digits after the first character (ASCII TFORM)");
        assertEquals(24, ExtensionTable.formatWidth("F24.7"));
        assertEquals(32, ExtensionTable.formatWidth("32A"), "digits before the last character (binary TFORM)");
        assertEquals(16, ExtensionTable.formatWidth("1J"), "at least 16");
        assertEquals(24, ExtensionTable.formatWidth("D"), "24 without digits");
        assertEquals(24, ExtensionTable.formatWidth("1PE(100)"));
    }

    @Test
    void aFileWithoutNamedTablesHasNone() throws Exception {
        Path f = dir.resolve("img.fits");
        try (Fits fits = new Fits()) {
            fits.addHDU(Fits.makeHDU(new float[2][3]));
            fits.write(f.toFile());
        }
        assertEquals(List.of(), ExtensionTable.read(f));
    }

    @Test
    void tableWhoseRowsAndHeapExceedTheLimitIsRefusedBeforeNomTamReadsIt(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("table.fits");
        Files.write(f, FitsBytes.primaryAndTable());
        String old = System.getProperty(SizeGuard.LIMIT_PROPERTY);
        System.setProperty(SizeGuard.LIMIT_PROPERTY, "16"); // the table holds 24 bytes
        try {
            DrpException e = assertThrows(DrpException.class, () -> ExtensionTable.read(f));
            assertEquals(CoreErrorCode.SIZE_LIMIT_EXCEEDED, e.code());
            assertEquals(1, e.location().hdu());
        } finally {
            if (old == null) {
                System.clearProperty(SizeGuard.LIMIT_PROPERTY);
            } else {
                System.setProperty(SizeGuard.LIMIT_PROPERTY, old);
            }
        }
        assertEquals(1, ExtensionTable.read(f).size());
    }

    @Test
    void arrayDescriptorBeyondTheHeapIsTableMalformedBeforeNomTamSizesAnArrayFromIt(@TempDir Path dir)
            throws Exception {
        Path ok = dir.resolve("vla.fits");
        Files.write(ok, FitsBytes.arrayDescriptorTable(4));
        List<ExtensionTable> tables = ExtensionTable.read(ok);
        assertTrue(tables.get(0).text().contains("[7 8 9 10]"), tables.get(0).text());

        Path bad = dir.resolve("vla-bad.fits");
        Files.write(bad, FitsBytes.arrayDescriptorTable(Integer.MAX_VALUE)); // 8 GB of ints promised by a 16-byte heap
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean)
                java.lang.management.ManagementFactory.getThreadMXBean();
        long before = mx.getCurrentThreadAllocatedBytes();
        DrpException e = assertThrows(DrpException.class, () -> ExtensionTable.read(bad));
        assertTrue(mx.getCurrentThreadAllocatedBytes() - before < 64L << 20, "refused before allocating");
        assertEquals(TableErrorCode.TABLE_MALFORMED, e.code());
        assertEquals("TFORM1", e.location().keyword());
        assertTrue(e.getMessage().contains("row 1"), e.getMessage());
    }

    @Test
    void tableWhoseHeaderGivesATformTwiceIsRefusedBeforeNomTamReadsItsOwnChoice(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("dup-tform.fits");
        Files.write(f, FitsBytes.duplicatedTformTable());
        DrpException e = assertThrows(DrpException.class, () -> ExtensionTable.read(f));
        assertEquals(TableErrorCode.TABLE_MALFORMED, e.code());
        assertEquals("TFORM1", e.location().keyword());
        assertTrue(e.getMessage().contains("given 2 times"), e.getMessage());
    }
}
