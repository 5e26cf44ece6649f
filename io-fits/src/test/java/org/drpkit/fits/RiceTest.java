package org.drpkit.fits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The RICE_1 codec round-trips every path of the format exactly; malformed streams are detected. */
class RiceTest {

    /** Pixels that exercise every block kind: quiet noise, constant runs, raw high-entropy blocks, huge outliers. */
    private static int[] pixels(int n, int bytePix, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int bits = 8 * bytePix;
        int[] px = new int[n];
        int base = bytePix == 1 ? 100 : 1000;
        for (int i = 0; i < n; i++) {
            int region = (i / 97) % 5;
            long v = switch (region) {
                case 0 -> base + Math.round(10 * r.nextGaussian()); // sigma 10: ordinary Rice blocks
                case 1 -> base; // constant: the all-zero-difference block code
                case 2 -> r.nextLong(); // white: the raw-value block code
                case 3 -> i % 11 == 0 ? base + (1L << (bits - 2)) : base; // lone outliers: long unary runs
                default -> base + r.nextInt(3);
            };
            long m = bits == 32 ? v : v & ((1L << bits) - 1);
            px[i] = bytePix == 1 ? (int) m : bytePix == 2 ? (short) m : (int) m;
        }
        return px;
    }

    @ParameterizedTest
    @CsvSource({"1,32,1000", "2,32,1000", "4,32,1000", "2,16,999", "4,16,33", "2,32,1", "1,16,7777"})
    void roundTripsEveryBlockKindExactly(int bytePix, int block, int n) throws Rice.CorruptTileException {
        int[] px = pixels(n, bytePix, 42 + n);
        byte[] buf = new byte[Rice.maxEncodedBytes(n, bytePix, block) + Rice.PAD];
        int len = Rice.encode(px, 0, n, bytePix, block, buf);
        int[] back = new int[n + 2];
        Rice.decode(buf, 0, len, bytePix, block, back, 1, n);
        assertArrayEquals(px, Arrays.copyOfRange(back, 1, n + 1));
    }

    @ParameterizedTest
    @CsvSource({"2", "4"})
    void worstCaseStreamsFitTheAdvertisedBound(int bytePix) throws Rice.CorruptTileException {
        int n = 4096; // lone full-range outliers in otherwise flat blocks: the longest unary codes
        int[] px = new int[n];
        for (int i = 0; i < n; i += 31) {
            px[i] = bytePix == 2 ? Short.MAX_VALUE : Integer.MAX_VALUE;
        }
        byte[] buf = new byte[Rice.maxEncodedBytes(n, bytePix, 32) + Rice.PAD];
        int len = Rice.encode(px, 0, n, bytePix, 32, buf);
        assertTrue(len <= Rice.maxEncodedBytes(n, bytePix, 32));
        int[] back = new int[n];
        Rice.decode(buf, 0, len, bytePix, 32, back, 0, n);
        assertArrayEquals(px, back);
    }

    @ParameterizedTest
    @CsvSource({"2", "4"})
    void truncatedStreamsAreCorrupt(int bytePix) {
        int n = 500;
        int[] px = pixels(n, bytePix, 9);
        byte[] buf = new byte[Rice.maxEncodedBytes(n, bytePix, 32) + Rice.PAD];
        int len = Rice.encode(px, 0, n, bytePix, 32, buf);
        assertThrows(Rice.CorruptTileException.class,
                () -> Rice.decode(buf, 0, len / 2, bytePix, 32, new int[n], 0, n));
        byte[] tight = Arrays.copyOf(buf, len / 2 + Rice.PAD);
        assertThrows(Rice.CorruptTileException.class,
                () -> Rice.decode(tight, 0, len / 2, bytePix, 32, new int[n], 0, n));
    }
}
