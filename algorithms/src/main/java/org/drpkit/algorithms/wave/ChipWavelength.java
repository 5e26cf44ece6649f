package org.drpkit.algorithms.wave;

import java.util.Arrays;

/**
 * The wavelength solution of one chip (one fibre): a polynomial in {@code u = (x - middle) / halfWidth}, with x the
 * 0-based column.
 *
 * <pre>{@code
 * ChipWavelength w = new ChipWavelength(new double[] {16155.77, -289.4, -10.75, 0.11}, 1023.5, 1024);
 * w.wavelength(1023.5);   // 16155.77 A
 * w.dispersion(1023.5);   // -0.2827 A per column
 * }</pre>
 *
 * @param coeff     coefficients a_0..a_d, Angstrom
 * @param middle    the column where u = 0
 * @param halfWidth columns per unit of u
 */
public record ChipWavelength(double[] coeff, double middle, double halfWidth) {

    /** Checks the coefficients and the scale, copies the array. */
    public ChipWavelength {
        coeff = coeff.clone();
        if (coeff.length == 0 || !Arrays.stream(coeff).allMatch(Double::isFinite) || !(halfWidth > 0)
                || !Double.isFinite(middle)) {
            throw new IllegalArgumentException("a wavelength polynomial needs finite coefficients and a positive scale");
        }
    }

    @Override
    public double[] coeff() {
        return coeff.clone();
    }

    /** @return the polynomial's degree */
    public int degree() {
        return coeff.length - 1;
    }

    /** @return the vacuum wavelength at column x, Angstrom */
    public double wavelength(double x) {
        double u = (x - middle) / halfWidth;
        double s = 0;
        for (int k = coeff.length - 1; k >= 0; k--) {
            s = s * u + coeff[k];
        }
        return s;
    }

    /** @return d(lambda)/dx at column x, Angstrom per column */
    public double dispersion(double x) {
        double u = (x - middle) / halfWidth;
        double s = 0;
        for (int k = coeff.length - 1; k >= 1; k--) {
            s = s * u + k * coeff[k];
        }
        return s / halfWidth;
    }

    /**
     * The rms difference from another solution over the whole columns {@code from .. to}: e.g. an arc-lamp solution
     * against the etalon's over the arc's lines, a cross-check of two independent calibrations.
     *
     * <pre>{@code
     * double d = arc.rmsDifference(fpi, 40, 2000);   // Angstrom; times c / lambda for m/s
     * }</pre>
     *
     * @return Angstrom; NaN when the range holds no whole column
     */
    public double rmsDifference(ChipWavelength other, double from, double to) {
        double ss = 0;
        int n = 0;
        for (long x = (long) Math.ceil(from); x <= to; x++) {
            double d = wavelength(x) - other.wavelength(x);
            ss += d * d;
            n++;
        }
        return n == 0 ? Double.NaN : Math.sqrt(ss / n);
    }

    /** @return the wavelength of every column 0..n-1, Angstrom */
    public double[] wavelengths(int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = wavelength(i);
        }
        return w;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChipWavelength c && Arrays.equals(c.coeff, coeff) && c.middle == middle
                && c.halfWidth == halfWidth;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(coeff) * 31 + Double.hashCode(middle);
    }

    @Override
    public String toString() {
        return String.format("ChipWavelength[degree %d, %.3f A at column %.1f, %.5f A per column]", degree(),
                wavelength(middle), middle, dispersion(middle));
    }
}
