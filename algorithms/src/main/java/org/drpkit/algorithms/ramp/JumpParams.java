package org.drpkit.algorithms.ramp;

/**
 * Parameters of jump (cosmic-ray) detection on read differences.
 *
 * <p>A difference {@code d_k} of a pixel is flagged when it departs from the pixel's robust rate {@code f0} by more
 * than {@code threshold} times the noise of one difference predicted by the noise model,
 * {@code sigma_d = sqrt(2 s^2 + max(f0, 0)/g)} (DN): {@code d_k - f0 > threshold sigma_d} for positive jumps
 * (cosmic rays), {@code f0 - d_k > threshold sigma_d} for negative ones. The robust rate is the median of five
 * group means of the usable differences (the median of the differences themselves for fewer than ten), so one
 * jump cannot move it. This replaces upstream's mean and IQR-sigma: the noise model is known, an IQR of a few
 * differences is not. Detection needs at least three usable differences.
 *
 * <pre>{@code
 * JumpParams p = JumpParams.DEFAULTS;                 // 4.5 sigma, positive jumps only
 * JumpParams both = new JumpParams(5.0, true, true);
 * }</pre>
 *
 * @param threshold in units of the noise of one difference; positive
 * @param positive  flag jumps up (cosmic rays)
 * @param negative  flag jumps down
 */
public record JumpParams(double threshold, boolean positive, boolean negative) {

    /** The fewest usable, finite differences of a pixel that jump detection tests (fewer have no robust rate). */
    public static final int MIN_DIFFERENCES = 3;

    /**
     * 4.5 sigma, positive only. With Gaussian noise a 4.5-sigma cut flags 3.4e-6 of clean differences, and misses
     * a jump of 8 sigma with probability 2.3e-4 (the noise would have to fall 3.5 sigma); the same cut as the
     * 20.25 chi2 cut of Brandt's fitramp.
     */
    public static final JumpParams DEFAULTS = new JumpParams(4.5, true, false);

    /** No jump detection. */
    public static final JumpParams NONE = new JumpParams(Double.POSITIVE_INFINITY, false, false);

    /** Checks the threshold. */
    public JumpParams {
        if (!(threshold > 0)) {
            throw new IllegalArgumentException("jump threshold must be positive, got " + threshold);
        }
    }

    /** @return true when some sign is looked for */
    public boolean enabled() {
        return positive || negative;
    }
}
