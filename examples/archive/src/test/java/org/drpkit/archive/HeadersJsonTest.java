package org.drpkit.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.drpkit.core.header.Card;
import org.drpkit.core.header.Header;
import org.drpkit.core.testing.SharedData;
import org.drpkit.fits.FitsHeaders;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link HeadersJson}: the JSON of a header against the header's own cards (types, comments, order), the commentary
 * cards left out, the first of a repeated keyword kept, and every key's own value stored (quirk Q18 fixed).
 */
class HeadersJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void eachKeyHoldsItsOwnTypedValueAndCommentInHeaderOrder() throws Exception {
        Header h = Header.builder().add("SIMPLE", true, "conforms to FITS").add("NAXIS", 0L, "")
                .add("EXPTIME", 10.5, "s").add("OBJECT", "", "empty string").add("UTC", "10:00:01.00", "the UT")
                .add("UT", "09:59:59.50", "another clock").add(new Card("AIRMASS", null, "undefined"))
                .add("BAD", Double.NaN, "not a number").build();
        HeadersJson j = HeadersJson.of(h);
        JsonNode n = JSON.readTree(j.json());
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("SIMPLE", "NAXIS", "EXPTIME", "OBJECT", "UTC", "UT", "AIRMASS", "BAD"), names);
        assertTrue(n.get("SIMPLE").get("value").isBoolean() && n.get("SIMPLE").get("value").booleanValue());
        assertEquals("conforms to FITS", n.get("SIMPLE").get("comment").textValue());
        assertTrue(n.get("NAXIS").get("value").isIntegralNumber());
        assertEquals(10.5, n.get("EXPTIME").get("value").doubleValue(), 0.0);
        assertEquals("", n.get("OBJECT").get("value").textValue(), "an empty string stays a string (the archive: null)");
        assertEquals("10:00:01.00", n.get("UTC").get("value").textValue());
        assertEquals("09:59:59.50", n.get("UT").get("value").textValue(),
                "each key its own card's value, never another keyword's through a keyword map");
        assertTrue(n.get("AIRMASS").get("value").isNull());
        assertTrue(n.get("BAD").get("value").isNull(), "JSON has no NaN");
        assertEquals(8, j.keys());
    }

    @Test
    void commentaryCardsAreLeftOutAndARepeatedKeywordKeepsItsFirstCard() throws Exception {
        Header h = Header.builder().add("FILTER", "Kp", "first").comment("a comment").history("a history")
                .add(new Card("", null, "blank keyword")).add("FILTER", "H", "second").add("GAIN", 4.0, "").build();
        HeadersJson j = HeadersJson.of(h);
        JsonNode n = JSON.readTree(j.json());
        assertEquals(2, n.size());
        assertFalse(n.has("COMMENT") || n.has("HISTORY") || n.has(""));
        assertEquals("Kp", n.get("FILTER").get("value").textValue());
        assertEquals("first", n.get("FILTER").get("comment").textValue());
        assertEquals(List.of("FILTER"), j.repeated());
        assertEquals(3, j.skipped());
        assertTrue(j.toString().contains("repeated, first kept: FILTER"), j.toString());
    }

    @Test
    void aRealNirc2HeaderRoundTripsCardByCard() throws Exception {
        Path f = SharedData.require("keck/nirc2").resolve("raw_n0051_standard_1.fits");
        Assumptions.assumeTrue(Files.exists(f), "no " + f);
        Header h = FitsHeaders.readPrimary(f);
        JsonNode n = JSON.readTree(HeadersJson.of(h).json());
        Iterator<String> names = n.fieldNames();
        for (Card c : h) {
            if (c.isCommentary() || h.findAll(c.key()).get(0) != c) {
                continue;
            }
            assertEquals(c.key(), names.next(), "header order");
            JsonNode v = n.get(c.key()).get("value");
            if (c.value() instanceof String s) {
                assertEquals(s, v.textValue(), c.key());
            } else if (c.value() instanceof Long l) {
                assertEquals(l.longValue(), v.longValue(), c.key());
            } else if (c.value() instanceof Double d && Double.isFinite(d)) {
                assertEquals(d, v.doubleValue(), 0.0, c.key());
            } else if (c.value() instanceof Boolean b) {
                assertEquals(b, v.booleanValue(), c.key());
            } else {
                assertTrue(v.isNull(), c.key());
            }
        }
        assertFalse(names.hasNext(), "no extra key");
    }
}
