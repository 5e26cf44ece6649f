package org.drpkit.fits.table;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.drpkit.core.header.Card;
import org.drpkit.core.header.Header;

/**
 * A keyword table made from one header, for instruments the archive has no keyword table for: {@code KOAID} first
 * (not null), then every valued keyword of the header in card order (the first of repeated ones), then the caller's
 * {@link MetadataValues} that are not cards ({@code PROPINT}, {@code FILESIZE_MB}, ...). Types follow the values: integers are {@code integer},
 * reals {@code double}, everything else {@code char}; each column is as wide as its name and value (at least 16 for
 * numbers); every column but KOAID allows nulls; no value checks. The layout therefore depends on the header: such
 * tables describe one file each and are not meant to be stacked.
 *
 * <pre>{@code
 * KeywordTable t = HeaderKeywordTable.of(fixed, values);     // no KOA_{INSTR}_Keyword_Table.txt for APOGEE
 * MetadataResult m = MetadataWriter.of(t).write(fixed, values);
 * }</pre>
 */
public final class HeaderKeywordTable {

    private static final Set<String> SKIP = Set.of("KOAID", "SIMPLE", "END", "CONTINUE");

    private HeaderKeywordTable() {
    }

    /** @return the generic keyword table of a (fixed) header whose every value is a card */
    public static KeywordTable of(Header header) {
        return of(header, MetadataValues.none());
    }

    /** @return the generic keyword table (named {@code generic}) of a fixed header and its values beyond the cards */
    public static KeywordTable of(Header header, MetadataValues values) {
        List<KeywordDefinition> defs = new ArrayList<>();
        Object koaid = header.value("KOAID").orElse("");
        defs.add(KeywordDefinition.of("KOAID", MetadataType.CHAR, Math.max(32, String.valueOf(koaid).length()), false));
        Set<String> seen = new HashSet<>(SKIP);
        for (Card c : header) {
            if (!c.isCommentary() && seen.add(c.key())) {
                defs.add(definition(c.key(), c.value()));
            }
        }
        for (Map.Entry<String, Object> e : values.asMap().entrySet()) {
            Object v = e.getValue();
            boolean scalar = v == null || v instanceof String || v instanceof Number || v instanceof Boolean;
            if (scalar && seen.add(e.getKey())) {
                defs.add(definition(e.getKey(), v));
            }
        }
        return KeywordTable.of("generic", defs);
    }

    private static KeywordDefinition definition(String key, Object v) {
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return KeywordDefinition.of(key, MetadataType.INTEGER, Math.max(16, String.valueOf(v).length()), true);
        }
        if (v instanceof Number n) {
            return KeywordDefinition.of(key, MetadataType.DOUBLE, Math.max(16, PyFloat.repr(n.doubleValue()).length()),
                    true);
        }
        String text = v instanceof Boolean b ? (b ? "T" : "F") : v == null ? "" : v.toString().stripTrailing();
        return KeywordDefinition.of(key, MetadataType.CHAR, Math.max(4, text.length()), true);
    }
}
