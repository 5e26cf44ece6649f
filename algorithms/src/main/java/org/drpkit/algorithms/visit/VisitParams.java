package org.drpkit.algorithms.visit;

import org.drpkit.core.flag.ExtraFlag;

/**
 * Parameters of {@link VisitCombine}.
 *
 * <pre>{@code
 * VisitParams p = VisitParams.defaults().withClipSigma(5);
 * }</pre>
 *
 * @param clipSigma     an exposure's pixel is rejected when it lies more than this many sigma from the median of the
 *                      exposures kept, sigma from the propagated variances (default 4)
 * @param maxIterations rounds of rejection at most (default 3); each round rejects every pixel beyond the limit and
 *                      takes the median again
 * @param minExposures  the fewest good exposures at a pixel for rejection (default 3: with two, the median cannot say
 *                      which one is off, and both are kept)
 * @param badBits       flag bits that make an exposure's pixel unusable (default {@code ExtraFlag.NOT_COVERED}); a
 *                      pixel with ivar 0 or a non-finite flux or ivar is unusable too
 */
public record VisitParams(double clipSigma, int maxIterations, int minExposures, int badBits) {

    /** Validates. */
    public VisitParams {
        if (!(clipSigma > 0) || maxIterations < 0 || minExposures < 3) {
            throw new IllegalArgumentException("bad visit parameters: clip " + clipSigma + " sigma, " + maxIterations
                    + " iterations, at least " + minExposures + " exposures (3 or more) to clip");
        }
    }

    /** @return 4 sigma, 3 rounds, 3 exposures, NOT_COVERED unusable */
    public static VisitParams defaults() {
        return new VisitParams(4, 3, 3, ExtraFlag.NOT_COVERED.value());
    }

    /** @return these parameters with another rejection limit, sigma */
    public VisitParams withClipSigma(double sigma) {
        return new VisitParams(sigma, maxIterations, minExposures, badBits);
    }

    /** @return these parameters with other unusable bits */
    public VisitParams withBadBits(int bits) {
        return new VisitParams(clipSigma, maxIterations, minExposures, bits);
    }

    /** @return these parameters without rejection (every good pixel of every exposure is used) */
    public VisitParams withoutRejection() {
        return new VisitParams(clipSigma, 0, minExposures, badBits);
    }
}
