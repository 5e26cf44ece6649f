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
        assertEquals(TableErrorCode.KEYWORD_TABLE_INVALID, e.code());
        assertEquals("[KEYWORD_TABLE_INVALID] x.txt: row 1: the column ValidateFormat is missing (the archive fails"
                + " with METADATA_ERROR)", e.getMessage());
        String head = "FITSKeyword\tMetadataDatatype\tMetadataWidth\tNullsAllowed\tValidateFormat\tCheckValues"
                + "\tInputFormat\tMinValue\tMaxValue\tDiscreteValues\n";
        e = assertThrows(DrpException.class, () -> KeywordTable.parse("x.txt", head + "PROPINT\tinteger\t16\tN\n"));
        assertTrue(e.getMessage().contains("first keyword must be KOAID"), e.getMessage());
        e = assertThrows(DrpException.class, () -> KeywordTable.parse("x.txt", head + "KOAID\tchar\twide\tN\n"));
        assertEquals("[KEYWORD_TABLE_INVALID] x.txt, keyword KOAID: row 2: MetadataWidth 'wide' is not an integer",
                e.getMessage());
        e = assertThrows(DrpException.class, () -> KeywordTable.parse("x.txt", head + "KOAID\tstring\t32\tN\n"));
        assertTrue(e.getMessage().contains("MetadataDatatype 'string'"), e.getMessage());
    }
}
