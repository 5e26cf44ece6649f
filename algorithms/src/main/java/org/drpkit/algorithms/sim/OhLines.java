package org.drpkit.algorithms.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.drpkit.core.lines.LineList;

/**
 * A synthetic list of the night sky's OH emission lines in the H band, computed from the molecule's constants, for
 * simulations that must not depend on a line list file: fixed vacuum wavelengths (the same on every run), the
 * Meinel bands' level structure and a rotational temperature, so the lines fall where, and about as densely and as
 * unevenly bright as, the real ones do.
 *
 * <p>The model: vibrational levels {@code G(v) = we x - wexe x^2 + weye x^3 + weze x^4} ({@code x = v + 1/2}), the
 * rotational levels of the X 2Pi state in intermediate coupling (Hill and Van Vleck: {@code F1,2(J) = Bv [(J+1/2)^2
 * - 1 -+ sqrt(4 (J+1/2)^2 + Y (Y - 4)) / 2] - Dv [(J+1/2)^2 - 1]^2}, {@code Y = A / Bv}), and the P, Q and R branches
 * within each spin component of the Delta v = 2 bands (2-0) to (6-4); lambda-doublets are one line at their
 * centre (APOGEE does not resolve them). Intensities: upper levels populated at {@link #ROTATIONAL_TEMPERATURE}
 * (both spin ladders from the lowest level), Hund's case (a) line strengths, {@code nu^3}, and a fixed strength per
 * band. The constants are the literature's rounded values, and {@code weze} was chosen so the band origins fall
 * where the real lines do: against the 79 single-branch OH features of ApogeeReduction.jl's {@code APOGEE_lines.csv}
 * the positions are off by -7 .. +13 A (median +0.5 A; {@code OhLinesTest}), so this is not a list to calibrate real
 * data with, only a sky with a real sky's shape.
 *
 * <pre>{@code
 * LineList oh = OhLines.synthetic();            // 100 lines, 14900 .. 17300 A, brightest intensity 1
 * FibreLight sky = FibreLight.nightSky(model, wave, lsf, oh, 1200, 3);
 * }</pre>
 */
public final class OhLines {

    /** Shortest wavelength listed, Angstrom. */
    public static final double MIN_WAVELENGTH = 14900;
    /** Longest wavelength listed, Angstrom. */
    public static final double MAX_WAVELENGTH = 17300;
    /** Rotational temperature of the emitting layer, K (the mesopause). */
    public static final double ROTATIONAL_TEMPERATURE = 190;
    /** Lines fainter than this fraction of the brightest are not listed. */
    public static final double FAINTEST = 1e-3;

    private static final double WE = 3737.761;
    private static final double WEXE = 84.8813;
    private static final double WEYE = 0.5409;
    private static final double WEZE = -0.025;
    private static final double BE = 18.9108;
    private static final double ALPHA_E = 0.7242;
    private static final double DE = 0.00194;
    private static final double SPIN_ORBIT = -139.7;
    /** hc/k, cm K. */
    private static final double C2 = 1.4388;
    /** Upper and lower vibrational levels of the bands, and each band's relative strength. */
    private static final double[][] BANDS = {{2, 0, 0.3}, {3, 1, 1.0}, {4, 2, 1.0}, {5, 3, 0.9}, {6, 4, 0.6}};

    private static final LineList LIST = build();

    private OhLines() {
    }

    /** @return the synthetic OH list, named "OH-synthetic", wavelengths ascending, intensities relative (max 1) */
    public static LineList synthetic() {
        return LIST;
    }

    /**
     * @param vUpper upper vibrational level
     * @param vLower lower vibrational level
     * @param spin   1 for the F1 (2Pi 3/2) ladder, 2 for F2 (2Pi 1/2)
     * @param jUpper upper level's J
     * @param jLower lower level's J
     * @return the line's vacuum wavenumber, cm^-1
     */
    static double wavenumber(int vUpper, int vLower, int spin, double jUpper, double jLower) {
        return g(vUpper) + f(vUpper, jUpper, spin) - g(vLower) - f(vLower, jLower, spin);
    }

    private static double g(int v) {
        double x = v + 0.5;
        return WE * x - WEXE * x * x + WEYE * x * x * x + WEZE * x * x * x * x;
    }

    private static double f(int v, double j, int spin) {
        double b = BE - ALPHA_E * (v + 0.5);
        double y = SPIN_ORBIT / b;
        double k = (j + 0.5) * (j + 0.5);
        double root = Math.sqrt(4 * k + y * (y - 4));
        return b * (k - 1 + (spin == 1 ? -0.5 : 0.5) * root) - DE * (k - 1) * (k - 1);
    }

    private static LineList build() {
        List<double[]> lines = new ArrayList<>();
        for (double[] band : BANDS) {
            int vu = (int) band[0];
            int vl = (int) band[1];
            double lowest = f(vu, 1.5, 1);
            for (int spin = 1; spin <= 2; spin++) {
                double omega = spin == 1 ? 1.5 : 0.5;
                for (int k = 0; k < 16; k++) {
                    double ju = omega + k;
                    double population = (2 * ju + 1) * Math.exp(-C2 * (f(vu, ju, spin) - lowest)
                            / ROTATIONAL_TEMPERATURE);
                    for (int branch = -1; branch <= 1; branch++) {   // P (J'' = J' + 1), Q, R (J'' = J' - 1)
                        double jl = ju - branch;
                        if (jl < omega) {
                            continue;
                        }
                        double strength = switch (branch) {
                            case -1 -> ((ju + 1) * (ju + 1) - omega * omega) / (ju + 1);
                            case 0 -> (2 * ju + 1) * omega * omega / (ju * (ju + 1));
                            default -> (ju * ju - omega * omega) / ju;
                        };
                        double nu = wavenumber(vu, vl, spin, ju, jl);
                        double lambda = 1e8 / nu;
                        if (lambda >= MIN_WAVELENGTH && lambda <= MAX_WAVELENGTH && strength > 0) {
                            lines.add(new double[] {lambda, band[2] * population / (2 * ju + 1) * strength
                                    * Math.pow(nu / 1e4, 3)});
                        }
                    }
                }
            }
        }
        double max = lines.stream().mapToDouble(l -> l[1]).max().orElse(1);
        List<double[]> kept = lines.stream().filter(l -> l[1] >= FAINTEST * max)
                .sorted(Comparator.comparingDouble(l -> l[0])).toList();
        return new LineList("OH-synthetic", kept.stream().mapToDouble(l -> l[0]).toArray(),
                kept.stream().mapToDouble(l -> l[1] / max).toArray());
    }
}
