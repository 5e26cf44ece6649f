package org.drpkit.cli.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.drpkit.algorithms.sim.FibreLight;
import org.drpkit.algorithms.sim.LampLines;
import org.drpkit.algorithms.sim.LsfModel;
import org.drpkit.algorithms.sim.OhLines;
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
 * profiles, throughputs, one dead fibre) lit by a quartz lamp and by sky and stars. The sky is a continuum and the
 * OH lines of {@link OhLines#synthetic()} at their wavelengths through the chip's true wavelength solution; each
 * science exposure's whole spectrum (sky and stars) falls {@link #ZERO_POINT_SHIFTS} columns further along x than
 * the calibrations' (a zero-point drift the sky lines measure). Everything comes from the seed,
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
 * @param source       the first science exposure's light before the response, DN/read ({@code spectrograph().light()})
 * @param spectrograph the first science exposure's fibre light with its true traces and fluxes (the traces moved by
 *                     {@link #FLEXURE} from the quartz flat's); {@code science().get(0)}
 * @param quartzFrame  the quartz flat's fibre light (before the response, DN/read) and its true traces
 * @param arcFrame     the arc lamp's fibre light (traces as the science exposures'), DN/read
 * @param fpiFrame     the Fabry-Perot etalon's fibre light (traces as the science exposures'), DN/read: peaks at
 *                     {@code 2 L / (m + eps)} for {@link #ETALON_LENGTH} and {@link #ETALON_PHASE}
 * @param wavelength   the true wavelength of every fibre and column ({@link WavelengthModel#apogee} of the chip, cut
 *                     to the demo's columns)
 * @param arcLines     the arc lamp's lines as a line list gives them: vacuum wavelength, the column where a
 *                     reference spectrum had them ({@link #ARC_LIST_OFFSET} columns off this night's middle fibre),
 *                     and USEWAVE unset for a line with another within 2 A
 * @param science      each science exposure's fibre light, in the plan's order, moved by its
 *                     {@link #ZERO_POINT_SHIFTS} entry (traces as the first's)
 */
public record Scene(Chip chip, Image response, Image lamp, Image source, SpectrographFrame spectrograph,
        SpectrographFrame quartzFrame, SpectrographFrame arcFrame, SpectrographFrame fpiFrame, WavelengthModel wavelength,
        List<ArcLine> arcLines, List<SpectrographFrame> science) {

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

    /**
     * Integrated flux of an OH line of intensity 1 (the brightest of {@link OhLines#synthetic()}), DN/read per fibre:
     * peaks of about 1400 DN/read per column (some 500 DN/read in a trace's brightest pixel, 12000 DN over 24 reads,
     * well below saturation). A sky fibre then gets about as much light per chip as from the 40 random lines of the
     * scene before (at a third of this, a sky fibre's few DN/read per column left its relative fluxing at 0.3 % rms,
     * against 0.05 % for the stars, and a fibre's sky-line shift an error of 0.01 column).
     */
    public static final double SKY_LINE_FLUX = 4500;
    /** The sky's continuum, DN/read per fibre and column. */
    public static final double SKY_CONTINUUM = 3;
    /**
     * How far each science exposure's spectrum (sky and stars) falls along x beyond the calibrations', columns, in the
     * plan's order of science exposures: 0, +32, -22 and +11 m/s (about 5.4 km/s per column over the three chips).
     * The etalon and arc are not moved, so the night's solution is the truth of the first exposure only; the sky lines
     * of each exposure measure its drift ({@code SkyTweak}).
     */
    static final double[] ZERO_POINT_SHIFTS = {0, 0.006, -0.004, 0.002};

    /** @return the scene of one chip for a seed */
    public static Scene of(Chip chip, long seed) {
        SpectrographModel m = SpectrographModel.apogee(chip, seed);
        int n = m.fibres().length;
        m = m.withDead(m.fibres()[n / 2 + 1]);
        Region a = chip.lightSensitive();
        String letter = switch (chip.name()) {
            case "R" -> "a";
            case "G" -> "b";
            default -> "c";
        };
        WavelengthModel wave = WavelengthModel.apogee(letter, (H2rgLayout.APOGEE_SIZE - a.width()) / 2 - a.x0());
        LsfModel lsf = LsfModel.varying(m.fibres(), chip.width(), 2, 1.3, 0, 0.03);
        // the science exposures: stars and the OH sky, each exposure moved by its zero-point drift
        List<SpectrographFrame> exposures = new ArrayList<>();
        for (double shift : ZERO_POINT_SHIFTS) {
            FibreLight light = FibreLight.stars(m, seed, shift).plus(sky(m, wave.moved(shift, 0), lsf))
                    .withBright(n / 3, BRIGHT).withBright(2 * n / 3, BRIGHT);
            exposures.add(SpectrographSimulator.render(m.withShift(FLEXURE), light));
        }
        SpectrographFrame science = exposures.get(0);
        SpectrographFrame quartz = SpectrographSimulator.render(m, FibreLight.quartz(m, QUARTZ_LEVEL));
        // the arc: lines drawn from the seed over the chip's wavelengths, through a symmetric line-spread function
        // (an asymmetric one would move Gaussian centroids against the true line centres: not modelled yet)
        int middle = m.fibres()[n / 2];
        LineList lines = LampLines.arc(wave.wavelength(middle, a.x1() - 1), wave.wavelength(middle, a.x0()),
                (int) Math.round(ARC_LINE_DENSITY * a.width()), 1.5, seed * 37 + 5);
        SpectrographFrame arc = SpectrographSimulator.render(m.withShift(FLEXURE),
                FibreLight.lamp(m, wave, lsf, lines, ARC_BRIGHTEST, 0));
        // the etalon: one cavity for the three chips, its comb over the chip's wavelengths and a margin
        double lo = Math.min(wave.wavelength(middle, a.x1() + 40.0), wave.wavelength(middle, a.x0() - 40.0));
        double hi = Math.max(wave.wavelength(middle, a.x1() + 40.0), wave.wavelength(middle, a.x0() - 40.0));
        SpectrographFrame fpi = SpectrographSimulator.render(m.withShift(FLEXURE), FibreLight.lamp(m, wave, lsf,
                LampLines.etalon(lo, hi, ETALON_LENGTH, ETALON_PHASE), ETALON_PEAK, 0));
        List<ArcLine> listed = LampLines.listed(lines, wave, middle, chipNumber(chip), ARC_LIST_OFFSET, 2);
        return new Scene(chip, response(chip, new SplittableRandom(seed * 31 + 1)), lamp(chip), science.light(),
                science, quartz, arc, fpi, wave, listed, List.copyOf(exposures));
    }

    /**
     * The night sky on the chip: {@link #SKY_CONTINUUM} and every OH line of {@link OhLines#synthetic()} at the
     * columns where each fibre sees its wavelength, at {@link #SKY_LINE_FLUX} per unit intensity.
     */
    static FibreLight sky(SpectrographModel m, WavelengthModel wave, LsfModel lsf) {
        Region a = m.chip().lightSensitive();
        // the lines FibreLight.lamp takes, whose brightest it scales to the flux given
        double l0 = wave.wavelength(m.fibres()[0], a.x0() - 20);
        double l1 = wave.wavelength(m.fibres()[0], a.x1() + 20);
        LineList oh = OhLines.synthetic();
        double brightest = oh.between(Math.min(l0, l1), Math.max(l0, l1)).maxIntensity();
        return FibreLight.nightSky(m, wave, lsf, oh, SKY_LINE_FLUX * brightest, SKY_CONTINUUM);
    }

    /** @return the true wavelength of every fibre and column in science exposure k (plan order) */
    public WavelengthModel wavelength(int k) {
        return wavelength.moved(ZERO_POINT_SHIFTS[k], 0);
    }

    /** @return the zero-point drift of science exposure k (plan order), columns */
    public static double zeroPointShift(int k) {
        return ZERO_POINT_SHIFTS[k];
    }

    /** @return the rate of science exposure k (plan order): its fibre light times pixel response */
    public Image object(int k) {
        return times(science.get(k).light(), response);
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
