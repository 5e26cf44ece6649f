package org.drpkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.drpkit.core.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code drpkit keyword-tables}: the shared tables pass with their versions; a broken one lists each problem. */
class KeywordTablesCommandTest {

    @TempDir
    Path tmp;

    @Test
    void theArchivesTablesPassWithTheirSha256Versions() throws Exception {
        Path dir = SharedData.require("keck/keyword-tables");
        DrpkitTest.Run r = new DrpkitTest.Run("keyword-tables", dir.toString());
        assertEquals(0, r.status, r.out + r.err);
        assertTrue(r.out.endsWith("0 of 14 tables have problems\n"), r.out);
        Path nires = dir.resolve("KOA_NIRES_Keyword_Table.txt");
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(nires)));
        assertTrue(r.out.contains(nires + ": 223 keywords, sha256:" + sha.substring(0, 16) + "\n"), r.out);
    }

    @Test
    void aBrokenTableListsEveryProblemWithFileAndLineAndExitsTwo() throws Exception {
        String head = "FITSKeyword\tDBKeyword\tMetadataDatatype\tMetadataWidth\tNullsAllowed\tValidateFormat"
                + "\tCheckValues\tInputFormat\tMinValue\tMaxValue\tDiscreteValues\n";
        Path f = tmp.resolve("KOA_X_Keyword_Table.txt");
        Files.writeString(f, head + "KOAID\tKOAID\tchar\t32\tN\tY\tY\t\t\t\t\n"
                + "UT\tUT\tchar\t5\tY\tY\tN\ttime\t\t\t\n"
                + "KOAID\tKOAID2\tchar\t32\tN\tY\tY\t\t\t\t\n"
                + "AIRMASS\tAIRMASS\tfloat\t16\tY\tY\tN\t\t\t\t\n");
        DrpkitTest.Run r = new DrpkitTest.Run("keyword-tables", f.toString());
        assertEquals(Drpkit.EXIT_BAD_INPUT, r.status, r.out + r.err);
        assertEquals("KOA_X_Keyword_Table.txt:3: UT: KEYWORD_WIDTH_TOO_SMALL width 5 cannot hold a time value (8"
                + " characters)\n"
                + "KOA_X_Keyword_Table.txt:4: KOAID: KEYWORD_DEFINED_TWICE FITSKeyword KOAID is defined twice (first at"
                + " line 2)\n"
                + "KOA_X_Keyword_Table.txt:5: AIRMASS: KEYWORD_TYPE_UNKNOWN MetadataDatatype 'float' is not char,"
                + " integer, double or date\n"
                + "1 of 1 tables have problems\n", r.out);
    }
}
