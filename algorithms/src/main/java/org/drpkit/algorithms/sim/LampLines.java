package org.drpkit.algorithms.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.drpkit.core.lines.ArcLine;
import org.drpkit.core.lines.LineList;

/**
 * Line lists for simulated calibration lamps, with known truth: an arc lamp's lines drawn from a seed, a Fabry-Perot
 * etalon's comb of a given cavity, and the arc lines as a line list gives them to a pipeline (the column where a
 * reference spectrum had each line, USEWAVE unset for blends).
 *
 * <pre>{@code
 * WavelengthModel wave = WavelengthModel.apogee("b", 0);
 * LineList arc = LampLines.arc(wave.wavelength(150, 2047), wave.wavelength(150, 0), 120, 0, 8);
 * List<ArcLine> listed = LampLines.listed(arc, wave, 150, 2, -1.4, 2);
 * LineList etalon = LampLines.etalon(15840, 16450, 3.7363125e7, 0.225);
 * }</pre>
 */
public final class LampLines {

    private LampLines() {
    }

    /**
     * @param lo            shortest wavelength, Angstrom
     * @param hi            longest wavelength, Angstrom
     * @param count         number of lines
     * @param minSeparation smallest distance between two lines, Angstrom (0: none)
     * @param seed          the draw's seed
     * @return lines uniform in wavelength, intensities log-uniform over two decades
     */
    public static LineList arc(double lo, double hi, int count, double minSeparation, long seed) {
        if (!(hi > lo) || count < 1 || count * minSeparation > 0.5 * (hi - lo)) {
            throw new IllegalArgumentException(count + " lines " + minSeparation + " A apart in " + lo + ".." + hi);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Double> picked = new ArrayList<>();
        while (picked.size() < count) {
            double l = lo + (hi - lo) * rnd.nextDouble();
            if (picked.stream().allMatch(q -> Math.abs(q - l) >= minSeparation)) {
                picked.add(l);
            }
        }
        double[] w = picked.stream().mapToDouble(Double::doubleValue).toArray();
        double[] f = new double[w.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = Math.pow(10, 2 * rnd.nextDouble());
        }
        return new LineList("sim-arc", w, f);
    }

    /**
     * @param lo     shortest wavelength, Angstrom
     * @param hi     longest wavelength, Angstrom
     * @param length cavity length L, Angstrom
     * @param phase  eps
     * @return every order's peak {@code 2L/(m + eps)} in lo..hi, intensity 1
     */
    public static LineList etalon(double lo, double hi, double length, double phase) {
        int m0 = (int) Math.ceil(2 * length / hi - phase);
        int m1 = (int) Math.floor(2 * length / lo - phase);
        if (m1 < m0) {
            throw new IllegalArgumentException("no etalon order in " + lo + ".." + hi + " A");
        }
        double[] w = new double[m1 - m0 + 1];
        double[] f = new double[w.length];
        for (int k = 0; k < w.length; k++) {
            w[k] = 2 * length / (m0 + k + phase);
            f[k] = 1;
        }
        return new LineList("etalon", w, f);
    }

    /**
     * @param lines  the lamp's lines
     * @param wave   the true wavelength solution
     * @param fibre  the fibre whose columns the list records
     * @param chip   CHIPNUM of the list's rows
     * @param offset columns added to the true column (the list was made on another night)
     * @param blend  a line with another within this many Angstrom is marked USEWAVE = 0, as list curators do
     * @return the list's rows, ids 1..n in wavelength order
     */
    public static List<ArcLine> listed(LineList lines, WavelengthModel wave, int fibre, int chip, double offset,
            double blend) {
        double[] w = lines.wavelength();
        double[] f = lines.intensity();
        List<ArcLine> out = new ArrayList<>();
        for (int k = 0; k < w.length; k++) {
            boolean alone = (k == 0 || w[k] - w[k - 1] > blend) && (k == w.length - 1 || w[k + 1] - w[k] > blend);
            out.add(new ArcLine(Integer.toString(k + 1), chip, wave.column(fibre, w[k]) + offset, w[k], f[k], "sim",
                    alone, -1));
        }
        return List.copyOf(out);
    }
}
