package org.drpkit.instruments.corrections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.drpkit.core.header.Card;
import org.junit.jupiter.api.Test;

class CardTextTest {

    @Test
    void readsEveryValueTypeAsFitsheaderPrintsIt() {
        assertEquals(Card.of("UTC", "14:17:50.75", "coordinated universal time"),
                CardText.parse("UTC     = '14:17:50.75'  / coordinated universal time"));
        assertEquals(40L, CardText.parse("COADDS  =                   40 / Number of coadds").value());
        assertEquals(0.053, CardText.parse("ITIME   =                0.053").value());
        assertEquals(1.5e-5, CardText.parse("CD1_1 = 1.5D-05").value());
        assertEquals(Boolean.TRUE, CardText.parse("SIMPLE  =                    T").value());
        assertNull(CardText.parse("OA      =            / unknown").value());
    }

    @Test
    void quotesInsideStringsAndSlashesInsideStringsSurvive() {
        Card c = CardText.parse("OBSERVER= 'O''Sullivan/Martin' / who");
        assertEquals("O'Sullivan/Martin", c.value());
        assertEquals("who", c.comment());
    }

    @Test
    void trailingBlanksOfStringsAreDroppedAsInFits() {
        assertEquals("Keck II", CardText.parse("TELESCOP= 'Keck II  '").value());
    }

    @Test
    void commentaryCardsKeepTheirText() {
        Card c = CardText.parse("HISTORY corrected by hand");
        assertTrue(c.isCommentary());
        assertEquals("corrected by hand", c.comment());
    }

    @Test
    void unterminatedStringsAndLinesWithoutValueAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> CardText.parse("OBJECT  = 'HD 1160"));
        assertThrows(IllegalArgumentException.class, () -> CardText.parse("just some text"));
    }
}
