package org.drpkit.algorithms.ramp;

/**
 * The GLS slope kernel: generalised least squares with the tridiagonal covariance of the differences, from the
 * tabulated factors of {@link GlsTable}. A complete ramp is a table dot product (its first pass can run inside the
 * jump scan); a masked ramp is a Thomas solve per jump-free segment with the table's pivots. With the pixel's own
 * rate the covariance is re-evaluated up to {@link FitParams#iterations()} times, stopping when the weights would
 * not change. Not thread-safe; allocation only in the constructor.
 */
final class GlsFit implements SlopeKernel {

    private final GlsTable gls;
    private final int iterations;
    private final int n;
    private final double phiScale;
    private final double[] wbuf;
    private final double[] ybuf;
    private int prelimEntry = -1;
    private double prelimRate;
    private int lastEntry;
    private double rate;
    private double variance;
    private double readPart;

    GlsFit(GlsTable gls, int iterations, int n) {
        this.gls = gls;
        this.iterations = iterations;
        this.n = n;
        phiScale = Math.PI * Math.PI / ((n + 1.0) * (n + 1.0));
        wbuf = new double[n];
        ybuf = new double[n];
    }

    @Override
    public void reset() {
        prelimEntry = -1;
    }

    /**
     * Scans for jumps and takes the first GLS pass (weights of the robust rate) together. The dot product adds in
     * the order of {@link GlsTable#rate}, so the pass gives that rate bit for bit and is not repeated when a later
     * step needs the rate under the same table entry ({@link #scannedRate}).
     */
    @Override
    public boolean scanComplete(float[] d, int off, double robust, double gain, double s2, float lo, float hi) {
        int e = GlsTable.entry(Math.max(robust, 0) / (gain * s2));
        double[] u = gls.weights;
        int base = e * n;
        double s0 = 0;
        double s1 = 0;
        double t0 = 0;
        double t1 = 0;
        boolean any = false;
        int k = 0;
        for (; k + 3 < n; k += 4) {
            float v0 = d[off + k];
            float v1 = d[off + k + 1];
            float v2 = d[off + k + 2];
            float v3 = d[off + k + 3];
            any |= v0 > hi | v0 < lo | v1 > hi | v1 < lo | v2 > hi | v2 < lo | v3 > hi | v3 < lo;
            s0 += u[base + k] * v0;
            s1 += u[base + k + 1] * v1;
            t0 += u[base + k + 2] * v2;
            t1 += u[base + k + 3] * v3;
        }
        for (; k < n; k++) {
            float v0 = d[off + k];
            any |= v0 > hi | v0 < lo;
            s0 += u[base + k] * v0;
        }
        if (any) {
            return false;
        }
        prelimEntry = e;
        prelimRate = (s0 + s1) + (t0 + t1);
        return true;
    }

    /**
     * @return the rate of the last successful {@link #scanComplete} when it used table entry e (equal bit for bit to
     *         {@code gls.rate(e, ...)}), otherwise NaN
     */
    double scannedRate(int e) {
        return prelimEntry >= 0 && prelimEntry == e ? prelimRate : Double.NaN;
    }

    /**
     * Makes {@code rate} (which must equal {@code gls.rate(e, ...)} of the pixel about to be fitted) the known first
     * pass, as if {@link #scanComplete} had just taken it; e = -1 forgets it. For callers that scan a whole row
     * before fitting it.
     */
    void restore(int e, double rate) {
        prelimEntry = e;
        prelimRate = rate;
    }

    @Override
    public void fit(float[] d, int off, int[] segStart, int[] segLen, int segments, boolean complete, double gain,
            double s2, double covRate, double robust, Fitted out) {
        double photonScale = 1 / (gain * s2);
        boolean self = Double.isNaN(covRate);
        if (complete) {
            fitComplete(d, off, s2, covRate, self, photonScale, robust);
        } else {
            fitMasked(d, off, segStart, segLen, segments, s2, covRate, self, photonScale, robust);
        }
        out.rate = rate;
        out.variance = variance;
        out.readVariance = readPart;
        out.chi2Entry = lastEntry;
    }

    private void fitComplete(float[] d, int off, double s2, double covRate, boolean self, double photonScale,
            double robust) {
        int e;
        double f;
        if (self) {
            f = robust;
            e = -1;
            int it = 0;
            if (prelimEntry >= 0) {
                e = prelimEntry; // the jump scan already took the first pass
                f = prelimRate;
                it = 1;
            }
            for (; it < iterations; it++) {
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
            f = e == prelimEntry ? prelimRate : gls.rate(e, d, off);
            double v = gls.variance(e, phi);
            double v0 = gls.variance(e, 0);
            variance = s2 * Math.max(v, 0.5 * v0);
        }
        readPart = s2 * gls.readVariance(e);
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

    private void fitMasked(float[] d, int off, int[] segStart, int[] segLen, int segments, double s2, double covRate,
            boolean self, double photonScale, double robust) {
        int e;
        double f;
        double phiVar;
        if (self) {
            f = robust;
            e = 0;
            for (int it = 0; it < iterations; it++) {
                e = GlsTable.entry(Math.max(f, 0) * photonScale);
                f = maskedRate(e, d, off, segStart, segLen, segments);
            }
            phiVar = Math.max(f, 0) * photonScale;
        } else {
            phiVar = covRate * photonScale;
            e = GlsTable.entry(Math.max(phiVar, 0));
            f = maskedRate(e, d, off, segStart, segLen, segments);
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
        double v = gls.variance(sq, adj, phiVar);
        double v0 = gls.variance(sq, adj, 0);
        variance = s2 * (self ? v : Math.max(v, 0.5 * v0));
        readPart = s2 * v0;
        rate = f;
        lastEntry = e;
    }

    /**
     * The GLS rate over the segments under table entry e (DN/read); leaves the normalised weights in {@code wbuf}.
     * Also the preliminary rate of every estimator (see {@link PixelFitter#preliminary}).
     */
    double maskedRate(int e, float[] d, int off, int[] segStart, int[] segLen, int segments) {
        double num = 0;
        double den = 0;
        int pbase = e * n;
        for (int s = 0; s < segments; s++) {
            int a = segStart[s];
            int len = segLen[s];
            gls.solveOnes(pbase, a, len, ybuf, wbuf);
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

    @Override
    public boolean defersChi2() {
        return true;
    }
}
