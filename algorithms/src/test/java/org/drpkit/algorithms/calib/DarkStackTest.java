package org.drpkit.algorithms.calib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.drpkit.algorithms.calib.SimulatedFrames.Contamination;
import org.drpkit.algorithms.calib.SimulatedFrames.Defects;
import org.drpkit.algorithms.calib.SimulatedFrames.Detector;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.flag.PixelFlag;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.Mask;
import org.drpkit.core.image.MaskedImage;
import org.drpkit.core.instrument.Chip;
import org.drpkit.core.instrument.H2rgLayout;
import org.junit.jupiter.api.Test;

class DarkStackTest {

    private static final int FRAMES = 30;

    /** Pulls {@code (rate - truth) sqrt(ivar)} over light-sensitive pixels that are not truly noisy. */
    private static double[] pulls(Detector det, DarkCalibration d) {
        float[] rate = d.rate().array();
        float[] ivar = d.ivar().array();
        double[] p = new double[rate.length];
        int n = 0;
        for (int i = 0; i < rate.length; i++) {
            if (det.inArea(i) && !det.noisy[i]) {
                p[n++] = (rate[i] - det.dark[i]) * Math.sqrt(ivar[i]);
            }
        }
        return java.util.Arrays.copyOf(p, n);
    }

    @Test
    void recoversTheTrueDarkRateWithinItsErrorDespiteUnflaggedCosmicRays() throws DrpException {
        Detector det = SimulatedFrames.detector(Chip.simple("D", 0, 256, 256, 18), Defects.typical(), 1);
        List<MaskedImage> frames = SimulatedFrames.darks(det, FRAMES, Contamination.typical(), 2);
        DarkCalibration d = DarkStack.build(frames, det.chip, DarkParams.defaults());
        double[] p = pulls(det, d);
        double[] ms = SimulatedFrames.meanStd(p, p.length);
        // 65k pulls: the standard error of the mean is 0.004 and of the std 0.003; clipping at 3.5 sigma shrinks
        // the scatter by about 0.3 %
        assertEquals(0, ms[0], 0.02, "bias in units of the error");
        assertEquals(1, ms[1], 0.02, "pull width: ivar is the true inverse variance of the stacked rate");
        assertTrue(d.clipped() > 0.004 * d.samples(), "the ~0.5 % cosmic-ray samples were clipped: " + d);
    }

    @Test
    void aPlainMeanOfTheSameFramesIsBiasedByTheCosmicRays() throws DrpException {
        // the negative control of the test above: without clipping, the missed cosmic rays (0.5 % of the samples,
        // 0.5..50.5 DN/read) bias the rate by about 0.005 x 25.5 = 0.13 DN/read, 7 errors of a 30-frame mean
        Detector det = SimulatedFrames.detector(Chip.simple("D", 0, 128, 128, 18), Defects.typical(), 1);
        List<MaskedImage> frames = SimulatedFrames.darks(det, FRAMES, Contamination.typical(), 2);
        assertTrue(meanError(det, DarkStack.build(frames, det.chip, DarkParams.defaults().withClipSigma(1e9))) > 0.1);
        assertEquals(0, meanError(det, DarkStack.build(frames, det.chip, DarkParams.defaults())), 0.002);
    }

    /** @return the mean of {@code rate - truth} over the light-sensitive pixels, DN/read */
    private static double meanError(Detector det, DarkCalibration d) {
        double s = 0;
        int n = 0;
        for (int i = 0; i < det.dark.length; i++) {
            if (det.inArea(i)) {
                s += d.rate().array()[i] - det.dark[i];
                n++;
            }
        }
        return s / n;
    }

