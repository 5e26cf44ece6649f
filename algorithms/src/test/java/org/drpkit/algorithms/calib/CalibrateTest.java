package org.drpkit.algorithms.calib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.drpkit.algorithms.calib.SimulatedFrames.Contamination;
import org.drpkit.algorithms.calib.SimulatedFrames.Defects;
import org.drpkit.algorithms.calib.SimulatedFrames.Detector;
import org.drpkit.algorithms.stats.RobustStats;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.flag.PixelFlag;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.Mask;
import org.drpkit.core.image.MaskedImage;
import org.drpkit.core.instrument.Chip;
import org.drpkit.core.instrument.H2rgLayout;
import org.drpkit.core.instrument.Region;
import org.junit.jupiter.api.Test;

class CalibrateTest {

    /** Sky on the science frame, DN/read of a pixel of response 1. */
    private static final double SKY = 0.5;

    /** A detector with its dark from only 4 frames, so the dark's own noise matters, and a flat from 8. */
    private static final class Setup {
        final Detector det;
        final DarkCalibration dark;
        final FlatField flat;
        final MaskedImage science;
        final double responseMedian;

        Setup(Chip chip, long seed) throws DrpException {
            det = SimulatedFrames.detector(chip, Defects.typical(), seed);
            dark = DarkStack.build(SimulatedFrames.darks(det, 4, Contamination.none(), seed + 1), chip,
                    DarkParams.defaults());
            flat = FlatStack.build(FrameSource.of(SimulatedFrames.flats(det, 8, 2000, null, Contamination.none(),
                    seed + 2)), chip, dark.dark(), FlatParams.defaults().withModel(6, 16));
            double[] expected = new double[det.dark.length];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = det.dark[i] + (det.inArea(i) ? SKY * det.response[i] : 0);
            }
            science = SimulatedFrames.frame(det, expected, 1, Contamination.none(), new SplittableRandom(seed + 3));
            float[] r = new float[expected.length];
            int n = 0;
            for (int i = 0; i < r.length; i++) {
                if (det.inArea(i)) {
                    r[n++] = (float) det.response[i];
                }
            }
            responseMedian = RobustStats.quantileInPlace(r, n, 0.5);
        }

        /** @return the mean over normal pixels of var(dark) / (var(science) + var(dark)), from the true noise */
        double trueDarkShare() {
            double sum = 0;
            int n = 0;
            for (int i = 0; i < det.dark.length; i++) {
                if (normal(i)) {
                    double vd = det.variance(i, det.dark[i]) / 4;
                    double vs = det.variance(i, det.dark[i] + SKY * det.response[i]);
                    sum += vd / (vs + vd);
                    n++;
                }
            }
            return sum / n;
        }

