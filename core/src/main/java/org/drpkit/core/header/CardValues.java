package org.drpkit.core.header;

import java.util.Optional;

/**
 * Coercion of card values (String, Boolean, Long, Double or null) to the type a reader wants, with the archive's
 * lenient rules: integral doubles are integers, numeric strings are numbers (a FORTRAN {@code D} exponent too),
 * {@code T}/{@code F}/{@code true}/{@code false} strings are logicals. {@link Header}'s typed getters and
 * {@link KeywordMap} use these; a value that does not convert gives {@link Optional#empty()}.
 *
 * <pre>{@code
 * CardValues.asLong(5.0);         // Optional[5]
 * CardValues.asDouble("1.5D2");   // Optional[150.0]
 * CardValues.text(true);          // "T"
 * }</pre>
 */
public final class CardValues {

    private CardValues() {
    }

    /** @return a value as text: strings as they are, logicals as T/F, numbers printed */
    public static String text(Object v) {
        if (v instanceof Boolean b) {
            return b ? "T" : "F";
        }
        return String.valueOf(v);
    }

    /** @return a value as a long, when it is an integer, an integral double or a string holding an integer */
    public static Optional<Long> asLong(Object v) {
        if (v instanceof Long l) {
            return Optional.of(l);
        }
        if (v instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 9.0e18 ? Optional.of(d.longValue()) : Optional.empty();
        }
        if (v instanceof String s) {
            try {
                return Optional.of(Long.parseLong(s.trim()));
            } catch (NumberFormatException e) {
                return asDouble(s).flatMap(CardValues::asLong);
            }
        }
        return Optional.empty();
    }

    /** @return a value as a double, when it is a number or a string holding a number */
    public static Optional<Double> asDouble(Object v) {
        if (v instanceof Number n) {
            return Optional.of(n.doubleValue());
        }
        if (v instanceof String s) {
            String t = s.trim().replace('D', 'E').replace('d', 'e');
            if (t.isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional.of(Double.parseDouble(t));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** @return a value as a boolean, when it is a logical or one of the strings T, F, true, false */
    public static Optional<Boolean> asBoolean(Object v) {
        if (v instanceof Boolean b) {
            return Optional.of(b);
        }
        if (v instanceof String s) {
            String t = s.trim();
            if (t.equalsIgnoreCase("T") || t.equalsIgnoreCase("true")) {
                return Optional.of(true);
            }
            if (t.equalsIgnoreCase("F") || t.equalsIgnoreCase("false")) {
                return Optional.of(false);
            }
        }
        return Optional.empty();
    }
}
