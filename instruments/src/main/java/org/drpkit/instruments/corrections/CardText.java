package org.drpkit.instruments.corrections;

import java.util.regex.Pattern;
import org.drpkit.core.header.Card;

/**
 * Reads one header card written as text, the way {@code fitsheader} prints it:
 * {@code KEYWORD = value / comment}. Values are {@code 'quoted strings'} ({@code ''} is a quote), {@code T} or
 * {@code F}, integers (as {@link Long}), reals (as {@link Double}, {@code D} exponents accepted), or nothing (an
 * undefined value). {@code COMMENT text} and {@code HISTORY text} are commentary cards. Used for correction files
 * and hand-written header fixtures.
 *
 * <pre>{@code
 * CardText.parse("UTC     = '14:17:50.75'  / coordinated universal time");   // UTC = '14:17:50.75'
 * CardText.parse("COADDS  = 40");                                            // a Long
 * }</pre>
 */
public final class CardText {

    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final Pattern REAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([EeDd][+-]?\\d+)?");

    private CardText() {
    }

    /**
     * @return the card
     * @throws IllegalArgumentException when the line is not a card (no keyword, an unterminated string)
     */
    public static Card parse(String line) {
        String t = line.strip();
        int eq = t.indexOf('=');
        String head = eq < 0 ? t : t.substring(0, eq).strip();
        if (eq < 0 || head.contains(" ")) {
            String word = t.split("\\s+", 2)[0];
            if (Card.isCommentaryKeyword(word)) {
                String text = t.length() > word.length() ? t.substring(word.length()).strip() : "";
                return new Card(word.toUpperCase(java.util.Locale.ROOT), null, text);
            }
            throw new IllegalArgumentException("not a header card (no '='): " + line);
        }
        if (head.isEmpty()) {
            throw new IllegalArgumentException("card without keyword: " + line);
        }
        String rest = t.substring(eq + 1).strip();
        Object value;
        String comment = "";
        if (rest.startsWith("'")) {
            StringBuilder sb = new StringBuilder();
            int i = 1;
            boolean closed = false;
            while (i < rest.length()) {
                char c = rest.charAt(i);
                if (c == '\'') {
                    if (i + 1 < rest.length() && rest.charAt(i + 1) == '\'') {
                        sb.append('\'');
                        i += 2;
                        continue;
                    }
                    closed = true;
                    i++;
                    break;
                }
                sb.append(c);
                i++;
            }
            if (!closed) {
                throw new IllegalArgumentException("unterminated string value: " + line);
            }
            value = sb.toString().stripTrailing();
            String after = rest.substring(i).strip();
            if (after.startsWith("/")) {
                comment = after.substring(1).strip();
            } else if (!after.isEmpty()) {
                throw new IllegalArgumentException("text after the string value: " + line);
            }
        } else {
            int slash = rest.indexOf('/');
            String v = (slash < 0 ? rest : rest.substring(0, slash)).strip();
            comment = slash < 0 ? "" : rest.substring(slash + 1).strip();
            value = value(v);
        }
        return new Card(head.toUpperCase(java.util.Locale.ROOT), value, comment);
    }

    private static Object value(String v) {
        if (v.isEmpty()) {
            return null;
        }
        if (v.equals("T")) {
            return Boolean.TRUE;
        }
        if (v.equals("F")) {
            return Boolean.FALSE;
        }
        if (INTEGER.matcher(v).matches()) {
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                return Double.parseDouble(v);
            }
        }
        if (REAL.matcher(v).matches()) {
            return Double.parseDouble(v.replace('D', 'E').replace('d', 'e'));
        }
        return v;
    }
}
