package org.drpkit.algorithms.ramp;


/**
 * The per-pixel kernel of jump detection and slope fitting, on the n read differences of one pixel stored
 * contiguously ({@code d[off .. off+n)}, DN). Not thread-safe: one instance per worker thread; it allocates only in
 * its constructor.
 *
 * <p>Per pixel: {@link #detect} computes a robust rate and flags jumps and non-finite differences in an exclusion
 * bit set; {@link #fit} then collects the usable differences into jump-free segments (dropping a difference
 * decouples its neighbours) and hands them to the estimator's {@link SlopeKernel} ({@link SlopeKernel#of} picks GLS
 * or Fixsen OLS); a complete ramp (every difference usable) is one segment, the kernels' fast path. chi2 is taken
 * under the GLS covariance for either estimator. Results are left in {@link #rate}, {@link #variance} and
 * {@link #chi2}.
 */
final class PixelFitter {

    final int n;
    final int words;
    private final JumpParams jumps;
    private final GlsTable gls;
    private final SlopeKernel estimator;
    private final SlopeKernel.Fitted fitted = new SlopeKernel.Fitted();
    /** GLS passes under the robust rate's covariance, for {@link #preliminary} whatever the estimator. */
    private final GlsFit preliminaryGls;
    private final int groupCount;
    private final int[] groupStart;
    private final double[] groupInv;
    private int groupMin;
    private double completeSum;

    private final float[] scratch;
    private final int[] segStart;
    private final int[] segLen;
    private int segments;

    /** Outputs of {@link #detect}. */
    double robust;
    int jumpCount;
    int badCount;
    /** Outputs of {@link #fit}: DN/read, (DN/read)^2, dimensionless; {@code usedDiffs} enter the fit. */
    double rate;
    double variance;
    /** The read-noise part of {@link #variance}, (DN/read)^2; the rest is the Poisson part. */
    double readVariance;
    double chi2;
    /** The GLS table entry of the last {@link #preliminary} rate of a complete ramp, -1 for a masked one. */
    int preliminaryEntry = -1;
    int usedDiffs;
    boolean fastPath;

    PixelFitter(int n, FitParams fit, JumpParams jumps, GlsTable gls, FixsenTable ols) {
        this.n = n;
        this.words = wordsFor(n);
        this.jumps = jumps;
        this.gls = gls;
        this.estimator = SlopeKernel.of(fit, gls, ols, n);
        this.preliminaryGls = new GlsFit(gls, fit.iterations(), n);
        groupCount = n >= 10 ? 5 : 0;
        groupStart = new int[6];
        groupInv = new double[5];
        if (groupCount == 5) {
            for (int j = 0; j <= 5; j++) {
                groupStart[j] = j * n / 5;
            }
            groupMin = Integer.MAX_VALUE;
            for (int j = 0; j < 5; j++) {
                groupInv[j] = 1.0 / (groupStart[j + 1] - groupStart[j]);
                groupMin = Math.min(groupMin, groupStart[j + 1] - groupStart[j]);
            }
        }
        scratch = new float[n];
        segStart = new int[n];
        segLen = new int[n];
    }

    static int wordsFor(int n) {
        return (n + 63) >>> 6;
    }

    // ------------------------------------------------------------------ robust rate and jumps

