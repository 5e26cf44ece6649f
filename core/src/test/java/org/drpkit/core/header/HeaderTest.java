package org.drpkit.core.header;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.drpkit.core.error.CoreErrorCode;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.junit.jupiter.api.Test;

class HeaderTest {

    private static Header sample() {
        return Header.builder()
                .origin(Location.file("n0051.fits").hdu(0))
                .add("SIMPLE", true, "conforms")
                .add("INSTRUME", "NIRC2", "instrument")
                .add("ITIME", 5.0)
                .add("COADDS", 40L)
                .add("TELESCOP", "Keck II", "Telescope")
                .comment("a comment")
                .add("TELESCOP", "Keck II", "telescope name")
                .add("UTC", "10:21:13.25")
                .add("TXTNUM", "12.5")
                .build();
    }

    @Test
    void keepsCardOrderAndComments() {
        Header h = sample();
        assertEquals(9, h.size());
        assertEquals("INSTRUME", h.card(1).keyword());
        assertEquals("instrument", h.card(1).comment());
        assertEquals("COMMENT", h.card(5).keyword());
        assertEquals(List.of("SIMPLE", "INSTRUME", "ITIME", "COADDS", "TELESCOP", "TELESCOP", "UTC", "TXTNUM"),
                h.keywords());
    }

    @Test
    void typedGettersConvertWhereMeaningfulAndOtherwiseReturnEmpty() {
        Header h = sample();
        assertEquals(Optional.of(5.0), h.getDouble("ITIME"));
        assertEquals(Optional.of(40L), h.getLong("COADDS"));
        assertEquals(Optional.of(40.0), h.getDouble("COADDS"));
        assertEquals(Optional.of(5L), h.getLong("ITIME"));           // integral double
        assertEquals(Optional.of(12.5), h.getDouble("TXTNUM"));      // numeric string
        assertEquals(Optional.empty(), h.getLong("TXTNUM"));          // not integral
        assertEquals(Optional.empty(), h.getDouble("INSTRUME"));
        assertEquals(Optional.of(true), h.getBoolean("SIMPLE"));
        assertEquals(Optional.of("T"), h.getString("SIMPLE"));
        assertEquals(Optional.empty(), h.getString("MISSING"));
        assertEquals(Optional.of("NIRC2"), h.getString("instrume"));  // case-insensitive look-up
    }

    @Test
    void requireThrowsDomainExceptionNamingFileHduAndKeyword() {
        Header h = sample();
        DrpException missing = assertThrows(DrpException.class, () -> h.requireString("DATE-OBS"));
        assertEquals(CoreErrorCode.HEADER_MISSING_KEYWORD, missing.code());
        assertEquals(new Location("n0051.fits", 0, "DATE-OBS"), missing.location());
        assertEquals("[HEADER_MISSING_KEYWORD] n0051.fits, HDU 0, keyword DATE-OBS: required keyword is absent",
                missing.getMessage());
        DrpException bad = assertThrows(DrpException.class, () -> h.requireDouble("INSTRUME"));
        assertEquals(CoreErrorCode.HEADER_BAD_VALUE, bad.code());
        assertTrue(bad.getMessage().contains("'NIRC2' is not a number"), bad.getMessage());
    }

    @Test
    void aHundredThousandRepeatsOfOneKeywordAreIndexedInCardOrder() {
        Header.Builder b = Header.builder().add("SIMPLE", true);
        for (long i = 0; i < 100_000; i++) {
            b.add("HISTVAL", i).add("K" + (i % 7), i);
        }
        Header h = b.build();
        assertEquals(100_000, h.findAll("HISTVAL").size());
        assertEquals(99_999L, h.findAll("HISTVAL").get(99_999).value(), "the index keeps card order");
        assertEquals(0L, h.find("HISTVAL").orElseThrow().value(), "first wins for look-ups");
        assertEquals(100_000 / 7 + 1, h.findAll("K0").size());
        assertEquals(Map.of("HISTVAL", 100_000, "K0", 14_286, "K1", 14_286, "K2", 14_286, "K3", 14_286, "K4", 14_286,
                "K5", 14_285, "K6", 14_285), h.duplicates());
    }

