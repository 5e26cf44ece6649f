package org.drpkit.algorithms.calib;

import org.drpkit.core.flag.PixelFlag;
import org.drpkit.core.instrument.Chip;
import org.drpkit.core.instrument.Region;

/** The geometry bits of a chip, row by row: reference array, reference border and the bad top reference row. */
final class ChipGeometry {

    private ChipGeometry() {
    }

    /**
     * Fills {@code out[0, width)} with the geometry bits of row {@code y}: REFERENCE_ARRAY on the extra reference
     * output; REFERENCE_PIXEL on the reference border; BAD_REFERENCE_PIXEL on the top row of the science array when
     * the chip has a reference border (upstream's rule for the less reliable top reference rows).
     */
    static void rowBits(Chip chip, int y, int[] out) {
        int w = chip.width();
        int scienceEnd = chip.referenceOutput().map(Region::x0).orElse(w);
        Region ref = chip.referenceOutput().orElse(Region.of(0, 0, 0, 0));
        boolean topRow = chip.referenceBorder() > 0 && y == chip.height() - 1;
        for (int x = 0; x < w; x++) {
            int m = 0;
            if (ref.contains(x, y)) {
                m |= PixelFlag.REFERENCE_ARRAY.value();
            }
            if (chip.isReferencePixel(x, y)) {
                m |= PixelFlag.REFERENCE_PIXEL.value();
            }
            if (topRow && x < scienceEnd) {
                m |= PixelFlag.BAD_REFERENCE_PIXEL.value();
            }
            out[x] = m;
        }
    }
}
