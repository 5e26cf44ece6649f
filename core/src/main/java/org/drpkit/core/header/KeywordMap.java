package org.drpkit.core.header;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Maps canonical keyword names to the ordered header keywords that may hold them, each entry with an optional
 * default, unit and valid range (as a Rubin translator's {@code ("PRESSURE", {"unit": hPa, "default": 771.6,
 * "minimum": 700, "maximum": 850})}).
 *
 * <p>Reading a canonical name returns the first alternative whose value is <em>present</em>: not null, not an
 * empty or blank string, not the strings {@code nan}/{@code -nan}, not a NaN double. Zero and {@code false}
 * count as present (the Keck archive's read semantics); a number outside the entry's valid range counts as absent, so
 * reading falls through to the next alternative and then to the default. Writing uses the first alternative. A
 * canonical name without an entry maps to itself.
 *
 * <pre>{@code
 * KeywordMap km = KeywordMap.builder().map("UTC", "UTC", "UT").map("OFNAME", "DATAFILE")
 *         .entry(KeywordMap.Entry.of("DETGAIN").withDefault(4L).withUnit("e-/DN").withRange(0.5, 20)).build();
 * km.getString(header, "UTC");        // UTC if valid, else UT
 * km.writeKeyword("OFNAME");          // "DATAFILE"
 * km.getDouble(header, "DETGAIN");    // DETGAIN when present and within [0.5, 20], else 4.0
 * }</pre>
 */
public final class KeywordMap {

    /**
     * One canonical name, where to find it and what a valid value is.
     *
     * @param canonical    the canonical name, e.g. {@code UTC} (upper case)
     * @param keywords     header keywords to try, in order (at least one)
     * @param defaultValue value used when none is present, or null
     * @param unit         the value's unit as text (e.g. {@code e-/DN}), or {@code ""} when it has none or is unknown
     * @param minimum      the smallest valid number, or NaN for no lower bound
     * @param maximum      the largest valid number, or NaN for no upper bound
     */
    public record Entry(String canonical, List<String> keywords, Object defaultValue, String unit, double minimum,
            double maximum) {

        /** Copies the keyword list, checks it is not empty, normalises the canonical name and the unit. */
        public Entry {
            canonical = Card.normalize(Objects.requireNonNull(canonical, "canonical"));
            keywords = List.copyOf(keywords);
            if (keywords.isEmpty()) {
                throw new IllegalArgumentException("no header keyword for " + canonical);
            }
            unit = unit == null ? "" : unit;
            if (minimum > maximum) {
                throw new IllegalArgumentException(canonical + ": minimum " + minimum + " > maximum " + maximum);
            }
        }

        /** @return an entry read from {@code keywords} (the canonical name itself when none), without default */
        public static Entry of(String canonical, String... keywords) {
            return new Entry(canonical, keywords.length == 0 ? List.of(canonical) : List.of(keywords), null, "",
                    Double.NaN, Double.NaN);
        }

        /** @return this entry with a default used when no alternative holds a valid value */
        public Entry withDefault(Object value) {
            return new Entry(canonical, keywords, value, unit, minimum, maximum);
        }

        /** @return this entry with a unit */
        public Entry withUnit(String u) {
            return new Entry(canonical, keywords, defaultValue, u, minimum, maximum);
        }

        /** @return this entry with a valid range (NaN for an open end) */
        public Entry withRange(double min, double max) {
            return new Entry(canonical, keywords, defaultValue, unit, min, max);
        }

        /** @return true when a present value is valid: not a number, or a number within the range */
        public boolean valid(Object value) {
            Optional<Double> x = value instanceof String ? Optional.empty() : CardValues.asDouble(value);
            if (x.isEmpty()) {
                return true;
            }
            return !(x.get() < minimum) && !(x.get() > maximum);
        }
    }

    private static final KeywordMap EMPTY = new KeywordMap(Map.of());

    private final Map<String, Entry> entries;

    private KeywordMap(Map<String, Entry> entries) {
        this.entries = entries;
    }

    /** @return a map where every canonical name maps to itself */
    public static KeywordMap empty() {
        return EMPTY;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the canonical names with an entry, in declaration order */
    public Set<String> canonicalNames() {
        return entries.keySet();
    }

    /** @return the entry for a canonical name, when declared */
    public Optional<Entry> entry(String canonical) {
        return Optional.ofNullable(entries.get(Card.normalize(canonical)));
    }

    /** @return the header keywords tried for {@code canonical}, in order ({@code [canonical]} when undeclared) */
    public List<String> keywords(String canonical) {
        Entry e = entries.get(Card.normalize(canonical));
        return e == null ? List.of(canonical) : e.keywords();
    }

    /** @return the keyword a writer uses for {@code canonical}: the first alternative */
    public String writeKeyword(String canonical) {
        return keywords(canonical).get(0);
    }

    /** @return the first card among the alternatives whose value is present and within the entry's range */
    public Optional<Card> find(Header header, String canonical) {
        Entry e = entries.get(Card.normalize(canonical));
        for (String k : keywords(canonical)) {
            Optional<Card> c = header.find(k);
            if (c.isPresent() && isPresent(c.get().value()) && (e == null || e.valid(c.get().value()))) {
                return c;
            }
        }
        return Optional.empty();
    }

    /** @return the first present value among the alternatives, else the declared default */
    public Optional<Object> value(Header header, String canonical) {
        Optional<Card> c = find(header, canonical);
        if (c.isPresent()) {
            return Optional.of(c.get().value());
        }
        Entry e = entries.get(Card.normalize(canonical));
        return e == null ? Optional.empty() : Optional.ofNullable(e.defaultValue());
    }

    /** @return {@link #value} as text */
    public Optional<String> getString(Header header, String canonical) {
        return value(header, canonical).map(CardValues::text);
    }

    /** @return {@link #value} as a double */
    public Optional<Double> getDouble(Header header, String canonical) {
        return value(header, canonical).flatMap(CardValues::asDouble);
    }

    /** @return {@link #value} as a long */
    public Optional<Long> getLong(Header header, String canonical) {
        return value(header, canonical).flatMap(CardValues::asLong);
    }

    /** @return a map with this map's entries, replaced or extended by those of {@code overrides} */
    public KeywordMap with(KeywordMap overrides) {
        Map<String, Entry> m = new LinkedHashMap<>(entries);
        m.putAll(overrides.entries);
        return new KeywordMap(Collections.unmodifiableMap(m));
    }

    /**
     * @return true when a header value counts as present: not null, not blank, not "nan"/"-nan", not NaN;
     *         0 and false are present
     */
    public static boolean isPresent(Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof String s) {
            String t = s.trim();
            return !t.isEmpty() && !t.equalsIgnoreCase("nan") && !t.equalsIgnoreCase("-nan");
        }
        if (value instanceof Double d) {
            return !d.isNaN();
        }
        return true;
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        for (Entry e : entries.values()) {
            parts.add(e.canonical() + "->" + String.join("|", e.keywords())
                    + (e.defaultValue() != null ? " (default " + e.defaultValue() + ")" : "")
                    + (e.unit().isEmpty() ? "" : " [" + e.unit() + "]")
                    + (Double.isNaN(e.minimum()) && Double.isNaN(e.maximum()) ? ""
                            : " in [" + e.minimum() + ", " + e.maximum() + "]"));
        }
        return "KeywordMap" + parts;
    }

    /** Builds a {@link KeywordMap}. */
    public static final class Builder {

        private final Map<String, Entry> entries = new LinkedHashMap<>();

        private Builder() {
        }

        /** Declares the header keywords for {@code canonical}, tried in order. */
        public Builder map(String canonical, String... keywords) {
            return entry(Entry.of(canonical, keywords));
        }

        /** Declares the header keywords for {@code canonical} and a default used when none is present. */
        public Builder mapWithDefault(String canonical, Object defaultValue, String... keywords) {
            return entry(Entry.of(canonical, keywords).withDefault(defaultValue));
        }

        /** Declares an entry (replacing any earlier one for its canonical name). */
        public Builder entry(Entry e) {
            entries.put(e.canonical(), e);
            return this;
        }

        /** @return an immutable keyword map */
        public KeywordMap build() {
            return new KeywordMap(Collections.unmodifiableMap(new LinkedHashMap<>(entries)));
        }
    }
}