    /**
     * Robust rate and jump flags of one pixel.
     *
     * @param usable  L, the differences before saturation (0..n)
     * @param gain    e-/DN
     * @param s2      read variance, DN^2
     * @param excl    exclusion bits, {@code words} longs from {@code eoff}; cleared, then set for jumps and
     *                non-finite differences
     */
    void detect(float[] d, int off, int usable, double gain, double s2, long[] excl, int eoff) {
        for (int w = 0; w < words; w++) {
            excl[eoff + w] = 0;
        }
        jumpCount = 0;
        badCount = 0;
        estimator.reset();
        if (usable <= 0) {
            robust = 0;
            return;
        }
        boolean completeGroups = usable == n && groupCount == 5;
        double sum;
        if (completeGroups) {
            robust = robustComplete(d, off);
            sum = completeSum;
        } else {
            sum = 0;
            for (int k = 0; k < usable; k++) {
                sum += d[off + k];
            }
        }
        int finite = usable;
        if (Double.isFinite(sum)) {
            if (!completeGroups) {
                robust = RobustRate.of(d, off, usable, scratch);
            }
        } else {
            finite = 0;
            for (int k = 0; k < usable; k++) {
                float v = d[off + k];
                if (Float.isFinite(v)) {
                    scratch[finite++] = v;
                } else {
                    excl[eoff + (k >>> 6)] |= 1L << k;
                }
            }
            badCount = usable - finite;
            robust = finite == 0 ? 0 : RobustRate.of(scratch, 0, finite, scratch);
        }
        if (!jumps.enabled() || finite < JumpParams.MIN_DIFFERENCES) {
            return;
        }
        double sigma = Math.sqrt(2 * s2 + gls.alpha * (Math.max(robust, 0) / gain));
        double hi = jumps.positive() ? robust + jumps.threshold() * sigma : Double.POSITIVE_INFINITY;
        double lo = jumps.negative() ? robust - jumps.threshold() * sigma : Double.NEGATIVE_INFINITY;
        // a complete ramp: the estimator may take its first pass while scanning (float compares: no conversion
        // per difference); a jump found there is flagged below
        if (completeGroups && finite == n && estimator.scanComplete(d, off, robust, gain, s2, (float) lo, (float) hi)) {
            return;
        }
        for (int k = 0; k < usable; k++) {
            float v = d[off + k];
            if (v > hi || v < lo) {
                long bit = 1L << k;
                int w = eoff + (k >>> 6);
                if ((excl[w] & bit) == 0 && Float.isFinite(v)) {
                    excl[w] |= bit;
                    jumpCount++;
                }
            }
        }
    }

    /** Median of the five group means of a complete ramp; the five sums run interleaved (independent chains). */
    private double robustComplete(float[] d, int off) {
        int a0 = off + groupStart[0];
        int a1 = off + groupStart[1];
        int a2 = off + groupStart[2];
        int a3 = off + groupStart[3];
        int a4 = off + groupStart[4];
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double s4 = 0;
        for (int k = 0; k < groupMin; k++) {
            s0 += d[a0 + k];
            s1 += d[a1 + k];
            s2 += d[a2 + k];
            s3 += d[a3 + k];
            s4 += d[a4 + k];
        }
        for (int k = groupMin; k < groupStart[1] - groupStart[0]; k++) {
            s0 += d[a0 + k];
        }
        for (int k = groupMin; k < groupStart[2] - groupStart[1]; k++) {
            s1 += d[a1 + k];
        }
        for (int k = groupMin; k < groupStart[3] - groupStart[2]; k++) {
            s2 += d[a2 + k];
        }
        for (int k = groupMin; k < groupStart[4] - groupStart[3]; k++) {
            s3 += d[a3 + k];
        }
        for (int k = groupMin; k < groupStart[5] - groupStart[4]; k++) {
            s4 += d[a4 + k];
        }
        completeSum = (s0 + s1) + (s2 + s3) + s4;
        return RobustRate.median5(s0 * groupInv[0], s1 * groupInv[1], s2 * groupInv[2], s3 * groupInv[3],
                s4 * groupInv[4]);
    }

    // ------------------------------------------------------------------ fit

    /**
     * Fits the rate of one pixel after {@link #detect}.
     *
     * @param usable  L (0..n)
     * @param covRate NaN: the pixel's own rate ({@link FitParams.CovarianceRate#SELF}); otherwise the rate
     *                (DN/read) for the photon term of the covariance, not clipped
     */
    void fit(float[] d, int off, int usable, double gain, double s2, double covRate, long[] excl, int eoff) {
        fit(d, off, usable, gain, s2, covRate, excl, eoff, false);
    }

