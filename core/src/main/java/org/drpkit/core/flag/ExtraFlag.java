package org.drpkit.core.flag;

/**
 * drpkit's pixel-flag bits beyond the APOGEE table ({@link PixelFlag}, bits 0..14), stored in the same {@code int}
 * masks. This enum is the one registry of those bits, so no two stages can claim the same bit.
 * {@link PixelFlag#BAD_PIXEL_BITS} keeps upstream's value and does not include them; stages say which of them they
 * treat as bad.
 *
 * <pre>{@code
 * int m = PixelFlag.HOT_PIXEL.value() | ExtraFlag.NOISY_PIXEL.value();
 * ExtraFlag.describe(m);   // "HOT_PIXEL|NOISY_PIXEL"
 * }</pre>
 */
public enum ExtraFlag {
    /** Bit 15: a read of the ramp was NaN or infinite (set by the ramp fit). */
    NONFINITE_INPUT(15),
    /** Bit 16: excess scatter across the dark frames (an unstable pixel; set by the dark stack). */
    NOISY_PIXEL(16),
    /** Bit 17: no usable dark frame for this pixel, so it was not dark-corrected. */
    NO_DARK(17),
    /** Bit 18: no usable flat frame for this pixel, so it has no pixel-response estimate. */
    NO_FLAT(18),
    /** Bit 19: the first differences were corrected for the reset (first-read) anomaly (set by the ramp chain). */
    RESET_CORRECTED(19),
    /**
     * Bit 20: a pixel of a resampled spectrum that no usable input pixel covers (outside every chip, in a chip gap,
     * or next to bad pixels on both sides); its flux and ivar are 0 (set by resampling).
     */
    NOT_COVERED(20),
    /**
     * Bit 21: at this pixel of a visit spectrum at least one exposure was rejected as an outlier against the others
     * (set by visit combination; the value is the combination of the exposures kept).
     */
    VISIT_REJECTED(21);

    private final int bit;

    ExtraFlag(int bit) {
        this.bit = bit;
    }

    /** @return the bit index, 15 or above */
    public int bit() {
        return bit;
    }

    /** @return {@code 1 << bit()} */
    public int value() {
        return 1 << bit;
    }

    /** @return true when this flag is set in {@code mask} */
    public boolean isSetIn(int mask) {
        return (mask & value()) != 0;
    }

    /** @return the name of bit {@code b} in either table, or {@code "BIT<b>"} when drpkit gives it no name */
    public static String nameOfBit(int b) {
        for (PixelFlag f : PixelFlag.values()) {
            if (f.bit() == b) {
                return f.name();
            }
        }
        for (ExtraFlag f : values()) {
            if (f.bit == b) {
                return f.name();
            }
        }
        return "BIT" + b;
    }

    /** @return the names of every bit set in {@code mask} (both tables), joined by {@code |}, or {@code "none"} */
    public static String describe(int mask) {
        if (mask == 0) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        for (int rest = mask; rest != 0; rest &= rest - 1) {
            sb.append(sb.length() == 0 ? "" : "|").append(nameOfBit(Integer.numberOfTrailingZeros(rest)));
        }
        return sb.toString();
    }
}
