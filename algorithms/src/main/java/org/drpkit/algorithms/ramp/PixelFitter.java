package org.drpkit.algorithms.ramp;


/**
 * The per-pixel kernel of jump detection and slope fitting, on the n read differences of one pixel stored
 * contiguously ({@code d[off .. off+n)}, DN). Not thread-safe: one instance per worker thread; it allocates only in
 * its constructor.
 *
 * <p>Per pixel: {@link #detect} computes a robust rate and flags jumps and non-finite differences in an exclusion
 * bit set; {@link #fit} then fits the rate. A complete ramp (every difference usable) takes the fast path: table
 * weights, O(n), no division. Otherwise the usable differences form segments; dropping a difference decouples its
 * neighbours, so the covariance restricted to the usable set is block diagonal with one tridiagonal Toeplitz block
 * per segment, and each block is solved by the Thomas algorithm with the table's pivots (still no division).
 * Results are left in {@link #rate}, {@link #variance} and {@link #chi2}.
 */
final class PixelFitter {

    final int n;
    final int words;
    private final FitParams fit;
    private final JumpParams jumps;
    private final GlsTable gls;
    private final boolean useOls;
    private final int groupCount;
    private final int[] groupStart;
    private final double[] groupInv;
    private int groupMin;
    private final double phiScale;
    private double completeSum;

    private final float[] scratch;
    private final double[] wbuf;
    private final double[] ybuf;
    private final int[] segStart;
    private final int[] segLen;
    private final FixsenFit fixsen;
    private int segments;
    private int lastEntry;

    /** Outputs of {@link #detect}; for a complete GLS ramp also the first pass's entry and rate (else -1). */
    double robust;
    int prelimEntry = -1;
    double prelimRate;
    int jumpCount;
    int badCount;
    /** Outputs of {@link #fit}: DN/read, (DN/read)^2, dimensionless; {@code usedDiffs} enter the fit. */
    double rate;
    double variance;
    double chi2;
    int usedDiffs;
    boolean fastPath;

