package org.drpkit.algorithms.sim;

import java.util.Locale;
import java.util.Objects;

/**
 * The simulator's wavelength solution of one chip, known truth: a polynomial (cubic for the APOGEE chips, up to
 * degree 5) in the detector column plus a small shift that curves along the slit.
 *
 * <p>With {@code X = x + firstColumn} the column on the full 2048-pixel detector and {@code u = (X - 1023.5) / 1024},
 * fibre f (APOGEE fiberID 1..300) sees column x at the vacuum wavelength
 * {@code lambda = c0 + c1 u' + c2 u'^2 + ...} (Angstrom) where {@code u'} is u after moving X by
 * {@code slitCurve ((f - 150.5) / 149.5)^2} columns. Wavelength decreases with x, as on APOGEE.
 *
 * <pre>{@code
 * WavelengthModel w = WavelengthModel.apogee("b", 0);   // the green chip, 15857..16436 A
 * w.wavelength(150, 1023.5);                          // about 16155.8 A
 * w.column(150, 16000.0);                             // the column where fibre 150 sees 16000 A
 * }</pre>
 *
 * @param chip        chip name, for people
 * @param coeff       polynomial coefficients c0..c3 (up to c5), Angstrom
 * @param firstColumn full-detector column of the chip's column 0 (0 for a full chip; the offset of a cut)
 * @param slitCurve   shift of the outermost fibres against the middle ones, columns
 */
public record WavelengthModel(String chip, double[] coeff, int firstColumn, double slitCurve) {

    /** Checks the coefficients: finite, and a monotonic solution over the detector. */
    public WavelengthModel {
        Objects.requireNonNull(chip, "chip");
        coeff = coeff.clone();
        if (coeff.length == 0 || coeff.length > 6) {
            throw new IllegalArgumentException("1 to 6 coefficients, not " + coeff.length);
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

    /**
     * The chip column where fibre {@code fibre}'s polynomial argument is 0: its solution is
     * {@code sum coeff[k] ((x - middle(fibre)) / 1024)^k} exactly, so a test can build the true per-fibre solution
     * ({@code new ChipWavelength(w.coeff(), w.middle(f), 1024)} in {@code algorithms.wave}).
     *
     * @return chip column (0-based)
     */
    public double middle(int fibre) {
        double v = (fibre - 150.5) / 149.5;
        return 1023.5 - firstColumn - slitCurve * v * v;
    }

    /**
     * The truth of an exposure whose spectra fell {@code shift + scale u} columns further along x than this model's
     * ({@code u} the fibre's polynomial argument, 0 at {@link #middle(int)}, 1 at 1024 columns from it): a dither of
     * the detector, or flexure. Exact:
     * the wavelength at column x is this model's at {@code x - shift - scale u}.
     *
     * <pre>{@code
     * WavelengthModel dithered = WavelengthModel.apogee("b", 0).moved(0.5, 0);
     * dithered.column(150, 16000.0) - WavelengthModel.apogee("b", 0).column(150, 16000.0);   // 0.5
     * }</pre>
     *
     * @param shift columns
     * @param scale columns at the detector's edge (u = 1) beyond the shift
     */
    public WavelengthModel moved(double shift, double scale) {
        double beta = 1 - scale / 1024;
        double alpha = -shift / 1024;
        int n = coeff.length;
        double[] q = new double[n];
        for (int k = 0; k < n; k++) {
            double binom = 1;
            for (int j = 0; j <= k; j++) {
                q[j] += coeff[k] * binom * Math.pow(alpha, k - j) * Math.pow(beta, j);
                binom = binom * (k - j) / (j + 1);
            }
        }
        return new WavelengthModel(chip, q, firstColumn, slitCurve);
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
