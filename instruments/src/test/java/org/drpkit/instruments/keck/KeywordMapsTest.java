package org.drpkit.instruments.keck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.drpkit.core.header.Header;
import org.drpkit.core.header.KeywordMap;
import org.drpkit.core.instrument.Instruments;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The per-instrument keyword maps of koa-dep 4.2 (the RTI column) and their read semantics. */
class KeywordMapsTest {

    @ParameterizedTest(name = "{0}: OFNAME->{1}, FRAMENO->{2}, UTC->{3}")
    @CsvSource({
        "DEIMOS, OUTFILE, FRAMENO, UTC",
        "ESI, OUTFILE, FRAMENO, UT",
        "GUIDER, OFNAME, FRAMENO, UTC",
        "HIRES, OUTFILE, FRAMENO, UTC",
        "KCWI, OFNAME, FRAMENO, UT",
        "KPF, OFNAME, FRAMENO, UT",
        "LRIS, OUTFILE, FRAMENO, UTC",
        "MOSFIRE, DATAFILE, FRAMENUM, UTC",
        "NIRC2, FILENAME, FRAMENO, UTC",
        "NIRES, DATAFILE, FRAMENUM, UTC",
        "NIRSPEC, DATAFILE, FRAMENUM, UTC",
        "OSIRIS, DATAFILE, FRAMENUM, UTC"})
    void canonicalNamesMapToTheInstrumentsKeywords(String instrument, String ofname, String frameno, String utc)
            throws Exception {
        KeywordMap km = Instruments.load().require(instrument).keywords();
        assertEquals(ofname, km.writeKeyword("OFNAME"));
        assertEquals(frameno, km.writeKeyword("FRAMENO"));
        assertEquals(utc, km.writeKeyword("UTC"));
        for (String same : List.of("INSTRUME", "DATE-OBS", "SEMESTER", "OUTDIR")) {
            assertEquals(same, km.writeKeyword(same));
        }
    }

    @ParameterizedTest(name = "DATAFILE [{0}] present: {1}")
    @CsvSource({"0, true", "'', false", "'nan', false", "'-NaN', false", "'  ', false", "'s190615_0020', true"})
    void mappedReadsTreatZeroAsPresentAndBlankOrNanAsAbsent(String value, boolean present) throws Exception {
        KeywordMap km = Instruments.load().require("NIRES").keywords();
        Object v = value.equals("0") ? (Object) 0L : value;
        Header h = Header.builder().add("DATAFILE", v).build();
        assertEquals(present, km.value(h, "OFNAME").isPresent());
    }
}
