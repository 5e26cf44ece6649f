package org.drpkit.algorithms.refcorr;

import org.drpkit.core.error.DrpException;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.Ramp;
import org.drpkit.core.instrument.Chip;

/**
 * Reference-pixel zeropoint per read and per amplifier (the APOGEE scheme), on an in-memory ramp.
 *
 * <p>For each read: (1) the median of the reference output is subtracted from the reference output; (2) the median
 * of the left and right reference columns (all rows) from the science array; (3) bottom and top levels are the
 * medians of the bottom and top reference rows over the first and last amplifiers; (4) each amplifier's offset is
 * the median of its bottom rows minus the bottom level together with its top rows minus the top level; (5) offsets
 * are re-centred on the mean of the first and last amplifiers' and (6) subtracted from every pixel of the amplifier.
 * Medians include every pixel (no masking), as upstream. Two changes: from the second read measured on, each level
 * is taken over the pixels' differences from the first read measured and added to the first read's level; the
 * fixed pixel pattern and the amplifier offsets then cancel, and the medians no longer jump by DN between reads.
 * And the border areas' levels of those differences are 3-sigma clipped means rather than medians, a fifth more
 * precise
 * (see {@link ReferenceScan}). This removes per-read bias jumps and amplifier offsets; the
 * correlated noise within a read is the job of {@link RowNoiseCorrection}. {@code RampProcessor} measures the same
 * levels while streaming ({@link ReferenceScan}).
 *
 * <pre>{@code
 * ZeropointLevels z = Zeropoint.measure(ramp, chip, 2, ramp.reads() - 1);
 * Ramp corrected = Zeropoint.apply(ramp, chip, z);
 * }</pre>
 */
public final class Zeropoint {

    private Zeropoint() {
    }

    /**
     * @param ramp      the raw reads, DN. Not modified.
     * @param chip      the layout; the ramp must have its shape
     * @param firstRead first read measured (0-based)
     * @param lastRead  last read measured (inclusive)
     * @return the levels of reads {@code firstRead .. lastRead}
     * @throws DrpException {@code REFERENCE_LEVEL_RANGE} for a reference output spread over more than 8192 DN
     */
    public static ZeropointLevels measure(Ramp ramp, Chip chip, int firstRead, int lastRead) throws DrpException {
        requireShape(ramp, chip);
        int reads = lastRead - firstRead + 1;
        int w = ramp.width();
        int h = ramp.height();
        ReferenceScan scan = new ReferenceScan(chip, firstRead, reads);
        float[][] planes = new float[ramp.reads()][];
        for (int k = firstRead; k <= lastRead; k++) {
            Image img = ramp.read(k);
            planes[k] = img.offset() == 0 && img.array().length == w * h ? img.array() : img.toArray();
        }
        scan.setAnchors(planes, Math.min(h, 16));
        scan.newAccumulator().add(planes, 0, h);
        return scan.finish();
    }

    /**
     * @param ramp   the raw reads, DN. Not modified.
     * @param chip   the layout; the ramp must have its shape
     * @param levels the levels to subtract. Not modified.
     * @return a new ramp with the levels subtracted from the measured reads (other reads copied unchanged)
     */
    public static Ramp apply(Ramp ramp, Chip chip, ZeropointLevels levels) {
        requireShape(ramp, chip);
        int w = ramp.width();
        int h = ramp.height();
        SegmentLevels segments = SegmentLevels.of(levels, ReadoutClock.of(chip), w);
        float[][] out = new float[ramp.reads()][];
        for (int k = 0; k < ramp.reads(); k++) {
            out[k] = ramp.read(k).toArray();
            int j = k - levels.firstRead();
            if (j < 0 || j >= levels.reads()) {
                continue;
            }
            for (int y = 0; y < h; y++) {
                segments.subtract(j, out[k], y * w);
            }
        }
        return Ramp.of(w, h, ramp.readTimes(), out);
    }

    static void requireShape(Ramp ramp, Chip chip) {
        if (ramp.width() != chip.width() || ramp.height() != chip.height()) {
            throw new IllegalArgumentException("ramp " + ramp.width() + "x" + ramp.height() + " does not match chip "
                    + chip.name() + " " + chip.width() + "x" + chip.height());
        }
    }
}
