package org.drpkit.fits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Image;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The binary-table writer read back by nom-tam-fits, and the header scan that files broken files. */
class TableAndScanTest {

    @TempDir
    Path dir;

    @Test
    void tableColumnsReadBackByNomTamWithNamesUnitsAndNulls() throws Exception {
        Path f = dir.resolve("t.fits");
        FitsWriter.create().table("FILES", Header.builder().add("ORIGIN", "test").build(), List.of(
                TableColumn.texts("PATH", "", Arrays.asList("a.fits", null, "ccc/ddd.fits")),
                TableColumn.nullable("SIZE", "byte", Arrays.asList(2880L, null, 5760L)),
                TableColumn.doubles("EXPTIME", "s", new double[] {1.5, Double.NaN, 300}))).write(f, false);
        try (Fits fits = new Fits(f.toFile())) {
            BinaryTableHDU t = (BinaryTableHDU) fits.getHDU(1);
            assertEquals("FILES", t.getHeader().getStringValue("EXTNAME"));
            assertEquals("test", t.getHeader().getStringValue("ORIGIN"));
            assertEquals(3, t.getNRows());
            assertEquals("PATH", t.getColumnName(0));
            assertEquals("byte", t.getHeader().getStringValue("TUNIT2"));
            assertEquals("ccc/ddd.fits", t.getData().getElement(2, 0) instanceof String s ? s.trim()
                    : new String((char[]) t.getData().getElement(2, 0)).trim());
            assertArrayEquals(new long[] {2880L, TableColumn.NULL_LONG, 5760L}, (long[]) t.getData().getColumn(1));
            assertEquals(TableColumn.NULL_LONG, t.getHeader().getLongValue("TNULL2"));
            double[] e = (double[]) t.getData().getColumn(2);
            assertTrue(Double.isNaN(e[1]));
            assertEquals(300.0, e[2]);
        }
        assertThrows(IllegalArgumentException.class, () -> FitsWriter.create().table("X", Header.empty(),
                List.of(TableColumn.longs("A", "", new long[2]), TableColumn.longs("B", "", new long[3]))));
    }

    @Test
    void scanReadableKeepsTheHeadersBeforeATruncationAndNamesItsHdu() throws IOException, DrpException {
        Path f = dir.resolve("cut.fits");
        FitsWriter.create().primary(Header.builder().add("OBJECT", "x").build())
                .image("A", Header.empty(), Image.zeros(40, 40), PixelType.FLOAT32)
                .image("B", Header.empty(), Image.zeros(40, 40), PixelType.FLOAT32).write(f, false);
        HeaderScan whole = FitsHeaders.scanReadable(f);
        assertTrue(whole.isComplete());
        assertEquals(3, whole.hdus().size());
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
            ch.truncate(Files.size(f) - 2880);
        }
        HeaderScan cut = FitsHeaders.scanReadable(f);
        assertFalse(cut.isComplete());
        assertEquals(3, cut.hdus().size(), "HDU 2's header is read although its data is cut short");
        DrpException p = cut.problem().orElseThrow();
        assertEquals(FitsErrorCode.FITS_TRUNCATED, p.code());
        assertEquals(2, p.location().hdu());
        DrpException thrown = assertThrows(DrpException.class, () -> FitsHeaders.scan(f));
        assertEquals(p.getMessage(), thrown.getMessage(), "scan throws what scanReadable reports");
        assertEquals(FitsErrorCode.FITS_NOT_FOUND,
                FitsHeaders.scanReadable(dir.resolve("none.fits")).problem().orElseThrow().code());
    }
}
