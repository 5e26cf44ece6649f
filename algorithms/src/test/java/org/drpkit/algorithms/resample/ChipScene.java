package org.drpkit.algorithms.resample;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.special.Erf;
import org.drpkit.algorithms.sim.WavelengthModel;
import org.drpkit.core.image.Spectra;

/**
 * Known truth for resampling tests: a spectrum of a flat continuum and Gaussian lines (flux density per Angstrom,
 * analytic), observed by APOGEE-like chips (the simulator's wavelength solutions of chips a, b, c: 2048 px each,
 * wavelength decreasing with x, a slit curve across fibres), sampled at pixel centres or averaged over pixels, with
 * optional Gaussian noise of a known per-pixel sigma.
 */
final class ChipScene {

    static final String[] CHIPS = {"a", "b", "c"};
    static final int PIXELS = 2048;

    /** A Gaussian line: centre (A), sigma (A), area (flux density x A; negative for absorption). */
    record Line(double centre, double sigma, double area) {
        double density(double lambda) {
            double z = (lambda - centre) / sigma;
            return area / (sigma * Math.sqrt(2 * Math.PI)) * Math.exp(-0.5 * z * z);
        }

        double integral(double lo, double hi) {
            double s = sigma * Math.sqrt(2);
            return 0.5 * area * (Erf.erf((hi - centre) / s) - Erf.erf((lo - centre) / s));
        }
    }

    /** The truth: continuum (flux density) plus lines. */
    record Truth(double continuum, List<Line> lines) {
        double density(double lambda) {
            double f = continuum;
            for (Line l : lines) {
                f += l.density(lambda);
            }
            return f;
        }

        /** @return the mean density over [lo, hi] */
        double mean(double lo, double hi) {
            double f = continuum * (hi - lo);
            for (Line l : lines) {
                f += l.integral(lo, hi);
            }
            return f / (hi - lo);
        }
    }

    private ChipScene() {
    }

    /** @return the wavelength of (fibre row, x) on a chip: the simulator's solution for fibre number row + 1 */
    static double wavelength(WavelengthModel m, int row, double x) {
        return m.wavelength(row + 1, x);
    }

    /**
     * @param fibres   rows
     * @param truth    the spectrum every fibre sees
     * @param averaged pixel-averaged density (else sampled at pixel centres)
     * @param sigma    per-pixel noise sigma (same for every fibre; index chip * PIXELS + x), or null for none (ivar 1)
     * @param seed     noise seed
     * @return chips a, b, c
     */
    static List<Spectra> observe(int fibres, Truth truth, boolean averaged, double[] sigma, long seed) {
        return observe(fibres, truth, averaged, sigma, seed, 1);
    }

    /**
     * As {@link #observe(int, Truth, boolean, double[], long)} with {@code sampling} pixels per detector column
     * (2: half-pixel sampling, as an apVisit's 4096 pixels per chip after dither combination).
     */
    static List<Spectra> observe(int fibres, Truth truth, boolean averaged, double[] sigma, long seed,
            int sampling) {
        List<Spectra> out = new ArrayList<>();
        int px = PIXELS * sampling;
        double half = 0.5 / sampling;
        SplittableRandom r = new SplittableRandom(seed);
        for (int c = 0; c < CHIPS.length; c++) {
            WavelengthModel m = WavelengthModel.apogee(CHIPS[c], 0);
            int n = fibres * px;
            float[] flux = new float[n];
            float[] ivar = new float[n];
            int[] mask = new int[n];
            double[] lambda = new double[n];
            for (int f = 0; f < fibres; f++) {
                for (int x = 0; x < px; x++) {
                    int k = f * px + x;
                    double xn = (x + 0.5) / sampling - 0.5;
                    lambda[k] = wavelength(m, f, xn);
                    double v;
                    if (averaged) {
                        double a = wavelength(m, f, xn + half);
                        double b = wavelength(m, f, xn - half);
                        v = truth.mean(Math.min(a, b), Math.max(a, b));
                    } else {
                        v = truth.density(lambda[k]);
                    }
                    double s = sigma == null ? 1 : sigma[c * px + x];
                    flux[k] = (float) (v + (sigma == null ? 0 : s * r.nextGaussian()));
                    ivar[k] = (float) (1 / (s * s));
                }
            }
            out.add(Spectra.of(fibres, px, flux, ivar, mask, lambda));
        }
        return out;
    }

    /** @return lines of the given sigma (A) and area, four per chip, away from the chip edges */
    static List<Line> linesPerChip(double sigma, double area) {
        List<Line> lines = new ArrayList<>();
        for (String chip : CHIPS) {
            WavelengthModel m = WavelengthModel.apogee(chip, 0);
            for (int q = 0; q < 4; q++) {
                double x = 300 + 430 * q + 17.3 * q * q;
                lines.add(new Line(m.wavelength(1, x), sigma, (q % 2 == 0 ? 1 : -1) * area));
            }
        }
        return lines;
    }
}
