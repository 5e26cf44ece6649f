package org.drpkit.fits;

import java.util.ArrayList;
import java.util.List;
import nom.tam.fits.HeaderCard;
import org.drpkit.core.header.Card;

/**
 * Formats core {@link Card}s as 80-character FITS card images (long strings as CONTINUE cards, HIERARCH for long or
 * spaced keywords), using nom-tam-fits' card formatter.
 */
final class CardFormatter {

    private static final int TEXT = 72;

    private CardFormatter() {
    }

    /** @return the card images (each 80 characters) for one card */
    static List<String> format(Card c) {
        List<String> out = new ArrayList<>();
        if (c.isCommentary()) {
            String key = c.keyword().trim();
            String text = c.comment();
            do {
                String part = text.length() > TEXT ? text.substring(0, TEXT) : text;
                text = text.length() > TEXT ? text.substring(TEXT) : "";
                out.add(padded(key, 8) + padded(part, TEXT)); // as String.format("%-8s%-72s"), without its parser
            } while (!text.isEmpty());
            return out;
        }
        String key = c.keyword().length() > 8 || c.keyword().contains(" ")
                ? "HIERARCH." + c.keyword().trim().replace(' ', '.') : c.keyword();
        Object v = c.value();
        String comment = c.comment().isEmpty() ? null : c.comment();
        HeaderCard hc;
        if (v == null) {
            hc = new HeaderCard(key, (String) null, comment);
        } else if (v instanceof String s) {
            hc = new HeaderCard(key, s, comment);
        } else if (v instanceof Boolean b) {
            hc = new HeaderCard(key, b, comment);
        } else {
            hc = new HeaderCard(key, (Number) v, comment);
        }
        String images = hc.toString();
        for (int i = 0; i < images.length(); i += 80) {
            out.add(images.substring(i, Math.min(images.length(), i + 80)));
        }
        return out;
    }

    /** @return {@code s} followed by spaces up to {@code width} characters (never cut) */
    private static String padded(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