    @Test
    void reportsDuplicatedKeywordsWithoutMergingThem() {
        Header h = sample();
        assertEquals(Map.of("TELESCOP", 2), h.duplicates());
        assertEquals(2, h.findAll("TELESCOP").size());
        assertEquals("Telescope", h.find("TELESCOP").orElseThrow().comment()); // first wins for look-ups
        Header.Builder b = Header.builder().comment("one").comment("two");
        assertTrue(b.build().duplicates().isEmpty(), "commentary cards are not duplicates");
    }

    @Test
    void fixLogRecordsEveryChangeAndTravelsWithTheHeader() {
        Header fixed = sample().toBuilder()
                .fix("UTC", "10:21:13.30", "KOA: UTC keyword corrected", "test.utc")
                .fix("SEMESTER", "2017B", "Calculated SEMESTER from DATE-OBS", "test.semester")
                .removeDuplicates("TELESCOP", "test.dedupe")
                .build();
        assertEquals(List.of(
                new HeaderFix("UTC", "10:21:13.25", "10:21:13.30", "test.utc"),
                new HeaderFix("SEMESTER", null, "2017B", "test.semester"),
                new HeaderFix("TELESCOP", "Keck II", null, "test.dedupe")), fixed.fixes());
        assertTrue(fixed.duplicates().isEmpty());
        assertEquals("KOA: UTC keyword corrected", fixed.find("UTC").orElseThrow().comment());
        assertEquals(6, fixed.indexOf("UTC"), "a fix keeps the card in place");
        Header again = fixed.toBuilder().add("X", 1L).build();
        assertEquals(3, again.fixes().size(), "toBuilder keeps the fix log");
        assertEquals("UTC: '10:21:13.25' -> '10:21:13.30' (test.utc)", fixed.fixes().get(0).toString());
    }

    @Test
    void setReplacesInPlaceAndKeepsCommentUnlessGiven() {
        Header h = sample().toBuilder().set("ITIME", 6.0).build();
        assertEquals(2, h.indexOf("ITIME"));
        assertEquals(Optional.of(6.0), h.getDouble("ITIME"));
        assertTrue(h.fixes().isEmpty(), "plain set is not a fix");
        Header removed = h.toBuilder().remove("TELESCOP").build();
        assertFalse(removed.contains("TELESCOP"));
    }

    @Test
    void cardsNormaliseNumericTypesAndPrintLikeFits() {
        assertEquals(3L, Card.of("N", 3).value());
        assertEquals(0.1, Card.of("F", 0.1f).value());
        assertEquals("OBJECT  = 'O''Brien' / target", Card.of("OBJECT", "O'Brien", "target").toString());
        assertEquals("SIMPLE  = T", Card.of("SIMPLE", true).toString());
        assertThrows(IllegalArgumentException.class, () -> Card.of("X", new Object()));
        assertTrue(Card.comment("x").isCommentary());
        assertTrue(new Card("", null, "blank").isCommentary());
    }

    @Test
    void lookUpsIgnoreCaseAndSurroundingSpacesAndCommentaryCardsAreNeverValued() {
        Header h = Header.builder().add(" exptime ", 5L, "").add("EXPTIME2", 6L, "").add(Card.comment("EXPTIME"))
                .add("history", null, "h").add("Comment", null, "c").add("CHIP", "a", "").build();
        assertEquals(Optional.of(5L), h.getLong("EXPTIME"));
        assertEquals(Optional.of(5L), h.getLong("exptime"));
        assertEquals(List.of(" exptime ", "EXPTIME2", "CHIP"), h.keywords());
        Header fixed = h.toBuilder().fix("Exptime", 7L, null, "test.rule").remove(" chip").build();
        assertEquals(Optional.of(7L), fixed.getLong("EXPTIME"));
        assertEquals(Optional.of(6L), fixed.getLong("EXPTIME2"));
        assertFalse(fixed.contains("CHIP"));
        assertEquals(5L, fixed.fixes().get(0).oldValue());
        assertTrue(Card.isCommentaryKeyword(" history") && Card.isCommentaryKeyword(""));
        assertFalse(Card.isCommentaryKeyword("HIERARCH") || Card.isCommentaryKeyword("COMMENTS"));
    }
}
