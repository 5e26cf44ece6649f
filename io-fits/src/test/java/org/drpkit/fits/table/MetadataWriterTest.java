package org.drpkit.fits.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.header.Header;
import org.junit.jupiter.api.Test;

/** The value pipeline of koa-dep section 5.3, rule by rule. */
class MetadataWriterTest {

    private static KeywordDefinition def(String key, MetadataType t, int size, boolean nullable) {
        return KeywordDefinition.of(key, t, size, nullable);
    }

    private static KeywordDefinition checked(String key, MetadataType t, int size, String input, double min,
            double max, List<String> discrete) {
        return new KeywordDefinition(key, t, size, true, true, true, input, min, max, discrete);
    }

    private static MetadataRow row(Header h, KeywordDefinition... defs) throws DrpException {
        List<KeywordDefinition> all = new java.util.ArrayList<>(List.of(def("KOAID", MetadataType.CHAR, 32, true)));
        all.addAll(List.of(defs));
        return MetadataWriter.of(KeywordTable.of("test", all)).row(h);
    }

    private static String cell(Header h, KeywordDefinition d) throws DrpException {
        return row(h, d).cells().get(1);
    }

    @Test
    void numbersPrintAsPythonIntAndFloat() throws DrpException {
        Header h = Header.builder().add("A", 58L).add("B", 1e-5).add("C", "1.50").add("D", 3.7).add("E", true)
                .add("F", " 42 ").build();
        assertEquals("58.0", cell(h, def("A", MetadataType.DOUBLE, 16, true)));
        assertEquals("1e-05", cell(h, def("B", MetadataType.DOUBLE, 16, true)));
        assertEquals("1.5", cell(h, def("C", MetadataType.DOUBLE, 16, true)));
        assertEquals("3", cell(h, def("D", MetadataType.INTEGER, 16, true)), "int(3.7) truncates");
        assertEquals("1", cell(h, def("E", MetadataType.INTEGER, 16, true)), "int(True)");
        assertEquals("42", cell(h, def("F", MetadataType.INTEGER, 16, true)), "int(' 42 ')");
        assertEquals("1.0", cell(h, def("E", MetadataType.DOUBLE, 16, true)), "float(True)");
    }

    @Test
    void charLogicalsAreTAndF() throws DrpException {
        Header h = Header.builder().add("L", false).build();
        assertEquals("F", cell(h, def("L", MetadataType.CHAR, 8, true)));
    }

    @Test
    void missingUndefinedAndNanTextsAreNull() throws DrpException {
        Header h = Header.builder().add("U", null).add("N", "NaN").add("M", "-NaN").add("X", "#### Error ###")
                .add("S", "").build();
        for (String k : List.of("U", "N", "M", "X", "ABSENT")) {
            assertEquals(IpacTable.NULL, cell(h, def(k, MetadataType.DOUBLE, 16, true)), k);
        }
        assertEquals("", cell(h, def("S", MetadataType.CHAR, 16, true)), "an empty string stays empty (blanks)");
        assertEquals("0.0", cell(h, def("EQUINOX", MetadataType.DOUBLE, 16, false)), "EQUINOX null is 0");
    }

    @Test
    void valuesBeyondTheCardsAreUsedWhenTheHeaderLacksTheKeyword() throws DrpException {
        Header h = Header.builder().add("PROPINT", 12L).build();
        MetadataValues v = MetadataValues.none().with("PROPINT", 18L).with("filesize_mb", 10.1635f);
        KeywordTable t = KeywordTable.of("t", List.of(def("PROPINT", MetadataType.INTEGER, 16, false),
                def("FILESIZE_MB", MetadataType.DOUBLE, 16, false)));
        IpacTable back = IpacTable.parse("m", MetadataWriter.of(t).write(h, v).table().text());
        assertEquals("12", back.value(0, "PROPINT"), "cards first");
        assertEquals("10.1635", back.value(0, "FILESIZE_MB"), "names compare without case; floats print as Python's");
    }

    @Test
    void everyFatalProblemIsReportedInOneException() {
        Header h = Header.builder().origin(Location.file("x.fits").hdu(0)).add("I", "abc").add("D", "2019-13-01")
                .add("T", "25:00:00.0").build();
        DrpException e = assertThrows(DrpException.class, () -> row(h,
                def("NN", MetadataType.CHAR, 8, false),
                new KeywordDefinition("I", MetadataType.INTEGER, 16, true, true, false, "", Double.NaN, Double.NaN,
                        List.of()),
                new KeywordDefinition("D", MetadataType.DATE, 12, true, true, false, "", Double.NaN, Double.NaN,
                        List.of()),
                new KeywordDefinition("T", MetadataType.CHAR, 12, true, true, false, "time", Double.NaN, Double.NaN,
                        List.of())));
        assertEquals(TableErrorCode.METADATA_VALUE_INVALID, e.code());
        assertEquals("[METADATA_VALUE_INVALID] x.fits, HDU 0: 4 metadata value(s) break their definitions: "
                + "NN: null in a column without nulls; I: 'abc' is not a valid integer; "
                + "D: '2019-13-01' is not a valid date; T: '25:00:00.0' is not a valid time", e.getMessage());
    }

