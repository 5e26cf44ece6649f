package org.drpkit.algorithms.calib;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.Mask;
import org.drpkit.core.image.MaskedImage;

/**
 * The result of {@link DarkStack}: the dark rate with its inverse variance and the dark bad-pixel mask, plus the
 * statistics a person checks before trusting it.
 *
 * <pre>{@code
 * DarkCalibration d = DarkStack.build(darks, chip, DarkParams.defaults());
 * d.rate();   // DN/read (the frames' flux unit); d.mask().count(PixelFlag.HOT_PIXEL)
 * }</pre>
 *
 * @param dark               flux = dark rate in the frames' unit (DN/read for rate products), ivar in its inverse
 *                           square (0 = unknown), mask = PixelFlag bits plus {@link CalibFlag} bits
 * @param frames             frames in the stack
 * @param frameLevels        the level subtracted from each frame (all 0 unless {@code subtractFrameLevel})
 * @param level              median dark rate over the light-sensitive area (upstream {@code cen})
 * @param sigma              IQR-sigma of the dark rate over the light-sensitive area (upstream {@code sig})
 * @param sigmaAfter         IQR-sigma over the light-sensitive pixels left unflagged (upstream {@code sig_after})
 * @param hot                pixels flagged HOT_PIXEL
 * @param negative           pixels flagged NEGATIVE_DARK
 * @param noisy              pixels flagged NOISY_PIXEL
 * @param noDark             pixels without any usable frame (NO_DARK)
 * @param samples            usable samples (pixel x frame) that entered the stack
 * @param clipped            samples removed by sigma clipping
 * @param clipFloor          {@link FrameNoise#FROM_SCATTER}: the least clipping scale, a pilot estimate of one frame
 *                           pixel's noise from a few row bands; 0 for {@code FROM_FRAMES} (each pixel's ivar sets it)
 * @param frameSigma         {@link FrameNoise#FROM_SCATTER}: pooled noise of one frame pixel; NaN otherwise
 * @param medianReducedChi2  {@link FrameNoise#FROM_FRAMES}: median chi2/dof of the frames about the stacked rate
 *                           (about 1 when the frames' ivar is right); NaN otherwise
 * @param params             the parameters used
 */
public record DarkCalibration(MaskedImage dark, int frames, double[] frameLevels, double level, double sigma,
        double sigmaAfter, long hot, long negative, long noisy, long noDark, long samples, long clipped,
        double clipFloor, double frameSigma, double medianReducedChi2, DarkParams params) {

    /** Copies the level array. */
    public DarkCalibration {
        Objects.requireNonNull(dark, "dark");
        frameLevels = frameLevels.clone();
    }

    /** @return the dark rate (the frames' flux unit, DN/read for rate products) */
    public Image rate() {
        return dark.flux();
    }

    /** @return the inverse variance of the dark rate (0 = unknown) */
    public Image ivar() {
        return dark.ivar();
    }

    /** @return the dark bad-pixel mask */
    public Mask mask() {
        return dark.mask();
    }

    /** @return a copy of the per-frame levels that were subtracted */
    @Override
    public double[] frameLevels() {
        return frameLevels.clone();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "DarkCalibration[%dx%d from %d frames, level=%.5g, sigma=%.4g (after flags %.4g), hot=%d, negative=%d,"
                        + " noisy=%d, no dark=%d, clipped %d of %d samples (%.3f%%)%s%s]",
                dark.width(), dark.height(), frames, level, sigma, sigmaAfter, hot, negative, noisy, noDark, clipped,
                samples, samples == 0 ? 0.0 : 100.0 * clipped / samples,
                Double.isNaN(frameSigma) ? "" : String.format(Locale.ROOT, ", frame sigma=%.4g", frameSigma),
                Double.isNaN(medianReducedChi2) ? ""
                        : String.format(Locale.ROOT, ", median chi2/dof=%.3f", medianReducedChi2));
    }
}
