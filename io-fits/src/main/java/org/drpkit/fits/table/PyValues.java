package org.drpkit.fits.table;

import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Python conversions the archive's value pipeline applies to header values ({@code str}, {@code int},
 * {@code float}, {@code datetime.strptime}), so that drpkit accepts, rejects and prints exactly what the archive
 * does. Values are the types of core {@code Card}s: String, Boolean, Long, Double.
 */
final class PyValues {

    private static final Pattern INT = Pattern.compile("[+-]?[0-9]+(_[0-9]+)*");
    private static final Pattern FLOAT = Pattern.compile(
            "[+-]?(([0-9]+(_[0-9]+)*)(\\.([0-9]+(_[0-9]+)*)?)?|\\.[0-9]+(_[0-9]+)*)([eE][+-]?[0-9]+(_[0-9]+)*)?");
    private static final Pattern SPECIAL = Pattern.compile("[+-]?(nan|inf|infinity)", Pattern.CASE_INSENSITIVE);
    // CPython's _strptime: %Y four digits, %m and %d one or two, %H %M %S one or two, %f one to six
    private static final Pattern DATE = Pattern.compile("([0-9]{4})-(1[0-2]|0[1-9]|[1-9])-(3[01]|[12][0-9]|0[1-9]|[1-9]| [1-9])");
    private static final Pattern TIME = Pattern.compile("(2[0-3]|[0-1][0-9]|[0-9]):([0-5][0-9]|[0-9]):(6[0-1]|[0-5][0-9]|[0-9])");
    private static final Pattern ANGLE = Pattern.compile("([+-]?)([0-9]+)[: ]([0-9]+)[: ]([0-9]+(\\.[0-9]*)?)");

    private PyValues() {
    }

    /** @return Python's {@code str(v)} */
    static String str(Object v) {
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof Double d) {
            return PyFloat.repr(d);
        }
        return String.valueOf(v);
    }

    /** @return Python's {@code int(v)}, or null where Python raises */
    static BigInteger toInt(Object v) {
        if (v instanceof Long l) {
            return BigInteger.valueOf(l);
        }
        if (v instanceof Boolean b) {
            return b ? BigInteger.ONE : BigInteger.ZERO;
        }
        if (v instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                return null;
            }
            return new java.math.BigDecimal(d).toBigInteger(); // truncates toward zero, as int() does
        }
        if (v instanceof String s) {
            String t = s.strip();
            if (!INT.matcher(t).matches()) {
                return null;
            }
            return new BigInteger(t.replace("_", "").replace("+", ""));
        }
        return null;
    }

    /** @return Python's {@code float(v)}, or null where Python raises */
    static Double toFloat(Object v) {
        if (v instanceof Long l) {
            return l.doubleValue();
        }
        if (v instanceof Double d) {
            return d;
        }
        if (v instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        if (v instanceof String s) {
            String t = s.strip();
            if (SPECIAL.matcher(t).matches()) {
                String w = t.toLowerCase(Locale.ROOT).replace("+", "");
                return w.contains("nan") ? Double.NaN : w.startsWith("-") ? Double.NEGATIVE_INFINITY
                        : Double.POSITIVE_INFINITY;
            }
            if (!FLOAT.matcher(t).matches()) {
                return null;
            }
            return Double.parseDouble(t.replace("_", ""));
        }
        return null;
    }

    /** @return true when {@code datetime.strptime(v, '%Y-%m-%d')} succeeds */
    static boolean isDate(Object v) {
        return v instanceof String s && validDate(DATE.matcher(s));
    }

    /** @return true when {@code datetime.strptime(v, '%H:%M:%S.%f')} succeeds */
    static boolean isTime(Object v) {
        if (!(v instanceof String s)) {
            return false;
        }
        int dot = s.lastIndexOf('.');
        return dot > 0 && TIME.matcher(s.substring(0, dot)).matches() && s.substring(dot + 1).matches("[0-9]{1,6}");
    }

    /** @return true when {@code datetime.strptime(v, '%Y-%m-%d %H:%M:%S')} succeeds */
    static boolean isDateTime(Object v) {
        if (!(v instanceof String s)) {
            return false;
        }
        int sp = s.indexOf(' ', 8);
        return sp > 0 && validDate(DATE.matcher(s.substring(0, sp))) && TIME.matcher(s.substring(sp + 1)).matches();
    }

    /**
     * @return an angle in degrees from a number or a sexagesimal {@code [+-]D:M:S[.s]} (or space-separated) text,
     *         or null when it is neither
     */
    static Double toDegrees(Object v) {
        if (v instanceof String s) {
            Matcher m = ANGLE.matcher(s.strip());
            if (m.matches()) {
                double deg = Double.parseDouble(m.group(2)) + Double.parseDouble(m.group(3)) / 60
                        + Double.parseDouble(m.group(4)) / 3600;
                return m.group(1).equals("-") ? -deg : deg;
            }
        }
        Double d = toFloat(v);
        return d == null || d.isNaN() ? null : d;
    }

    private static boolean validDate(Matcher m) {
        if (!m.matches()) {
            return false;
        }
        try {
            LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3).trim()));
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }
}
