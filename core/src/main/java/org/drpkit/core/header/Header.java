package org.drpkit.core.header;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.drpkit.core.error.CoreErrorCode;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;

/**
 * An immutable, ordered list of header cards with typed look-ups and a log of the fixes applied to it. What a
 * plugin derives beyond the cards (warnings, archive facts) travels beside the header in the plugin's fix result,
 * never inside it.
 *
 * <p>Card order, comments and duplicated keywords are kept exactly as read; {@link #duplicates()} reports
 * repeated keywords, which are never merged silently. Look-ups use the first card with the keyword
 * (case-insensitive). Typed getters return {@link Optional#empty()} when a keyword is absent, valueless or not
 * convertible; {@code require*} methods throw a {@link DrpException} naming the keyword and where the header
 * came from.
 *
 * <pre>{@code
 * Header h = Header.builder().add("INSTRUME", "NIRC2").add("ITIME", 5.0).add("COADDS", 4L).build();
 * h.getDouble("ITIME");                 // Optional[5.0]
 * h.requireLong("COADDS");              // 4
 * Header f = h.toBuilder().fix("INSTRUME", "NIRC2", null, "example.rule").build();
 * f.fixes();                            // [INSTRUME: 'NIRC2' -> 'NIRC2' (example.rule)]
 * }</pre>
 */
public final class Header implements Iterable<Card> {

    private static final Header EMPTY = new Header(List.of(), List.of(), Location.NOWHERE);

    private final List<Card> cards;
    private final List<HeaderFix> fixes;
    private final Location origin;
    private final Map<String, int[]> index;

    private Header(List<Card> cards, List<HeaderFix> fixes, Location origin) {
        this.cards = cards;
        this.fixes = fixes;
        this.origin = origin;
        this.index = buildIndex(cards);
    }

    /** @return a header without cards */
    public static Header empty() {
        return EMPTY;
    }

    /** @return a header of the given cards, in order */
    public static Header of(Card... cards) {
        Builder b = builder();
        for (Card c : cards) {
            b.add(c);
        }
        return b.build();
    }

