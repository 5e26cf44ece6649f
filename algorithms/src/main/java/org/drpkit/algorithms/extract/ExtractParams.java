package org.drpkit.algorithms.extract;

import java.util.Objects;
import java.util.Optional;
import org.drpkit.algorithms.calib.CalibFlag;

/**
 * Parameters of {@link Extraction}.
 *
 * <pre>{@code
 * ExtractParams p = ExtractParams.defaults().withVariance(new VarianceModel(87.4, 0.02, 2));
 * }</pre>
 *
 * @param rejectBits      flag bits that make a pixel unusable (default {@link CalibFlag#BAD_BITS})
 * @param windowSigmas    optimal extraction uses a trace's pixels within this many widths (plus one pixel) of its
 *                        centre (default 4: 11 pixels at width 1; the profile outside holds under 1e-5 of the flux)
 * @param boxcarHalfWidth boxcar extraction sums {@code round(centre) +- boxcarHalfWidth} (default 2, upstream)
 * @param flagThreshold   a pixel's flags are ORed into the spectrum's where the trace's profile fraction is at least
 *                        this (default 0.001, upstream)
 * @param wideNeff        WIDE_PROFILE when {@code sqrt(1 / sum(profile^2))} exceeds this, px (default 10, upstream)
 * @param variance        re-estimate the pixel variance from the model (Horne), or use the image's ivar (default)
 * @param parallel        use the available cores (results do not depend on it)
 */
public record ExtractParams(int rejectBits, double windowSigmas, int boxcarHalfWidth, double flagThreshold,
        double wideNeff, Optional<VarianceModel> variance, boolean parallel) {

    /** Checks ranges. */
    public ExtractParams {
        Objects.requireNonNull(variance, "variance");
        if (!(windowSigmas >= 1) || boxcarHalfWidth < 0 || !(flagThreshold >= 0) || !(wideNeff > 0)) {
            throw new IllegalArgumentException("bad extraction parameters: window " + windowSigmas + " sigma, boxcar "
                    + boxcarHalfWidth + ", flag threshold " + flagThreshold + ", wide " + wideNeff);
        }
    }

    /** @return the defaults: upstream's thresholds, the image's own ivar, all cores */
    public static ExtractParams defaults() {
        return new ExtractParams(CalibFlag.BAD_BITS, 4, 2, 0.001, 10, Optional.empty(), true);
    }

    /** @return these parameters re-estimating the variance from the model */
    public ExtractParams withVariance(VarianceModel v) {
        return new ExtractParams(rejectBits, windowSigmas, boxcarHalfWidth, flagThreshold, wideNeff, Optional.of(v),
                parallel);
    }

    /** @return these parameters with another boxcar half-width */
    public ExtractParams withBoxcarHalfWidth(int hw) {
        return new ExtractParams(rejectBits, windowSigmas, hw, flagThreshold, wideNeff, variance, parallel);
    }

    /** @return these parameters on one thread ({@code false}) or all cores */
    public ExtractParams withParallel(boolean p) {
        return new ExtractParams(rejectBits, windowSigmas, boxcarHalfWidth, flagThreshold, wideNeff, variance, p);
    }
}
