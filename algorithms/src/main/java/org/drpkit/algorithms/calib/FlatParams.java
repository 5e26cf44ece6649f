package org.drpkit.algorithms.calib;

import org.drpkit.core.flag.PixelFlag;

/**
 * Parameters of {@link FlatStack}.
 *
 * <pre>{@code
 * FlatParams p = FlatParams.defaults().withModel(6, 16).withMinLevel(0.1);
 * }</pre>
 *
 * @param noise            where the per-frame noise comes from ({@link FrameNoise})
 * @param degree           total degree of the Legendre illumination surface (default 8: 45 terms)
 * @param blockSize        side of the square blocks whose medians the surface is fitted to, pixels (default 32)
 * @param minBlockFraction fraction of a block's pixels that must be good for the block to enter the fit (0.5)
 * @param fitClipSigma     blocks whose residual lies beyond this many robust sigmas are dropped from the fit (4)
 * @param fitIterations    most refits after clipping blocks (default 10)
 * @param lowResponse      LOW_FLAT_RESPONSE below this flat value; pixels below this fraction of their block's
 *                         median are also left out of the block medians (default 0.2, upstream)
 * @param minLevel         a frame whose median (flux unit, DN/read) is below this is taken as lamp-off and left
 *                         out (default 1.05 DN/read = upstream's 2 e-/read at its default gain of 1.9 e-/DN)
 * @param clipSigma        per-pixel clipping threshold across frames, robust sigmas (default 3.5)
 * @param maxIterations    most clipping passes per pixel (default 5)
 * @param rejectBits       frame flag bits that exclude a sample (default as {@link DarkParams#DEFAULT_REJECT_BITS})
 * @param darkExcludeBits  dark-mask bits that keep a pixel out of the illumination fit (not out of the flat):
 *                         BAD_REFERENCE_PIXEL, NEGATIVE_DARK, HOT_PIXEL, NOISY_PIXEL, NO_DARK
 * @param parallel         use the available cores (results do not depend on it)
 */
public record FlatParams(FrameNoise noise, int degree, int blockSize, double minBlockFraction, double fitClipSigma,
        int fitIterations, double lowResponse, double minLevel, double clipSigma, int maxIterations, int rejectBits,
        int darkExcludeBits, boolean parallel) {

    /** Dark-mask bits kept out of the illumination fit by default. */
    public static final int DEFAULT_DARK_EXCLUDE_BITS = PixelFlag.BAD_REFERENCE_PIXEL.value()
            | PixelFlag.NEGATIVE_DARK.value() | PixelFlag.HOT_PIXEL.value() | CalibFlag.NOISY_PIXEL.value()
            | CalibFlag.NO_DARK.value();

    /** Checks ranges. */
    public FlatParams {
        if (noise == null) {
            throw new IllegalArgumentException("noise model is null");
        }
        if (degree < 0 || degree > 30 || blockSize < 1 || !(minBlockFraction > 0 && minBlockFraction <= 1)
                || !(fitClipSigma > 0) || fitIterations < 0 || !(lowResponse >= 0 && lowResponse < 1)
                || Double.isNaN(minLevel) || !(clipSigma > 0) || maxIterations < 0) {
            throw new IllegalArgumentException("bad flat parameters: degree " + degree + ", block " + blockSize
                    + ", block fraction " + minBlockFraction + ", fit clip " + fitClipSigma + ", low response "
                    + lowResponse + ", min level " + minLevel + ", clip " + clipSigma);
        }
    }

    /** @return the defaults: degree 8 on 32-pixel blocks, low response 0.2, min level 1.05, clip 3.5 */
    public static FlatParams defaults() {
        return new FlatParams(FrameNoise.FROM_FRAMES, 8, 32, 0.5, 4.0, 10, 0.2, 1.05, 3.5, 5,
                DarkParams.DEFAULT_REJECT_BITS, DEFAULT_DARK_EXCLUDE_BITS, true);
    }

    /** @return these parameters with another noise model */
    public FlatParams withNoise(FrameNoise n) {
        return new FlatParams(n, degree, blockSize, minBlockFraction, fitClipSigma, fitIterations, lowResponse,
                minLevel, clipSigma, maxIterations, rejectBits, darkExcludeBits, parallel);
    }

    /** @return these parameters with another surface degree and block size */
    public FlatParams withModel(int surfaceDegree, int block) {
        return new FlatParams(noise, surfaceDegree, block, minBlockFraction, fitClipSigma, fitIterations,
                lowResponse, minLevel, clipSigma, maxIterations, rejectBits, darkExcludeBits, parallel);
    }

    /** @return these parameters with another lamp-off level (flux unit) */
    public FlatParams withMinLevel(double level) {
        return new FlatParams(noise, degree, blockSize, minBlockFraction, fitClipSigma, fitIterations, lowResponse,
                level, clipSigma, maxIterations, rejectBits, darkExcludeBits, parallel);
    }

    /** @return these parameters with another low-response threshold */
    public FlatParams withLowResponse(double low) {
        return new FlatParams(noise, degree, blockSize, minBlockFraction, fitClipSigma, fitIterations, low,
                minLevel, clipSigma, maxIterations, rejectBits, darkExcludeBits, parallel);
    }

    /** @return these parameters with another per-pixel clipping threshold */
    public FlatParams withClipSigma(double k) {
        return new FlatParams(noise, degree, blockSize, minBlockFraction, fitClipSigma, fitIterations, lowResponse,
                minLevel, k, maxIterations, rejectBits, darkExcludeBits, parallel);
    }

    /** @return these parameters running on one thread ({@code false}) or on all cores */
    public FlatParams withParallel(boolean p) {
        return new FlatParams(noise, degree, blockSize, minBlockFraction, fitClipSigma, fitIterations, lowResponse,
                minLevel, clipSigma, maxIterations, rejectBits, darkExcludeBits, p);
    }
}
