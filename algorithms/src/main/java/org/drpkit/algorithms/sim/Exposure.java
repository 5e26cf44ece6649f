package org.drpkit.algorithms.sim;

import java.util.Objects;
import java.util.Optional;
import org.drpkit.core.image.Image;

/**
 * What one simulated exposure sees: the number of reads, the time between reads, the true rate of light on the
 * chip, and the noise seed. Read k (0-based) ends {@code k + 1} read intervals after the reset.
 *
 * <pre>{@code
 * Exposure dark = Exposure.dark(47, 10.6, 7L);
 * Exposure flat = new Exposure(47, 10.6, Optional.of(illumination), 8L);   // DN/read per pixel
 * }</pre>
 *
 * @param reads    reads, at least 1
 * @param readTime seconds between reads
 * @param rate     true rate of light per pixel (DN/read, the chip's shape); only light-sensitive pixels collect
 *                 it; empty for a dark
 * @param seed     seed of this exposure's noise
 */
public record Exposure(int reads, double readTime, Optional<Image> rate, long seed) {

    /** Checks the values. */
    public Exposure {
        if (reads < 1 || !(readTime > 0)) {
            throw new IllegalArgumentException("bad exposure: " + reads + " reads, " + readTime + " s");
        }
        Objects.requireNonNull(rate, "rate");
    }

    /** @return a dark exposure (no light) */
    public static Exposure dark(int reads, double readTime, long seed) {
        return new Exposure(reads, readTime, Optional.empty(), seed);
    }

    /** @return an exposure under the given rate map (DN/read) */
    public static Exposure of(int reads, double readTime, Image rate, long seed) {
        return new Exposure(reads, readTime, Optional.of(rate), seed);
    }
}
