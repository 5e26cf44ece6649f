package org.drpkit.instruments.keck.common;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import org.drpkit.core.header.CardValues;
import org.drpkit.core.header.Header;
import org.drpkit.core.header.KeywordMap;

/**
 * Header reads with the Keck archive's semantics: a value is <em>present</em> when it is 0, {@code false}, or any
 * other value except null, a blank string and {@code nan}/{@code -nan} (see {@link KeywordMap#isPresent}). Strings
 * are trimmed; comparisons the archive makes case-insensitively use {@link #lower}.
 *
 * <pre>{@code
 * Values.lower(h, "SHRNAME").equals("closed");   // "" when absent
 * Values.isOn(h, "FLSPECTR");                    // 'on', T, 1, 'yes'
 * }</pre>
 */
public final class Values {

    private Values() {
    }

    /** @return the trimmed text of a present value */
    public static Optional<String> text(Header h, String keyword) {
        Optional<Object> v = h.value(keyword);
        if (v.isEmpty() || !KeywordMap.isPresent(v.get())) {
            return Optional.empty();
        }
        return Optional.of(CardValues.text(v.get()).trim());
    }

    /** @return the trimmed, lower-case text of a present value, or {@code ""} */
    public static String lower(Header h, String keyword) {
        return text(h, keyword).map(s -> s.toLowerCase(Locale.ROOT)).orElse("");
    }

    /** @return true when the keyword holds a present value */
    public static boolean has(Header h, String keyword) {
        return text(h, keyword).isPresent();
    }

    /** @return a present numeric value (numbers, or strings holding numbers) */
    public static OptionalDouble number(Header h, String keyword) {
        Optional<Object> v = h.value(keyword);
        if (v.isEmpty() || !KeywordMap.isPresent(v.get())) {
            return OptionalDouble.empty();
        }
        Optional<Double> d = CardValues.asDouble(v.get() instanceof Boolean b ? (b ? 1.0 : 0.0) : v.get());
        return d.isPresent() && !d.get().isNaN() ? OptionalDouble.of(d.get()) : OptionalDouble.empty();
    }

    /** @return true when the numeric value is present and equals {@code expected} */
    public static boolean numberIs(Header h, String keyword, double expected) {
        OptionalDouble d = number(h, keyword);
        return d.isPresent() && d.getAsDouble() == expected;
    }

    /** @return true for a lamp or switch that is on: {@code on}, {@code yes}, {@code T}, {@code true} or 1 */
    public static boolean isOn(Header h, String keyword) {
        String s = lower(h, keyword);
        if (s.equals("on") || s.equals("yes") || s.equals("t") || s.equals("true")) {
            return true;
        }
        OptionalDouble d = number(h, keyword);
        return d.isPresent() && d.getAsDouble() == 1.0;
    }

    /**
     * Rounds like Python's {@code round(x, n)}: half to even on the exact binary value, so {@code 2.675} rounds to
     * {@code 2.67} as it does in the archive's Python code.
     */
    public static double round(double x, int decimals) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return x;
        }
        return new BigDecimal(x).setScale(decimals, RoundingMode.HALF_EVEN).doubleValue();
    }

    /** @return {@code x} rounded to a multiple of {@code step} (half to even), e.g. 10 for 10 Angstrom */
    public static long roundTo(double x, long step) {
        return Math.round(round(x / step, 0)) * step;
    }

    /** @return {@code x} as a {@link Long} when it is a whole number, else as a {@link Double} */
    public static Object integerIfWhole(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? (Object) (long) x : (Object) x;
    }

    /** @return the numbers in a binning text such as {@code "2,2"}, {@code "2 1"} or {@code "2x1"}; empty if none */
    public static int[] binning(String text) {
        if (text == null) {
            return new int[0];
        }
        String[] parts = text.trim().split("[,x\\s]+");
        int n = 0;
        int[] out = new int[parts.length];
        for (String p : parts) {
            if (!p.isEmpty()) {
                try {
                    out[n++] = Integer.parseInt(p);
                } catch (NumberFormatException e) {
                    return new int[0];
                }
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
