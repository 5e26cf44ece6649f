package org.drpkit.cli.demo;

import java.util.List;
import java.util.SplittableRandom;
import org.drpkit.algorithms.sim.FibreLight;
import org.drpkit.algorithms.sim.LampLines;
import org.drpkit.algorithms.sim.LsfModel;
import org.drpkit.algorithms.sim.SpectrographFrame;
import org.drpkit.algorithms.sim.SpectrographModel;
import org.drpkit.algorithms.sim.SpectrographSimulator;
import org.drpkit.algorithms.sim.WavelengthModel;
import org.drpkit.core.image.Image;
import org.drpkit.core.instrument.Chip;
import org.drpkit.core.instrument.H2rgLayout;
import org.drpkit.core.instrument.Region;
import org.drpkit.core.lines.ArcLine;
import org.drpkit.core.lines.LineList;

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
 * @param arcFrame     the arc lamp's fibre light (traces as the science exposures'), DN/read
 * @param fpiFrame     the Fabry-Perot etalon's fibre light (traces as the science exposures'), DN/read: peaks at
 *                     {@code 2 L / (m + eps)} for {@link #ETALON_LENGTH} and {@link #ETALON_PHASE}
 * @param wavelength   the true wavelength of every fibre and column ({@link WavelengthModel#apogee} of the chip, cut
 *                     to the demo's columns)
 * @param arcLines     the arc lamp's lines as a line list gives them: vacuum wavelength, the column where a
 *                     reference spectrum had them ({@link #ARC_LIST_OFFSET} columns off this night's middle fibre),
 *                     and USEWAVE unset for a line with another within 2 A
 */
public record Scene(Chip chip, Image response, Image lamp, Image source, SpectrographFrame spectrograph,
        SpectrographFrame quartzFrame, SpectrographFrame arcFrame, SpectrographFrame fpiFrame, WavelengthModel wavelength,
        List<ArcLine> arcLines) {

    /** Flexure between the quartz flat and the science exposures: the science traces sit this many px higher. */
    public static final double FLEXURE = 0.2;

    /**
     * Flat-lamp level at the centre of the chip, DN/read: three flats of 10 reads give a pixel flat good to 0.8 %. (At
     * 40 DN/read it was 2.9 %, and dividing by it raised every calibrated flux by the flat's relative variance,
     * +0.06 %: +0.02 in the full-size extracted-flux pulls.)
     */
    public static final double LAMP_LEVEL = 400;
    /** Quartz flux per fibre and column in the middle of the chip, DN/read (about 1000 DN/read at the peak). */
    public static final double QUARTZ_LEVEL = 2700;
    /** Factor of the two bright fibres' star light: they saturate part-way up the ramp. */
    public static final double BRIGHT = 40;
    /** Integrated flux of the arc's brightest line, DN/read per fibre. */
    public static final double ARC_BRIGHTEST = 20000;
    /** Arc lines per column (APOGEE's UNe list has about 0.06 on the green chip). */
    public static final double ARC_LINE_DENSITY = 0.06;
    /**
     * The etalon's true cavity length L this night, Angstrom: 20 A (5.4e-7) longer than the spec's nominal APO value,
     * from which the fit starts.
     */
    public static final double ETALON_LENGTH = 3.7363145e7;
    /** The etalon's true phase eps. */
    public static final double ETALON_PHASE = 0.225;
    /** Integrated flux of each etalon peak, DN/read per fibre. */
    public static final double ETALON_PEAK = 4000;
    /** How far the arc list's columns sit from where this night's middle fibre sees the lines (another epoch). */
    public static final double ARC_LIST_OFFSET = -1.4;

    /** @return the scene of one chip for a seed */
    public static Scene of(Chip chip, long seed) {
        SpectrographModel m = SpectrographModel.apogee(chip, seed);
        int n = m.fibres().length;
        m = m.withDead(m.fibres()[n / 2 + 1]);
        FibreLight sky = FibreLight.science(m, seed).withBright(n / 3, BRIGHT).withBright(2 * n / 3, BRIGHT);
        SpectrographFrame science = SpectrographSimulator.render(m.withShift(FLEXURE), sky);
        SpectrographFrame quartz = SpectrographSimulator.render(m, FibreLight.quartz(m, QUARTZ_LEVEL));
        // the arc: lines drawn from the seed over the chip's wavelengths, through a symmetric line-spread function
        // (an asymmetric one would move Gaussian centroids against the true line centres: not modelled yet)
        String letter = switch (chip.name()) {
            case "R" -> "a";
            case "G" -> "b";
            default -> "c";
        };
        Region a = chip.lightSensitive();
        WavelengthModel wave = WavelengthModel.apogee(letter, (H2rgLayout.APOGEE_SIZE - a.width()) / 2 - a.x0());
        int middle = m.fibres()[n / 2];
        LineList lines = LampLines.arc(wave.wavelength(middle, a.x1() - 1), wave.wavelength(middle, a.x0()),
                (int) Math.round(ARC_LINE_DENSITY * a.width()), 1.5, seed * 37 + 5);
        LsfModel lsf = LsfModel.varying(m.fibres(), chip.width(), 2, 1.3, 0, 0.03);
        SpectrographFrame arc = SpectrographSimulator.render(m.withShift(FLEXURE),
                FibreLight.lamp(m, wave, lsf, lines, ARC_BRIGHTEST, 0));
        // the etalon: one cavity for the three chips, its comb over the chip's wavelengths and a margin
        double lo = Math.min(wave.wavelength(middle, a.x1() + 40.0), wave.wavelength(middle, a.x0() - 40.0));
        double hi = Math.max(wave.wavelength(middle, a.x1() + 40.0), wave.wavelength(middle, a.x0() - 40.0));
        SpectrographFrame fpi = SpectrographSimulator.render(m.withShift(FLEXURE), FibreLight.lamp(m, wave, lsf,
                LampLines.etalon(lo, hi, ETALON_LENGTH, ETALON_PHASE), ETALON_PEAK, 0));
        List<ArcLine> listed = LampLines.listed(lines, wave, middle, chipNumber(chip), ARC_LIST_OFFSET, 2);
        return new Scene(chip, response(chip, new SplittableRandom(seed * 31 + 1)), lamp(chip), science.light(),
                science, quartz, arc, fpi, wave, listed);
    }

    /** @return APOGEE's CHIPNUM of a chip: 1 red, 2 green, 3 blue */
    public static int chipNumber(Chip chip) {
        return switch (chip.name()) {
            case "R" -> 1;
            case "G" -> 2;
            default -> 3;
        };
    }

    /** @return the rate of an arc exposure: the lamp through the fibres times pixel response */
    public Image arc() {
        return times(arcFrame.light(), response);
    }

    /** @return the rate of an etalon exposure: its comb through the fibres times pixel response */
    public Image fpi() {
        return times(fpiFrame.light(), response);
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
