package org.drpkit.core.lines;

import java.util.Arrays;
import java.util.Objects;

/**
 * A list of emission lines: vacuum wavelength (Angstrom) and relative intensity (arbitrary units, non-negative),
 * sorted by wavelength. Immutable: the arrays are copied in and out.
 *
 * <pre>{@code
 * LineList une = new LineList("UNe", new double[] {15150.115, 16936.004}, new double[] {235, 7441});
 * une.between(15100, 16000).size();   // 1
 * }</pre>
 *
 * @param name       what the lines are, for people (e.g. "UNe", "OH")
 * @param wavelength vacuum wavelengths, Angstrom, finite and positive
 * @param intensity  relative intensities, finite and non-negative
 */
public record LineList(String name, double[] wavelength, double[] intensity) {

    /** Checks lengths and values, copies the arrays and sorts them by wavelength. */
    public LineList {
        Objects.requireNonNull(name, "name");
        if (wavelength.length != intensity.length) {
            throw new IllegalArgumentException(wavelength.length + " wavelengths for " + intensity.length
                    + " intensities");
        }
        Integer[] order = new Integer[wavelength.length];
        for (int i = 0; i < order.length; i++) {
            if (!(wavelength[i] > 0) || !Double.isFinite(wavelength[i]) || !(intensity[i] >= 0)
                    || !Double.isFinite(intensity[i])) {
                throw new IllegalArgumentException("line " + i + ": wavelength " + wavelength[i] + ", intensity "
                        + intensity[i]);
            }
            order[i] = i;
        }
        double[] wl = wavelength;
        Arrays.sort(order, (a, b) -> Double.compare(wl[a], wl[b]));
        double[] w = new double[order.length];
        double[] f = new double[order.length];
        for (int i = 0; i < order.length; i++) {
            w[i] = wavelength[order[i]];
            f[i] = intensity[order[i]];
        }
        wavelength = w;
        intensity = f;
    }

    /** @return number of lines */
    public int size() {
        return wavelength.length;
    }

    /** @return a copy of the wavelengths, Angstrom */
    @Override
    public double[] wavelength() {
        return wavelength.clone();
    }

    /** @return a copy of the intensities */
    @Override
    public double[] intensity() {
        return intensity.clone();
    }

    /** @return the lines with {@code lo <= wavelength < hi} (Angstrom) */
    public LineList between(double lo, double hi) {
        int a = 0;
        while (a < wavelength.length && wavelength[a] < lo) {
            a++;
        }
        int b = a;
        while (b < wavelength.length && wavelength[b] < hi) {
            b++;
        }
        return new LineList(name, Arrays.copyOfRange(wavelength, a, b), Arrays.copyOfRange(intensity, a, b));
    }

    /** @return the largest intensity, 0 for an empty list */
    public double maxIntensity() {
        double m = 0;
        for (double f : intensity) {
            m = Math.max(m, f);
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LineList l && l.name.equals(name) && Arrays.equals(l.wavelength, wavelength)
                && Arrays.equals(l.intensity, intensity);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(wavelength);
    }

    @Override
    public String toString() {
        return wavelength.length == 0 ? "LineList[" + name + ", empty]"
                : String.format("LineList[%s, %d lines, %.3f..%.3f A]", name, wavelength.length, wavelength[0],
                        wavelength[wavelength.length - 1]);
    }
}
