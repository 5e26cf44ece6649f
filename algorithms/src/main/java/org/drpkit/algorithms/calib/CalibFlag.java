package org.drpkit.algorithms.calib;

import org.drpkit.core.flag.ExtraFlag;
import org.drpkit.core.flag.PixelFlag;

/**
 * The bad-pixel causes the calibration builders add beyond the APOGEE flag table ({@link PixelFlag}, bits 0..14),
 * and the calibration's bad-pixel policy. The bits themselves are registered in core's {@link ExtraFlag} (16..18),
 * so no other stage can claim them.
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
    /** Excess scatter across the dark frames (random-telegraph or otherwise unstable pixel). */
    NOISY_PIXEL(ExtraFlag.NOISY_PIXEL),
    /** No usable dark frame for this pixel, so it was not dark-corrected. */
    NO_DARK(ExtraFlag.NO_DARK),
    /** No usable flat frame for this pixel, so it has no pixel-response estimate. */
    NO_FLAT(ExtraFlag.NO_FLAT);

    private static final int OWN = ExtraFlag.NOISY_PIXEL.value() | ExtraFlag.NO_DARK.value() | ExtraFlag.NO_FLAT.value();

    /**
     * The bits that make a calibrated pixel bad: upstream's table without ONE_JUMP, plus the three calibration causes
     * and a non-finite ramp read. A single jump is handled by the ramp fit; upstream keeps bit 7 in
     * {@code bad_pix_bits} and so throws those pixels away (an upstream quirk, which it notes "could probably be dropped").
     */
    public static final int BAD_BITS = (PixelFlag.BAD_PIXEL_BITS & ~PixelFlag.ONE_JUMP.value()) | OWN
            | ExtraFlag.NONFINITE_INPUT.value();

    /** The bad-pixel causes followed by mask evolution by default: dark, flat and reference bits. */
    public static final int CALIBRATION_CAUSES = PixelFlag.BAD_REFERENCE_PIXEL.value() | PixelFlag.NEGATIVE_DARK.value()
            | PixelFlag.HOT_PIXEL.value() | PixelFlag.LOW_FLAT_RESPONSE.value() | OWN;

    private final ExtraFlag flag;

    CalibFlag(ExtraFlag flag) {
        this.flag = flag;
    }

    /** @return the bit index (from {@link ExtraFlag}) */
    public int bit() {
        return flag.bit();
    }

    /** @return {@code 1 << bit()} */
    public int value() {
        return flag.value();
    }

    /** @return the name of the flag at bit index {@code bit} in either table, or {@code "BIT<n>"} */
    public static String nameOfBit(int bit) {
        return ExtraFlag.nameOfBit(bit);
    }

    /** @return the names of every bit set in {@code mask}, joined by {@code |}, or {@code "none"} */
    public static String describe(int mask) {
        return ExtraFlag.describe(mask);
    }
}
