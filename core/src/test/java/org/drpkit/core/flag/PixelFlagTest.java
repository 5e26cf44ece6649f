package org.drpkit.core.flag;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class PixelFlagTest {

    @Test
    void bitsMatchTheApogeeTable() {
        assertEquals(15, PixelFlag.values().length);
        for (PixelFlag f : PixelFlag.values()) {
            assertEquals(1 << f.ordinal(), f.value(), f.name());
        }
        assertEquals(128, PixelFlag.ONE_JUMP.value());
        assertEquals(16384, PixelFlag.FULL_SATURATION.value());
    }

    @Test
    void badPixelBitsEqualUpstreamValue() {
        // spec 2.10: bad_pix_bits = 24566, i.e. bits 1,2,4,5,6,7,8,9,10,11,12,14
        assertEquals(24566, PixelFlag.BAD_PIXEL_BITS);
        assertFalse(PixelFlag.REFERENCE_ARRAY.isBad());
        assertFalse(PixelFlag.DARK_CORRECTED.isBad());
        assertFalse(PixelFlag.PARTIAL_SATURATION.isBad());
    }

    @Test
    void setTestClearDescribe() {
        int m = PixelFlag.set(0, PixelFlag.ONE_JUMP, PixelFlag.PARTIAL_SATURATION);
        assertEquals(8320, m);
        assertTrue(PixelFlag.isSet(m, PixelFlag.ONE_JUMP));
        assertFalse(PixelFlag.isGood(m));
        assertTrue(PixelFlag.isGood(PixelFlag.clear(m, PixelFlag.ONE_JUMP)));
        assertEquals("ONE_JUMP|PARTIAL_SATURATION", PixelFlag.describe(m));
        assertEquals("none", PixelFlag.describe(1 << 20));
        assertEquals(EnumSet.of(PixelFlag.ONE_JUMP, PixelFlag.PARTIAL_SATURATION), PixelFlag.decode(m));
        assertEquals(m, PixelFlag.valueOf(PixelFlag.decode(m)));
    }

    @Test
    void countsEachFlagOnce() {
        int[] masks = {0, 1, 3, 1 << 14, (1 << 14) | 1, 1 << 20};
        assertEquals(3, PixelFlag.count(masks, PixelFlag.REFERENCE_ARRAY));
        long[] all = PixelFlag.countAll(masks);
        long[] expected = new long[15];
        expected[0] = 3;
        expected[1] = 1;
        expected[14] = 2;
        assertArrayEquals(expected, all);
    }
}