    PixelFitter(int n, FitParams fit, JumpParams jumps, GlsTable gls, FixsenTable ols) {
        this.n = n;
        this.words = wordsFor(n);
        this.fit = fit;
        this.jumps = jumps;
        this.gls = gls;
        this.useOls = fit.estimator() == FitParams.Estimator.OLS_FIXSEN;
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
        phiScale = Math.PI * Math.PI / ((n + 1.0) * (n + 1.0));
        scratch = new float[n];
        wbuf = new double[n];
        ybuf = new double[n];
        segStart = new int[n];
        segLen = new int[n];
        fixsen = new FixsenFit(ols, n);
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
        prelimEntry = -1;
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
        prelimEntry = -1;
        if (!jumps.enabled() || finite < 3) {
            return;
        }
        double sigma = Math.sqrt(2 * s2 + Math.max(robust, 0) / gain);
        double hi = jumps.positive() ? robust + jumps.threshold() * sigma : Double.POSITIVE_INFINITY;
        double lo = jumps.negative() ? robust - jumps.threshold() * sigma : Double.NEGATIVE_INFINITY;
        if (completeGroups && finite == n && !useOls) {
            // complete ramp: scan for jumps and take the first GLS pass (weights of the robust rate) together
            int e = GlsTable.entry(Math.max(robust, 0) / (gain * s2));
            double[] u = gls.weights;
            int base = e * n;
            double s0 = 0;
            double s1 = 0;
            boolean any = false;
            float hiF = (float) hi; // float compares: no conversion per difference
            float loF = (float) lo;
            int k = 0;
            for (; k + 1 < n; k += 2) {
                float v0 = d[off + k];
                float v1 = d[off + k + 1];
                any |= v0 > hiF | v0 < loF | v1 > hiF | v1 < loF;
                s0 += u[base + k] * v0;
                s1 += u[base + k + 1] * v1;
            }
            if (k < n) {
                float v0 = d[off + k];
                any |= v0 > hiF | v0 < loF;
                s0 += u[base + k] * v0;
            }
            if (!any) {
                prelimEntry = e;
                prelimRate = s0 + s1;
                return;
            }
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
            chi2 = 0;
            return;
        }
        double photonScale = 1 / (gain * s2);
        boolean self = Double.isNaN(covRate);
        if (useOls) {
            fixsen.fit(d, off, segStart, segLen, segments, gain, s2, covRate, self, robust);
            rate = fixsen.rate;
            variance = fixsen.variance;
        } else if (complete) {
            fitGlsComplete(d, off, s2, covRate, self, photonScale);
        } else {
            fitGlsMasked(d, off, s2, covRate, self, photonScale);
        }
        if (deferChi2 && complete && !useOls) {
            chi2 = Double.NaN;
            return;
        }
        // chi2 under the covariance the rate was fitted with (OLS: the covariance at its final rate)
        int e = useOls ? GlsTable.entry((self ? Math.max(rate, 0) : Math.max(covRate, 0)) * photonScale) : lastEntry;
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
            return gls.rate(e, d, off);
        }
        collectSegments(usable, excl, eoff);
        return segments == 0 ? Double.NaN : maskedRate(e, d, off);
    }

    private void fitGlsComplete(float[] d, int off, double s2, double covRate, boolean self, double photonScale) {
        int e;
        double f;
        if (self) {
            f = robust;
            e = -1;
            int it = 0;
            if (prelimEntry >= 0) {
                e = prelimEntry; // detect() already took the first pass
                f = prelimRate;
                it = 1;
            }
            for (; it < fit.iterations(); it++) {
                int next = GlsTable.entry(Math.max(f, 0) * photonScale);
                if (e >= 0 && sameWeights(gls.phi[e], gls.phi[next])) {
                    break; // the covariance moved too little to change the weights
                }
                e = next;
                f = gls.rate(e, d, off);
            }
            variance = s2 * gls.variance(e, Math.max(f, 0) * photonScale);
        } else {
            double phi = covRate * photonScale;
            e = GlsTable.entry(Math.max(phi, 0));
            f = gls.rate(e, d, off);
            double v = gls.variance(e, phi);
            double v0 = gls.variance(e, 0);
            variance = s2 * Math.max(v, 0.5 * v0);
        }
        rate = f;
        lastEntry = e;
    }

    /**
     * True when two covariance rates give weights closer than about 1e-3 of a weight: both far below the scale
     * {@code pi^2/(n+1)^2} at which photon noise starts to reshape the read-noise weights, or within 2% of each other.
     * Skipping the repeat then changes the rate by far less than its error (the pull tests hold either way).
     */
    private boolean sameWeights(double phiA, double phiB) {
        if (phiA == phiB) {
            return true;
        }
        double small = 0.01 * phiScale;
        if (phiA < small && phiB < small) {
            return true;
        }
        double hi = Math.max(phiA, phiB);
        double lo = Math.min(phiA, phiB);
        return lo > 0 && hi < 1.02 * lo;
    }

    private void fitGlsMasked(float[] d, int off, double s2, double covRate, boolean self, double photonScale) {
        int e;
        double f;
        double phiVar;
        if (self) {
            f = robust;
            e = 0;
            for (int it = 0; it < fit.iterations(); it++) {
                e = GlsTable.entry(Math.max(f, 0) * photonScale);
                f = maskedRate(e, d, off);
            }
            phiVar = Math.max(f, 0) * photonScale;
        } else {
            phiVar = covRate * photonScale;
            e = GlsTable.entry(Math.max(phiVar, 0));
            f = maskedRate(e, d, off);
        }
        // wbuf holds the normalised weights u of the last solve
        double sq = 0;
        double adj = 0;
        for (int s = 0; s < segments; s++) {
            int a = segStart[s];
            int len = segLen[s];
            for (int k = 0; k < len; k++) {
                double u = wbuf[a + k];
                sq += u * u;
                if (k + 1 < len) {
                    adj += u * wbuf[a + k + 1];
                }
            }
        }
        double v = (2 + phiVar) * sq - 2 * adj;
        double v0 = 2 * sq - 2 * adj;
        variance = s2 * (self ? v : Math.max(v, 0.5 * v0));
        rate = f;
        lastEntry = e;
    }

    /** GLS rate over the segments under table entry e; leaves normalised weights in {@code wbuf}. */
    private double maskedRate(int e, float[] d, int off) {
        double num = 0;
        double den = 0;
        int pbase = e * n;
        for (int s = 0; s < segments; s++) {
            int a = segStart[s];
            int len = segLen[s];
            GlsTable.solveOnes(gls.pivots, pbase, a, len, ybuf, wbuf);
            for (int k = 0; k < len; k++) {
                double w = wbuf[a + k];
                num += w * d[off + a + k];
                den += w;
            }
        }
        double inv = 1 / den;
        for (int s = 0; s < segments; s++) {
            int a = segStart[s];
            for (int k = 0; k < segLen[s]; k++) {
                wbuf[a + k] *= inv;
            }
        }
        return num * inv;
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

    /** @return the GLS table entry of the last fit's covariance */
    int entry() {
        return lastEntry;
    }

    /** @return the number of segments of the last {@link #fit} */
    int segments() {
        return segments;
    }
}
