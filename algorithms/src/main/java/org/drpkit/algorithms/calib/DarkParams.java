package org.drpkit.algorithms.calib;

import org.drpkit.core.flag.PixelFlag;

/**
 * Parameters of {@link DarkStack}. Thresholds are in units of the spatial robust sigma of the stacked dark rate
 * (hot, negative) or a false-alarm probability (noisy).
 *
 * <pre>{@code
 * DarkParams p = DarkParams.defaults().withNoise(FrameNoise.FROM_SCATTER).withSubtractFrameLevel(true);
 * }</pre>
 *
 * @param noise              where the per-frame noise comes from ({@link FrameNoise})
 * @param clipSigma          per-pixel clipping threshold across frames, in robust sigmas (default 3.5)
 * @param maxIterations      most clipping passes per pixel (default 5)
 * @param rejectBits         frame flag bits that exclude a sample (default MANY_JUMPS | BAD_CHI2 | FULL_SATURATION;
 *                           ONE_JUMP is kept: the ramp fit already handled the single jump)
 * @param subtractFrameLevel subtract each frame's median over the light-sensitive area before stacking, as upstream
 *                           does (default false: keep the absolute dark current)
 * @param hotSigma           HOT_PIXEL when the rate exceeds the chip median by this many sigmas (default 7)
 * @param negativeSigma      NEGATIVE_DARK when the rate is below the chip median by this many sigmas (default 5)
 * @param noisyProbability   false-alarm probability per pixel of the excess-scatter (chi-square) test that sets
 *                           NOISY_PIXEL (default 1e-6)
 * @param minFrames          usable frames a pixel needs for a dark estimate; fewer gives NO_DARK (default 1)
 * @param parallel           use the available cores (results do not depend on it)
 */
public record DarkParams(FrameNoise noise, double clipSigma, int maxIterations, int rejectBits,
        boolean subtractFrameLevel, double hotSigma, double negativeSigma, double noisyProbability, int minFrames,
        boolean parallel) {

    /** The frame bits that exclude a sample by default. */
    public static final int DEFAULT_REJECT_BITS = PixelFlag.MANY_JUMPS.value() | PixelFlag.BAD_CHI2.value()
            | PixelFlag.FULL_SATURATION.value();

    /** Checks ranges. */
    public DarkParams {
        if (noise == null) {
            throw new IllegalArgumentException("noise model is null");
        }
        if (!(clipSigma > 0) || maxIterations < 0 || !(hotSigma > 0) || !(negativeSigma > 0) || minFrames < 1) {
            throw new IllegalArgumentException("bad dark parameters: clip " + clipSigma + ", iterations "
                    + maxIterations + ", hot " + hotSigma + ", negative " + negativeSigma + ", min frames "
                    + minFrames);
        }
        if (!(noisyProbability > 0 && noisyProbability < 1)) {
            throw new IllegalArgumentException("noisy probability must be in (0, 1): " + noisyProbability);
        }
    }

    /** @return the defaults: frames carry ivar, clip 3.5 sigma, hot 7, negative 5, noisy p = 1e-6 */
    public static DarkParams defaults() {
        return new DarkParams(FrameNoise.FROM_FRAMES, 3.5, 5, DEFAULT_REJECT_BITS, false, 7, 5, 1e-6, 1, true);
    }

    /** @return these parameters with another noise model */
    public DarkParams withNoise(FrameNoise n) {
        return new DarkParams(n, clipSigma, maxIterations, rejectBits, subtractFrameLevel, hotSigma, negativeSigma,
                noisyProbability, minFrames, parallel);
    }

    /** @return these parameters with another clipping threshold */
    public DarkParams withClipSigma(double k) {
        return new DarkParams(noise, k, maxIterations, rejectBits, subtractFrameLevel, hotSigma, negativeSigma,
                noisyProbability, minFrames, parallel);
    }

    /** @return these parameters with per-frame level subtraction switched on or off */
    public DarkParams withSubtractFrameLevel(boolean subtract) {
        return new DarkParams(noise, clipSigma, maxIterations, rejectBits, subtract, hotSigma, negativeSigma,
                noisyProbability, minFrames, parallel);
    }

    /** @return these parameters with other hot and negative thresholds (sigmas) */
    public DarkParams withThresholds(double hot, double negative) {
        return new DarkParams(noise, clipSigma, maxIterations, rejectBits, subtractFrameLevel, hot, negative,
                noisyProbability, minFrames, parallel);
    }

    /** @return these parameters with another false-alarm probability for NOISY_PIXEL */
    public DarkParams withNoisyProbability(double p) {
        return new DarkParams(noise, clipSigma, maxIterations, rejectBits, subtractFrameLevel, hotSigma,
                negativeSigma, p, minFrames, parallel);
    }

    /** @return these parameters with other frame bits that exclude a sample */
    public DarkParams withRejectBits(int bits) {
        return new DarkParams(noise, clipSigma, maxIterations, bits, subtractFrameLevel, hotSigma, negativeSigma,
                noisyProbability, minFrames, parallel);
    }

    /** @return these parameters with another minimum number of usable frames per pixel */
    public DarkParams withMinFrames(int n) {
        return new DarkParams(noise, clipSigma, maxIterations, rejectBits, subtractFrameLevel, hotSigma,
                negativeSigma, noisyProbability, n, parallel);
    }

    /** @return these parameters running on one thread ({@code false}) or on all cores */
    public DarkParams withParallel(boolean p) {
        return new DarkParams(noise, clipSigma, maxIterations, rejectBits, subtractFrameLevel, hotSigma,
                negativeSigma, noisyProbability, minFrames, p);
    }
}
