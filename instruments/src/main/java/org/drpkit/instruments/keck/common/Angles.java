package org.drpkit.instruments.keck.common;

import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drpkit.core.header.Header;

/**
 * Right ascension and declination as Keck headers write them: decimal degrees, or sexagesimal text
 * ({@code 03:52:00.00} hours for RA, {@code +45:00:00.0} degrees for Dec).
 *
 * <pre>{@code
 * Angles.raDegrees(h);     // 58.0 for RA = '03:52:00.00' or RA = 58.0
 * Angles.decDegrees(h);    // 45.0 for DEC = '+45:00:00.0'
 * }</pre>
 */
public final class Angles {

    private static final Pattern SEXAGESIMAL = Pattern.compile("\\s*([+-]?)(\\d+):(\\d+)(?::(\\d+(?:\\.\\d*)?))?\\s*");

    private Angles() {
    }

    /** @return RA in degrees: a number is taken as degrees, sexagesimal text as hours */
    public static OptionalDouble raDegrees(Header h) {
        return angle(h, "RA", 15.0);
    }

    /** @return Dec in degrees: a number or sexagesimal degrees */
    public static OptionalDouble decDegrees(Header h) {
        return angle(h, "DEC", 1.0);
    }

    /**
     * @param unitDegrees degrees per sexagesimal unit (15 for hours, 1 for degrees)
     * @return the angle in degrees, or empty when absent or unparsable
     */
    public static OptionalDouble angle(Header h, String keyword, double unitDegrees) {
        Object v = h.value(keyword).orElse(null);
        if (v instanceof Number n) {
            return OptionalDouble.of(n.doubleValue());
        }
        if (!(v instanceof String s)) {
            return OptionalDouble.empty();
        }
        OptionalDouble sex = sexagesimal(s);
        if (sex.isPresent()) {
            return OptionalDouble.of(sex.getAsDouble() * unitDegrees);
        }
        return Values.number(h, keyword);
    }

    /** @return {@code [+-]a:b[:c]} as {@code a + b/60 + c/3600} with the sign, or empty */
    public static OptionalDouble sexagesimal(String text) {
        Matcher m = SEXAGESIMAL.matcher(text);
        if (!m.matches()) {
            return OptionalDouble.empty();
        }
        double v = Integer.parseInt(m.group(2)) + Integer.parseInt(m.group(3)) / 60.0
                + (m.group(4) == null ? 0.0 : Double.parseDouble(m.group(4)) / 3600.0);
        return OptionalDouble.of(m.group(1).equals("-") ? -v : v);
    }
}
