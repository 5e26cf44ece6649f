package org.drpkit.archive.almanac;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.drpkit.core.header.Card;
import org.drpkit.core.header.Header;

/**
 * The keyword schema of one header: each keyword's name and value type ({@code S} text, {@code I} integer,
 * {@code F} real, {@code L} logical, {@code U} no value). Commentary cards (COMMENT, HISTORY, blank) are left out; a
 * repeated keyword counts once, by its first card. Its text form, {@code NAME:T NAME:T ...} sorted by name, is what
 * the almanac stores once per distinct schema.
 *
 * <pre>{@code
 * KeywordSchema s = KeywordSchema.of(header);
 * s.types();   // {EXPTIME=F, IMAGETYP=S, NREAD=I, ...}
 * s.id();      // 32 hex digits, the same for every header of this schema
 * }</pre>
 *
 * @param types keyword to type letter, sorted by keyword
 */
public record KeywordSchema(Map<String, Character> types) {

    /** Copies the map, sorted. */
    public KeywordSchema {
        types = Map.copyOf(new TreeMap<>(types));
    }

    /** @return the schema of a header */
    public static KeywordSchema of(Header header) {
        Map<String, Character> m = new TreeMap<>();
        for (Card c : header) {
            if (!c.isCommentary() && !c.key().isEmpty()) {
                m.putIfAbsent(c.key(), type(c.value()));
            }
        }
        return new KeywordSchema(m);
    }

    /** @return the schema of its {@link #text()} form */
    public static KeywordSchema parse(String text) {
        Map<String, Character> m = new TreeMap<>();
        for (String item : text.trim().split(" ")) {
            int colon = item.lastIndexOf(':');
            if (colon > 0 && colon == item.length() - 2) {
                m.put(item.substring(0, colon), item.charAt(colon + 1));
            }
        }
        return new KeywordSchema(m);
    }

    /** @return the type letter of a card value */
    public static char type(Object value) {
        if (value == null) {
            return 'U';
        }
        if (value instanceof Boolean) {
            return 'L';
        }
        if (value instanceof Long || value instanceof Integer) {
            return 'I';
        }
        if (value instanceof Number) {
            return 'F';
        }
        return 'S';
    }

    /** @return {@code NAME:T} items, sorted by name, separated by blanks */
    public String text() {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(types).forEach((k, t) -> sb.append(sb.length() == 0 ? "" : " ").append(k).append(':').append(t));
        return sb.toString();
    }

    /** @return the first 32 hex digits of the SHA-256 of {@link #text()}: equal schemas, equal ids */
    public String id() {
        return Hashing.sha256().hashString(text(), StandardCharsets.UTF_8).toString().substring(0, 32);
    }

    @Override
    public String toString() {
        return "KeywordSchema[" + types.size() + " keywords, " + id() + "]";
    }
}
