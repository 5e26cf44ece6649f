package org.drpkit.algorithms.ramp;

import org.drpkit.core.image.Mask;

/**
 * Usable read differences per pixel before saturation: the result of {@link Saturation#scan}.
 *
 * @param usableDifferences per pixel, 0..{@code plan.differences()} (an int image held in a {@code Mask}); the
 *                          differences {@code 0..L-1} of the plan's reads are unsaturated
 * @param plan              the reads scanned
 * @param partial           pixels with {@code 0 < L < differences}
 * @param full              pixels with {@code L == 0}
 */
public record SaturationResult(Mask usableDifferences, ReadPlan plan, long partial, long full) {

    /** @return e.g. {@code SaturationResult[512x512, 120 partly and 3 fully saturated of 44 differences]} */
    @Override
    public String toString() {
        return "SaturationResult[" + usableDifferences.width() + "x" + usableDifferences.height() + ", " + partial
                + " partly and " + full + " fully saturated of " + plan.differences() + " differences]";
    }
}
