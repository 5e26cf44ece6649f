package org.drpkit.fits;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.drpkit.core.header.Card;

/**
 * The data unit of one HDU as {@link FitsWriter} writes it: the structural cards that describe it and its bytes.
 * The writer adds SIMPLE/XTENSION first, then {@link #structure}, {@link #description}, EXTNAME, the caller's cards
 * (minus the ones {@link #reserved} names) and END, and pads the data to 2880 bytes.
 */
interface Payload {

    /** @return the XTENSION value when written as an extension ({@code IMAGE}, {@code BINTABLE}) */
    String xtension();

    /** Adds the cards from BITPIX on: BITPIX, NAXIS, NAXISn, then EXTEND (primary) or PCOUNT, GCOUNT (and table keys). */
    void structure(List<Card> cards, boolean primary);

    /** Adds the cards that describe the pixels (BZERO, BSCALE, BLANK, the Z keywords); EXTNAME follows them. */
    void description(List<Card> cards);

    /** @return true when a caller's card with this (upper-case) keyword must not be written */
    boolean reserved(String key);

    /** Writes the data unit, unpadded. */
    void write(OutputStream out) throws IOException;

    /** @return the size of the data unit in bytes, unpadded */
    long bytes();

    /** An HDU without data. */
    Payload NONE = new Payload() {
        @Override
        public String xtension() {
            return "IMAGE";
        }

        @Override
        public void structure(List<Card> cards, boolean primary) {
            cards.add(Card.of("BITPIX", 8L, "array data type"));
            cards.add(Card.of("NAXIS", 0L, "number of array dimensions"));
            if (primary) {
                cards.add(Card.of("EXTEND", true, "FITS dataset may contain extensions"));
            } else {
                cards.add(Card.of("PCOUNT", 0L, "number of parameters"));
                cards.add(Card.of("GCOUNT", 1L, "number of groups"));
            }
        }

        @Override
        public void description(List<Card> cards) {
        }

        @Override
        public boolean reserved(String key) {
            return false;
        }

        @Override
        public void write(OutputStream out) {
        }

        @Override
        public long bytes() {
            return 0;
        }
    };
}
