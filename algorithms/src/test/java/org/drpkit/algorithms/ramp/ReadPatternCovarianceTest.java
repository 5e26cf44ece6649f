package org.drpkit.algorithms.ramp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.image.Ramp;
import org.drpkit.core.image.ReadPattern;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/**
 * The kernels under readout patterns of averaged groups against a dense reference built from the frames themselves
 * (EJML): cumulative photon counts with covariance {@code (f/g) min(t_i, t_j)} and independent read noise per frame,
 * averaged into groups by a matrix and differenced by another. The reference never uses the pattern's alpha and
 * beta, so it checks them as well as the tables.
 */
class ReadPatternCovarianceTest {

    private static final double TOL = 1e-9;
    static final ReadPattern[] PATTERNS = {new ReadPattern(2, 0, 1), new ReadPattern(4, 1, 1),
        new ReadPattern(8, 2, 1), new ReadPattern(5, 11, 1), new ReadPattern(1, 3, 1)};

    /**
     * @param f      rate, DN per group interval
     * @param s2     read variance of one frame, DN^2
     * @return the dense covariance of the n group differences, DN^2
     */
    static DMatrixRMaj denseCovariance(ReadPattern p, int n, double f, double gain, double s2) {
        int groups = n + 1;
        int per = p.framesPerGroup();
        int frames = groups * per;
        double perFrame = f / per;
        DMatrixRMaj frameCov = new DMatrixRMaj(frames, frames);
        for (int i = 0; i < frames; i++) {
            for (int j = 0; j < frames; j++) {
                frameCov.set(i, j, perFrame / gain * (Math.min(i, j) + 1) + (i == j ? s2 : 0));
            }
        }
        DMatrixRMaj avg = new DMatrixRMaj(groups, frames);
        for (int k = 0; k < groups; k++) {
            for (int j = 0; j < p.nframes(); j++) {
                avg.set(k, k * per + j, 1.0 / p.nframes());
            }
        }
        DMatrixRMaj diff = new DMatrixRMaj(n, groups);
        for (int k = 0; k < n; k++) {
            diff.set(k, k, -1);
            diff.set(k, k + 1, 1);
        }
        DMatrixRMaj t = new DMatrixRMaj(n, frames);
        CommonOps_DDRM.mult(diff, avg, t);
        DMatrixRMaj tc = new DMatrixRMaj(n, frames);
        CommonOps_DDRM.mult(t, frameCov, tc);
        DMatrixRMaj c = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransB(tc, t, c);
        return c;
    }

    private static void assertRel(double expected, double actual, String what) {
        double scale = Math.max(Math.abs(expected), 1e-300);
        assertEquals(0, (actual - expected) / scale, TOL, what + ": expected " + expected + " got " + actual);
    }

    @Test
    void groupDifferenceCovarianceIsTridiagonalWithThePatternsAlphaAndBeta() {
        double gain = 1.7;
        double s2 = 30;
        double f = 250;
        for (ReadPattern p : PATTERNS) {
            DMatrixRMaj c = denseCovariance(p, 6, f, gain, s2);
            double g2 = s2 / p.nframes();
            for (int i = 0; i < 6; i++) {
                assertRel(2 * g2 + p.photonDiagonal() * f / gain, c.get(i, i), p + " diagonal");
                if (i + 1 < 6) {
                    assertRel(-g2 + p.photonOffDiagonal() * f / gain, c.get(i, i + 1), p + " off-diagonal");
                }
                for (int j = i + 2; j < 6; j++) {
                    assertEquals(0, c.get(i, j), 1e-9 * c.get(0, 0), p + " beyond the first off-diagonal");
                }
            }
        }
    }

    @Test
    void completeRampOfAveragedGroupsEqualsDenseGlsToOneInABillion() {
        SplittableRandom r = new SplittableRandom(21);
        for (ReadPattern p : PATTERNS) {
            for (int n : new int[] {1, 2, 5, 17, 40}) {
                GlsTable t = new GlsTable(n, p);
                for (int trial = 0; trial < 12; trial++) {
                    int e = trial == 0 ? 0 : 1 + r.nextInt(GlsTable.ENTRIES - 1);
                    double phi = t.phi[e];
                    double gain = 0.5 + 3 * r.nextDouble();
                    double s2frame = 1 + 50 * r.nextDouble();
                    double s2 = s2frame / p.nframes();
                    double f = phi * gain * s2;
                    DMatrixRMaj c = denseCovariance(p, n, f, gain, s2frame);
                    float[] d = new float[n];
                    for (int k = 0; k < n; k++) {
                        d[k] = (float) (f + Math.sqrt(c.get(k, k)) * r.nextGaussian());
                    }
                    boolean[] all = new boolean[n];
                    java.util.Arrays.fill(all, true);
                    double[] dense = DenseGls.solve(c, d, all);
                    String what = p + " n=" + n + " phi=" + phi;
                    double rate = t.rate(e, d, 0);
                    assertRel(dense[0], rate, "rate " + what);
                    assertRel(1 / dense[1], s2 * t.variance(e, phi), "variance " + what);
                    if (n > 1) {
                        assertEquals(dense[2], t.quadratic(e, d, 0, n, rate) / s2, TOL * Math.max(1, dense[2]),
                                "chi2 " + what);
                    }
                }
            }
        }
    }

