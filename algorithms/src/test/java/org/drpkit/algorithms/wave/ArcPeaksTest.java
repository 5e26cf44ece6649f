package org.drpkit.algorithms.wave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.apache.commons.math3.special.Erf;
import org.drpkit.core.error.DrpException;
import org.junit.jupiter.api.Test;

class ArcPeaksTest {

    static double pixelGaussian(double x, double flux, double c, double s) {
        double q = s * Math.sqrt(2);
        return 0.5 * flux * (Erf.erf((x + 0.5 - c) / q) - Erf.erf((x - 0.5 - c) / q));
    }

    /** Isolated lines of known centre, flux and width on a sloped background with white noise of known sigma. */
    @Test
    void centresAreUnbiasedAndTheirErrorsMatchTheScatter() throws DrpException {
        Random rnd = new Random(11);
        double noise = 10;
        double sumPull = 0;
        double sumPull2 = 0;
        double sumFluxPull = 0;
        int n = 0;
        for (int trial = 0; trial < 20; trial++) {
            int len = 2048;
            double[] truthC = new double[40];
            double[] f = new double[len];
            double[] iv = new double[len];
            for (int i = 0; i < len; i++) {
                f[i] = 50 + 0.01 * i + noise * rnd.nextGaussian();
                iv[i] = 1 / (noise * noise);
            }
            for (int k = 0; k < truthC.length; k++) {
                truthC[k] = 30 + 50 * k + rnd.nextDouble();
                for (int i = (int) truthC[k] - 10; i <= (int) truthC[k] + 10; i++) {
                    f[i] += pixelGaussian(i, 2000, truthC[k], 1.3);
                }
            }
            ArcPeaks.Result r = ArcPeaks.find(f, iv, ArcPeaks.Params.defaults().withThreshold(5));
            for (double c : truthC) {
                LinePeak p = nearest(r, c);
                assertTrue(Math.abs(p.centre() - c) < 0.5, "every line found: " + c + " " + p);
                sumPull += (p.centre() - c) / p.centreError();
                sumPull2 += Math.pow((p.centre() - c) / p.centreError(), 2);
                sumFluxPull += (p.flux() - 2000) / p.fluxError();
                assertEquals(1.3, p.sigma(), 5 * p.sigmaError());
                n++;
            }
        }
        double mean = sumPull / n;
        double rms = Math.sqrt(sumPull2 / n);
        System.out.printf("ArcPeaks: %d lines, centre pull mean %+.3f rms %.3f, flux pull mean %+.3f%n", n, mean, rms,
                sumFluxPull / n);
        assertEquals(0, mean, 4 / Math.sqrt(n), "centre pull mean");
        assertEquals(1, rms, 0.1, "centre errors match the scatter (800 lines: rms within 0.1 of 1)");
        assertEquals(0, sumFluxPull / n, 4 / Math.sqrt(n), "flux pull mean");
    }

    /**
     * Two lines 3.2 columns apart (1.4 FWHM: their wings overlap) are fitted together; both centres come out unbiased.
     * The weaker one hides in the brighter one's wing in the smoothed spectrum: the residual pass finds it.
     */
    @Test
    void blendedNeighboursAreFittedTogetherWithoutPullingEachOther() throws DrpException {
        Random rnd = new Random(5);
        double noise = 3;
        double d0 = 0;
        double d1 = 0;
        int trials = 40;
        for (int t = 0; t < trials; t++) {
            double[] f = new double[200];
            double[] iv = new double[200];
            double c0 = 100.2;
            double c1 = 103.4;
            for (int i = 0; i < f.length; i++) {
                f[i] = pixelGaussian(i, 3000, c0, 1.0) + pixelGaussian(i, 1500, c1, 1.0) + noise * rnd.nextGaussian();
                iv[i] = 1 / (noise * noise);
            }
            ArcPeaks.Result r = ArcPeaks.find(f, iv, ArcPeaks.Params.defaults().withResidualPass(true));
            LinePeak a = nearest(r, c0);
            LinePeak b = nearest(r, c1);
            assertEquals(1, a.neighbours(), "fitted with its neighbour: " + r.peaks());
            d0 += (a.centre() - c0) / trials;
            d1 += (b.centre() - c1) / trials;
        }
        System.out.printf("blend: mean centre errors %+.4f %+.4f columns%n", d0, d1);
        assertEquals(0, d0, 0.01);
        assertEquals(0, d1, 0.02);
    }

    @Test
    void badPixelsAreNeverUsed() throws DrpException {
        double[] f = new double[300];
        double[] iv = new double[300];
        for (int i = 0; i < f.length; i++) {
            f[i] = pixelGaussian(i, 1000, 150.3, 1.2);
            iv[i] = 1;
        }
        f[151] = 1e9;   // a hot pixel, flagged
        iv[151] = 0;
        f[60] = Double.NaN;
        ArcPeaks.Result r = ArcPeaks.find(f, iv, ArcPeaks.Params.defaults());
        assertEquals(1, r.peaks().size(), r.toString());
        assertEquals(150.3, r.peaks().get(0).centre(), 1e-3);
        assertEquals(1000, r.peaks().get(0).flux(), 1);
    }

    @Test
    void withoutIvarTheNoiseIsEstimatedFromTheData() throws DrpException {
        Random rnd = new Random(3);
        double[] f = new double[2048];
        for (int i = 0; i < f.length; i++) {
            f[i] = 7 * rnd.nextGaussian() + pixelGaussian(i, 500, 1000.4, 1.1);
        }
        ArcPeaks.Result r = ArcPeaks.find(f, null, ArcPeaks.Params.defaults().withThreshold(6));
        assertEquals(7, r.noise(), 0.4);
        assertEquals(1000.4, nearest(r, 1000.4).centre(), 0.2);
    }

    @Test
    void mismatchedArraysAndEmptySpectraAreDomainErrors() {
        DrpException e = assertThrows(DrpException.class,
                () -> ArcPeaks.find(new double[10], new double[9], ArcPeaks.Params.defaults()));
        assertEquals(WaveErrorCode.WAVE_SHAPE_MISMATCH, e.code());
        e = assertThrows(DrpException.class, () -> ArcPeaks.find(new double[100], null, ArcPeaks.Params.defaults()));
        assertEquals(WaveErrorCode.WAVE_NO_GOOD_PIXELS, e.code());
    }

    private static LinePeak nearest(ArcPeaks.Result r, double c) {
        LinePeak best = null;
        for (LinePeak p : r.peaks()) {
            if (best == null || Math.abs(p.centre() - c) < Math.abs(best.centre() - c)) {
                best = p;
            }
        }
        return best;
    }
}