    @Test
    void findsHotAndNegativePixelsWithCompletenessAndFalseRate() throws DrpException {
        Detector det = SimulatedFrames.detector(Chip.simple("D", 0, 512, 512, 18), Defects.typical(), 3);
        List<MaskedImage> frames = SimulatedFrames.darks(det, FRAMES, Contamination.typical(), 4);
        DarkCalibration d = DarkStack.build(frames, det.chip, DarkParams.defaults());
        int[] m = d.mask().array();
        long hotTrue = 0;
        long hotFound = 0;
        long hotFalse = 0;
        long negTrue = 0;
        long negFound = 0;
        long negFalse = 0;
        long others = 0;
        for (int i = 0; i < m.length; i++) {
            boolean hot = (m[i] & PixelFlag.HOT_PIXEL.value()) != 0;
            boolean neg = (m[i] & PixelFlag.NEGATIVE_DARK.value()) != 0;
            if (det.hot[i]) {
                hotTrue++;
                hotFound += hot ? 1 : 0;
            } else if (det.negative[i]) {
                negTrue++;
                negFound += neg ? 1 : 0;
            } else if (!det.noisy[i]) { // a noisy pixel's rate is 4x less certain: it may also pass a threshold
                others++;
                hotFalse += hot ? 1 : 0;
                negFalse += neg ? 1 : 0;
            }
        }
        assertTrue(hotTrue > 200 && negTrue > 50, "enough defects simulated");
        assertTrue(hotFound >= 0.99 * hotTrue, "hot completeness " + hotFound + "/" + hotTrue);
        assertTrue(hotFalse < 1e-4 * others, "hot false rate " + hotFalse + "/" + others);
        assertTrue(negFound >= 0.99 * negTrue, "negative completeness " + negFound + "/" + negTrue);
        assertTrue(negFalse < 1e-4 * others, "negative false rate " + negFalse + "/" + others);
        // level and sigma are the median and IQR-sigma of the stacked rate: the truth is DARK_LEVEL and the spatial
        // spread combined with the noise of a 30-frame mean; the IQR-sigma of 262k values is good to ~0.3 %
        double sig = Detector.darkSigma(FRAMES);
        assertEquals(SimulatedFrames.DARK_LEVEL, d.level(), 0.01 * sig);
        assertEquals(sig, d.sigma(), 0.03 * sig);
    }

    @Test
    void flagsNoisyPixelsFromTheirExcessScatterAndWidensTheirError() throws DrpException {
        Detector det = SimulatedFrames.detector(Chip.simple("D", 0, 512, 512, 18), Defects.typical(), 5);
        List<MaskedImage> frames = SimulatedFrames.darks(det, FRAMES, Contamination.typical(), 6);
        DarkCalibration d = DarkStack.build(frames, det.chip, DarkParams.defaults());
        int[] m = d.mask().array();
        int bit = CalibFlag.NOISY_PIXEL.value();
        long trueNoisy = 0;
        long found = 0;
        long falseNoisy = 0;
        long quiet = 0;
        double[] noisyPulls = new double[m.length];
        int np = 0;
        for (int i = 0; i < m.length; i++) {
            if (det.noisy[i]) {
                trueNoisy++;
                found += (m[i] & bit) != 0 ? 1 : 0;
                noisyPulls[np++] = (d.rate().array()[i] - det.dark[i]) * Math.sqrt(d.ivar().array()[i]);
            } else if (!det.hot[i]) {
                quiet++;
                falseNoisy += (m[i] & bit) != 0 ? 1 : 0;
            }
        }
        assertTrue(found >= 0.99 * trueNoisy, "noisy completeness " + found + "/" + trueNoisy);
        assertTrue(falseNoisy < 1e-4 * quiet, "noisy false rate " + falseNoisy + "/" + quiet);
        // the frames' ivar ignores the 4x excess; the Birge-ratio correction restores honest errors (262 pulls:
        // the standard error of their std is 0.045)
        assertEquals(1, SimulatedFrames.meanStd(noisyPulls, np)[1], 0.15, "noisy pixels' pull width");
    }

    @Test
    void fromScatterEstimatesTheNoiseWithoutTheFramesIvar() throws DrpException {
        Detector det = SimulatedFrames.detector(Chip.simple("D", 0, 256, 256, 18), Defects.typical(), 7);
        List<MaskedImage> frames = SimulatedFrames.darks(det, FRAMES, Contamination.typical(), 8);
        DarkCalibration d = DarkStack.build(frames, det.chip, DarkParams.defaults().withNoise(FrameNoise.FROM_SCATTER));
        double frameSigma = Math.sqrt(SimulatedFrames.READ_SIGMA * SimulatedFrames.READ_SIGMA
                + SimulatedFrames.POISSON * SimulatedFrames.DARK_LEVEL);
        assertEquals(frameSigma, d.frameSigma(), 0.02 * frameSigma, "pooled per-frame noise");
        double[] p = new double[det.dark.length];
        int n = 0;
        for (int i = 0; i < p.length; i++) {
            if (det.inArea(i) && !det.noisy[i] && !det.hot[i]) { // hot pixels have more Poisson noise than the pool
                p[n++] = (d.rate().array()[i] - det.dark[i]) * Math.sqrt(d.ivar().array()[i]);
            }
        }
        double[] ms = SimulatedFrames.meanStd(p, n);
        assertEquals(0, ms[0], 0.02);
        assertEquals(1, ms[1], 0.03);
    }