    @Test
    void maskedRampOfAveragedGroupsEqualsDenseSolutionOnTheUsableSubMatrix() {
        SplittableRandom r = new SplittableRandom(22);
        double gain = 2.0;
        double s2frame = 18.0;
        for (ReadPattern p : PATTERNS) {
            double s2 = s2frame / p.nframes();
            for (int n : new int[] {3, 9, 40}) {
                GlsTable t = new GlsTable(n, p);
                PixelFitter pf = new PixelFitter(n, FitParams.defaults(NoiseModel.of(gain, s2frame)), JumpParams.NONE,
                        t, new FixsenTable(n, p));
                long[] excl = new long[PixelFitter.wordsFor(n)];
                for (int trial = 0; trial < 30; trial++) {
                    int e = 1 + r.nextInt(GlsTable.ENTRIES - 1);
                    double phi = t.phi[e];
                    double f = phi * gain * s2;
                    DMatrixRMaj c = denseCovariance(p, n, f, gain, s2frame);
                    float[] d = new float[n];
                    for (int k = 0; k < n; k++) {
                        d[k] = (float) (f + Math.sqrt(c.get(k, k)) * r.nextGaussian());
                    }
                    boolean[] use = new boolean[n];
                    int[] mask = DenseGls.randomMask(r, n, use, excl);
                    int usable = mask[0];
                    int used = mask[1];
                    if (used == 0) {
                        continue;
                    }
                    pf.robust = f;
                    pf.jumpCount = 1; // the masked path even when nothing is excluded
                    pf.badCount = 0;
                    pf.fit(d, 0, usable, gain, s2, f, excl, 0);
                    double[] dense = DenseGls.solve(c, d, use);
                    String what = p + " n=" + n + " used=" + used;
                    assertRel(dense[0], pf.rate, "rate " + what);
                    assertRel(1 / dense[1], pf.variance, "variance " + what);
                    assertEquals(dense[2], pf.chi2, TOL * Math.max(1, dense[2]), "chi2 " + what);
                }
            }
        }
    }

    @Test
    void fixsenVarianceOfAveragedGroupsEqualsTheDenseQuadraticForm() {
        double gain = 1.3;
        double s2frame = 22;
        for (ReadPattern p : PATTERNS) {
            double s2 = s2frame / p.nframes();
            int maxLen = 30;
            FixsenTable t = new FixsenTable(maxLen, p);
            for (int m : new int[] {1, 2, 7, 30}) {
                for (int level = 0; level < FixsenTable.POWERS.length; level++) {
                    double f = 40;
                    DMatrixRMaj c = denseCovariance(p, m, f, gain, s2frame);
                    double q = 0;
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < m; j++) {
                            q += t.coefficient(m, level, i) * c.get(i, j) * t.coefficient(m, level, j);
                        }
                    }
                    assertRel(q, t.variance(m, level, s2, f / gain), p + " m=" + m + " P=" + FixsenTable.POWERS[level]);
                }
            }
        }
    }

    @Test
    void dcsVarianceOfAveragedEndGroupsEqualsTheDenseSumOfTheCovariance() throws DrpException {
        double gain = 1.6;
        double s2frame = 30;
        double f = 400;
        for (ReadPattern p : PATTERNS) {
            for (int reads : new int[] {2, 3, 6}) {
                int n = reads - 1;
                float[][] planes = new float[reads][1];
                double[] times = new double[reads];
                for (int k = 0; k < reads; k++) {
                    planes[k][0] = (float) (1000 + f * k);
                    times[k] = k;
                }
                Ramp ramp = Ramp.of(1, 1, times, planes).withPattern(p);
                ReadPlan plan = ReadSelection.plan(reads, new ReadSelection.Params(0, 1, true));
                RampResult r = RampFit.fit(ramp, plan, null, JumpParams.DEFAULTS,
                        FitParams.defaults(NoiseModel.of(gain, s2frame)), null);
                DMatrixRMaj c = denseCovariance(p, n, f, gain, s2frame);
                double sum = 0;
                for (int i = 0; i < n * n; i++) {
                    sum += c.get(i);
                }
                double dense = sum / ((double) n * n);
                String what = p + ", " + reads + " reads";
                assertEquals(f, r.rate().get(0, 0), 1e-4, what);
                assertEquals(dense, 1 / r.ivar().get(0, 0), 1e-6 * dense, what);
                assertEquals(dense, r.varPoisson().get(0, 0) + r.varRead().get(0, 0), 1e-6 * dense, what);
            }
        }
    }

    @Test
    void singleFramePatternsKeepTheSingleFrameTablesBitForBit() {
        GlsTable plain = new GlsTable(44);
        GlsTable gapped = new GlsTable(44, new ReadPattern(1, 3, 2.0));
        assertTrue(java.util.Arrays.equals(plain.weights, gapped.weights));
        assertTrue(java.util.Arrays.equals(plain.pivots, gapped.pivots));
        assertTrue(gapped.couplings == gapped.pivots, "single frames share the pivots as couplings");
    }
}
