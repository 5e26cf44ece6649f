package org.drpkit.algorithms.calib;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.drpkit.algorithms.stats.RobustStats;
import org.drpkit.core.instrument.Region;

/** Chip-wide noise statistics of a stack, from the per-pixel sums of squared deviations about the stacked value. */
final class NoiseEstimates {

    private NoiseEstimates() {
    }

    /**
     * @param chi2 per pixel, the (weighted) sum of squared deviations of its kept samples
     * @param used per pixel, the number of kept samples
     * @return {median over the light-sensitive pixels with at least 2 samples of {@code chi2 / (used - 1)}, the
     *         largest {@code used - 1}}, or {NaN, 0} when no pixel has 2 samples
     */
    static double[] medianReducedChi2(float[] chi2, int[] used, int w, Region area, float[] scratch) {
        int m = 0;
        int dof = 0;
        for (int y = area.y0(); y < area.y1(); y++) {
            for (int x = area.x0(); x < area.x1(); x++) {
                int i = y * w + x;
                if (used[i] >= 2) {
                    scratch[m++] = chi2[i] / (used[i] - 1);
                    dof = Math.max(dof, used[i] - 1);
                }
            }
        }
        return new double[] {m == 0 ? Double.NaN : RobustStats.quantileInPlace(scratch, m, 0.5), dof};
    }

    /**
     * @return the pooled variance of one sample: the median sample variance divided by the median of
     *         chi2(dof)/dof, which makes it unbiased for Gaussian noise; NaN when no pixel has 2 samples
     */
    static double pooledVariance(float[] chi2, int[] used, int w, Region area, float[] scratch) {
        double[] r = medianReducedChi2(chi2, used, w, area, scratch);
        return r[1] == 0 ? Double.NaN : r[0] / chiSquareMedianPerDof((int) r[1]);
    }

    /** @return the median of chi2(dof)/dof */
    static double chiSquareMedianPerDof(int dof) {
        return new ChiSquaredDistribution(null, dof).inverseCumulativeProbability(0.5) / dof;
    }

    /** @return the chi2(dof) value exceeded with probability {@code p} */
    static double chiSquareUpper(int dof, double p) {
        return new ChiSquaredDistribution(null, dof).inverseCumulativeProbability(1 - p);
    }
}
