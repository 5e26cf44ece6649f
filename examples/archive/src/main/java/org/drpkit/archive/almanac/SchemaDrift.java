package org.drpkit.archive.almanac;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What changed in an instrument's header datamodel between two nights: keywords added, removed, retyped (the set of
 * value types differs; a keyword without a value, {@code U}, beside typed values is ignored), and those whose presence
 * rate moved by more than a threshold. A change is expected when its keyword is listed as allowed; {@link #unexpected}
 * is what a CI-style check fails on.
 *
 * <pre>{@code
 * SchemaDrift d = SchemaDrift.between(from, to, 0.1, Set.of("SEEING"));
 * d.unexpected();   // [removed CARTID (present in 100% of 60000), added CART_ID (100% of 60001)]
 * }</pre>
 *
 * @param from     the earlier night's schema
 * @param to       the later night's schema
 * @param changes  every change, by keyword
 */
public record SchemaDrift(NightSchema from, NightSchema to, List<Change> changes) {

    /** The kinds of change. */
    public enum Kind {
        /** In the later night only. */
        ADDED,
        /** In the earlier night only. */
        REMOVED,
        /** In both, with different value types. */
        RETYPED,
        /** In both, present in a share of files that moved by more than the threshold. */
        PRESENCE
    }

    /**
     * One keyword's change.
     *
     * @param keyword  the keyword
     * @param kind     what changed
     * @param detail   the values compared, for a person
     * @param expected the keyword was listed as allowed to change
     */
    public record Change(String keyword, Kind kind, String detail, boolean expected) {
        @Override
        public String toString() {
            return kind.name().toLowerCase(Locale.ROOT) + " " + keyword + " (" + detail + ")"
                    + (expected ? " [allowed]" : "");
        }
    }

    /** Copies the list. */
    public SchemaDrift {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        changes = List.copyOf(changes);
    }

    /**
     * Compares two nights' schemas (a pure function).
     *
     * @param presenceThreshold report a presence rate that moved by more than this (0..1; 1 turns it off)
     * @param allowed           keywords whose changes are expected
     * @return the changes, by keyword
     */
    public static SchemaDrift between(NightSchema from, NightSchema to, double presenceThreshold, Set<String> allowed) {
        Set<String> all = new TreeSet<>(from.types().keySet());
        all.addAll(to.types().keySet());
        List<Change> out = new ArrayList<>();
        for (String k : all) {
            boolean ok = allowed.contains(k);
            String a = from.types().get(k);
            String b = to.types().get(k);
            if (a == null) {
                out.add(new Change(k, Kind.ADDED, "type " + b + ", in " + pct(to.presence().get(k)) + " of "
                        + to.night(), ok));
            } else if (b == null) {
                out.add(new Change(k, Kind.REMOVED, "type " + a + ", was in " + pct(from.presence().get(k)) + " of "
                        + from.night(), ok));
            } else {
                String ta = a.length() > 1 ? a.replace("U", "") : a;
                String tb = b.length() > 1 ? b.replace("U", "") : b;
                if (!ta.equals(tb)) {
                    out.add(new Change(k, Kind.RETYPED, a + " in " + from.night() + ", " + b + " in " + to.night(), ok));
                }
                double pa = from.presence().get(k);
                double pb = to.presence().get(k);
                if (Math.abs(pa - pb) > presenceThreshold) {
                    out.add(new Change(k, Kind.PRESENCE, pct(pa) + " of " + from.night() + ", " + pct(pb) + " of "
                            + to.night(), ok));
                }
            }
        }
        return new SchemaDrift(from, to, out);
    }

    private static String pct(double f) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * f);
    }

    /** @return the changes not listed as allowed */
    public List<Change> unexpected() {
        return changes.stream().filter(c -> !c.expected()).toList();
    }

    @Override
    public String toString() {
        return from.instrument() + " " + from.night() + " -> " + to.night() + ": " + changes.size() + " changes, "
                + unexpected().size() + " unexpected";
    }
}