    @Test
    void samplesFlaggedByTheRampStageAreLeftOutEvenWithoutClipping() throws DrpException {
        Detector det = SimulatedFrames.detector(Chip.simple("D", 0, 128, 128, 18), Defects.typical(), 9);
        List<MaskedImage> frames = SimulatedFrames.darks(det, 10, new Contamination(0, 0.05, 0.02), 10);
        DarkParams noClip = DarkParams.defaults().withClipSigma(1e9);
        double[] p = pulls(det, DarkStack.build(frames, det.chip, noClip));
        double[] ms = SimulatedFrames.meanStd(p, p.length);
        assertEquals(0, ms[0], 0.03, "MANY_JUMPS samples (+1000 DN/read) and NaN saturated samples were skipped");
        assertTrue(meanError(det, DarkStack.build(frames, det.chip, noClip.withRejectBits(0))) > 10,
                "the same frames without rejection are biased by 5 % x 1000 DN/read");
    }

    @Test
    void darkCorrectedMeansThePixelHasADarkEstimate() throws DrpException {
        Detector det = SimulatedFrames.detector(Chip.simple("D", 0, 64, 64, 18), Defects.typical(), 11);
        List<MaskedImage> frames = SimulatedFrames.darks(det, 5, Contamination.none(), 12);
        int dead = 10 * 64 + 7;
        for (MaskedImage f : frames) { // saturated in every frame: no usable sample
            f.mask().array()[dead] = PixelFlag.FULL_SATURATION.value();
        }
        DarkCalibration d = DarkStack.build(frames, det.chip, DarkParams.defaults());
        int m = d.mask().array()[dead];
        assertTrue((m & CalibFlag.NO_DARK.value()) != 0);
        assertFalse(PixelFlag.isSet(m, PixelFlag.DARK_CORRECTED));
        assertEquals(0f, d.ivar().array()[dead]);
        assertEquals(1, d.noDark());
        // upstream's 0-sigma rule would also leave DARK_CORRECTED off the pixels exactly at the median; here every
        // pixel with an estimate has it
        assertEquals(64 * 64 - 1, d.mask().count(PixelFlag.DARK_CORRECTED));
    }

    @Test
    void marksTheReferencePixelsOfAnH2rgChipAndJudgesOnlyTheLightSensitiveArea() throws DrpException {
        Chip chip = H2rgLayout.chip("G", 64, 16, 4, 4, 18);
        Detector det = SimulatedFrames.detector(chip, Defects.typical(), 13);
        DarkCalibration d = DarkStack.build(SimulatedFrames.darks(det, 10, Contamination.none(), 14), chip,
                DarkParams.defaults());
        Mask m = d.mask();
        assertEquals(16 * 64, m.count(PixelFlag.REFERENCE_ARRAY));
        assertEquals(64 * 64 - 56 * 56, m.count(PixelFlag.REFERENCE_PIXEL));
        assertEquals(64, m.count(PixelFlag.BAD_REFERENCE_PIXEL), "the top row of the science array");
        for (int i = 0; i < m.pixelCount(); i++) {
            if (!det.inArea(i)) {
                // reference pixels have no dark current, far below the light-sensitive median: not judged
                assertEquals(0, m.array()[i] & (PixelFlag.NEGATIVE_DARK.value() | PixelFlag.HOT_PIXEL.value()
                        | CalibFlag.NOISY_PIXEL.value()), "pixel " + i);
                assertTrue(PixelFlag.isSet(m.array()[i], PixelFlag.DARK_CORRECTED), "the dark still applies there");
            }
        }
        // the level is the median over the 56 x 56 light-sensitive pixels: error 1.25 sigma / 56
        float[] truth = new float[56 * 56];
        for (int i = 0, k = 0; i < det.dark.length; i++) {
            if (det.inArea(i)) {
                truth[k++] = (float) det.dark[i];
            }
        }
        double sig = Detector.darkSigma(10);
        assertEquals(org.drpkit.algorithms.stats.RobustStats.median(truth), d.level(), 4 * 1.25 * sig / 56);
    }

