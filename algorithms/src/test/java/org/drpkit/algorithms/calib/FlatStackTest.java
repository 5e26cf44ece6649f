package org.drpkit.algorithms.calib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.drpkit.algorithms.calib.SimulatedFrames.Contamination;
import org.drpkit.algorithms.calib.SimulatedFrames.Defects;
import org.drpkit.algorithms.calib.SimulatedFrames.Detector;
import org.drpkit.algorithms.stats.RobustStats;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.flag.PixelFlag;
import org.drpkit.core.image.MaskedImage;
import org.drpkit.core.instrument.Chip;
import org.drpkit.core.instrument.H2rgLayout;
import org.drpkit.core.instrument.Region;
import org.junit.jupiter.api.Test;

class FlatStackTest {

    /** Flat frames at about 200 DN/read: 0.7 % noise per frame pixel, 0.25 % after stacking 8. */
    private static final double LEVEL = 200;
    private static final int FRAMES = 8;

    private static Detector detector(long seed) {
        return SimulatedFrames.detector(Chip.simple("F", 0, 512, 512, 18), Defects.typical(), seed);
    }

    /** @return the true response normalised like the flat: median 1 over the light-sensitive area */
    private static double responseMedian(Detector det) {
        float[] r = new float[det.response.length];
        int n = 0;
        for (int i = 0; i < r.length; i++) {
            if (det.inArea(i)) {
                r[n++] = (float) det.response[i];
            }
        }
        return RobustStats.quantileInPlace(r, n, 0.5);
    }

    /** Pulls {@code (flat - response / median) sqrt(ivar)} over light-sensitive pixels selected by {@code which}. */
    private static double[] pulls(Detector det, FlatField f, java.util.function.IntPredicate which) {
        double med = responseMedian(det);
        double[] p = new double[det.response.length];
        int n = 0;
        for (int i = 0; i < p.length; i++) {
            if (det.inArea(i) && which.test(i)) {
                p[n++] = (f.response().array()[i] - det.response[i] / med) * Math.sqrt(f.flat().ivar().array()[i]);
            }
        }
        return SimulatedFrames.meanStd(p, n);
    }

    /** Pixels with a response near 1, no dark-current defect (the flats here are not dark-subtracted), not noisy. */
    private static boolean normal(Detector det, int i) {
        return !det.dead[i] && !det.noisy[i] && !det.hot[i] && !det.negative[i];
    }

    /**
     * The pulls combine the flat's noise with the error of the illumination model, which the separation test below
     * bounds by 0.3 of the noise: the width lies in [1 - 0.02, sqrt(1 + 0.3^2)] (0.02 for the shrinkage of 3.5-sigma
     * clipping and the standard error of 262k pulls).
     */
    private static void assertPullWidth(double std) {
        assertTrue(std > 0.98 && std < Math.sqrt(1 + 0.3 * 0.3), "pull width " + std);
    }

    @Test
    void recoversThePixelResponseWithinItsError() throws DrpException {
        Detector det = detector(21);
        List<MaskedImage> flats = SimulatedFrames.flats(det, FRAMES, LEVEL, null, Contamination.typical(), 22);
        FlatField f = FlatStack.build(flats, det.chip, FlatParams.defaults());
        double[] ms = pulls(det, f, i -> normal(det, i));
        assertEquals(0, ms[0], 0.02, "bias of the flat in units of its error (262k pulls: standard error 0.002)");
        assertPullWidth(ms[1]);
        assertEquals(FRAMES, f.framesUsed());
    }

    @Test
    void separatesTheIlluminationFromThePixelResponseToBelowTheNoise() throws DrpException {
        Detector det = detector(23);
        List<MaskedImage> flats = SimulatedFrames.flats(det, FRAMES, LEVEL, null, Contamination.typical(), 24);
        FlatField f = FlatStack.build(flats, det.chip, FlatParams.defaults());
        double[] err = illuminationError(det, f);
        // the model error left in every pixel of the flat is well below that pixel's own noise
        assertTrue(err[0] < 0.3 * err[1], "illumination model rms error " + err[0] + " vs flat noise " + err[1]);
    }

    @Test
    void aModelTooSimpleForTheLampLeavesIlluminationInTheFlat() throws DrpException {
        // the negative control of the test above: a plane cannot follow the vignetting and the hot spot
        Detector det = detector(23);
        List<MaskedImage> flats = SimulatedFrames.flats(det, FRAMES, LEVEL, null, Contamination.typical(), 24);
        FlatField f = FlatStack.build(flats, det.chip, FlatParams.defaults().withModel(1, 32));
        double[] err = illuminationError(det, f);
        assertTrue(err[0] > 3 * err[1], "illumination model rms error " + err[0] + " vs flat noise " + err[1]);
    }

