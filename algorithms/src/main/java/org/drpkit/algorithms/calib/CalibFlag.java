package org.drpkit.algorithms.calib;

import org.drpkit.core.flag.PixelFlag;

/**
 * Bad-pixel causes that the APOGEE flag table ({@link PixelFlag}, bits 0..14) has no bit for, stored in the free
 * bits 15..17 of the same {@code int} masks.
 *
 * <p>{@link PixelFlag#BAD_PIXEL_BITS} keeps upstream's value 24566 and does not contain these bits; use
 * {@link #BAD_BITS} to treat them as bad too (it also leaves ONE_JUMP out, see there).
 *
 * <pre>{@code
 * int m = PixelFlag.HOT_PIXEL.value() | CalibFlag.NOISY_PIXEL.value();
 * CalibFlag.describe(m);              // "HOT_PIXEL|NOISY_PIXEL"
 * (m & CalibFlag.BAD_BITS) != 0;     // true
 * }</pre>
 */
public enum CalibFlag {
    /** Bit 15: excess scatter across the dark frames (random-telegraph or otherwise unstable pixel). */
    NOISY_PIXEL(15),
    /** Bit 16: no usable dark frame for this pixel, so it was not dark-corrected. */
    NO_DARK(16),
    /** Bit 17: no usable flat frame for this pixel, so it has no pixel-response estimate. */
    NO_FLAT(17);

    /**
     * The bits that make a calibrated pixel bad: upstream's table without ONE_JUMP, plus the three calibration
     * causes (253814). A single jump is handled by the ramp fit; upstream keeps bit 7 in {@code bad_pix_bits} and so
     * throws those pixels away (its quirk 10, which it notes "could probably be dropped").
     */
    public static final int BAD_BITS = (PixelFlag.BAD_PIXEL_BITS & ~PixelFlag.ONE_JUMP.value()) | (1 << 15) | (1 << 16)
            | (1 << 17);

    /** The bad-pixel causes followed by mask evolution by default: dark, flat and reference bits. */
    public static final int CALIBRATION_CAUSES = PixelFlag.BAD_REFERENCE_PIXEL.value() | PixelFlag.NEGATIVE_DARK.value()
            | PixelFlag.HOT_PIXEL.value() | PixelFlag.LOW_FLAT_RESPONSE.value() | (1 << 15) | (1 << 16) | (1 << 17);

    private final int bit;

    CalibFlag(int bit) {
        this.bit = bit;
    }

    /** @return the bit index, 15..17 */
    public int bit() {
        return bit;
    }

    /** @return {@code 1 << bit()} */
    public int value() {
        return 1 << bit;
    }

    /** @return the name of the flag at bit index {@code bit} (0..17), or {@code "BIT<n>"} for an unnamed bit */
    public static String nameOfBit(int bit) {
        for (PixelFlag f : PixelFlag.values()) {
            if (f.bit() == bit) {
                return f.name();
            }
        }
        for (CalibFlag f : values()) {
            if (f.bit == bit) {
                return f.name();
            }
        }
        return "BIT" + bit;
    }

    /** @return the names of every bit set in {@code mask}, joined by {@code |}, or {@code "none"} */
    public static String describe(int mask) {
        if (mask == 0) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        int rest = mask;
        while (rest != 0) {
            int b = Integer.numberOfTrailingZeros(rest);
            sb.append(sb.length() == 0 ? "" : "|").append(nameOfBit(b));
            rest &= rest - 1;
        }
        return sb.toString();
    }
}
