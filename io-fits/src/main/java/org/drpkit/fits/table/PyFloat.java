package org.drpkit.fits.table;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats doubles exactly as Python 3 does, because the archive's metadata tables hold Python's {@code str()} of
 * each float and drpkit's tables must be byte-identical to them.
 *
 * <p>{@link #repr} is the shortest decimal string that reads back to the same double (choosing the one nearest the
 * exact binary value when several are equally short), printed in fixed notation when the decimal exponent is from
 * -4 to 15 ({@code 58.0}, {@code 0.0001}, {@code 1000000000000000.0}) and in scientific notation otherwise with a
 * sign and at least two exponent digits ({@code 1e-05}, {@code 1e+16}, {@code -4.16500198582894e-05}). Java 17's
 * {@code Double.toString} differs ({@code 1.0E-5}) and is not always shortest, so it is not used.
 *
 * <pre>{@code
 * PyFloat.repr(1e-5);          // "1e-05"
 * PyFloat.fixed(4.35, 1);      // "4.3"   (Python '{:.1f}'.format(4.35): the binary value is below 4.35)
 * }</pre>
 */
public final class PyFloat {

    private PyFloat() {
    }

    /** @return Python's {@code repr(d)} (identical to {@code str(d)} in Python 3) */
    public static String repr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0.0" : "0.0";
        }
        BigDecimal shortest = shortest(d).stripTrailingZeros();
        String digits = shortest.unscaledValue().abs().toString();
        int decpt = digits.length() - shortest.scale(); // value = 0.DIGITS x 10^decpt
        StringBuilder sb = new StringBuilder(d < 0 ? "-" : "");
        if (decpt > -4 && decpt <= 16) {
            if (decpt <= 0) {
                sb.append("0.").append("0".repeat(-decpt)).append(digits);
            } else if (decpt >= digits.length()) {
                sb.append(digits).append("0".repeat(decpt - digits.length())).append(".0");
            } else {
                sb.append(digits, 0, decpt).append('.').append(digits, decpt, digits.length());
            }
            return sb.toString();
        }
        sb.append(digits.charAt(0));
        if (digits.length() > 1) {
            sb.append('.').append(digits, 1, digits.length());
        }
        int exp = decpt - 1;
        sb.append('e').append(exp < 0 ? '-' : '+');
        int a = Math.abs(exp);
        return sb.append(a < 10 ? "0" : "").append(a).toString();
    }

    /**
     * @return Python's {@code '{:.Nf}'.format(d)}: the exact binary value rounded half-even to {@code decimals}
     *         places, {@code -0.0} kept negative
     */
    public static String fixed(double d, int decimals) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return repr(d);
        }
        String s = new BigDecimal(d).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        boolean negative = d < 0 || (d == 0 && 1 / d < 0);
        return negative && !s.startsWith("-") ? "-" + s : s;
    }

    /**
     * The shortest decimal that reads back as {@code d}, nearest to it among the shortest. Integers below 2^53 are
     * their own shortest decimal (any decimal with fewer significant digits is at least 1 away, more than half their
     * spacing). Otherwise Java's {@code Double.toString} gives a decimal of {@code p0} digits that reads back (at most
     * one digit too long in Java 17); as a decimal of p digits that reads back is also one of p + 1 digits, the
     * shortest has p0 digits unless one of p0 - 1 reads back, and only then are all lengths searched.
     */
    static BigDecimal shortest(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 0x1p53) {
            return BigDecimal.valueOf((long) d);
        }
        BigDecimal exact = new BigDecimal(d);
        int p0 = new BigDecimal(Double.toString(d)).stripTrailingZeros().precision();
        if (p0 > 1 && p0 <= 17 && nearest(exact, d, p0 - 1) == null) {
            BigDecimal at = nearest(exact, d, p0);
            if (at != null) {
                return at;
            }
        }
        return shortestBySearch(d);
    }

    /** @return the decimal of {@code p} significant digits nearest {@code exact} that reads back as d, or null */
    private static BigDecimal nearest(BigDecimal exact, double d, int p) {
        BigDecimal lo = exact.round(new MathContext(p, RoundingMode.FLOOR));
        BigDecimal hi = exact.round(new MathContext(p, RoundingMode.CEILING));
        boolean okLo = lo.doubleValue() == d;
        boolean okHi = hi.doubleValue() == d;
        if (okLo && okHi) {
            int c = exact.subtract(lo).compareTo(hi.subtract(exact));
            if (c != 0) {
                return c < 0 ? lo : hi;
            }
            return lo.unscaledValue().testBit(0) ? hi : lo; // a tie: the even last digit
        }
        return okLo ? lo : okHi ? hi : null;
    }

    /** The definition: the nearest decimal of the fewest digits, every length tried from 1 up (for tests). */
    static BigDecimal shortestBySearch(double d) {
        BigDecimal exact = new BigDecimal(d);
        for (int p = 1; p <= 17; p++) {
            BigDecimal at = nearest(exact, d, p);
            if (at != null) {
                return at;
            }
        }
        return exact.round(MathContext.DECIMAL64); // unreachable: 17 significant digits always round-trip
    }
}
