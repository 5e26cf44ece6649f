package org.drpkit.fits.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.testing.SharedData;
import org.drpkit.fits.FitsErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archive's own metadata tables (koa-gold) are the truth for the format. */
class IpacTableTest {

    static final String KB = "keck/koa-gold/KB.20190509.07554.57.metadata.table";
    static final String NR = "keck/koa-gold/NR.20190615.12571.36.metadata.table";

    @Test
    void goldTablesRoundTripByteForByte(@TempDir Path dir) throws IOException, DrpException {
        for (String gold : List.of(KB, NR)) {
            Path src = SharedData.require(gold);
            IpacTable t = IpacTable.read(src);
            assertArrayEquals(Files.readAllBytes(src), t.bytes(), gold);
            Path out = dir.resolve(src.getFileName());
            t.write(out, false);
            assertEquals(-1, Files.mismatch(src, out), gold);
        }
    }

    /** Facts of koa-dep section 5.7, counted from the gold file. */
    @Test
    void kcwiGoldHasTheDocumentedColumnsAndValues() throws DrpException {
        IpacTable t = IpacTable.read(SharedData.require(KB));
        assertEquals(422, t.columns().size());
        assertEquals(List.of(32, 16, 16, 8, 69, 32), t.columns().subList(0, 6).stream().map(IpacColumn::width).toList());
        assertEquals(178, t.columns().stream().filter(c -> c.type().equals("char")).count());
        assertEquals(129, t.columns().stream().filter(c -> c.type().equals("integer")).count());
        assertEquals(115, t.columns().stream().filter(c -> c.type().equals("double")).count());
        assertEquals(List.of("KOAID", "PROPINT", "FILESIZE_MB", "TELESCOP", "KOAIMTYP", "PROGID", "PROGINST", "PROGPI",
                "DATE-OBS", "DATLEVEL", "FRAMENO", "INSTRUME", "OFNAME", "OUTDIR", "SEMESTER", "UT"),
                t.columns().stream().filter(c -> !c.nullable()).map(IpacColumn::name).toList());
        assertEquals(1, t.rows().size());
        assertEquals(73, t.rows().get(0).stream().filter(IpacTable.NULL::equals).count());
        assertEquals("KB.20190509.07554.57.fits", t.value(0, "KOAID"));
        assertEquals("bias", t.value(0, "KOAIMTYP"));
        assertEquals("10074.61", t.value(0, "IMAGEMN"));
        assertEquals("The FLASHES Survey - Witnessing Galaxy Formation", t.value(0, "PROGTITL"));
        assertEquals("03:52:00.00", t.value(0, "RA"));
    }

    @Test
    void niresGoldHasTheDocumentedColumnsAndValues() throws DrpException {
        IpacTable t = IpacTable.read(SharedData.require(NR));
        assertEquals(223, t.columns().size());
        assertEquals(1, t.columns().stream().filter(c -> c.type().equals("date")).count());
        assertEquals("-4.16500198582894e-05", t.value(0, "CD1_1"));
        assertEquals("2700.0", t.value(0, "SPECRES"));
        assertEquals(IpacTable.NULL, t.value(0, "FILTER"));
        assertEquals("deKleer", t.value(0, "PROGPI"));
    }

    @Test
    void headerAndDataRowsFollowTheArchiveLayout() {
        IpacTable t = IpacTable.of(List.of(new IpacColumn("KOAID", "char", 12, false, ""),
                new IpacColumn("EXPTIME", "double", 8, true, "")), List.of(List.of("X.1", "1e-05"), List.of("Y", "null")));
        assertEquals("|KOAID       |EXPTIME |\n|char        |double  |\n|            |        |\n|            |null    |\n"
                + " X.1          1e-05   \n Y            null    \n", t.text());
    }

    @Test
    void anExistingTableIsNotReplacedUnlessAsked(@TempDir Path dir) throws IOException, DrpException {
        IpacTable t = IpacTable.read(SharedData.require(NR));
        Path out = dir.resolve("x.metadata.table");
        Files.writeString(out, "earlier product\n");
        DrpException e = assertThrows(DrpException.class, () -> t.write(out, false));
        assertEquals(FitsErrorCode.OUTPUT_EXISTS, e.code());
        assertEquals("earlier product\n", Files.readString(out));
        t.write(out, true);
        assertArrayEquals(t.bytes(), Files.readAllBytes(out));
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temporary file left behind");
        }
    }

    @Test
    void malformedTablesAreDomainErrorsNamingTheLine() {
        DrpException e = assertThrows(DrpException.class, () -> IpacTable.parse("t", "|A|\n|char|\n|  |\n|  |\n"));
        assertEquals(TableErrorCode.TABLE_MALFORMED, e.code());
        e = assertThrows(DrpException.class, () -> IpacTable.parse("t", "|A   |\n|char|\n"));
        assertEquals(TableErrorCode.TABLE_MALFORMED, e.code());
        e = assertThrows(DrpException.class, () -> IpacTable.parse("t", "|A   |\n|char|\n|    |\n|nul |\n x\n"));
        assertEquals("[TABLE_MALFORMED] t: line 4: the null row holds 'nul' for column A", e.getMessage());
        assertEquals(FitsErrorCode.FITS_NOT_FOUND,
                assertThrows(DrpException.class, () -> IpacTable.read(Path.of("/no/such.table"))).code());
    }
}