        boolean normal(int i) {
            return det.inArea(i) && !det.dead[i] && !det.noisy[i] && !det.hot[i] && !det.negative[i];
        }
    }

    /** @return mean and std of {@code (flux - truth) sqrt(ivar)} over normal pixels, truth = sky x median response */
    private static double[] pulls(Setup s, float[] flux, float[] ivar) {
        double truth = SKY * s.responseMedian; // the flat has median 1: calibrated flux is in median-pixel units
        double[] p = new double[flux.length];
        int n = 0;
        for (int i = 0; i < flux.length; i++) {
            if (s.normal(i)) {
                p[n++] = (flux[i] - truth) * Math.sqrt(ivar[i]);
            }
        }
        return SimulatedFrames.meanStd(p, n);
    }

    @Test
    void calibratedFluxMatchesTheTrueSkyWithinTheErrorThatIncludesTheDark() throws DrpException {
        Setup s = new Setup(Chip.simple("S", 0, 256, 256, 18), 51);
        CalibratedImage cal = Calibrate.apply(s.science, s.det.chip, s.dark, s.flat);
        double[] ms = pulls(s, cal.image().flux().array(), cal.image().ivar().array());
        // 65k pulls: standard errors 0.004 (mean) and 0.003 (width); the flat model adds < 0.3 % in quadrature
        assertEquals(0, ms[0], 0.02);
        assertEquals(1, ms[1], 0.02);
        assertEquals(s.trueDarkShare(), cal.darkVarianceShare(), 0.01, "a 4-frame dark holds ~15 % of the variance");
    }

    @Test
    void leavingTheDarkVarianceOutAsUpstreamDoesUnderstatesTheErrors() throws DrpException {
        // the negative control of the test above: upstream keeps the rate's ivar (times flat^2)
        Setup s = new Setup(Chip.simple("S", 0, 256, 256, 18), 51);
        CalibratedImage cal = Calibrate.apply(s.science, s.det.chip, s.dark, s.flat);
        float[] upstream = new float[cal.image().ivar().pixelCount()];
        for (int i = 0; i < upstream.length; i++) {
            float f = s.flat.response().array()[i];
            upstream[i] = s.science.ivar().array()[i] * f * f;
        }
        double[] ms = pulls(s, cal.image().flux().array(), upstream);
        double expected = Math.sqrt(1 / (1 - s.trueDarkShare())); // about 1.08
        assertEquals(expected, ms[1], 0.02, "errors too small by the dark's share of the variance");
        assertTrue(ms[1] > 1.05);
    }

    @Test
    void subtractsTheDarkEverywhereButDividesTheFlatOnlyOnTheLightSensitiveArea() throws DrpException {
        Chip chip = H2rgLayout.chip("G", 64, 16, 4, 4, 18);
        int w = chip.width();
        int h = chip.height();
        MaskedImage rate = MaskedImage.of(Image.filled(w, h, 10f), Image.filled(w, h, 4f), Mask.zeros(w, h));
        MaskedImage dark = MaskedImage.of(Image.filled(w, h, 1f), Image.filled(w, h, 12f),
                Mask.of(w, h, filled(w * h, PixelFlag.DARK_CORRECTED.value())));
        MaskedImage flat = MaskedImage.of(Image.filled(w, h, 2f), Image.filled(w, h, 100f), Mask.zeros(w, h));
        CalibratedImage cal = Calibrate.apply(rate, chip, dark, flat, List.of());
        Region area = chip.lightSensitive();
        // outside: 10 - 1 = 9, var 1/4 + 1/12 = 1/3; inside: 9 / 2 = 4.5, var (1/3 + 4.5^2 / 100) / 4
        assertEquals(9f, cal.image().flux().get(0, 0));
        assertEquals(3f, cal.image().ivar().get(0, 0), 1e-5);
        assertEquals(9f, cal.image().flux().get(70, 30), "the reference output is dark-subtracted, not flattened");
        assertEquals(4.5f, cal.image().flux().get(area.x0(), area.y0()));
        assertEquals(1 / ((1 / 3.0 + 4.5 * 4.5 / 100) / 4), cal.image().ivar().get(10, 10), 1e-4);
        assertEquals(0, cal.zeroIvar());
    }

    @Test
    void orsEveryMaskAndKeepsThePerExposureBitsOfTheRampStage() throws DrpException {
        Chip chip = Chip.simple("S", 0, 4, 1, 18);
        int ramp = PixelFlag.ONE_JUMP.value() | PixelFlag.PARTIAL_SATURATION.value();
        MaskedImage rate = MaskedImage.of(Image.of(4, 1, 5, 5, 5, 5), Image.filled(4, 1, 1), Mask.of(4, 1,
                ramp, PixelFlag.BAD_CHI2.value(), 0, PixelFlag.FULL_SATURATION.value()));
        int dc = PixelFlag.DARK_CORRECTED.value();
        MaskedImage dark = MaskedImage.of(Image.filled(4, 1, 1), Image.filled(4, 1, 1), Mask.of(4, 1,
                dc | PixelFlag.HOT_PIXEL.value(), dc, CalibFlag.NO_DARK.value(), dc));
        MaskedImage flat = MaskedImage.of(Image.of(4, 1, 1, 1, 0.1f, 0), Image.filled(4, 1, 1), Mask.of(4, 1,
                0, 0, PixelFlag.LOW_FLAT_RESPONSE.value(), PixelFlag.LOW_FLAT_RESPONSE.value()));
        Mask extra = Mask.of(4, 1, 0, 1 << 20, 0, 0);
        CalibratedImage cal = Calibrate.apply(rate, chip, dark, flat, List.of(extra));
        int[] m = cal.image().mask().array();
        assertEquals(ramp | dc | PixelFlag.HOT_PIXEL.value(), m[0]);
        assertEquals(PixelFlag.BAD_CHI2.value() | dc | (1 << 20), m[1]);
        assertEquals(CalibFlag.NO_DARK.value() | PixelFlag.LOW_FLAT_RESPONSE.value(), m[2]);
        assertEquals(50f, cal.image().flux().array()[2], 1e-4, "no dark estimate: not subtracted; flat 0.1");
        assertEquals(PixelFlag.FULL_SATURATION.value() | dc | PixelFlag.LOW_FLAT_RESPONSE.value(), m[3]);
        assertEquals(0f, cal.image().flux().array()[3], "a zero flat gives flux 0");
        assertEquals(0f, cal.image().ivar().array()[3], "and no information");
        assertEquals(4, cal.bad(), "pixel 0 is bad for HOT_PIXEL, not for its single jump");
    }

    @Test
    void anUnknownIvarAnywhereGivesAnUnknownIvar() throws DrpException {
        Chip chip = Chip.simple("S", 0, 2, 1, 18);
        MaskedImage rate = MaskedImage.of(Image.filled(2, 1, 5), Image.of(2, 1, 0, 1), Mask.zeros(2, 1));
        MaskedImage dark = MaskedImage.of(Image.filled(2, 1, 1), Image.of(2, 1, 1, 0),
                Mask.of(2, 1, filled(2, PixelFlag.DARK_CORRECTED.value())));
        CalibratedImage cal = Calibrate.apply(rate, chip, dark, null, List.of());
        assertEquals(0f, cal.image().ivar().array()[0], "the rate's ivar is unknown");
        assertEquals(0f, cal.image().ivar().array()[1], "the dark's ivar is unknown");
        assertEquals(4f, cal.image().flux().array()[1]);
    }

    @Test
    void refusesCalibrationsOfAnotherShape() {
        Chip chip = Chip.simple("S", 0, 8, 8, 18);
        MaskedImage rate = DarkStackTest.blank(8, 8);
        DrpException e = assertThrows(DrpException.class,
                () -> Calibrate.apply(rate, chip, DarkStackTest.blank(8, 9), null, List.of()));
        assertEquals(CalibErrorCode.CALIB_SHAPE_MISMATCH, e.code());
        assertTrue(e.getMessage().contains("the dark is 8x9"), e.getMessage());
        e = assertThrows(DrpException.class,
                () -> Calibrate.apply(rate, chip, null, null, List.of(Mask.zeros(7, 8))));
        assertEquals(CalibErrorCode.CALIB_SHAPE_MISMATCH, e.code());
    }

    private static int[] filled(int n, int v) {
        int[] a = new int[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
