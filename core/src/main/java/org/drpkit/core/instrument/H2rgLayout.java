package org.drpkit.core.instrument;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The layout of a Teledyne H2RG-style infrared array read through several amplifiers, with a reference-pixel
 * border and an optional extra reference output appended as columns on the right (APOGEE's 5th output).
 *
 * <p>The science array is {@code size x size} pixels; amplifier a (0-based) reads columns
 * {@code [a*size/amps, (a+1)*size/amps)} and amplifiers alternate their fast-scan direction, the first reading +x.
 * The reference output occupies columns {@code [size, size + referenceColumns)} and reads +x. The light-sensitive
 * area is the science array minus the border. APOGEE is {@code apogee("R")}: 2048 + 512 columns, 4 amplifiers,
 * a 4-pixel border and 18 um pixels; any smaller size keeps the same structure for tests.
 *
 * <pre>{@code
 * Chip c = H2rgLayout.apogee("G");                 // 2560 x 2048
 * Chip small = H2rgLayout.chip("G", 64, 16, 4, 4, 18.0);   // 80 x 64, amplifiers of 16 columns
 * small.amplifierAt(20, 0).orElseThrow().direction();       // MINUS_X (the second amplifier)
 * }</pre>
 */
public final class H2rgLayout {

    /** APOGEE science-array size. */
    public static final int APOGEE_SIZE = 2048;
    /** APOGEE reference-output columns. */
    public static final int APOGEE_REFERENCE_COLUMNS = 512;
    /** APOGEE amplifiers. */
    public static final int APOGEE_AMPLIFIERS = 4;
    /** APOGEE reference-pixel border. */
    public static final int APOGEE_BORDER = 4;
    /** H2RG pixel pitch in micrometres. */
    public static final double H2RG_PIXEL_MICRONS = 18.0;

    private H2rgLayout() {
    }

    /** @return an APOGEE chip (2560 x 2048) named {@code name} */
    public static Chip apogee(String name) {
        return chip(name, APOGEE_SIZE, APOGEE_REFERENCE_COLUMNS, APOGEE_AMPLIFIERS, APOGEE_BORDER, H2RG_PIXEL_MICRONS);
    }

    /**
     * @param size             science-array size in pixels (square), divisible by {@code amplifiers}
     * @param referenceColumns columns of the extra reference output (0 for none)
     * @param amplifiers       number of amplifiers across x
     * @param border           reference-pixel border width
     * @param pixelMicrons     pixel pitch in micrometres
     * @return the chip, HDU -1 (not tied to a file)
     */
    public static Chip chip(String name, int size, int referenceColumns, int amplifiers, int border,
            double pixelMicrons) {
        if (amplifiers < 1 || size % amplifiers != 0) {
            throw new IllegalArgumentException("size " + size + " is not divisible into " + amplifiers + " amplifiers");
        }
        if (referenceColumns < 0 || 2 * border >= size) {
            throw new IllegalArgumentException("bad reference columns " + referenceColumns + " or border " + border);
        }
        int w = size / amplifiers;
        List<Amplifier> amps = new ArrayList<>();
        for (int a = 0; a < amplifiers; a++) {
            amps.add(new Amplifier(Integer.toString(a + 1), Region.of(a * w, 0, w, size),
                    a % 2 == 0 ? ReadoutDirection.PLUS_X : ReadoutDirection.MINUS_X));
        }
        Optional<Region> ref = referenceColumns > 0 ? Optional.of(Region.of(size, 0, referenceColumns, size))
                : Optional.empty();
        return new Chip(name, -1, size + referenceColumns, size, pixelMicrons, amps, border, ref,
                Region.of(border, border, size - 2 * border, size - 2 * border), Optional.empty());
    }
}
