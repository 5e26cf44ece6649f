package org.drpkit.core.header;

/**
 * One change made to a header by a repair rule, kept in the header's fix log.
 *
 * <pre>{@code
 * new HeaderFix("DATE-OBS", "25/07/17", "2017-07-25", "keck.dateObsSlashes")
 * // DATE-OBS: '25/07/17' -> '2017-07-25' (keck.dateObsSlashes)
 * }</pre>
 *
 * @param keyword  the keyword changed
 * @param oldValue the value before (null when the keyword was absent or valueless)
 * @param newValue the value after (null when the card was removed)
 * @param rule     the name of the rule that made the change
 */
public record HeaderFix(String keyword, Object oldValue, Object newValue, String rule) {

    @Override
    public String toString() {
        return keyword + ": " + show(oldValue) + " -> " + show(newValue) + " (" + rule + ")";
    }

    private static String show(Object v) {
        if (v == null) {
            return "(absent)";
        }
        return v instanceof String s ? "'" + s + "'" : v.toString();
    }
}
