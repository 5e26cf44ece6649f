package org.drpkit.fits.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.drpkit.fits.testing.Peers;
import org.junit.jupiter.api.Test;

/** Python's float formatting, against values printed by CPython 3 ({@code repr(x)}, {@code '{:.1f}'.format(x)}). */
class PyFloatTest {

    /** The examples of koa-dep section 5.3 and the NIRES gold table. */
    @Test
    void archiveExamplesPrintAsPythonStr() {
        assertEquals("58.0", PyFloat.repr(58.0));
        assertEquals("100.0", PyFloat.repr(100.0));
        assertEquals("2700.0", PyFloat.repr(2700.0));
        assertEquals("1.41291034446565", PyFloat.repr(1.41291034446565));
        assertEquals("-4.16500198582894e-05", PyFloat.repr(-4.16500198582894e-05));
        assertEquals("1e-05", PyFloat.repr(1e-05));
    }

    /** Printed by CPython 3.11: the switch to exponents, extremes, and values where Java 17 is not shortest. */
    @Test
    void trickyCasesMatchCpython() {
        assertEquals("1e+16", PyFloat.repr(1e16));
        assertEquals("1000000000000000.0", PyFloat.repr(1e15));
        assertEquals("0.0001", PyFloat.repr(0.0001));
        assertEquals("1e+22", PyFloat.repr(1e22));
        assertEquals("1e+23", PyFloat.repr(1e23));
        assertEquals("5e-324", PyFloat.repr(Double.MIN_VALUE));
        assertEquals("1.5e-323", PyFloat.repr(3 * Double.MIN_VALUE));
        assertEquals("1.7976931348623157e+308", PyFloat.repr(Double.MAX_VALUE));
        assertEquals("0.30000000000000004", PyFloat.repr(0.1 + 0.2));
        assertEquals("2.82879384806159e+17", PyFloat.repr(2.82879384806159e17)); // Java 17 prints 18 digits
        assertEquals("1.152921504606847e+18", PyFloat.repr(Math.pow(2, 60)));
        assertEquals("9007199254740992.0", PyFloat.repr(9007199254740993.0));
        assertEquals("1.2345678901234568e+16", PyFloat.repr(12345678901234567.0));
        assertEquals("1234567890123456.8", PyFloat.repr(1234567890123456.7));
        assertEquals("0.6666666666666666", PyFloat.repr(2.0 / 3));
        assertEquals("-0.0", PyFloat.repr(-0.0));
        assertEquals("0.0", PyFloat.repr(0.0));
        assertEquals("1e-07", PyFloat.repr(1e-7));
        assertEquals("nan", PyFloat.repr(Double.NaN));
        assertEquals("-inf", PyFloat.repr(Double.NEGATIVE_INFINITY));
    }

    @Test
    void oneDecimalFormattingRoundsTheBinaryValueHalfEven() {
        assertEquals("4.3", PyFloat.fixed(4.35, 1));
        assertEquals("1.4", PyFloat.fixed(1.41291034446565, 1));
        assertEquals("-0.0", PyFloat.fixed(-4.16500198582894e-05, 1));
        assertEquals("0.7", PyFloat.fixed(2.0 / 3, 1));
        assertEquals("0.0", PyFloat.fixed(1e-05, 1));
        assertEquals("282879384806159008.0", PyFloat.fixed(2.82879384806159e17, 1));
    }

    /** 18 000 doubles of every kind, sent to CPython as exact hex and printed back. */
    @Test
    void randomDoublesPrintExactlyAsCpython() {
        Peers.requireAstropy(); // the system Python
        Random r = new Random(2026);
        List<Double> xs = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            xs.add(Math.round(r.nextGaussian() * 1e6) / Math.pow(10, r.nextInt(12))); // short decimals
        }
        for (int i = 0; i < 4_000; i++) {
            xs.add(Double.longBitsToDouble(r.nextLong())); // any bit pattern
            xs.add(Math.scalb(1.0, r.nextInt(2098) - 1074) * (r.nextBoolean() ? 1 : -1)); // powers of two
        }
        StringBuilder in = new StringBuilder();
        for (double x : xs) {
            in.append(Double.toHexString(x)).append('\n');
        }
        String script = String.join("\n", "import sys",
                "for line in sys.stdin.read().split():",
                "    x = float.fromhex(line)",
                "    print(repr(x), '{:.1f}'.format(x) if abs(x) < 1e20 else '-')");
        Peers.Result p = Peers.pythonWithInput(script, in.toString());
        assertEquals(0, p.status(), p.out());
        String[] lines = p.out().split("\n");
        assertEquals(xs.size(), lines.length);
        for (int i = 0; i < xs.size(); i++) {
            double x = xs.get(i);
            String[] want = lines[i].split(" ");
            assertEquals(want[0], PyFloat.repr(x), Double.toHexString(x));
            if (!want[1].equals("-")) {
                assertEquals(want[1], PyFloat.fixed(x, 1), Double.toHexString(x));
            }
        }
    }

    /**
     * The fast paths (integers below 2^53; Java's digits, checked one digit shorter) give the definition's decimal:
     * every length tried from one digit up, the nearest among the shortest.
     */
    @Test
    void fastPathsEqualTheSearch() {
        Random r = new Random(16);
        List<Double> values = new ArrayList<>(List.of(2.82879384806159e17, 1e23, 9007199254740993.0, 5e-324,
                Double.MAX_VALUE, 0.1 + 0.2, 4.35, -1e-5, 123456789.0, 0x1p53, -0x1p53 + 1, 2e-3));
        for (int i = 0; i < 20_000; i++) {
            values.add(Double.longBitsToDouble(r.nextLong()));                        // any bits
            values.add((r.nextInt(2_000_001) - 1_000_000) / Math.pow(10, r.nextInt(9))); // header-like decimals
            values.add((double) (r.nextLong() >> r.nextInt(64)));                        // integers of every size
            values.add(r.nextGaussian() * Math.pow(10, r.nextInt(40) - 20));
        }
        for (double d : values) {
            if (Double.isFinite(d) && d != 0) {
                assertEquals(PyFloat.shortestBySearch(d).stripTrailingZeros(), PyFloat.shortest(d).stripTrailingZeros(),
                        () -> "for " + d);
            }
        }
    }
}
