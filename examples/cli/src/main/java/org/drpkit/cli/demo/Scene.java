package org.drpkit.cli.demo;

import java.util.SplittableRandom;
import org.drpkit.core.image.Image;
import org.drpkit.core.instrument.Chip;
import org.drpkit.core.instrument.Region;

/**
 * The light of the demo night on one chip, in DN/read: a fixed pixel response, a smooth internal-flat lamp, and
 * fibre traces with sky lines. Everything comes from the seed, so the truth is known exactly: a calibrated science
 * frame should equal {@link #source()} (the light before the pixel response) within its error bars.
 *
 * <pre>{@code
 * Scene s = Scene.of(chip, 42);
 * Image flatRate = s.flatLamp();      // lamp illumination x pixel response
 * Image objectRate = s.object();      // fibre traces x pixel response
 * }</pre>
 *
 * @param chip     the chip
 * @param response the pixel response (median 1 on the light-sensitive area; a few dead pixels at 0.1)
 * @param lamp     the internal-flat illumination before the response, DN/read
 * @param source   the fibre traces and sky before the response, DN/read
 */
public record Scene(Chip chip, Image response, Image lamp, Image source) {

    /** Fibre spacing along y (APOGEE: about 6.62 px). */
    public static final double FIBRE_SPACING = 6.62;
    /** Gaussian width of a trace along y, px. */
    public static final double TRACE_SIGMA = 1.0;
    /** Flat-lamp level at the centre of the chip, DN/read. */
    public static final double LAMP_LEVEL = 40;

    /** @return the scene of one chip for a seed */
    public static Scene of(Chip chip, long seed) {
        return new Scene(chip, response(chip, new SplittableRandom(seed * 31 + 1)), lamp(chip),
                traces(chip, new SplittableRandom(seed * 31 + 2)));
    }

    /** @return the rate of an internal flat: lamp illumination times pixel response */
    public Image flatLamp() {
        return times(lamp, response);
    }

    /** @return the rate of a science exposure: traces and sky times pixel response */
    public Image object() {
        return times(source, response);
    }

    /** @return the number of fibre traces on the chip */
    public int fibres() {
        Region a = chip.lightSensitive();
        return (int) ((a.height() - 20) / FIBRE_SPACING);
    }

    private static Image response(Chip chip, SplittableRandom rnd) {
        Image r = Image.filled(chip.width(), chip.height(), 1f);
        Region a = chip.lightSensitive();
        for (int y = a.y0(); y < a.y1(); y++) {
            for (int x = a.x0(); x < a.x1(); x++) {
                double v = 1 + 0.03 * rnd.nextGaussian();
                if (rnd.nextDouble() < 5e-4) {
                    v = 0.1; // a dead pixel: the flat flags it LOW_FLAT_RESPONSE
                }
                r.set(x, y, (float) v);
            }
        }
        return r;
    }

    private static Image lamp(Chip chip) {
        Image l = Image.zeros(chip.width(), chip.height());
        Region a = chip.lightSensitive();
        for (int y = a.y0(); y < a.y1(); y++) {
            double w = (y - a.y0()) / (double) a.height() - 0.5;
            for (int x = a.x0(); x < a.x1(); x++) {
                double u = (x - a.x0()) / (double) a.width() - 0.5;
                l.set(x, y, (float) (LAMP_LEVEL * (1 - 0.25 * u * u - 0.15 * w * w + 0.1 * u)));
            }
        }
        return l;
    }

    private static Image traces(Chip chip, SplittableRandom rnd) {
        Region a = chip.lightSensitive();
        int nf = (int) ((a.height() - 20) / FIBRE_SPACING);
        double[] amplitude = new double[nf];
        for (int f = 0; f < nf; f++) {
            amplitude[f] = Math.exp(Math.log(0.5) + rnd.nextDouble() * Math.log(60)); // 0.5..30 DN/read at the peak
        }
        amplitude[nf / 3] = 2500; // two bright fibres saturate part-way up the ramp
        amplitude[2 * nf / 3] = 2500;
        int lines = 12;
        double[] lineX = new double[lines];
        double[] lineAmp = new double[lines];
        for (int i = 0; i < lines; i++) {
            lineX[i] = a.x0() + 8 + rnd.nextDouble() * (a.width() - 16);
            lineAmp[i] = 5 + rnd.nextDouble() * 75;
        }
        double[] spectrum = new double[chip.width()];
        for (int x = a.x0(); x < a.x1(); x++) {
            double u = (x - a.x0()) / (double) a.width();
            double s = 0.7 + 0.3 * Math.sin(2 * Math.PI * u * 1.3);
            for (int i = 0; i < lines; i++) {
                double d = (x - lineX[i]) / 1.3;
                s += lineAmp[i] / 10 * Math.exp(-0.5 * d * d);
            }
            spectrum[x] = s;
        }
        Image src = Image.zeros(chip.width(), chip.height());
        for (int f = 0; f < nf; f++) {
            double yc = a.y0() + 10 + f * FIBRE_SPACING;
            int y0 = Math.max(a.y0(), (int) Math.floor(yc - 5 * TRACE_SIGMA));
            int y1 = Math.min(a.y1() - 1, (int) Math.ceil(yc + 5 * TRACE_SIGMA));
            for (int y = y0; y <= y1; y++) {
                double dy = (y - yc) / TRACE_SIGMA;
                double profile = Math.exp(-0.5 * dy * dy);
                for (int x = a.x0(); x < a.x1(); x++) {
                    src.set(x, y, src.get(x, y) + (float) (amplitude[f] * profile * spectrum[x]));
                }
            }
        }
        return src;
    }

    private static Image times(Image a, Image b) {
        float[] pa = a.array();
        float[] pb = b.array();
        float[] out = new float[pa.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = pa[i] * pb[i];
        }
        return Image.of(a.width(), a.height(), out);
    }
}