    /** @return the true illumination over the light-sensitive area */
    private static float[] illuminationMap(Detector det) {
        Region area = det.chip.lightSensitive();
        float[] out = new float[(int) area.area()];
        int n = 0;
        for (int i = 0; i < det.response.length; i++) {
            if (det.inArea(i)) {
                out[n++] = (float) SimulatedFrames.illumination(area, i % det.w, i / det.w);
            }
        }
        return out;
    }

    /** @return {rms of model / true illumination - 1 (both median 1), median flat noise 1/sqrt(ivar)} */
    private static double[] illuminationError(Detector det, FlatField f) {
        Region area = det.chip.lightSensitive();
        float[] truth = new float[(int) area.area()];
        float[] noise = new float[truth.length];
        int n = 0;
        for (int i = 0; i < det.response.length; i++) {
            if (det.inArea(i)) {
                truth[n] = (float) SimulatedFrames.illumination(area, i % det.w, i / det.w);
                noise[n++] = (float) (1 / Math.sqrt(f.flat().ivar().array()[i]));
            }
        }
        double med = RobustStats.median(truth);
        double ss = 0;
        for (int i = 0, k = 0; i < det.response.length; i++) {
            if (det.inArea(i)) {
                double r = f.model().array()[i] / (truth[k++] / med) - 1;
                ss += r * r;
            }
        }
        return new double[] {Math.sqrt(ss / n), RobustStats.median(noise)};
    }

    @Test
    void flagsDeadPixelsAsLowResponseAndNothingElse() throws DrpException {
        Detector det = detector(25);
        FlatField f = FlatStack.build(SimulatedFrames.flats(det, FRAMES, LEVEL, null, Contamination.typical(), 26),
                det.chip, FlatParams.defaults());
        int bit = PixelFlag.LOW_FLAT_RESPONSE.value();
        long dead = 0;
        long found = 0;
        long wrong = 0;
        for (int i = 0; i < det.response.length; i++) {
            boolean low = (f.mask().array()[i] & bit) != 0;
            if (det.dead[i]) {
                dead++;
                found += low ? 1 : 0;
            } else {
                wrong += low ? 1 : 0;
            }
        }
        assertTrue(dead > 50);
        assertEquals(dead, found, "every pixel with a true response below 0.1 is flagged");
        assertEquals(0, wrong, "responses near 1 never fall below 0.2");
        assertEquals(dead, f.lowResponse());
    }

    @Test
    void leavesLampOffFramesOut() throws DrpException {
        Detector det = detector(27);
        boolean[] off = new boolean[FRAMES];
        off[2] = true;
        FlatField f = FlatStack.build(SimulatedFrames.flats(det, FRAMES, LEVEL, off, Contamination.typical(), 28),
                det.chip, FlatParams.defaults());
        assertFalse(f.used()[2]);
        assertEquals(FRAMES - 1, f.framesUsed());
        assertTrue(f.frameLevels()[2] < 1, "a lamp-off frame holds only dark current: " + f.frameLevels()[2]);
        double[] ms = pulls(det, f, i -> normal(det, i));
        assertEquals(0, ms[0], 0.02);
        assertPullWidth(ms[1]);
        assertTrue(f.toString().contains("lamp off: 2"), f.toString());
    }

    @Test
    void refusesAStackWhoseLampIsOffInEveryFrame() {
        Detector det = SimulatedFrames.detector(Chip.simple("F", 0, 128, 128, 18), Defects.typical(), 29);
        boolean[] off = {true, true, true};
        DrpException e = assertThrows(DrpException.class, () -> FlatStack.build(
                SimulatedFrames.flats(det, 3, LEVEL, off, Contamination.none(), 30), det.chip, FlatParams.defaults()));
        assertEquals(CalibErrorCode.CALIB_NO_LAMP, e.code());
    }