    @Test
    void subtractFrameLevelRemovesPerFramePedestals() throws DrpException {
        Detector det = SimulatedFrames.detector(Chip.simple("D", 0, 128, 128, 18), Defects.typical(), 15);
        List<MaskedImage> frames = SimulatedFrames.darks(det, 10, Contamination.none(), 16);
        double[] pedestal = new double[frames.size()];
        for (int k = 0; k < frames.size(); k++) {
            pedestal[k] = 0.3 * k - 1;
            float[] a = frames.get(k).flux().array();
            for (int i = 0; i < a.length; i++) {
                a[i] += (float) pedestal[k];
            }
        }
        DarkCalibration d = DarkStack.build(frames, det.chip, DarkParams.defaults().withSubtractFrameLevel(true));
        double truthMedian = org.drpkit.algorithms.stats.RobustStats.median(toFloat(det.dark));
        for (int k = 0; k < frames.size(); k++) {
            // a frame median of 16k pixels of noise 0.1 is good to ~1e-3
            assertEquals(pedestal[k] + truthMedian, d.frameLevels()[k], 3e-3, "frame " + k);
        }
        assertEquals(0, d.level(), 3e-3, "the stacked rate is relative to the frame medians");
    }

    @Test
    void resultsDoNotDependOnTheNumberOfThreads() throws DrpException {
        Detector det = SimulatedFrames.detector(Chip.simple("D", 0, 300, 200, 18), Defects.typical(), 17);
        List<MaskedImage> frames = SimulatedFrames.darks(det, 12, Contamination.typical(), 18);
        DarkCalibration one = DarkStack.build(frames, det.chip, DarkParams.defaults().withParallel(false));
        DarkCalibration many = DarkStack.build(frames, det.chip, DarkParams.defaults().withParallel(true));
        assertArrayEquals(one.rate().array(), many.rate().array());
        assertArrayEquals(one.ivar().array(), many.ivar().array());
        assertArrayEquals(one.mask().array(), many.mask().array());
        assertEquals(one.toString(), many.toString());
    }

    @Test
    void refusesFramesOfDifferentShapesOrAnotherChip() {
        MaskedImage a = blank(10, 10);
        MaskedImage b = blank(10, 12);
        DrpException e = assertThrows(DrpException.class,
                () -> DarkStack.build(List.of(a, b), Chip.simple("D", 0, 10, 10, 18), DarkParams.defaults()));
        assertEquals(CalibErrorCode.CALIB_SHAPE_MISMATCH, e.code());
        assertTrue(e.getMessage().contains("frame 1 is 10x12"), e.getMessage());
        e = assertThrows(DrpException.class,
                () -> DarkStack.build(List.of(a, a), Chip.simple("D", 0, 12, 10, 18), DarkParams.defaults()));
        assertEquals(CalibErrorCode.CALIB_SHAPE_MISMATCH, e.code());
        e = assertThrows(DrpException.class,
                () -> DarkStack.build(new ArrayList<>(), Chip.simple("D", 0, 10, 10, 18), DarkParams.defaults()));
        assertEquals(CalibErrorCode.CALIB_NO_FRAMES, e.code());
    }

    @Test
    void refusesFramesWithoutAnyUsablePixel() {
        MaskedImage a = blank(10, 10); // ivar 0 everywhere: no information with FROM_FRAMES
        DrpException e = assertThrows(DrpException.class,
                () -> DarkStack.build(List.of(a, a), Chip.simple("D", 0, 10, 10, 18), DarkParams.defaults()));
        assertEquals(CalibErrorCode.CALIB_NO_GOOD_PIXELS, e.code());
    }

    static MaskedImage blank(int w, int h) {
        return MaskedImage.of(Image.zeros(w, h), Image.zeros(w, h), Mask.zeros(w, h));
    }

    static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}
