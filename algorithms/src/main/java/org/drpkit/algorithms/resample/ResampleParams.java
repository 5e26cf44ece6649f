package org.drpkit.algorithms.resample;

import java.util.Objects;
import org.drpkit.core.flag.PixelFlag;

/**
 * Parameters of {@link Resample}.
 *
 * <pre>{@code
 * ResampleParams p = ResampleParams.defaults().withMethod(ResampleMethod.FLUX_CONSERVING);
 * }</pre>
 *
 * @param method      the kernel
 * @param badBits     flag bits that make an input pixel unusable ({@link PixelFlag#BAD_PIXEL_BITS} by default; a
 *                    product with its own flag table, such as APOGEE's apVisit, gives its own)
 * @param minIvar     an input pixel with ivar at or below this (in 1/flux^2) is unusable (upstream's 1e-20)
 * @param minCoverage {@link ResampleMethod#FLUX_CONSERVING} only: the smallest fraction of an output pixel's width
 *                    that usable input pixels must cover (0 &lt; minCoverage &lt;= 1); the flux density is the mean
 *                    over the covered part
 */
public record ResampleParams(ResampleMethod method, int badBits, double minIvar, double minCoverage) {

    /** Upstream's floor on a usable inverse variance. */
    public static final double DEFAULT_MIN_IVAR = 1e-20;
    /** Half of an output pixel must be covered by usable input for flux-conserving rebinning. */
    public static final double DEFAULT_MIN_COVERAGE = 0.5;

    /** Validates. */
    public ResampleParams {
        Objects.requireNonNull(method, "method");
        if (!(minIvar >= 0) || Double.isInfinite(minIvar)) {
            throw new IllegalArgumentException("minIvar must be finite and >= 0: " + minIvar);
        }
        if (!(minCoverage > 0 && minCoverage <= 1)) {
            throw new IllegalArgumentException("minCoverage must be in (0, 1]: " + minCoverage);
        }
    }

    /** @return Lanczos-4, the APOGEE bad-pixel bits, ivar floor 1e-20, half coverage */
    public static ResampleParams defaults() {
        return new ResampleParams(ResampleMethod.LANCZOS4, PixelFlag.BAD_PIXEL_BITS, DEFAULT_MIN_IVAR,
                DEFAULT_MIN_COVERAGE);
    }

    /** @return these parameters with another kernel */
    public ResampleParams withMethod(ResampleMethod m) {
        return new ResampleParams(m, badBits, minIvar, minCoverage);
    }

    /** @return these parameters with other bad-pixel bits */
    public ResampleParams withBadBits(int bits) {
        return new ResampleParams(method, bits, minIvar, minCoverage);
    }
}
