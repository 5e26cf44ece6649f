package org.drpkit.algorithms.calib;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ClippedMeanTest {

    /**
     * The documented algorithm written plainly: sort every pass, median and MAD by sorting, drop beyond the threshold.
     *
     * @return {mean, kept}
     */
    static double[] reference(double[] v, double[] w, double k, int maxIter, boolean weighted) {
        int n = v.length;
        double floor = 0;
        if (weighted) {
            double sw = 0;
            for (double x : w) {
                sw += x;
            }
            floor = Math.sqrt(n / sw);
        }
        boolean[] keep = new boolean[n];
        Arrays.fill(keep, true);
        for (int it = 0; it < maxIter; it++) {
            double[] kept = values(v, keep);
            if (kept.length < 3) {
                break;
            }
            double c = median(kept);
            double[] dev = new double[kept.length];
            for (int i = 0; i < kept.length; i++) {
                dev[i] = Math.abs(kept[i] - c);
            }
            double t = k * Math.max(1.4826 * median(dev), floor);
            boolean changed = false;
            for (int i = 0; i < n; i++) {
                if (keep[i] && Math.abs(v[i] - c) > t) {
                    keep[i] = false;
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
        }
        double s0 = 0;
        double s1 = 0;
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (keep[i]) {
                double wi = weighted ? w[i] : 1;
                s0 += wi;
                s1 += wi * v[i];
                m++;
            }
        }
        return new double[] {s1 / s0, m};
    }

    private static double[] values(double[] v, boolean[] keep) {
        return java.util.stream.IntStream.range(0, v.length).filter(i -> keep[i]).mapToDouble(i -> v[i]).toArray();
    }

    private static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        int m = s.length;
        return m % 2 == 1 ? s[m / 2] : 0.5 * (s[m / 2 - 1] + s[m / 2]);
    }

    @Test
    void agreesWithAPlainSortingImplementationOfTheDocumentedClipping() {
        Random rnd = new Random(7);
        ClippedMean cm = new ClippedMean(64);
        for (int trial = 0; trial < 3000; trial++) {
            int n = 1 + rnd.nextInt(40);
            boolean weighted = trial % 2 == 0;
            double[] v = new double[n];
            double[] w = new double[n];
            cm.clear();
            for (int i = 0; i < n; i++) {
                double sigma = 0.5 + rnd.nextDouble();
                v[i] = (float) (3 + sigma * rnd.nextGaussian() + (rnd.nextDouble() < 0.1 ? 50 * rnd.nextDouble() : 0));
                w[i] = (float) (1 / (sigma * sigma));
                if (trial % 7 == 0) {
                    v[i] = (float) Math.rint(v[i]); // ties, as in integer frames
                }
                cm.add((float) v[i], (float) w[i]);
            }
            cm.compute(3.0, 5, weighted, 0);
            double[] ref = reference(v, w, 3.0, 5, weighted);
            assertEquals(ref[1], cm.kept, "kept, trial " + trial);
            assertEquals(ref[0], cm.mean, 1e-5 * Math.max(1, Math.abs(ref[0])), "mean, trial " + trial);
        }
    }

    @Test
    void dropsOneHugeOutlierEvenAmongFiveSamples() {
        ClippedMean cm = new ClippedMean(8);
        for (float v : new float[] {1.0f, 1.2f, 0.9f, 1.1f, 1000f}) {
            cm.add(v, 0);
        }
        cm.compute(3.5, 5, false, 0);
        assertEquals(4, cm.kept);
        assertEquals(1.05, cm.mean, 1e-6);
        assertEquals(0.05, cm.chi2, 1e-6, "sum of squared deviations of 0.9, 1.0, 1.1, 1.2 about 1.05");
    }

    @Test
    void weightedMeanHasTheSumOfWeightsAsInverseVariance() {
        ClippedMean cm = new ClippedMean(4);
        cm.add(1f, 1f);
        cm.add(2f, 3f);
        cm.compute(3, 5, true, 0);
        assertEquals(1.75, cm.mean, 1e-12);
        assertEquals(4, cm.sumWeights, 1e-12);
        assertEquals(1 * 0.75 * 0.75 + 3 * 0.25 * 0.25, cm.chi2, 1e-12);
    }
}
