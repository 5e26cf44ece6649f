package org.drpkit.algorithms.wave;

import java.util.Arrays;
import org.drpkit.algorithms.stats.Polynomials;

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

    /**
     * The column where this solution gives wavelength lambda: Newton's method from the linear solution (the
     * polynomial must be monotonic there).
     *
     * <pre>{@code
     * double x = w.column(16000.0);   // w.wavelength(x) == 16000 to 1e-9 A
     * }</pre>
     *
     * @param lambda vacuum wavelength, Angstrom
     * @return the column, 0-based (may lie outside the chip; NaN when the iteration does not settle)
     */
    public double column(double lambda) {
        double u = coeff.length > 1 ? (lambda - coeff[0]) / coeff[1] : 0;
        for (int it = 0; it < 50; it++) {
            double d = Polynomials.derivative(coeff, u);
            if (d == 0) {
                return Double.NaN;
            }
            double step = (Polynomials.value(coeff, u) - lambda) / d;
            u -= step;
            if (Math.abs(step) < 1e-13) {
                return middle + halfWidth * u;
            }
        }
        return Double.NaN;
    }

    /**
     * The solution of a spectrum moved along x by {@code shift + scale u} columns ({@code u = (x - middle) /
     * halfWidth}): a dither or flexure, as {@link DitherFit} measures it. Exact: {@code lambda'(x) =
     * lambda(x - shift - scale u)} is a polynomial of the same degree.
     *
     * <pre>{@code
     * ChipWavelength moved = night.moved(0.5, 0);   // the spectrum fell half a column further right
     * moved.wavelength(1000.5) == night.wavelength(1000);
     * }</pre>
     *
     * @param shift columns at the middle
     * @param scale columns at u = 1 beyond the shift (the stretch)
     * @return the moved solution
     */
    public ChipWavelength moved(double shift, double scale) {
        double beta = 1 - scale / halfWidth;
        if (!(beta > 0)) {
            throw new IllegalArgumentException("a scale of " + scale + " columns folds the chip");
        }
        return new ChipWavelength(Polynomials.composeAffine(coeff, -shift / halfWidth, beta), middle, halfWidth);
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
