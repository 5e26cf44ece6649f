package org.drpkit.fits.checksum;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The card images of one header as raw 80-byte records, edited without re-formatting any other card: the checksum
 * writer replaces or appends only its own two cards.
 */
final class RawHeader {

    static final int CARD = 80;
    static final int BLOCK = 2880;
    private static final String END = String.format("%-80s", "END");
    private static final String BLANK = " ".repeat(CARD);

    /** Cards before END, as read. */
    private final List<String> cards;

    private RawHeader(List<String> cards) {
        this.cards = cards;
    }

    /** Parses header records (ISO-8859-1 so every byte survives); cards after END are dropped (they are fill). */
    static RawHeader parse(byte[] header) {
        String text = new String(header, StandardCharsets.ISO_8859_1);
        List<String> out = new ArrayList<>();
        for (int i = 0; i + CARD <= text.length(); i += CARD) {
            String c = text.substring(i, i + CARD);
            if (c.equals(END)) {
                break;
            }
            out.add(c);
        }
        return new RawHeader(out);
    }

    /** @return the index of the first card with this keyword (columns 1-8), or -1 */
    int find(String keyword) {
        String k = String.format("%-8s", keyword);
        for (int i = 0; i < cards.size(); i++) {
            if (cards.get(i).startsWith(k)) {
                return i;
            }
        }
        return -1;
    }

    /** @return the value text of card {@code i}: the quoted string without quotes and trailing blanks, or the token */
    String value(int i) {
        String c = cards.get(i);
        if (c.length() < 10 || c.charAt(8) != '=') {
            return null;
        }
        String f = c.substring(10).trim();
        if (f.startsWith("'")) {
            StringBuilder v = new StringBuilder();
            for (int k = 1; k < f.length(); k++) {
                char ch = f.charAt(k);
                if (ch == '\'') {
                    if (k + 1 < f.length() && f.charAt(k + 1) == '\'') {
                        v.append('\'');
                        k++;
                        continue;
                    }
                    return v.toString().stripTrailing();
                }
                v.append(ch);
            }
            return null; // unterminated string
        }
        int slash = f.indexOf('/');
        return (slash < 0 ? f : f.substring(0, slash)).trim();
    }

    /** @return true when card {@code i} is {@code KEYWORD= '16 characters'} with the value at bytes 11-26 */
    boolean hasStandardChecksumLayout(int i) {
        String c = cards.get(i);
        return c.charAt(8) == '=' && c.charAt(9) == ' ' && c.charAt(10) == '\'' && c.charAt(27) == '\'';
    }

    /** @return a copy of card {@code i} with its 16-character value (bytes 11-26) replaced */
    String withChecksumValue(int i, String value) {
        String c = cards.get(i);
        return c.substring(0, 11) + value + c.substring(27);
    }

    /** Replaces the first card with this keyword, removing later duplicates, or appends it (reusing blank cards). */
    void put(String keyword, String image) {
        int at = find(keyword);
        if (at >= 0) {
            cards.set(at, image);
            String k = String.format("%-8s", keyword);
            for (int i = cards.size() - 1; i > at; i--) {
                if (cards.get(i).startsWith(k)) {
                    cards.remove(i);
                }
            }
            return;
        }
        int firstTrailingBlank = cards.size();
        while (firstTrailingBlank > 0 && cards.get(firstTrailingBlank - 1).equals(BLANK)) {
            firstTrailingBlank--;
        }
        if (firstTrailingBlank < cards.size()) {
            cards.set(firstTrailingBlank, image);
        } else {
            cards.add(image);
        }
    }

    void set(int i, String image) {
        cards.set(i, image);
    }

    /** @return the header records: cards, END, blank fill to a multiple of 2880 bytes */
    byte[] toBytes() {
        StringBuilder sb = new StringBuilder((cards.size() + 1 + 36) * CARD);
        for (String c : cards) {
            sb.append(c);
        }
        sb.append(END);
        while (sb.length() % BLOCK != 0) {
            sb.append(' ');
        }
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** @return byte offset of card {@code i} within {@link #toBytes()} */
    static int offset(int i) {
        return i * CARD;
    }

    /** @return a card image {@code KEYWORD= 'value' / comment}, the string starting at byte 11 */
    static String stringCard(String keyword, String value, String comment) {
        String v = String.format("%-8s= '%-8s'", keyword, value);
        String c = v.length() < 30 ? String.format("%-30s", v) : v;
        String image = comment == null || comment.isEmpty() ? c : c + " / " + comment;
        return String.format("%-80s", image.length() > CARD ? image.substring(0, CARD) : image);
    }
}