    /** Q5 fixed: with ValidateFormat and a blank InputFormat, the type is checked (the archive checks nothing). */
    @Test
    void blankInputFormatValidatesAgainstTheColumnType() {
        Header h = Header.builder().add("DATE-OBS", "09/05/19").build();
        KeywordDefinition d = new KeywordDefinition("DATE-OBS", MetadataType.DATE, 12, false, true, false, "",
                Double.NaN, Double.NaN, List.of());
        assertThrows(DrpException.class, () -> cell(h, d));
        assertEquals(TableErrorCode.METADATA_VALUE_INVALID, assertThrows(DrpException.class, () -> cell(h, d)).code());
    }

    @Test
    void inputFormatsAcceptWhatPythonStrptimeAccepts() throws DrpException {
        Header h = Header.builder().add("UT", "02:05:54.57").add("RA", "03:52:00.00").add("DEC", "-12 30 15.5")
                .add("DATE-OBS", "2019-5-9").add("WHEN", "2019-05-09 02:05:54").build();
        assertEquals("02:05:54.57", cell(h, checked("UT", MetadataType.CHAR, 12, "time", Double.NaN, Double.NaN,
                List.of())));
        assertEquals("03:52:00.00", cell(h, checked("RA", MetadataType.CHAR, 12, "angle", Double.NaN, Double.NaN,
                List.of())));
        assertEquals("-12 30 15.5", cell(h, checked("DEC", MetadataType.CHAR, 12, "angle", Double.NaN, Double.NaN,
                List.of())));
        assertEquals("2019-5-9", cell(h, checked("DATE-OBS", MetadataType.DATE, 12, "", Double.NaN, Double.NaN,
                List.of())));
        assertEquals("2019-05-09 02:05:54", cell(h, checked("WHEN", MetadataType.CHAR, 20, "datetime", Double.NaN,
                Double.NaN, List.of())));
    }

    @Test
    void longTextIsCutWithAWarningAndDoublesKeepTheirExponentSilently() throws DrpException {
        Header h = Header.builder().add("OBJECT", "a very long object name").add("X", -4.16500198582894e-05)
                .add("Y", 0.12345678901234568).build();
        MetadataRow r = row(h, def("OBJECT", MetadataType.CHAR, 8, true), def("X", MetadataType.DOUBLE, 12, true),
                def("Y", MetadataType.DOUBLE, 8, true));
        // cut to '-4.16500e-05' (exponent kept), then float() and str(): '-4.165e-05'
        assertEquals(List.of("null", "a very l", "-4.165e-05", "0.123456"), r.cells());
        assertEquals(1, r.warnings().size());
        assertEquals(MetadataWarningCode.MD_TRUNCATE, r.warnings().get(0).code());
        assertEquals("OBJECT", r.warnings().get(0).keyword());
    }

    @Test
    void rangeAndDiscreteChecksWarn() throws DrpException {
        Header h = Header.builder().add("ELAPTIME", -1.0).add("KOAIMTYP", "Bias").add("OBSMODE", "spectrum")
                .add("SLITLEN", 20L).build();
        MetadataRow r = row(h, checked("ELAPTIME", MetadataType.DOUBLE, 16, "", 0, Double.NaN, List.of()),
                checked("KOAIMTYP", MetadataType.CHAR, 16, "", Double.NaN, Double.NaN, List.of("bias", "object")),
                checked("OBSMODE", MetadataType.CHAR, 16, "", Double.NaN, Double.NaN, List.of("image", "longslit")),
                checked("SLITLEN", MetadataType.DOUBLE, 16, "", Double.NaN, Double.NaN, List.of("4", "20", "480")));
        assertEquals(List.of(MetadataWarningCode.MD_RANGE_ERROR, MetadataWarningCode.MD_DISCRETE_VAL_ERROR),
                r.warnings().stream().map(MetadataWarning::code).toList(), r.warnings().toString());
        assertEquals("ELAPTIME", r.warnings().get(0).keyword());
        assertEquals("OBSMODE", r.warnings().get(1).keyword());
        assertEquals("20.0", r.cells().get(4), "20 matches the discrete value 20 as a number");
    }

    @Test
    void developerModeReportsMissingAndUndefinedKeywords() throws DrpException {
        Header h = Header.builder().add("SIMPLE", true).add("FOO", 1L).add("SKIPME", 2L).comment("x").build();
        KeywordTable t = KeywordTable.of("t", List.of(def("KOAID", MetadataType.CHAR, 32, true)));
        MetadataRow r = MetadataWriter.of(t, new MetadataOptions(true, Set.of("SKIPME"))).row(h);
        assertEquals(List.of("MD_HEADER_KEYWORD_MISSING KOAID: KOAID is neither in the header nor in the extra values",
                "MD_KEYWORD_FORMAT_UNDEFINED FOO: FOO is in the header but has no definition in t"),
                r.warnings().stream().map(MetadataWarning::toString).toList());
        assertTrue(MetadataWriter.of(t).row(h).warnings().isEmpty(), "production mode is silent");
    }

    @Test
    void severalHeadersMakeSeveralRows() throws DrpException {
        KeywordTable t = KeywordTable.of("t", List.of(def("KOAID", MetadataType.CHAR, 12, false),
                def("EXPTIME", MetadataType.DOUBLE, 8, true)));
        MetadataResult r = MetadataWriter.of(t).write(List.of(Header.builder().add("KOAID", "A").add("EXPTIME", 1L)
                .build(), Header.builder().add("KOAID", "B").build()));
        assertEquals(" A            1.0     \n B            null    \n",
                r.table().text().substring(r.table().text().indexOf(" A")));
    }
}
