package org.drpkit.core.header;

import java.util.Locale;
import java.util.Objects;

/**
 * One header card: a keyword, a typed value and a comment.
 *
 * <p>Values are {@link String}, {@link Boolean}, {@link Long} or {@link Double}; {@code null} means the card
 * has no value (an undefined keyword, or a commentary card such as {@code COMMENT}, {@code HISTORY} or a blank
 * keyword, whose text is the comment). HIERARCH keywords are stored without the {@code HIERARCH} prefix, with
 * their spaces, e.g. {@code ESO DET DIT}.
 *
 * <pre>{@code
 * Card.of("EXPTIME", 10.5, "exposure time [s]")   // EXPTIME = 10.5 / exposure time [s]
 * Card.comment("written by drpkit")               // COMMENT written by drpkit
 * }</pre>
 *
 * @param keyword the keyword, upper case for standard keywords; {@code ""} for a blank commentary card
 * @param value   the value, or {@code null}
 * @param comment the comment (or the text of a commentary card), never null
 */
public record Card(String keyword, Object value, String comment) {

    /** Checks the value type. */
    public Card {
        Objects.requireNonNull(keyword, "keyword");
        if (value != null && !(value instanceof String || value instanceof Boolean || value instanceof Long
                || value instanceof Double)) {
            if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
                value = ((Number) value).longValue();
            } else if (value instanceof Float f) {
                value = Double.valueOf(Float.toString(f));
            } else {
                throw new IllegalArgumentException("unsupported value type " + value.getClass().getName()
                        + " for " + keyword);
            }
        }
        comment = comment == null ? "" : comment;
    }

    /** @return a valued card; {@code value} is a String, Boolean, Long, Integer, Double or Float */
    public static Card of(String keyword, Object value, String comment) {
        return new Card(keyword, value, comment);
    }

    /** @return a valued card without comment */
    public static Card of(String keyword, Object value) {
        return new Card(keyword, value, "");
    }

    /** @return a {@code COMMENT} card */
    public static Card comment(String text) {
        return new Card("COMMENT", null, text);
    }

    /** @return a {@code HISTORY} card */
    public static Card history(String text) {
        return new Card("HISTORY", null, text);
    }

    /** @return true for {@code COMMENT}, {@code HISTORY} and blank-keyword cards */
    public boolean isCommentary() {
        return isCommentaryKeyword(keyword);
    }

    /** @return true when {@code keyword} names a commentary card */
    public static boolean isCommentaryKeyword(String keyword) {
        if (!keyword.isEmpty()) {
            char c = keyword.charAt(0);
            if (c > ' ' && c != 'C' && c != 'c' && c != 'H' && c != 'h') {
                return false; // most keywords: decided without a copy
            }
        }
        String k = normalize(keyword);
        return k.isEmpty() || k.equals("COMMENT") || k.equals("HISTORY");
    }

    /** @return the keyword in the form used for look-ups: trimmed and upper case */
    public String key() {
        return normalize(keyword);
    }

    /** @return true when this card's look-up key is {@code key} (trimmed upper case already); no copy when clean */
    boolean hasKey(String key) {
        if (keyword.equals(key)) {
            return true;
        }
        int n = keyword.length();
        if (n != key.length() && n > 0 && keyword.charAt(0) > ' ' && keyword.charAt(n - 1) > ' ') {
            return false; // no spaces to trim, so the key would have this length
        }
        return normalize(keyword).equals(key);
    }

    static String normalize(String keyword) {
        int n = keyword.length();
        boolean clean = n > 0 && keyword.charAt(0) > ' ' && keyword.charAt(n - 1) > ' ';
        for (int i = 0; clean && i < n; i++) {
            char c = keyword.charAt(i);
            clean = !(c >= 'a' && c <= 'z') && c < 128;
        }
        return clean ? keyword : keyword.trim().toUpperCase(Locale.ROOT); // the usual keyword needs no copy
    }

    /** @return the value as FITS would print it: quoted strings, {@code T}/{@code F}, numbers, or empty */
    public String valueText() {
        if (value == null) {
            return "";
        }
        if (value instanceof String s) {
            return "'" + s.replace("'", "''") + "'";
        }
        if (value instanceof Boolean b) {
            return b ? "T" : "F";
        }
        return value.toString();
    }

    /** Reads like a FITS card: {@code KEYWORD = value / comment}. */
    @Override
    public String toString() {
        if (isCommentary()) {
            return String.format("%-8s %s", keyword, comment);
        }
        String head = String.format("%-8s= %s", keyword, valueText());
        return comment.isEmpty() ? head : head + " / " + comment;
    }
}
