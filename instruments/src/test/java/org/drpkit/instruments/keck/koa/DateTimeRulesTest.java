package org.drpkit.instruments.keck.koa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.TimeZone;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.header.Header;
import org.drpkit.core.header.HeaderFix;
import org.drpkit.core.header.KeywordMap;
import org.drpkit.core.instrument.FixContext;
import org.drpkit.core.instrument.FixResult;
import org.drpkit.core.instrument.HeaderFixRule;
import org.junit.jupiter.api.Test;

class DateTimeRulesTest {

    private static final KeywordMap BASE = KeywordMap.builder().map("UTC", "UTC").build();
    private static final KeywordMap UT_MAPPED = KeywordMap.builder().map("UTC", "UT").build();

    private static Header header(Object... kv) {
        Header.Builder b = Header.builder().origin(Location.file("x.fits").hdu(0));
        for (int i = 0; i < kv.length; i += 2) {
            b.add((String) kv[i], kv[i + 1]);
        }
        return b.build();
    }

    @Test
    void missingDateAndTimeComeFromTheModificationTimeInUtcWhateverTheHostZoneQ16() throws DrpException {
        TimeZone saved = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Tokyo"));
            FixContext ctx = FixContext.builder().fileModified(Instant.parse("2019-05-09T23:30:15.9Z")).build();
            Header h = fixed(DateTimeRules.utc(BASE), fixed(DateTimeRules.dateObs(BASE), header("NAXIS", 0L), ctx), ctx);
            assertEquals("2019-05-09", h.getString("DATE-OBS").orElseThrow());
            assertEquals("23:30:15.00", h.getString("UTC").orElseThrow());
            assertEquals("KOA: Observing date", h.find("DATE-OBS").orElseThrow().comment());
            assertEquals("KOA: UTC keyword corrected", h.find("UTC").orElseThrow().comment());
        } finally {
            TimeZone.setDefault(saved);
        }
    }

    @Test
    void slashedDayMonthYearIsRewrittenAndTheOriginalKeptInTheComment() throws DrpException {
        Header h = fixed(DateTimeRules.dateObs(BASE), header("DATE-OBS", "25/07/17"), FixContext.offline());
        assertEquals("2017-07-25", h.getString("DATE-OBS").orElseThrow());
        assertEquals("KOA: Value corrected (25/07/17)", h.find("DATE-OBS").orElseThrow().comment());
        assertEquals(new HeaderFix("DATE-OBS", "25/07/17", "2017-07-25", DateTimeRules.DATE_OBS_RULE), h.fixes().get(0));
        assertEquals("1998-07-25",
                fixed(DateTimeRules.dateObs(BASE), header("DATE-OBS", "25/07/98"), FixContext.offline())
                        .getString("DATE-OBS").orElseThrow());
    }

    @Test
    void isoDateTimeIsCutToTheDate() throws DrpException {
        Header h = fixed(DateTimeRules.dateObs(BASE), header("DATE-OBS", "2019-11-03T08:00:00.123"),
                FixContext.offline());
        assertEquals("2019-11-03", h.getString("DATE-OBS").orElseThrow());
    }

    @Test
    void validDateAndTimeAreLeftAlone() throws DrpException {
        Header raw = header("DATE-OBS", "2017-07-25", "UTC", "14:17:50.75");
        assertSame(raw, fixed(DateTimeRules.dateObs(BASE), raw, FixContext.offline()));
        assertSame(raw, fixed(DateTimeRules.utc(BASE), raw, FixContext.offline()));
    }

    @Test
    void utcReadFromTheMappedUtKeywordIsCopiedToUtc() throws DrpException {
        Header h = fixed(DateTimeRules.utc(UT_MAPPED), header("UT", "02:05:54.57"), FixContext.offline());
        assertEquals("02:05:54.57", h.getString("UTC").orElseThrow());
    }

    @Test
    void malformedUtcIsReplacedFromTheModificationTime() throws DrpException {
        FixContext ctx = FixContext.builder().fileModified(Instant.parse("2020-02-01T19:59:59.700Z")).build();
        Header h = fixed(DateTimeRules.utc(BASE), header("UTC", "24:00:00"), ctx);
        assertEquals("19:59:59.00", h.getString("UTC").orElseThrow());
        assertEquals("24:00:00", h.fixes().get(0).oldValue(), "the fix log keeps the bad value");
    }

    @Test
    void missingUtcWithoutModificationTimeFailsNamingFileAndKeyword() {
        DrpException e = assertThrows(DrpException.class,
                () -> fixed(DateTimeRules.utc(BASE), header("DATE-OBS", "2020-01-01"), FixContext.offline()));
        assertEquals(KeckErrorCode.KOAID_CREATE_FAIL, e.code());
        assertTrue(e.getMessage().startsWith("[KOAID_CREATE_FAIL] x.fits, HDU 0, keyword UTC"), e.getMessage());
    }

    @Test
    void missingDateWithoutModificationTimeFailsNamingDateObs() {
        DrpException e = assertThrows(DrpException.class,
                () -> fixed(DateTimeRules.dateObs(BASE), header("DATE-OBS", "garbage"), FixContext.offline()));
        assertEquals("DATE-OBS", e.location().keyword());
        assertTrue(e.getMessage().contains("'garbage'"), e.getMessage());
    }

    @Test
    void utIsCopiedFromUtcAndWarnsWhenThereIsNeither() throws DrpException {
        Header h = fixed(DateTimeRules.ut(BASE), header("UTC", "10:00:00.00"), FixContext.offline());
        assertEquals("10:00:00.00", h.getString("UT").orElseThrow());
        FixResult none = DateTimeRules.ut(BASE).apply(header("NAXIS", 0L), FixContext.offline());
        assertEquals("SET_UT_ERROR", none.warnings().get(0).code());
        assertEquals("UT", none.warnings().get(0).keyword());
    }

    private static Header fixed(HeaderFixRule rule, Header h, FixContext ctx) throws DrpException {
        return rule.apply(h, ctx).header();
    }
}
