package org.drpkit.core.flag;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The APOGEE pixel-flag bits ({@code pix_bitmask}, {@code mask_1d}), bit 0 to bit 14.
 *
 * <p>Flags are stored as {@code int} bit sets, one per pixel; bits 15 to 30 are free for other uses. A pixel
 * is good when {@code (mask & BAD_PIXEL_BITS) == 0}.
 *
 * <pre>{@code
 * int m = PixelFlag.set(0, PixelFlag.ONE_JUMP, PixelFlag.PARTIAL_SATURATION);   // 8320
 * PixelFlag.isSet(m, PixelFlag.ONE_JUMP);                                         // true
 * PixelFlag.describe(m);                                                          // "ONE_JUMP|PARTIAL_SATURATION"
 * }</pre>
 */
public enum PixelFlag {
    /** Bit 0: pixel of the reference array (the 5th output, x beyond the 2048 science columns). */
    REFERENCE_ARRAY(0, false),
    /** Bit 1: reference pixel of the 4-pixel border. */
    REFERENCE_PIXEL(1, true),
    /** Bit 2: bad reference pixel (the top row). */
    BAD_REFERENCE_PIXEL(2, true),
    /** Bit 3: pixel was dark-corrected (informational). */
    DARK_CORRECTED(3, false),
    /** Bit 4: negative dark current (below -5 sigma). */
    NEGATIVE_DARK(4, true),
    /** Bit 5: large dark current (above +7 sigma): a hot pixel. */
    HOT_PIXEL(5, true),
    /** Bit 6: flat response below 0.2. */
    LOW_FLAT_RESPONSE(6, true),
    /** Bit 7: exactly one read difference dropped as a jump (cosmic ray). */
    ONE_JUMP(7, true),
    /** Bit 8: more than one read difference dropped as a jump. */
    MANY_JUMPS(8, true),
    /** Bit 9: ramp chi2 per degree of freedom above 100. */
    BAD_CHI2(9, true),
    /** Bit 10: 1D extraction failed (non-finite, zero ivar, or trace off the chip). */
    EXTRACTION_FAILED(10, true),
    /** Bit 11: no good pixel in the 1D extraction window. */
    NO_GOOD_PIXELS(11, true),
    /** Bit 12: effective profile width above 10 pixels in 1D extraction. */
    WIDE_PROFILE(12, true),
    /** Bit 13: partially saturated (some reads unusable). */
    PARTIAL_SATURATION(13, false),
    /** Bit 14: fully saturated (no usable read difference). */
    FULL_SATURATION(14, true);

    /** The bits that make a pixel bad: 24566, as upstream's {@code bad_pix_bits}. */
    public static final int BAD_PIXEL_BITS = computeBadBits();

    private final int bit;
    private final boolean bad;

    PixelFlag(int bit, boolean bad) {
        this.bit = bit;
        this.bad = bad;
    }

    /** @return the bit index, 0..14 */
    public int bit() {
        return bit;
    }

    /** @return the bit value, {@code 1 << bit()} */
    public int value() {
        return 1 << bit;
    }

    /** @return true when this flag makes a pixel bad (it is part of {@link #BAD_PIXEL_BITS}) */
    public boolean isBad() {
        return bad;
    }

    /** @return {@code mask} with the given flags set */
    public static int set(int mask, PixelFlag... flags) {
        int m = mask;
        for (PixelFlag f : flags) {
            m |= f.value();
        }
        return m;
    }

    /** @return {@code mask} with the given flag cleared */
    public static int clear(int mask, PixelFlag flag) {
        return mask & ~flag.value();
    }

    /** @return true when {@code flag} is set in {@code mask} */
    public static boolean isSet(int mask, PixelFlag flag) {
        return (mask & flag.value()) != 0;
    }

    /** @return true when no bad bit is set */
    public static boolean isGood(int mask) {
        return (mask & BAD_PIXEL_BITS) == 0;
    }

    /** @return the OR of the values of {@code flags} */
    public static int valueOf(Set<PixelFlag> flags) {
        int m = 0;
        for (PixelFlag f : flags) {
            m |= f.value();
        }
        return m;
    }

    /** @return the flags set in {@code mask} (bits above 14 are ignored) */
    public static Set<PixelFlag> decode(int mask) {
        EnumSet<PixelFlag> s = EnumSet.noneOf(PixelFlag.class);
        for (PixelFlag f : values()) {
            if ((mask & f.value()) != 0) {
                s.add(f);
            }
        }
        return s;
    }

    /** @return the names of the flags set in {@code mask}, joined by {@code |}, or {@code "none"} */
    public static String describe(int mask) {
        List<String> names = new ArrayList<>();
        for (PixelFlag f : decode(mask)) {
            names.add(f.name());
        }
        return names.isEmpty() ? "none" : String.join("|", names);
    }

    /** @return how many entries of {@code masks} have {@code flag} set */
    public static long count(int[] masks, PixelFlag flag) {
        int v = flag.value();
        long n = 0;
        for (int m : masks) {
            if ((m & v) != 0) {
                n++;
            }
        }
        return n;
    }

    /**
     * Counts every flag at once.
     *
     * @return an array indexed by {@link #ordinal()} with the number of entries having that flag set
     */
    public static long[] countAll(int[] masks) {
        long[] counts = new long[values().length];
        for (int m : masks) {
            int rest = m & 0x7FFF;
            while (rest != 0) {
                int b = Integer.numberOfTrailingZeros(rest);
                counts[b]++;
                rest &= rest - 1;
            }
        }
        return counts;
    }

    private static int computeBadBits() {
        int m = 0;
        for (PixelFlag f : values()) {
            if (f.bad) {
                m |= f.value();
            }
        }
        return m;
    }
}
