package org.drpkit.algorithms.sim;

import java.util.Objects;
import java.util.Optional;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.ReadPattern;

/**
 * What one simulated exposure sees: the number of reads, the time between reads, the true rate of light on the
 * chip, the noise seed and the readout pattern. Read k (0-based) ends {@code k + 1} read intervals after the reset.
 * With a pattern of several frames per read ({@link #withPattern}), each read is the mean of {@code nframes} frames
 * and {@code groupgap} frames are skipped after it; the read interval holds {@code nframes + groupgap} frames.
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
 * @param pattern  frames per read and skipped frames; its frame time is {@code readTime / (nframes + groupgap)}
 */
public record Exposure(int reads, double readTime, Optional<Image> rate, long seed, ReadPattern pattern) {

    /** Checks the values. */
    public Exposure {
        if (reads < 1 || !(readTime > 0)) {
            throw new IllegalArgumentException("bad exposure: " + reads + " reads, " + readTime + " s");
        }
        Objects.requireNonNull(rate, "rate");
        Objects.requireNonNull(pattern, "pattern");
    }

    /** An exposure of single-frame reads. */
    public Exposure(int reads, double readTime, Optional<Image> rate, long seed) {
        this(reads, readTime, rate, seed, ReadPattern.singleFrames(readTime));
    }

    /**
     * @param nframes  frames averaged per read
     * @param groupgap frames skipped after each read
     * @return this exposure read with that pattern (same read interval, rate per read interval and seed)
     */
    public Exposure withPattern(int nframes, int groupgap) {
        return new Exposure(reads, readTime, rate, seed,
                new ReadPattern(nframes, groupgap, readTime / (nframes + groupgap)));
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
