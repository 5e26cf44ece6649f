package org.drpkit.algorithms.ramp;

/**
 * The slope estimator of one pixel's jump-free segments of read differences: one implementation per
 * {@link FitParams.Estimator}, picked by {@link #of} ({@link GlsFit} for GLS, {@link FixsenFit} for Fixsen-weighted
 * OLS). {@link PixelFitter} does what every estimator shares (the robust rate, jump flags, the segments, chi2) and
 * hands the fit itself to its kernel. Implementations are not thread-safe (one per worker thread) and allocate only in
 * their constructor.
 *
 * <pre>{@code
 * SlopeKernel k = SlopeKernel.of(fit, tables.gls(), tables.ols(), plan.differences());
 * SlopeKernel.Fitted out = new SlopeKernel.Fitted();
 * k.fit(d, off, segStart, segLen, segments, complete, gain, s2, covRate, robust, out);
 * out.rate;   // DN/read
 * }</pre>
 */
interface SlopeKernel {

    /** Where a kernel leaves one pixel's fit; one per worker, reused for every pixel. */
    final class Fitted {
        /** The rate, DN/read. */
        double rate;
        /** Its variance, (DN/read)^2. */
        double variance;
        /**
         * The read-noise part of that variance, (DN/read)^2: the variance the fitted weights would have with read
         * noise alone; the rest, {@code variance - readVariance}, is the Poisson part.
         */
        double readVariance;
        /** The {@link GlsTable} entry of the covariance under which the fit's chi2 is taken. */
        int chi2Entry;
    }

    /**
     * @param fit parameters; its estimator picks the kernel
     * @param gls the run's shared GLS table
     * @param ols the run's shared Fixsen table
     * @param n   differences per pixel
     * @return a new kernel for that estimator
     */
    static SlopeKernel of(FitParams fit, GlsTable gls, FixsenTable ols, int n) {
        return switch (fit.estimator()) {
            case GLS -> new GlsFit(gls, fit.iterations(), n);
            case OLS_FIXSEN -> new FixsenFit(ols, n);
        };
    }

    /** Forgets the first pass of the previous pixel; called before each pixel's jump scan. */
    void reset();

    /**
     * The jump scan of a complete ramp (every difference usable and finite): an estimator may take its first pass in
     * the same loop. Differences outside {@code (lo, hi)} count as jumps; flagging them is the caller's job.
     *
     * @param d      differences {@code d[off .. off+n)}, DN. Not modified.
     * @param robust the pixel's robust rate, DN/read
     * @return true when this scan found no jump (and the first pass, if any, was kept for {@link #fit}); false when
     *         the caller must scan itself
     */
    boolean scanComplete(float[] d, int off, double robust, double gain, double s2, float lo, float hi);

    /**
     * Fits the segments {@code segStart[s] .. segStart[s] + segLen[s] - 1} (at least one difference in all).
     *
     * @param d        differences, DN. Not modified.
     * @param segStart first difference of each segment. Not modified.
     * @param segLen   length of each segment. Not modified.
     * @param complete true when one segment holds all n differences and nothing was dropped
     * @param gain     e-/DN
     * @param s2       read variance, DN^2
     * @param covRate  NaN: the pixel's own rate ({@link FitParams.CovarianceRate#SELF}); otherwise the rate (DN/read)
     *                 of the photon term of the covariance
     * @param robust   the pixel's robust rate, DN/read (the first covariance rate with its own rate)
     * @param out      Modified: receives the rate, its variance and the chi2 entry
     */
    void fit(float[] d, int off, int[] segStart, int[] segLen, int segments, boolean complete, double gain,
            double s2, double covRate, double robust, Fitted out);

    /**
     * @return true when the chi2 of a complete ramp may be left to the caller, to be computed four pixels at a time
     *         ({@link GlsTable#quadratic4}) with {@link Fitted#chi2Entry}
     */
    boolean defersChi2();
}
