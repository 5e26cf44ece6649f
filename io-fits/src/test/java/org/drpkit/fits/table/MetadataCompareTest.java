package org.drpkit.fits.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.testing.SharedData;
import org.junit.jupiter.api.Test;

class MetadataCompareTest {

    private static IpacTable gold() throws DrpException {
        return IpacTable.read(SharedData.require(IpacTableTest.KB));
    }

    private static IpacTable with(IpacTable t, String column, String value) {
        List<String> row = new ArrayList<>(t.rows().get(0));
        row.set(t.indexOf(column), value);
        return t.withRows(List.of(row));
    }

    private static List<String> compare(IpacTable a, IpacTable b, MetadataCompare.Options o) {
        List<MetadataCompare.Comparison> c = MetadataCompare.compare(
                List.of(new MetadataCompare.Named("gold", a), new MetadataCompare.Named("mine", b)), o);
        assertEquals(1, c.size());
        assertEquals("==> comparing (0)gold to (1)mine:", c.get(0).title());
        return c.get(0).warnings();
    }

    @Test
    void aTableEqualsItself() throws DrpException {
        assertEquals(List.of(), compare(gold(), gold(), MetadataCompare.Options.EXACT));
    }

    @Test
    void aChangedValueIsReportedInTheArchiveWording() throws DrpException {
        IpacTable g = gold();
        assertEquals(List.of("Meta compare: KB.20190509.07554.57.fits: col \"KOAIMTYP\": (0)\"bias\" != (1)\"dark\""),
                compare(g, with(g, "KOAIMTYP", "dark"), MetadataCompare.Options.EXACT));
    }

    /** Q6 fixed: the archive never reports PROGTITL differences. */
    @Test
    void progtitlDifferencesAreReported() throws DrpException {
        IpacTable g = gold();
        assertEquals(1, compare(g, with(g, "PROGTITL", "Another survey"), MetadataCompare.Options.EXACT).size());
    }

    @Test
    void numbersCompareExactlyOrAtOneDecimalOnRequest() throws DrpException {
        IpacTable g = gold(); // IMAGEMN = 10074.61
        IpacTable close = with(g, "IMAGEMN", "10074.63");
        assertEquals(1, compare(g, close, MetadataCompare.Options.EXACT).size());
        assertEquals(0, compare(g, close, MetadataCompare.Options.ARCHIVE).size());
        assertEquals(0, compare(g, with(g, "IMAGEMN", "1.007461e+04"), MetadataCompare.Options.EXACT).size());
    }

    @Test
    void nullBlankCaseAndHtmlEscapingAreEqual() {
        assertTrue(MetadataCompare.same("null", "", -1));
        assertTrue(MetadataCompare.same("NaN", "null", -1));
        assertTrue(MetadataCompare.same("Keck II", "KECK II", -1));
        assertTrue(MetadataCompare.same("Dust & Gas", "Dust &amp; Gas", -1));
        assertFalse(MetadataCompare.same("Dust & Gas", "Dust and Gas", -1));
        assertFalse(MetadataCompare.same("-0.04", "0.04", 1), "Python prints -0.0 and 0.0");
    }

    @Test
    void missingColumnsAndKoaidsAreReportedBothWays() throws DrpException {
        IpacTable g = gold();
        List<IpacColumn> cols = new ArrayList<>(g.columns().subList(0, 3));
        cols.add(new IpacColumn("NEWCOL", "char", 8, true, ""));
        List<String> row = new ArrayList<>(g.rows().get(0).subList(0, 3));
        row.add("x");
        IpacTable small = IpacTable.of(cols, List.of(row));
        List<String> w = compare(g, small, MetadataCompare.Options.EXACT);
        assertEquals("Meta compare: MD1 col \"NEWCOL\" not in MD0 col list.", w.get(0));
        assertEquals("Meta compare: MD0 col \"TELESCOP\" not in MD1 col list.", w.get(1));
        assertEquals(1 + 422 - 3 - 2, w.size(), "DQA_DATE and DQA_VERS are ignored");
        assertEquals(0, compare(g, small, new MetadataCompare.Options(true, -1)).size());
        IpacTable other = with(g, "KOAID", "KB.20190509.00000.00.fits");
        assertEquals(List.of("Meta compare: CANNOT FIND KOAID \"KB.20190509.00000.00.fits\" in MD0",
                "Meta compare: CANNOT FIND KOAID \"KB.20190509.07554.57.fits\" in MD1"),
                compare(g, other, MetadataCompare.Options.EXACT));
    }
}
