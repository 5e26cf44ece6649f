package org.drpkit.algorithms.calib;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.drpkit.core.flag.PixelFlag;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.Mask;
import org.drpkit.core.image.MaskedImage;
import org.drpkit.core.instrument.Chip;
import org.drpkit.core.instrument.Region;

/**
 * Simulated 2D rate frames (DN/read) with known truth, for the calibration tests.
 *
 * <p>A detector has a true dark rate per pixel ({@link #DARK_LEVEL} plus a small spatial spread), a population of
 * hot pixels (far above the dark), negative-dark pixels, noisy pixels (the same dark, four times the noise), a pixel
 * response (Gaussian around 1 plus a few dead pixels; reference pixels have no dark current) and, for flats, a
 * smooth illumination pattern (gradient, vignetting and a broad lamp hot spot). Each frame pixel gets Gaussian
 * noise with a known variance {@code READ_SIGMA^2 + POISSON * max(value, 0)} (inflated 16x for noisy pixels) and
 * carries that ivar (the noisy pixels' ivar does not know about their excess, like a ramp fit would not). Frames
 * may carry cosmic rays the ramp stage missed (unflagged, large positive), samples flagged MANY_JUMPS with garbage
 * values, and fully saturated samples (NaN, ivar 0, FULL_SATURATION).
 */
final class SimulatedFrames {

    static final double DARK_LEVEL = 0.05;
    static final double DARK_SPREAD = 0.005;
    static final double READ_SIGMA = 0.1;
    static final double POISSON = 0.01;
    static final double NOISY_FACTOR = 4;

    /** What a detector really is. */
    static final class Detector {
        final Chip chip;
        final int w;
        final int h;
        final double[] dark;
        final double[] response;
        final boolean[] hot;
        final boolean[] negative;
        final boolean[] noisy;
        final boolean[] dead;

        Detector(Chip chip, double[] dark, double[] response, boolean[] hot, boolean[] negative, boolean[] noisy,
                boolean[] dead) {
            this.chip = chip;
            this.w = chip.width();
            this.h = chip.height();
            this.dark = dark;
            this.response = response;
            this.hot = hot;
            this.negative = negative;
            this.noisy = noisy;
            this.dead = dead;
        }

        boolean inArea(int i) {
            return chip.lightSensitive().contains(i % w, i / w);
        }

        /** @return the expected spatial sigma of a dark stacked from {@code frames} frames (normal pixels) */
        static double darkSigma(int frames) {
            return Math.sqrt(DARK_SPREAD * DARK_SPREAD + (READ_SIGMA * READ_SIGMA + POISSON * DARK_LEVEL) / frames);
        }

        /** @return per-frame variance of a pixel of expected value {@code value} */
        double variance(int i, double value) {
            double v = READ_SIGMA * READ_SIGMA + POISSON * Math.max(value, 0);
            return noisy[i] ? v * NOISY_FACTOR * NOISY_FACTOR : v;
        }
    }

    /** Defects and contamination rates. */
    record Defects(double hotFraction, double negativeFraction, double noisyFraction, double deadFraction,
            double responseSigma) {
        static Defects typical() {
            return new Defects(1e-3, 3e-4, 1e-3, 5e-4, 0.02);
        }
    }

    /** Contamination of each frame: unflagged cosmic rays, flagged jumps with garbage, saturated samples. */
    record Contamination(double cosmicRays, double flaggedJumps, double saturated) {
        static Contamination none() {
            return new Contamination(0, 0, 0);
        }

        static Contamination typical() {
            return new Contamination(0.005, 0.002, 0.001);
        }
    }

    private SimulatedFrames() {
    }

    /**
     * A detector: hot pixels at 15..1000 expected dark sigmas (log-uniform), negative ones at 10..20 sigmas below,
     * defects only on the light-sensitive area and mutually exclusive.
     */
    static Detector detector(Chip chip, Defects d, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = chip.width() * chip.height();
        double[] dark = new double[n];
        double[] resp = new double[n];
        boolean[] hot = new boolean[n];
        boolean[] neg = new boolean[n];
        boolean[] noisy = new boolean[n];
        boolean[] dead = new boolean[n];
        double sig = Detector.darkSigma(30);
        Region area = chip.lightSensitive();
        for (int i = 0; i < n; i++) {
            dark[i] = DARK_LEVEL + DARK_SPREAD * gauss(rnd);
            resp[i] = 1 + d.responseSigma() * gauss(rnd);
            if (!area.contains(i % chip.width(), i / chip.width())) {
                dark[i] = 0; // reference pixels are not photodiodes: no dark current
                continue;
            }
            double u = rnd.nextDouble();
            if (u < d.hotFraction()) {
                hot[i] = true;
                dark[i] = DARK_LEVEL + sig * 15 * Math.pow(1000 / 15.0, rnd.nextDouble());
            } else if (u < d.hotFraction() + d.negativeFraction()) {
                neg[i] = true;
                dark[i] = DARK_LEVEL - sig * (10 + 10 * rnd.nextDouble());
            } else if (u < d.hotFraction() + d.negativeFraction() + d.noisyFraction()) {
                noisy[i] = true;
            }
            if (rnd.nextDouble() < d.deadFraction()) {
                dead[i] = true;
                resp[i] = 0.1 * rnd.nextDouble();
            }
        }
        return new Detector(chip, dark, resp, hot, neg, noisy, dead);
    }