    /** @return a builder for a new header */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this header's cards, fixes and origin */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.cards.addAll(cards);
        b.fixes.addAll(fixes);
        b.origin = origin;
        return b;
    }

    /** @return number of cards, commentary cards included */
    public int size() {
        return cards.size();
    }

    /** @return the cards in order (unmodifiable) */
    public List<Card> cards() {
        return cards;
    }

    /** @return the card at position {@code i} */
    public Card card(int i) {
        return cards.get(i);
    }

    @Override
    public Iterator<Card> iterator() {
        return cards.iterator();
    }

    /** @return where this header came from (file and HDU), used in error messages */
    public Location origin() {
        return origin;
    }

    /** @return the fixes applied to this header, oldest first (unmodifiable) */
    public List<HeaderFix> fixes() {
        return fixes;
    }

    /** @return true when at least one non-commentary card has this keyword */
    public boolean contains(String keyword) {
        return index.containsKey(Card.normalize(keyword));
    }

    /** @return the first card with this keyword */
    public Optional<Card> find(String keyword) {
        int[] at = index.get(Card.normalize(keyword));
        return at == null ? Optional.empty() : Optional.of(cards.get(at[0]));
    }

    /** @return every card with this keyword, in order (commentary keywords included) */
    public List<Card> findAll(String keyword) {
        String k = Card.normalize(keyword);
        List<Card> out = new ArrayList<>();
        for (Card c : cards) {
            if (c.hasKey(k)) {
                out.add(c);
            }
        }
        return out;
    }

    /** @return the position of the first card with this keyword, or -1 */
    public int indexOf(String keyword) {
        int[] at = index.get(Card.normalize(keyword));
        return at == null ? -1 : at[0];
    }

    /** @return the value of the first card with this keyword, when it has one */
    public Optional<Object> value(String keyword) {
        return find(keyword).map(Card::value);
    }

    /** @return the value as text: strings as they are, numbers and booleans printed ({@code T}/{@code F}) */
    public Optional<String> getString(String keyword) {
        return value(keyword).map(CardValues::text);
    }

    /** @return the value as a long: integers, integral doubles, and strings that parse as integers */
    public Optional<Long> getLong(String keyword) {
        return value(keyword).flatMap(CardValues::asLong);
    }

    /** @return the value as an int, when it is a long within int range */
    public Optional<Integer> getInt(String keyword) {
        return getLong(keyword).filter(v -> v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE).map(Long::intValue);
    }

    /** @return the value as a double: numbers, and strings that parse as numbers */
    public Optional<Double> getDouble(String keyword) {
        return value(keyword).flatMap(CardValues::asDouble);
    }

    /** @return the value as a boolean: logical values, and the strings T, F, true, false */
    public Optional<Boolean> getBoolean(String keyword) {
        return value(keyword).flatMap(CardValues::asBoolean);
    }

    /**
     * @return the value as text
     * @throws DrpException {@code HEADER_MISSING_KEYWORD} when absent or valueless
     */
    public String requireString(String keyword) throws DrpException {
        return CardValues.text(requireValue(keyword));
    }

    /**
     * @return the value as a long
     * @throws DrpException {@code HEADER_MISSING_KEYWORD} when absent, {@code HEADER_BAD_VALUE} when not an integer
     */
    public long requireLong(String keyword) throws DrpException {
        Object v = requireValue(keyword);
        return CardValues.asLong(v).orElseThrow(() -> badValue(keyword, v, "an integer"));
    }

    /**
     * @return the value as an int
     * @throws DrpException {@code HEADER_MISSING_KEYWORD} or {@code HEADER_BAD_VALUE}
     */
    public int requireInt(String keyword) throws DrpException {
        long v = requireLong(keyword);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw badValue(keyword, v, "an integer within int range");
        }
        return (int) v;
    }

    /**
     * @return the value as a double
     * @throws DrpException {@code HEADER_MISSING_KEYWORD} or {@code HEADER_BAD_VALUE}
     */
    public double requireDouble(String keyword) throws DrpException {
        Object v = requireValue(keyword);
        return CardValues.asDouble(v).orElseThrow(() -> badValue(keyword, v, "a number"));
    }

    /**
     * @return the value as a boolean
     * @throws DrpException {@code HEADER_MISSING_KEYWORD} or {@code HEADER_BAD_VALUE}
     */
    public boolean requireBoolean(String keyword) throws DrpException {
        Object v = requireValue(keyword);
        return CardValues.asBoolean(v).orElseThrow(() -> badValue(keyword, v, "a logical value"));
    }

    /**
     * Keywords that appear on more than one valued card (commentary cards excluded), with their counts.
     *
     * @return keyword (as first written) to number of cards, in header order
     */
    public Map<String, Integer> duplicates() {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (int i = 0; i < cards.size(); i++) {
            int[] at = index.get(cards.get(i).key());
            if (at != null && at.length > 1 && at[0] == i) {
                out.put(cards.get(i).keyword(), at.length);
            }
        }
        return out;
    }

    /** @return the keywords of all valued cards, in order, duplicates included */
    public List<String> keywords() {
        List<String> out = new ArrayList<>();
        for (Card c : cards) {
            if (!c.isCommentary()) {
                out.add(c.keyword());
            }
        }
        return out;
    }

    /** Prints one card per line, like {@code fitsheader}, followed by the fix log when there is one. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Card c : cards) {
            sb.append(c).append('\n');
        }
        for (HeaderFix f : fixes) {
            sb.append("fix: ").append(f).append('\n');
        }
        return sb.toString();
    }

    private Object requireValue(String keyword) throws DrpException {
        Optional<Card> c = find(keyword);
        if (c.isEmpty() || c.get().value() == null) {
            throw new DrpException(CoreErrorCode.HEADER_MISSING_KEYWORD, origin.keyword(keyword),
                    c.isEmpty() ? "required keyword is absent" : "required keyword has no value");
        }
        return c.get().value();
    }

    private DrpException badValue(String keyword, Object value, String expected) {
        return new DrpException(CoreErrorCode.HEADER_BAD_VALUE, origin.keyword(keyword),
                "value " + (value instanceof String ? "'" + value + "'" : value) + " is not " + expected);
    }

    /** Keyword to the indices of its cards, in card order: one pass, an index array grown only for a repeat. */
    private static Map<String, int[]> buildIndex(List<Card> cards) {
        Map<String, int[]> idx = new HashMap<>(Math.max(16, cards.size() * 2));
        for (int i = 0; i < cards.size(); i++) {
            String key = cards.get(i).key();
            if (!isCommentaryKey(key)) {
                int[] at = idx.putIfAbsent(key, new int[] {i});
                if (at != null) {
                    int[] more = Arrays.copyOf(at, at.length + 1);
                    more[at.length] = i;
                    idx.put(key, more);
                }
            }
        }
        return idx;
    }

    /** @return true for the look-up key of a commentary card (see {@link Card#isCommentaryKeyword}) */
    private static boolean isCommentaryKey(String key) {
        return key.isEmpty() || key.equals("COMMENT") || key.equals("HISTORY");
    }

    /**
     * Builds a {@link Header}. Not thread-safe. {@link #fix} and {@link #removeDuplicates} record what they change
     * in the fix log; the plain mutators ({@link #add}, {@link #set}, {@link #remove}) do not.
     */
    public static final class Builder {

        private final List<Card> cards = new ArrayList<>();
        private final List<HeaderFix> fixes = new ArrayList<>();
        private Location origin = Location.NOWHERE;

        private Builder() {
        }

        /** Appends a card. */
        public Builder add(Card card) {
            cards.add(Objects.requireNonNull(card, "card"));
            return this;
        }

        /** Appends a card without comment. */
        public Builder add(String keyword, Object value) {
            return add(Card.of(keyword, value));
        }

        /** Appends a card. */
        public Builder add(String keyword, Object value, String comment) {
            return add(Card.of(keyword, value, comment));
        }

        /** Appends a {@code COMMENT} card. */
        public Builder comment(String text) {
            return add(Card.comment(text));
        }

        /** Appends a {@code HISTORY} card. */
        public Builder history(String text) {
            return add(Card.history(text));
        }

        /**
         * Sets the value of the first card with this keyword in place, or appends a card.
         *
         * @param comment the new comment, or null to keep the existing one
         */
        public Builder set(String keyword, Object value, String comment) {
            setAt(firstIndex(keyword), keyword, value, comment);
            return this;
        }

        /** Sets the card at {@code i} (the keyword's first, or -1 to append); @return where the card now is */
        private int setAt(int i, String keyword, Object value, String comment) {
            if (i < 0) {
                cards.add(Card.of(keyword, value, comment));
                return cards.size() - 1;
            }
            Card old = cards.get(i);
            cards.set(i, Card.of(old.keyword(), value, comment == null ? old.comment() : comment));
            return i;
        }

        /** Sets a value in place or appends it, keeping any existing comment. */
        public Builder set(String keyword, Object value) {
            return set(keyword, value, null);
        }

        /** Inserts a card at position {@code i} (0 = first). */
        public Builder insert(int i, Card card) {
            cards.add(i, Objects.requireNonNull(card, "card"));
            return this;
        }

        /** Removes every card with this keyword. */
        public Builder remove(String keyword) {
            String k = Card.normalize(keyword);
            cards.removeIf(c -> c.hasKey(k));
            return this;
        }

        /**
         * Sets a value like {@link #set(String, Object, String)} and records the change in the fix log.
         * A fix that leaves the value unchanged is still recorded, so the log shows every rule that acted.
         *
         * @param rule the name of the repair rule, e.g. {@code "keck.utcFromMtime"}
         */
        public Builder fix(String keyword, Object value, String comment, String rule) {
            int i = firstIndex(keyword);
            Object old = i < 0 ? null : cards.get(i).value();
            int at = setAt(i, keyword, value, comment);
            fixes.add(new HeaderFix(keyword, old, cards.get(at).value(), rule));
            return this;
        }

        /** Removes every card with this keyword and records the removal in the fix log. */
        public Builder removeFix(String keyword, String rule) {
            int i = firstIndex(keyword);
            if (i >= 0) {
                fixes.add(new HeaderFix(keyword, cards.get(i).value(), null, rule));
                remove(keyword);
            }
            return this;
        }

        /**
         * Keeps the first card of a repeated keyword and removes the others, recording each removal.
         *
         * @return this builder
         */
        public Builder removeDuplicates(String keyword, String rule) {
            String k = Card.normalize(keyword);
            boolean seen = false;
            for (Iterator<Card> it = cards.iterator(); it.hasNext();) {
                Card c = it.next();
                if (c.hasKey(k) && !c.isCommentary()) {
                    if (seen) {
                        fixes.add(new HeaderFix(c.keyword(), c.value(), null, rule));
                        it.remove();
                    }
                    seen = true;
                }
            }
            return this;
        }

        /** Appends an entry to the fix log without changing any card. */
        public Builder log(HeaderFix fix) {
            fixes.add(Objects.requireNonNull(fix, "fix"));
            return this;
        }

        /** Sets where the header came from, for error messages. */
        public Builder origin(Location where) {
            origin = where == null ? Location.NOWHERE : where;
            return this;
        }

        /** @return the value of the first card with this keyword in the builder's current state */
        public Optional<Object> value(String keyword) {
            int i = firstIndex(keyword);
            return i < 0 ? Optional.empty() : Optional.ofNullable(cards.get(i).value());
        }

        /** @return an immutable header */
        public Header build() {
            return new Header(List.copyOf(cards), List.copyOf(fixes), origin);
        }

        private int firstIndex(String keyword) {
            String k = Card.normalize(keyword);
            for (int i = 0; i < cards.size(); i++) {
                Card c = cards.get(i);
                if (c.hasKey(k) && !c.isCommentary()) {
                    return i;
                }
            }
            return -1;
        }
    }
}
