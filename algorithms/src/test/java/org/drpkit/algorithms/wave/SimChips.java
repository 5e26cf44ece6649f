package org.drpkit.algorithms.wave;

import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.drpkit.algorithms.sim.FibreLight;
import org.drpkit.algorithms.sim.LampLines;
import org.drpkit.algorithms.sim.LsfModel;
import org.drpkit.algorithms.sim.SpectrographModel;
import org.drpkit.algorithms.sim.WavelengthModel;
import org.drpkit.core.image.Spectra;
import org.drpkit.core.instrument.Chip;
import org.drpkit.core.instrument.H2rgLayout;
import org.drpkit.core.lines.LineList;

/** The simulator's three APOGEE chips for the wavelength tests: true solutions, lamps and skies seen through them. */
final class SimChips {

    static final String[] NAMES = {"R", "G", "B"};
    static final String[] LETTERS = {"a", "b", "c"};

    final SpectrographModel[] model = new SpectrographModel[3];
    final WavelengthModel[] wave = new WavelengthModel[3];
    final LsfModel[] lsf = new LsfModel[3];
    final int fibres;

    /**
     * The three chips with the simulator's true wavelengths; a Gaussian LSF (sigma 1.3 px, no Hermite terms: the
     * peak fit's Gaussian matches it, so its centre errors are not inflated by a shape misfit and pulls mean what
     * they say).
     */
    SimChips(int fibres, long seed) {
        this(fibres, seed, new WavelengthModel[] {WavelengthModel.apogee("a", 0), WavelengthModel.apogee("b", 0),
            WavelengthModel.apogee("c", 0)});
    }

    SimChips(int fibres, long seed, WavelengthModel[] truth) {
        this.fibres = fibres;
        for (int c = 0; c < 3; c++) {
            Chip chip = H2rgLayout.apogee(NAMES[c]);
            model[c] = SpectrographModel.apogee(chip, seed + c);
            wave[c] = truth[c];
            lsf[c] = LsfModel.varying(model[c].fibres(), chip.width(), 2, 1.3, 0, 0);
        }
    }

    /** @return fibre number of row k */
    int fibre(int k) {
        return model[0].fibres()[k];
    }

    /** @return the true solution of chip index c (0 red) and row k, as the library writes one */
    ChipWavelength truth(int c, int k) {
        return new ChipWavelength(wave[c].coeff(), wave[c].middle(fibre(k)), 1024);
    }

    /** @return {lo, hi} Angstrom seen by the light-sensitive columns of chip index c (fibre 150) */
    double[] range(int c) {
        var a = model[c].chip().lightSensitive();
        double lo = wave[c].wavelength(150, a.x1() - 1);
        double hi = wave[c].wavelength(150, a.x0());
        return new double[] {Math.min(lo, hi), Math.max(lo, hi)};
    }

    /**
     * @param c       chip index
     * @param moved   the exposure's truth from the night's (a dither, flexure)
     * @param lines   the lamp's lines
     * @param bright  the brightest line's flux, DN/read per fibre
     * @param cont    continuum, DN/read per column
     * @param star    continuum added to every second fibre (a star), DN/read per column
     * @param seed    noise seed
     * @return the first {@link #fibres} rows observed with photon and read noise
     */
    Spectra observe(int c, UnaryOperator<WavelengthModel> moved, LineList lines, double bright, double cont,
            double star, long seed) {
        FibreLight l = FibreLight.lamp(model[c], moved.apply(wave[c]), lsf[c], lines, bright, cont).first(fibres);
        if (star > 0) {
            double[] f = l.flux().clone();
            int w = l.columns();
            for (int k = 0; k < fibres; k += 2) {
                for (int x = 0; x < w; x++) {
                    f[k * w + x] += f[k * w + x] > 0 ? star : 0;
                }
            }
            l = new FibreLight(fibres, w, f, l.kind() + " + stars");
        }
        return l.observe(1.9, 12, seed);
    }

    /** @return an OH-like sky of chip index c: 30 lines at least 2 A apart, intensities over two decades */
    LineList sky(int c, long seed) {
        double[] r = range(c);
        return LampLines.arc(r[0], r[1], 30, 2, seed);
    }

    static double[] row(Spectra s, int k, boolean ivar) {
        double[] out = new double[s.pixels()];
        float[] src = ivar ? s.ivar() : s.flux();
        for (int x = 0; x < out.length; x++) {
            out[x] = src[s.index(k, x)];
        }
        return out;
    }

    /** @return the lines moved in wavelength: {@code lambda (1 + v/c) + add} */
    static LineList shifted(LineList l, double velocity, double add) {
        double[] w = l.wavelength();
        for (int i = 0; i < w.length; i++) {
            w[i] = w[i] * (1 + velocity / WavelengthFit.C_METRES_PER_SECOND) + add;
        }
        return new LineList(l.name(), w, l.intensity());
    }

    static double rms(double[] a) {
        return Math.sqrt(Arrays.stream(a).map(v -> v * v).average().orElse(Double.NaN));
    }
}
