package org.drpkit.algorithms.refcorr;

import java.util.Objects;
import java.util.Optional;
import org.drpkit.core.image.Mask;

/**
 * Parameters of the correlated (1/f) row-noise correction, {@link RowNoiseCorrection}.
 *
 * <pre>{@code
 * RowNoiseParams p = RowNoiseParams.DEFAULTS;                     // reference output + reference pixels
 * RowNoiseParams dark = RowNoiseParams.DEFAULTS.withBackground(unilluminated);  // plus dark science pixels
 * }</pre>
 *
 * @param referenceOutput use the reference output (time-aligned with each amplifier: flipped for those reading -x)
 * @param referencePixels use the reference border (left and right columns; whole rows at the top and bottom)
 * @param background      science pixels known to be unilluminated (non-zero entries), in the chip's shape; they
 *                        constrain how the noise varies between reads (their own rate is removed first)
 * @param cutoff          low-pass cutoff in cycles per pixel-clock tick (NSClean: 1/256); harmonics up to
 *                        {@code cutoff x ticks per row} are fitted (2 for APOGEE's 512 ticks), the last one at half
 *                        weight
 * @param clipSigma       samples further than this many noise sigmas from their pixel's level are ignored (jumps,
 *                        hot pixels)
 */
public record RowNoiseParams(boolean referenceOutput, boolean referencePixels, Optional<Mask> background,
        double cutoff, double clipSigma) {

    /** Reference output and reference pixels, NSClean's cutoff of 1/256 cycles per tick, 8-sigma clipping. */
    public static final RowNoiseParams DEFAULTS = new RowNoiseParams(true, true, Optional.empty(), 1.0 / 256, 8);

    /** Checks the values. */
    public RowNoiseParams {
        Objects.requireNonNull(background, "background");
        if (!(cutoff >= 0) || !(clipSigma > 0)) {
            throw new IllegalArgumentException("bad cutoff " + cutoff + " or clip " + clipSigma);
        }
        if (!referenceOutput && !referencePixels && background.isEmpty()) {
            throw new IllegalArgumentException("row-noise correction needs at least one kind of sample");
        }
    }

    /** @return these parameters with unilluminated science pixels as extra samples */
    public RowNoiseParams withBackground(Mask mask) {
        return new RowNoiseParams(referenceOutput, referencePixels, Optional.of(mask), cutoff, clipSigma);
    }

    /** @return these parameters with another cutoff (cycles per tick) */
    public RowNoiseParams withCutoff(double c) {
        return new RowNoiseParams(referenceOutput, referencePixels, background, c, clipSigma);
    }

    /** @return the reference output alone (the revived upstream {@code refcorr}, filtered) */
    public static RowNoiseParams referenceOutputOnly() {
        return new RowNoiseParams(true, false, Optional.empty(), 1.0 / 256, 8);
    }

    /** @return reference pixels (and optionally background) alone: for chips without a reference output */
    public static RowNoiseParams referencePixelsOnly() {
        return new RowNoiseParams(false, true, Optional.empty(), 1.0 / 256, 8);
    }
}
