package org.drpkit.core.header;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeywordMapTest {

    private final KeywordMap map = KeywordMap.builder()
            .map("UTC", "UTC", "UT")
            .map("OFNAME", "DATAFILE")
            .mapWithDefault("FRAMENO", 0L, "FRAMENUM", "FRAMENO")
            .build();

    @Test
    void readsTheFirstPresentAlternative() {
        Header h = Header.builder().add("UTC", "").add("UT", "10:00:00.00").add("DATAFILE", "s190615_0020").build();
        assertEquals(Optional.of("10:00:00.00"), map.getString(h, "UTC"), "empty UTC counts as absent");
        assertEquals(Optional.of("s190615_0020"), map.getString(h, "OFNAME"));
    }

    @Test
    void zeroAndFalseArePresentButNanAndBlankAreNot() {
        assertTrue(KeywordMap.isPresent(0L));
        assertTrue(KeywordMap.isPresent(false));
        assertFalse(KeywordMap.isPresent("nan"));
        assertFalse(KeywordMap.isPresent(" -NaN "));
        assertFalse(KeywordMap.isPresent("  "));
        assertFalse(KeywordMap.isPresent(Double.NaN));
        assertFalse(KeywordMap.isPresent(null));
        Header h = Header.builder().add("FRAMENUM", 0L).add("FRAMENO", 12L).build();
        assertEquals(Optional.of(0L), map.getLong(h, "FRAMENO"));
    }

    @Test
    void fallsBackToDefaultAndUndeclaredNamesMapToThemselves() {
        Header h = Header.builder().add("INSTRUME", "NIRES").build();
        assertEquals(Optional.of(0L), map.getLong(h, "FRAMENO"));
        assertEquals(Optional.of("NIRES"), map.getString(h, "INSTRUME"));
        assertEquals(List.of("INSTRUME"), map.keywords("INSTRUME"));
        assertEquals("DATAFILE", map.writeKeyword("OFNAME"));
    }

    @Test
    void overridesReplaceBaseEntries() {
        KeywordMap base = KeywordMap.builder().map("OFNAME", "OFNAME").map("UTC", "UTC").build();
        KeywordMap nirc2 = base.with(KeywordMap.builder().map("OFNAME", "FILENAME").build());
        assertEquals(List.of("FILENAME"), nirc2.keywords("OFNAME"));
        assertEquals(List.of("UTC"), nirc2.keywords("UTC"));
        assertEquals(List.of("OFNAME"), base.keywords("OFNAME"), "the base is unchanged");
    }

    @Test
    void entriesDeclareDefaultUnitAndRangeAndOutOfRangeValuesFallThroughToTheDefault() {
        KeywordMap km = KeywordMap.builder()
                .entry(KeywordMap.Entry.of("PRESSURE").withDefault(771.611).withUnit("hPa").withRange(700.0, 850.0))
                .build();
        assertEquals(Optional.of(780.5), km.getDouble(Header.builder().add("PRESSURE", 780.5).build(), "PRESSURE"));
        assertEquals(Optional.of(771.611), km.getDouble(Header.builder().add("PRESSURE", 12.0).build(), "PRESSURE"),
                "12 hPa is outside [700, 850]: the default");
        assertEquals(Optional.of(771.611), km.getDouble(Header.empty(), "PRESSURE"));
        assertEquals("hPa", km.entry("pressure").orElseThrow().unit());
        assertTrue(km.toString().contains("PRESSURE->PRESSURE (default 771.611) [hPa] in [700.0, 850.0]"),
                km.toString());
    }

    @Test
    void anOpenRangeAcceptsEveryNumberAndAnEmptyRangeIsRejected() {
        KeywordMap.Entry low = KeywordMap.Entry.of("GAIN").withRange(0.0, Double.NaN);
        assertTrue(low.valid(1e9));
        assertFalse(low.valid(-1.0));
        assertTrue(low.valid("text is not checked"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> KeywordMap.Entry.of("GAIN").withRange(2.0, 1.0));
    }
}