    /** @return {@code frames} dark rate frames of the detector */
    static List<MaskedImage> darks(Detector det, int frames, Contamination c, long seed) {
        List<MaskedImage> out = new ArrayList<>();
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int k = 0; k < frames; k++) {
            out.add(frame(det, det.dark, 1.0, c, rnd.split()));
        }
        return out;
    }

    /**
     * @return flat frames: dark + level_k * illumination * response, level_k = {@code level * (1 + 0.1 k)}, or a
     *         lamp-off frame (dark only) where {@code lampOff[k]}
     */
    static List<MaskedImage> flats(Detector det, int frames, double level, boolean[] lampOff, Contamination c,
            long seed) {
        List<MaskedImage> out = new ArrayList<>();
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] expected = new double[det.dark.length];
        for (int k = 0; k < frames; k++) {
            double a = lampOff != null && lampOff[k] ? 0 : level * (1 + 0.1 * k);
            for (int i = 0; i < expected.length; i++) {
                int x = i % det.w;
                int y = i / det.w;
                double lit = det.inArea(i) ? a * illumination(det.chip.lightSensitive(), x, y) * det.response[i] : 0;
                expected[i] = det.dark[i] + lit;
            }
            out.add(frame(det, expected, 1.0, c, rnd.split()));
        }
        return out;
    }

    /** The true illumination at pixel (x, y): gradient, vignetting and a broad lamp hot spot (about 0.6..1.3). */
    static double illumination(Region area, double x, double y) {
        double u = (2 * (x - area.x0()) + 1) / area.width() - 1;
        double v = (2 * (y - area.y0()) + 1) / area.height() - 1;
        double du = u - 0.3;
        double dv = v + 0.2;
        return 1 + 0.2 * u - 0.15 * v + 0.08 * u * v - 0.125 * (u * u + v * v)
                + 0.15 * Math.exp(-(du * du + dv * dv) / (2 * 0.7 * 0.7));
    }

    /** One frame: {@code expected} plus noise of known ivar, with contamination. */
    static MaskedImage frame(Detector det, double[] expected, double scale, Contamination c, SplittableRandom rnd) {
        int n = expected.length;
        float[] flux = new float[n];
        float[] ivar = new float[n];
        int[] flags = new int[n];
        for (int i = 0; i < n; i++) {
            double e = expected[i] * scale;
            double var = det.variance(i, e);
            double v = e + Math.sqrt(var) * gauss(rnd);
            float iv = (float) (1 / (det.noisy[i] ? var / (NOISY_FACTOR * NOISY_FACTOR) : var));
            double u = rnd.nextDouble();
            if (u < c.cosmicRays()) {
                v += 0.5 + 50 * rnd.nextDouble();
            } else if (u < c.cosmicRays() + c.flaggedJumps()) {
                v += 1000;
                flags[i] |= PixelFlag.MANY_JUMPS.value();
            } else if (u < c.cosmicRays() + c.flaggedJumps() + c.saturated()) {
                v = Double.NaN;
                iv = 0;
                flags[i] |= PixelFlag.FULL_SATURATION.value();
            }
            flux[i] = (float) v;
            ivar[i] = iv;
        }
        int w = det.w;
        int h = det.h;
        return MaskedImage.of(Image.of(w, h, flux), Image.of(w, h, ivar), Mask.of(w, h, flags));
    }

    /** @return a standard normal deviate (Box-Muller on a splittable generator) */
    static double gauss(SplittableRandom rnd) {
        double u1 = rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** Mean and standard deviation of {@code values[0, n)}. */
    static double[] meanStd(double[] values, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += values[i];
        }
        double m = s / n;
        double q = 0;
        for (int i = 0; i < n; i++) {
            q += (values[i] - m) * (values[i] - m);
        }
        return new double[] {m, Math.sqrt(q / (n - 1))};
    }
}
