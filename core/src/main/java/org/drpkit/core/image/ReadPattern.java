package org.drpkit.core.image;

/**
 * The readout pattern of an up-the-ramp exposure (JWST and HST MULTIACCUM style): each stored read (a "group") is
 * the mean of {@code nframes} consecutive frames, and {@code groupgap} frames are read and discarded between
 * groups; frames are {@code frameTime} seconds apart. Single-frame reads (APOGEE) are {@code nframes = 1,
 * groupgap = 0}.
 *
 * <p>What a slope fit needs follows from the pattern alone (Brandt 2024, PASP 136, 045004, for uniform groups): with
 * {@code N = nframes} and {@code P = nframes + groupgap} frames from one group's start to the next, a difference of
 * consecutive groups of a pixel with rate f (DN per group interval, {@code P} frames), gain g (e-/DN) and read
 * variance s^2 per frame (DN^2) has
 * <ul>
 *   <li>read-noise covariance {@code (s^2 / N) tridiag(-1, 2, -1)}: each group averages N independent reads;</li>
 *   <li>photon covariance {@code (f / g) tridiag(beta, alpha, beta)} with {@link #photonDiagonal()}
 *       {@code alpha = 1 - (N^2 - 1)/(3 N P)} and {@link #photonOffDiagonal()} {@code beta = (N^2 - 1)/(6 N P)}:
 *       the frames averaged into a group share the photons collected before them, so neighbouring differences are
 *       positively correlated. {@code alpha + 2 beta = 1}.</li>
 * </ul>
 * For N = 1, alpha = 1 and beta = 0 whatever the gap: the model of single reads. Rates in drpkit's ramp stages are
 * DN per group interval (DN/read for single frames); divide by {@link #groupTime()} for DN/s.
 *
 * <pre>{@code
 * ReadPattern apogee = ReadPattern.singleFrames(10.6);
 * ReadPattern nircamMedium8 = new ReadPattern(8, 2, 10.737);   // MEDIUM8: 8 frames averaged, 2 skipped
 * nircamMedium8.groupTime();                                     // 107.37 s
 * }</pre>
 *
 * @param nframes   frames averaged into each group, at least 1 (JWST keyword NFRAMES)
 * @param groupgap  frames skipped between groups, at least 0 (GROUPGAP)
 * @param frameTime seconds from one frame to the next, positive, or NaN when unknown (TFRAME)
 */
public record ReadPattern(int nframes, int groupgap, double frameTime) {

    /** Checks the values. */
    public ReadPattern {
        if (nframes < 1 || groupgap < 0) {
            throw new IllegalArgumentException("bad read pattern: nframes " + nframes + ", groupgap " + groupgap);
        }
        if (!(frameTime > 0) && !Double.isNaN(frameTime) || Double.isInfinite(frameTime)) {
            throw new IllegalArgumentException("frame time must be positive or NaN (unknown), got " + frameTime);
        }
    }

    /** @return one frame per read, no gap, reads {@code frameTime} seconds apart (NaN: unknown) */
    public static ReadPattern singleFrames(double frameTime) {
        return new ReadPattern(1, 0, frameTime);
    }

    /** @return true for one frame per group (the covariance of single reads; the gap only lengthens the interval) */
    public boolean isSingleFrame() {
        return nframes == 1;
    }

    /** @return frames from the start of one group to the start of the next, {@code nframes + groupgap} */
    public int framesPerGroup() {
        return nframes + groupgap;
    }

    /** @return seconds from one group to the next, {@code (nframes + groupgap) frameTime}; NaN when unknown */
    public double groupTime() {
        return framesPerGroup() * frameTime;
    }

    /** @return the factor on the per-frame read variance of one group, {@code 1 / nframes} */
    public double readVarianceScale() {
        return 1.0 / nframes;
    }

    /**
     * @return alpha: the photon variance of one group difference in units of {@code f/g}, {@code 1 - (N^2-1)/(3NP)}
     *         (exactly 1 for single frames)
     */
    public double photonDiagonal() {
        if (nframes == 1) {
            return 1;
        }
        double n = nframes;
        return 1 - (n * n - 1) / (3 * n * framesPerGroup());
    }

    /**
     * @return beta: the photon covariance of neighbouring group differences in units of {@code f/g},
     *         {@code (N^2-1)/(6NP)} (exactly 0 for single frames)
     */
    public double photonOffDiagonal() {
        if (nframes == 1) {
            return 0;
        }
        double n = nframes;
        return (n * n - 1) / (6 * n * framesPerGroup());
    }

    /** @return e.g. {@code ReadPattern[8 frames/group, gap 2, frame 10.737 s]} */
    @Override
    public String toString() {
        return "ReadPattern[" + nframes + (nframes == 1 ? " frame" : " frames") + "/group, gap " + groupgap
                + ", frame " + (Double.isNaN(frameTime) ? "unknown" : frameTime + " s") + "]";
    }
}
