package org.drpkit.algorithms.calib;

import java.util.Locale;
import java.util.Objects;
import org.drpkit.core.image.MaskedImage;

/**
 * The result of {@link Calibrate}: the calibrated image and what went into its error budget.
 *
 * <pre>{@code
 * CalibratedImage cal = Calibrate.apply(rate, chip, dark.dark(), flat.flat(), List.of());
 * cal.image().flux();   // DN/read, dark-subtracted and flat-fielded
 * }</pre>
 *
 * @param image             flux (DN/read for rate input), ivar ((DN/read)^-2, 0 = unknown), flags (the OR of all
 *                          masks)
 * @param darkApplied       a dark was subtracted
 * @param flatApplied       a flat was divided out on the light-sensitive area
 * @param zeroIvar          pixels whose output ivar is 0 (unknown or unusable)
 * @param bad               pixels with any of {@link CalibFlag#BAD_BITS}
 * @param darkVarianceShare mean over the light-sensitive pixels with known variances of
 *                          {@code var(dark) / (var(rate) + var(dark))}: what upstream leaves out of the budget
 * @param flatVarianceShare mean over the same pixels of the flat's share of the output variance
 */
public record CalibratedImage(MaskedImage image, boolean darkApplied, boolean flatApplied, long zeroIvar, long bad,
        double darkVarianceShare, double flatVarianceShare) {

    /** Checks for null. */
    public CalibratedImage {
        Objects.requireNonNull(image, "image");
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "CalibratedImage[%dx%d, dark %s, flat %s, bad=%d, zero ivar=%d, dark share of variance=%.4f,"
                        + " flat share=%.4f]",
                image.width(), image.height(), darkApplied ? "subtracted" : "none",
                flatApplied ? "divided" : "none", bad, zeroIvar, darkVarianceShare, flatVarianceShare);
    }
}