    @Test
    void subtractsTheDarkSoHotPixelsGetTheirTrueResponse() throws DrpException {
        Detector det = detector(31);
        List<MaskedImage> flats = SimulatedFrames.flats(det, FRAMES, LEVEL, null, Contamination.typical(), 32);
        DarkCalibration dark = DarkStack.build(SimulatedFrames.darks(det, 30, Contamination.typical(), 33), det.chip,
                DarkParams.defaults());
        FlatField with = FlatStack.build(FrameSource.of(flats), det.chip, dark.dark(), FlatParams.defaults());
        FlatField without = FlatStack.build(flats, det.chip, FlatParams.defaults());
        // hot pixels carry 0.3..19 DN/read of dark current on ~200 DN/read of lamp: a bias of several errors
        assertTrue(pulls(det, without, i -> det.hot[i])[0] > 3, "without the dark, hot pixels look too sensitive");
        assertEquals(0, pulls(det, with, i -> det.hot[i])[0], 0.5, "with the dark subtracted they are right");
        assertEquals(0, pulls(det, with, i -> !det.dead[i] && !det.noisy[i])[0], 0.02);
    }

    @Test
    void fromScatterEstimatesTheFlatNoiseWithoutTheFramesIvar() throws DrpException {
        Detector det = detector(35);
        List<MaskedImage> flats = SimulatedFrames.flats(det, FRAMES, LEVEL, null, Contamination.typical(), 36);
        FlatField f = FlatStack.build(flats, det.chip, FlatParams.defaults().withNoise(FrameNoise.FROM_SCATTER));
        // one pooled variance for the chip, while the true relative noise varies as 1/sqrt(illumination): exact
        // where the lamp is at its median level, a few per cent off elsewhere
        Region area = det.chip.lightSensitive();
        double medL = RobustStats.median(illuminationMap(det));
        double[] mid = pulls(det, f, i -> normal(det, i)
                && Math.abs(SimulatedFrames.illumination(area, i % det.w, i / det.w) / medL - 1) < 0.03);
        assertEquals(0, mid[0], 0.03);
        assertPullWidth(mid[1]); // where the lamp is at its median level
        double[] all = pulls(det, f, i -> normal(det, i));
        assertEquals(0, all[0], 0.02);
        assertEquals(1, all[1], 0.1, "pull width over the whole chip");
        assertTrue(f.frameSigma() > 0.005 && f.frameSigma() < 0.01, "a frame pixel's noise, 0.7 %: " + f);
    }

    @Test
    void keepsTheFlatOnTheLightSensitiveAreaOfAnH2rgChip() throws DrpException {
        Chip chip = H2rgLayout.chip("G", 128, 32, 4, 4, 18);
        Detector det = SimulatedFrames.detector(chip, Defects.typical(), 37);
        FlatField f = FlatStack.build(SimulatedFrames.flats(det, 4, LEVEL, null, Contamination.none(), 38), chip,
                FlatParams.defaults().withModel(4, 16));
        Region area = chip.lightSensitive();
        for (int y = 0; y < chip.height(); y++) {
            for (int x = 0; x < chip.width(); x++) {
                if (!area.contains(x, y)) {
                    assertEquals(1f, f.response().get(x, y));
                    assertEquals(0f, f.flat().ivar().get(x, y));
                    assertTrue(Float.isNaN(f.model().get(x, y)));
                    assertEquals(0, f.mask().get(x, y));
                }
            }
        }
    }

    @Test
    void refusesAModelWithMoreTermsThanTheFrameHasBlocks() {
        Detector det = SimulatedFrames.detector(Chip.simple("F", 0, 64, 64, 18), Defects.typical(), 39);
        DrpException e = assertThrows(DrpException.class, () -> FlatStack.build(
                SimulatedFrames.flats(det, 2, LEVEL, null, Contamination.none(), 40), det.chip, FlatParams.defaults()));
        assertEquals(CalibErrorCode.CALIB_FIT_FAILED, e.code());
        assertTrue(e.getMessage().contains("frame 0: only 4 good blocks for 45 model terms"), e.getMessage());
    }

    @Test
    void resultsDoNotDependOnTheNumberOfThreads() throws DrpException {
        Detector det = SimulatedFrames.detector(Chip.simple("F", 0, 300, 260, 18), Defects.typical(), 41);
        List<MaskedImage> flats = SimulatedFrames.flats(det, 5, LEVEL, null, Contamination.typical(), 42);
        FlatParams p = FlatParams.defaults().withModel(6, 20).withNoise(FrameNoise.FROM_SCATTER);
        FlatField one = FlatStack.build(flats, det.chip, p.withParallel(false));
        FlatField many = FlatStack.build(flats, det.chip, p.withParallel(true));
        assertArrayEquals(one.response().array(), many.response().array());
        assertArrayEquals(one.flat().ivar().array(), many.flat().ivar().array());
        assertArrayEquals(one.model().array(), many.model().array());
        assertArrayEquals(one.mask().array(), many.mask().array());
    }
}
