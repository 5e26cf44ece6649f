package org.drpkit.algorithms.calib;

/**
 * Where the noise of each frame pixel comes from when frames are stacked.
 *
 * <pre>{@code
 * DarkParams.defaults().withNoise(FrameNoise.FROM_SCATTER);   // plain images without an IVAR extension
 * }</pre>
 */
public enum FrameNoise {
    /**
     * Each frame carries its inverse variance (a rate product of the ramp stage). A sample with {@code ivar <= 0}
     * carries no information and is skipped; the stacked ivar is the sum of the frames' ivar.
     */
    FROM_FRAMES,
    /**
     * The frames carry no usable inverse variance (plain images, e.g. NIRC2 frames). Their ivar is ignored; the
     * noise is estimated from the scatter across the stack, pooled over the light-sensitive area (a robust,
     * chip-wide variance per frame), and from the pixel's own scatter for pixels flagged noisy.
     */
    FROM_SCATTER
}
