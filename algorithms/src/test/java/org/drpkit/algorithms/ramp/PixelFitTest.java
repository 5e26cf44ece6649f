package org.drpkit.algorithms.ramp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.flag.PixelFlag;
import org.drpkit.core.image.ReadPattern;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** The single-pixel entry point against a dense GLS reference and against injected jumps. */
class PixelFitTest {

    @Test
    void noiselessRampGivesItsRateAndTheDenseVarianceParts() throws DrpException {
        ReadPattern p = new ReadPattern(4, 1, 2.0);
        double gain = 1.9;
        double rn = 5;
        int reads = 15;
        double rate = 200;
        double[] r = new double[reads];
        for (int k = 0; k < reads; k++) {
            r[k] = 1000 + rate * k;
        }
        PixelFit f = PixelFit.of(r, p, gain, rn);
        assertEquals(rate, f.rate(), 1e-4);
        // dense reference: weights u = C^-1 1 / 1'C^-1 1 under the covariance at the fitted rate (the kernel's
        // table cell represents it to 1.6%, which moves the weights, not the variance formula's inputs, by O(1e-4))
        int n = reads - 1;
        DMatrixRMaj c = ReadPatternCovarianceTest.denseCovariance(p, n, rate, gain, rn * rn);
        DMatrixRMaj readOnly = ReadPatternCovarianceTest.denseCovariance(p, n, 0, gain, rn * rn);
        DMatrixRMaj ci = new DMatrixRMaj(n, n);
        CommonOps_DDRM.invert(c, ci);
        double[] u = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                u[i] += ci.get(i, j);
            }
            sum += u[i];
        }
        double total = 0;
        double read = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                total += u[i] / sum * c.get(i, j) * u[j] / sum;
                read += u[i] / sum * readOnly.get(i, j) * u[j] / sum;
            }
        }
        assertEquals(total, f.variance(), 1e-3 * total, f.toString());
        assertEquals(read, f.varRead(), 1e-3 * read, f.toString());
        assertEquals(total - read, f.varPoisson(), 2e-3 * (total - read), f.toString());
        assertEquals(0, f.jumps().length);
        assertEquals(0, f.flags());
    }

    @Test
    void injectedJumpIsReportedByItsDifferenceAndFlagged() throws DrpException {
        SplittableRandom rng = new SplittableRandom(5);
        double[] r = new double[30];
        for (int k = 0; k < r.length; k++) {
            r[k] = 500 + 20 * k + 5 * rng.nextGaussian() + (k > 17 ? 400 : 0);
        }
        PixelFit f = PixelFit.of(r, ReadPattern.singleFrames(10.6), 1.9, 5);
        assertArrayEquals(new int[] {17}, f.jumps(), f.toString());
        assertTrue((f.flags() & PixelFlag.ONE_JUMP.value()) != 0, f.toString());
        assertEquals(20, f.rate(), 4 * Math.sqrt(f.variance()), f.toString());
    }

    @Test
    void singleFramePixelEqualsTheInMemoryFitOfTheSameRamp() throws DrpException {
        SplittableRandom rng = new SplittableRandom(6);
        int reads = 20;
        double[] r = new double[reads];
        float[][] planes = new float[reads][1];
        for (int k = 0; k < reads; k++) {
            r[k] = (float) (800 + 35 * k + 6 * rng.nextGaussian());
            planes[k][0] = (float) r[k];
        }
        double[] times = new double[reads];
        for (int k = 0; k < reads; k++) {
            times[k] = 10.6 * k;
        }
        org.drpkit.core.image.Ramp ramp = org.drpkit.core.image.Ramp.of(1, 1, times, planes);
        FitParams fp = FitParams.defaults(NoiseModel.of(1.9, 36)).withCovarianceRate(FitParams.CovarianceRate.SELF);
        RampResult whole = RampFit.fit(ramp, ReadSelection.plan(reads, ReadSelection.Params.ALL_READS), null,
                JumpParams.DEFAULTS, fp, null);
        PixelFit one = PixelFit.of(r, ramp.pattern(), fp, JumpParams.DEFAULTS);
        assertEquals(whole.rate().get(0, 0), (float) one.rate());
        assertEquals(1 / whole.ivar().get(0, 0), one.variance(), 1e-6 * one.variance());
        assertEquals(whole.varRead().get(0, 0), (float) one.varRead());
    }

    @Test
    void oneReadIsTooShort() {
        DrpException e = assertThrows(DrpException.class,
                () -> PixelFit.of(new double[] {3}, ReadPattern.singleFrames(1), 2, 3));
        assertEquals(RampErrorCode.RAMP_TOO_SHORT, e.code());
    }
}