    /**
     * As {@link #fit(float[], int, int, double, double, double, long[], int)}; with {@code deferChi2} a complete
     * GLS ramp leaves {@link #chi2} as NaN and its table entry in {@link #entry()}, for a caller that computes
     * chi2 four pixels at a time ({@link GlsTable#quadratic4}).
     */
    void fit(float[] d, int off, int usable, double gain, double s2, double covRate, long[] excl, int eoff,
            boolean deferChi2) {
        boolean complete = usable == n && jumpCount == 0 && badCount == 0;
        fastPath = complete;
        if (complete) {
            segments = 1;
            segStart[0] = 0;
            segLen[0] = n;
        } else {
            collectSegments(usable, excl, eoff);
        }
        usedDiffs = 0;
        for (int s = 0; s < segments; s++) {
            usedDiffs += segLen[s];
        }
        if (usedDiffs == 0) {
            rate = 0;
            variance = Double.POSITIVE_INFINITY;
            readVariance = Double.POSITIVE_INFINITY;
            chi2 = 0;
            return;
        }
        estimator.fit(d, off, segStart, segLen, segments, complete, gain, s2, covRate, robust, fitted);
        rate = fitted.rate;
        variance = fitted.variance;
        readVariance = fitted.readVariance;
        if (deferChi2 && complete && estimator.defersChi2()) {
            chi2 = Double.NaN;
            return;
        }
        // chi2 under the covariance the rate was fitted with (OLS: the GLS covariance at its final rate)
        int e = fitted.chi2Entry;
        double q = 0;
        for (int s = 0; s < segments; s++) {
            q += gls.quadratic(e, d, off + segStart[s], segLen[s], rate);
        }
        chi2 = q / s2;
    }

    /**
     * A preliminary GLS rate after {@link #detect}: one pass with the covariance of the robust rate (used to build
     * the neighbour covariance rate). NaN when no difference is usable.
     */
    double preliminary(float[] d, int off, int usable, double gain, double s2, long[] excl, int eoff) {
        int e = GlsTable.entry(Math.max(robust, 0) / (gain * s2));
        if (usable == n && jumpCount == 0 && badCount == 0) {
            // the GLS estimator's jump scan has usually taken this very pass already
            preliminaryEntry = e;
            double scanned = estimator instanceof GlsFit g ? g.scannedRate(e) : Double.NaN;
            return Double.isNaN(scanned) ? gls.rate(e, d, off) : scanned;
        }
        preliminaryEntry = -1;
        collectSegments(usable, excl, eoff);
        return segments == 0 ? Double.NaN : preliminaryGls.maskedRate(e, d, off, segStart, segLen, segments);
    }

    /**
     * Hands the GLS estimator a pixel's {@link #preliminary} result again (entry {@link #preliminaryEntry}, -1 for
     * none), so its {@link #fit} does not repeat that pass when the covariance falls in the same table entry. For
     * callers that take every pixel's preliminary rate of a row before fitting any; other estimators ignore it.
     */
    void restorePreliminary(int entry, double rate) {
        if (estimator instanceof GlsFit g) {
            g.restore(entry, rate);
        }
    }

    private void collectSegments(int usable, long[] excl, int eoff) {
        segments = 0;
        int start = -1;
        for (int k = 0; k < usable; k++) {
            boolean out = (excl[eoff + (k >>> 6)] & (1L << k)) != 0;
            if (!out && start < 0) {
                start = k;
            } else if (out && start >= 0) {
                segStart[segments] = start;
                segLen[segments++] = k - start;
                start = -1;
            }
        }
        if (start >= 0) {
            segStart[segments] = start;
            segLen[segments++] = usable - start;
        }
    }

    /** @return the GLS table entry of the last fit's covariance (for a deferred chi2) */
    int entry() {
        return fitted.chi2Entry;
    }

    /** @return the number of segments of the last {@link #fit} */
    int segments() {
        return segments;
    }
}
