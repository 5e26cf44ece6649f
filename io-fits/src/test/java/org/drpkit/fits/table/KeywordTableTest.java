package org.drpkit.fits.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.testing.SharedData;
import org.junit.jupiter.api.Test;

class KeywordTableTest {

    @Test
    void everyArchiveKeywordTableLoads() throws IOException, DrpException {
        Path dir = SharedData.require("keck/keyword-tables");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith("_Keyword_Table.txt")).sorted().toList();
        }
        assertEquals(14, files.size());
        for (Path f : files) {
            assertEquals(List.of(), KeywordTable.check(f), f.toString());
            KeywordTable t = KeywordTable.load(f);
            assertEquals("KOAID", t.definitions().get(0).keyword(), f.toString());
            assertTrue(t.definitions().size() > 10, f.toString());
            for (KeywordDefinition d : t.definitions()) {
                assertFalse(d.keyword().isEmpty());
            }
        }
    }

    /**
     * The NIRES table at its current version against the 2019 gold table: same 223 columns in the same order with
     * the same types; three definitions changed since (FILESIZE_MB now allows nulls, GUIDFWHM widened 16 to 24,
     * OBSERVER widened 68 to 128).
     */
    @Test
    void niresDefinitionsDescribeTheGoldTableExceptThreeLaterChanges() throws DrpException {
        KeywordTable t = KeywordTable.load(SharedData.require("keck/keyword-tables/KOA_NIRES_Keyword_Table.txt"));
        IpacTable gold = IpacTable.read(SharedData.require(IpacTableTest.NR));
        List<IpacColumn> mine = t.columns();
        assertEquals(gold.columns().size(), mine.size());
        List<String> changed = new ArrayList<>();
        for (int i = 0; i < mine.size(); i++) {
            IpacColumn g = gold.columns().get(i);
            IpacColumn m = mine.get(i);
            assertEquals(g.name(), m.name());
            assertEquals(g.type(), m.type(), g.name());
            if (!g.equals(m)) {
                changed.add(g.name());
            }
        }
        assertEquals(List.of("FILESIZE_MB", "GUIDFWHM", "OBSERVER"), changed);
        assertEquals(24, t.find("GUIDFWHM").orElseThrow().size());
    }

    @Test
    void preprocessingDropsIpacComputedRowsAndReadsQuotedCells() throws DrpException {
        String text = "FITSKeyword\tSource\tMetadataDatatype\tMetadataWidth\tNullsAllowed\tValidateFormat\tCheckValues"
                + "\tInputFormat\tMinValue\tMaxValue\tDiscreteValues\tDBDatatype\r\n"
                + "KOAID\tKOA\tchar\t32\tN\tY\tY\t\t\t\t\t\"VARCHAR2(32 BYTE)\"\r\n"
                + "PROPINT\tKOA\tinteger\t16\tN\tY\tY\t\t0\t9999\r\n"
                + "\tRA2000\tNExScI\tdouble\t11\r\n"
                + "SEMID\tNExScI\tchar\t21\tY\tN\tN\t\t\t\t\r\n"
                + "IMTYPE\tKCWI\tchar\t16\tY\tY\tY\t\t\t\t[\"Bias\", \"Object\"]\r\n";
        KeywordTable t = KeywordTable.parse("test", text);
        assertEquals(List.of("KOAID", "PROPINT", "IMTYPE"), t.definitions().stream().map(KeywordDefinition::keyword).toList());
        KeywordDefinition p = t.find("propint").orElseThrow();
        assertEquals(MetadataType.INTEGER, p.type());
        assertEquals(0.0, p.min());
        assertEquals(9999.0, p.max());
        assertFalse(p.nullable());
        assertEquals(List.of("bias", "object"), t.find("IMTYPE").orElseThrow().discrete());
    }

    @Test
    void malformedTablesNameTheRowAndColumn() {
        DrpException e = assertThrows(DrpException.class, () -> KeywordTable.parse("x.txt",
                "FITSKeyword\tMetadataDatatype\tMetadataWidth\tNullsAllowed\n"));
        assertEquals(TableErrorCode.KEYWORD_TABLE_COLUMN_MISSING, e.code());
        assertTrue(e.code().isA(TableErrorCode.KEYWORD_TABLE_INVALID));
        assertEquals("[KEYWORD_TABLE_COLUMN_MISSING] x.txt:1: the column ValidateFormat is missing (the archive fails"
                + " with METADATA_ERROR) (and 5 more: x.txt:1: KEYWORD_TABLE_COLUMN_MISSING the column CheckValues"
                + " is missing (the archive fails with METADATA_ERROR); x.txt:1: KEYWORD_TABLE_COLUMN_MISSING the"
                + " column InputFormat is missing (the archive fails with METADATA_ERROR); x.txt:1:"
                + " KEYWORD_TABLE_COLUMN_MISSING the column MinValue is missing (the archive fails with"
                + " METADATA_ERROR); ...)", e.getMessage());
        String head = "FITSKeyword\tMetadataDatatype\tMetadataWidth\tNullsAllowed\tValidateFormat\tCheckValues"
                + "\tInputFormat\tMinValue\tMaxValue\tDiscreteValues\n";
        e = assertThrows(DrpException.class, () -> KeywordTable.parse("x.txt", head + "PROPINT\tinteger\t16\tN\n"));
        assertTrue(e.getMessage().contains("first keyword must be KOAID"), e.getMessage());
        e = assertThrows(DrpException.class, () -> KeywordTable.parse("x.txt", head + "KOAID\tchar\twide\tN\n"));
        assertEquals("[KEYWORD_TABLE_INVALID] x.txt:2, keyword KOAID: MetadataWidth 'wide' is not an integer",
                e.getMessage());
        e = assertThrows(DrpException.class, () -> KeywordTable.parse("x.txt", head + "KOAID\tstring\t32\tN\n"));
        assertEquals(TableErrorCode.KEYWORD_TYPE_UNKNOWN, e.code());
        assertTrue(e.getMessage().startsWith("[KEYWORD_TYPE_UNKNOWN] x.txt:2, keyword KOAID: MetadataDatatype"
                + " 'string'"), e.getMessage());
    }

    private static final String HEAD = "FITSKeyword\tDBKeyword\tMetadataDatatype\tMetadataWidth\tNullsAllowed"
            + "\tValidateFormat\tCheckValues\tInputFormat\tMinValue\tMaxValue\tDiscreteValues\n";

    private static String row(String fits, String db, String type, int width, String nulls, String inputFormat) {
        return fits + "\t" + db + "\t" + type + "\t" + width + "\t" + nulls + "\tY\tN\t" + inputFormat + "\t\t\t\n";
    }

    @Test
    void aKeywordDefinedTwiceFailsTheLoadNamingBothLines() {
        String text = HEAD + row("KOAID", "KOAID", "char", 32, "N", "") + row("AIRMASS", "AIRMASS", "double", 24, "Y", "")
                + row("ELAPTIME", "ELAPTIME", "double", 16, "Y", "") + row("airmass", "AIRMASS2", "double", 24, "Y", "");
        DrpException e = assertThrows(DrpException.class, () -> KeywordTable.parse("KOA_X_Keyword_Table.txt", text));
        assertEquals(TableErrorCode.KEYWORD_DEFINED_TWICE, e.code());
        assertEquals("[KEYWORD_DEFINED_TWICE] KOA_X_Keyword_Table.txt:5, keyword airmass: FITSKeyword airmass is"
                + " defined twice (first at line 3)", e.getMessage());
        assertEquals("KOA_X_Keyword_Table.txt:5", e.location().file());
        assertEquals("airmass", e.location().keyword());
    }

    @Test
    void aDatabaseColumnDefinedTwiceFailsTheLoad() {
        String text = HEAD + row("KOAID", "KOAID", "char", 32, "N", "") + row("RA", "CRA", "char", 12, "Y", "")
                + row("RAOFF", "cra", "double", 16, "Y", "");
        List<KeywordTableFinding> f = KeywordTable.check("t.txt", text);
        assertEquals(1, f.size());
        assertEquals(new KeywordTableFinding(TableErrorCode.KEYWORD_DEFINED_TWICE, "t.txt", 4, "RAOFF",
                "DBKeyword cra is defined twice (first at line 3)"), f.get(0));
        assertEquals("t.txt:4: RAOFF: KEYWORD_DEFINED_TWICE DBKeyword cra is defined twice (first at line 3)",
                f.get(0).toString());
    }

    @Test
    void widthsTooSmallForTheFormatAreFound() {
        String text = HEAD + row("KOAID", "KOAID", "char", 32, "N", "")
                + row("DATE-OBS", "DATE_OBS", "date", 8, "N", "date")   // 8 < 10 for YYYY-MM-DD
                + row("UT", "UT", "char", 6, "Y", "time")                // 6 < 8 for HH:MM:SS
                + row("DATETIME", "DATETIME", "char", 16, "Y", "datetime") // 16 < 19
                + row("N", "N", "integer", 3, "N", "")                   // 3 < 7 for the type name
                + row("ANGLE", "ANGLE", "char", 12, "Y", "angle");        // fine
        List<KeywordTableFinding> f = KeywordTable.check("t.txt", text);
        assertEquals(List.of(3, 4, 5, 6), f.stream().map(KeywordTableFinding::line).toList());
        for (KeywordTableFinding x : f) {
            assertEquals(TableErrorCode.KEYWORD_WIDTH_TOO_SMALL, x.code());
        }
        assertEquals("width 8 cannot hold a date value (10 characters)", f.get(0).detail());
        assertEquals("width 6 cannot hold a time value (8 characters)", f.get(1).detail());
        assertEquals("width 16 cannot hold a datetime value (19 characters)", f.get(2).detail());
        assertEquals("width 3 cannot hold its type name integer (7 characters)", f.get(3).detail());
    }

    @Test
    void checkListsEveryProblemWhileLoadStopsAtTheFirst() {
        String text = HEAD + row("KOAID", "KOAID", "char", 32, "N", "") + row("A", "A", "string", 16, "Y", "")
                + row("B", "B", "date", 4, "Y", "") + row("A", "C", "char", 8, "Y", "");
        List<KeywordTableFinding> f = KeywordTable.check("t.txt", text);
        assertEquals(List.of(TableErrorCode.KEYWORD_TYPE_UNKNOWN, TableErrorCode.KEYWORD_WIDTH_TOO_SMALL,
                TableErrorCode.KEYWORD_DEFINED_TWICE), f.stream().map(KeywordTableFinding::code).toList());
        DrpException e = assertThrows(DrpException.class, () -> KeywordTable.parse("t.txt", text));
        assertEquals(TableErrorCode.KEYWORD_TYPE_UNKNOWN, e.code());
        assertTrue(e.getMessage().contains("(and 2 more: t.txt:4: B: KEYWORD_WIDTH_TOO_SMALL"), e.getMessage());
    }

    @Test
    void theVersionIsTheStartOfTheFilesSha256() throws Exception {
        String text = HEAD + row("KOAID", "KOAID", "char", 32, "N", "") + row("AIRMASS", "AIRMASS", "double", 24, "Y", "");
        Path f = Files.createTempFile("KOA_X_Keyword_Table", ".txt");
        try {
            Files.writeString(f, text);
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f));
            String expected = "sha256:" + java.util.HexFormat.of().formatHex(digest).substring(0, 16);
            KeywordTable t = KeywordTable.load(f);
            assertEquals(expected, t.version());
            assertEquals(f.getFileName() + " " + expected, t.label());
            assertEquals(expected, KeywordTable.parse("other", text).version());
            String changed = KeywordTable.parse("x", text.replace("\t24\t", "\t25\t")).version();
            assertFalse(expected.equals(changed));
            assertFalse(t.version().equals(t.replace(t.find("AIRMASS").orElseThrow().withSize(30)).version()));
        } finally {
            Files.deleteIfExists(f);
        }
    }
}
