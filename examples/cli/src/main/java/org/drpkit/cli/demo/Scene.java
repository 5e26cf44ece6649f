package org.drpkit.cli.demo;

import java.util.SplittableRandom;
import org.drpkit.algorithms.sim.FibreLight;
import org.drpkit.algorithms.sim.SpectrographFrame;
import org.drpkit.algorithms.sim.SpectrographModel;
import org.drpkit.algorithms.sim.SpectrographSimulator;
import org.drpkit.core.image.Image;
import org.drpkit.core.instrument.Chip;
import org.drpkit.core.instrument.Region;

/**
 * The light of the demo night on one chip, in DN/read: a fixed pixel response, a smooth internal-flat lamp, and the
 * fibre spectrograph ({@link SpectrographModel}: the APOGEE slit cut to the chip, curved traces, Gauss-Hermite
 * profiles, throughputs, one dead fibre) lit by a quartz lamp and by sky and stars. Everything comes from the seed,
 * so the truth is known exactly: a calibrated science frame should equal {@link #source()} (the light before the
 * pixel response) within its error bars, and its extracted spectra the true fibre fluxes ({@code spectrograph()
 * .truth()}).
 *
 * <pre>{@code
 * Scene s = Scene.of(chip, 42);
 * Image flatRate = s.flatLamp();      // lamp illumination x pixel response
 * Image quartzRate = s.quartz();      // the quartz lamp through the fibres x pixel response
 * Image objectRate = s.object();      // sky and stars through the fibres x pixel response
 * }</pre>
 *
 * @param chip         the chip
 * @param response     the pixel response (median 1 on the light-sensitive area; a few dead pixels at 0.1)
 * @param lamp         the internal-flat illumination before the response, DN/read
 * @param source       the science light before the response, DN/read ({@code spectrograph().light()})
 * @param spectrograph the science exposures' fibre light with its true traces and fluxes (the traces moved by
 *                     {@link #FLEXURE} from the quartz flat's)
 * @param quartzFrame  the quartz flat's fibre light (before the response, DN/read) and its true traces
 */
public record Scene(Chip chip, Image response, Image lamp, Image source, SpectrographFrame spectrograph,
        SpectrographFrame quartzFrame) {

    /** Flexure between the quartz flat and the science exposures: the science traces sit this many px higher. */
    public static final double FLEXURE = 0.2;

    /** Flat-lamp level at the centre of the chip, DN/read. */
    public static final double LAMP_LEVEL = 40;
    /** Quartz flux per fibre and column in the middle of the chip, DN/read (about 1000 DN/read at the peak). */
    public static final double QUARTZ_LEVEL = 2700;
    /** Factor of the two bright fibres' star light: they saturate part-way up the ramp. */
    public static final double BRIGHT = 40;

    /** @return the scene of one chip for a seed */
    public static Scene of(Chip chip, long seed) {
        SpectrographModel m = SpectrographModel.apogee(chip, seed);
        int n = m.fibres().length;
        m = m.withDead(m.fibres()[n / 2 + 1]);
        FibreLight sky = FibreLight.science(m, seed).withBright(n / 3, BRIGHT).withBright(2 * n / 3, BRIGHT);
        SpectrographFrame science = SpectrographSimulator.render(m.withShift(FLEXURE), sky);
        SpectrographFrame quartz = SpectrographSimulator.render(m, FibreLight.quartz(m, QUARTZ_LEVEL));
        return new Scene(chip, response(chip, new SplittableRandom(seed * 31 + 1)), lamp(chip), science.light(),
                science, quartz);
    }

    /** @return the rate of an internal flat: lamp illumination times pixel response */
    public Image flatLamp() {
        return times(lamp, response);
    }

    /** @return the rate of a quartz flat: the quartz lamp through the fibres times pixel response */
    public Image quartz() {
        return times(quartzFrame.light(), response);
    }

    /** @return the rate of a science exposure: fibre light times pixel response */
    public Image object() {
        return times(source, response);
    }

    /** @return the optics at the quartz flat: fibres, traces, throughputs */
    public SpectrographModel model() {
        return quartzFrame.model();
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
