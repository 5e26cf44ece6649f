package org.drpkit.algorithms.ramp;

/**
 * Fixsen-weighted OLS of a pixel's jump-free segments (stcal's estimator): each segment's slope with the weighting
 * power of its signal-to-noise ({@link FixsenTable}), the segments combined by inverse variance (stcal weights them
 * by read-noise variance only; the full variance is the minimum-variance combination). With the pixel's own rate the
 * combination is iterated twice, re-evaluating the photon term. The {@link SlopeKernel} of
 * {@link FitParams.Estimator#OLS_FIXSEN}; its chi2 is taken under the GLS covariance at its final rate. Not
 * thread-safe; allocation only in the constructor.
 */
final class FixsenFit implements SlopeKernel {

    private final FixsenTable ols;
    private final double[] segSlope;
    private final int[] segLevel;
    private int[] segLen;
    private double rate;
    private double variance;
    private double readPart;

    FixsenFit(FixsenTable ols, int n) {
        this.ols = ols;
        segSlope = new double[n];
        segLevel = new int[n];
    }

    @Override
    public void reset() {
        // no first pass to forget
    }

    /** No first pass to take during the jump scan: always leaves the scan to the caller. */
    @Override
    public boolean scanComplete(float[] d, int off, double robust, double gain, double s2, float lo, float hi) {
        return false;
    }

    @Override
    public void fit(float[] d, int off, int[] segStart, int[] segLen, int segments, boolean complete, double gain,
            double s2, double covRate, double robust, Fitted out) {
        boolean self = Double.isNaN(covRate);
        fitSegments(d, off, segStart, segLen, segments, gain, s2, covRate, self, robust);
        double photonScale = 1 / (gain * s2);
        out.rate = rate;
        out.variance = variance;
        out.readVariance = readPart;
        out.chi2Entry = GlsTable.entry((self ? Math.max(rate, 0) : Math.max(covRate, 0)) * photonScale);
    }

    /** Fixsen slope of each segment, combined by inverse variance; leaves {@link #rate} and {@link #variance}. */
    private void fitSegments(float[] d, int off, int[] segStart, int[] segLen, int segments, double gain, double s2,
            double covRate, boolean self, double robust) {
        this.segLen = segLen;
        for (int s = 0; s < segments; s++) {
            int a = segStart[s];
            int m = segLen[s];
            double signal;
            if (self) {
                signal = 0;
                for (int k = 0; k < m; k++) {
                    signal += d[off + a + k];
                }
            } else {
                signal = covRate * m;
            }
            int p = FixsenTable.level(FixsenTable.snr(signal, gain, s2));
            segLevel[s] = p;
            segSlope[s] = ols.slope(m, p, d, off + a);
        }
        if (segments == 1) {
            rate = segSlope[0];
            double fe = self ? Math.max(rate, 0) / gain : covRate / gain;
            variance = segmentVariance(0, s2, fe, self);
            readPart = ols.variance(segLen[0], segLevel[0], s2, 0);
            return;
        }
        double f = robust;
        int rounds = self ? 2 : 1;
        double fe = self ? Math.max(f, 0) / gain : covRate / gain;
        for (int it = 0; it < rounds; it++) {
            double num = 0;
            double den = 0;
            for (int s = 0; s < segments; s++) {
                double iv = 1 / segmentVariance(s, s2, fe, self);
                num += segSlope[s] * iv;
                den += iv;
            }
            f = num / den;
            if (self) {
                fe = Math.max(f, 0) / gain;
            }
        }
        double den = 0;
        double readSum = 0;
        for (int s = 0; s < segments; s++) {
            double iv = 1 / segmentVariance(s, s2, fe, self);
            den += iv;
            readSum += iv * iv * ols.variance(segLen[s], segLevel[s], s2, 0);
        }
        rate = f;
        variance = 1 / den;
        readPart = readSum / (den * den);
    }

    /** @return false: an OLS ramp's chi2 is taken at once, segment by segment */
    @Override
    public boolean defersChi2() {
        return false;
    }

    private double segmentVariance(int s, double s2, double fe, boolean self) {
        double v = ols.variance(segLen[s], segLevel[s], s2, fe);
        if (self) {
            return v;
        }
        return Math.max(v, 0.5 * ols.variance(segLen[s], segLevel[s], s2, 0));
    }
}
