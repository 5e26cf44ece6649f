package org.drpkit.algorithms.resample;

import java.util.List;
import java.util.Locale;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.header.Card;
import org.drpkit.core.header.Header;

/**
 * A log10-uniform wavelength grid: pixel {@code i} (0-based) is at {@code lambda_i = 10^(log10Start + log10Step i)}
 * Angstrom (vacuum), for {@code i = 0 .. count-1}. Pixel {@code i} spans {@code 10^(log10Start + log10Step (i +- 0.5))}.
 *
 * <pre>{@code
 * LogGrid g = LogGrid.apogee();   // 8700 px, 15074.76 .. 16999.81 A, 4.142 km/s per px
 * g.wavelength(0);                // 15074.757... A
 * g.pixelOf(16000.0);             // fractional pixel of 16000 A
 * }</pre>
 *
 * @param log10Start log10 of the first pixel's wavelength in Angstrom (FITS CRVAL1 at CRPIX1 = 1)
 * @param log10Step  step in log10(lambda) per pixel, positive (FITS CDELT1)
 * @param count      number of pixels (FITS NAXIS1)
 */
public record LogGrid(double log10Start, double log10Step, int count) {

    /** Start of the APOGEE grid (spec 2.18: {@code lambda_i = 10^(4.17825 + 6e-6 (i-1))}, i = 1..8700). */
    public static final double APOGEE_LOG10_START = 4.17825;
    /** Step of the APOGEE grid in log10(lambda). */
    public static final double APOGEE_LOG10_STEP = 6e-6;
    /** Pixels of the APOGEE grid. */
    public static final int APOGEE_COUNT = 8700;
    /** The largest grid accepted from a header: far beyond any spectrum, small enough to allocate. */
    public static final int MAX_COUNT = 1 << 24;
    /** Speed of light, km/s. */
    static final double C_KM_S = 299_792.458;

    /** Validates. */
    public LogGrid {
        if (!Double.isFinite(log10Start) || !(log10Step > 0) || !Double.isFinite(log10Step) || count < 1
                || count > MAX_COUNT || !Double.isFinite(Math.pow(10, log10Start + log10Step * count))) {
            throw new IllegalArgumentException("not a usable log grid: start " + log10Start + ", step " + log10Step
                    + ", count " + count);
        }
    }

    /** @return the APOGEE grid of the spec: 8700 px from 15074.76 A, 6e-6 in log10(lambda) per pixel */
    public static LogGrid apogee() {
        return new LogGrid(APOGEE_LOG10_START, APOGEE_LOG10_STEP, APOGEE_COUNT);
    }

    /**
     * @param log10Start log10 of the first pixel's wavelength (Angstrom)
     * @param log10Step  step in log10(lambda), positive
     * @param count      pixels
     * @return the grid
     */
    public static LogGrid of(double log10Start, double log10Step, int count) {
        return new LogGrid(log10Start, log10Step, count);
    }

    /**
     * The grid of a FITS header with a log-linear wavelength axis 1, such as an apStar HDU's: {@code CRVAL1},
     * {@code CDELT1}, {@code NAXIS1} and {@code CRPIX1} (1 when absent). {@code CTYPE1}, when present, must be
     * {@code LOG-LINEAR}, and {@code DC-FLAG}, when present, 1 (log10 dispersion).
     *
     * <pre>{@code
     * LogGrid g = LogGrid.fromHeader(starFluxHeader);   // apStar: 8575 px from 10^4.179 A
     * }</pre>
     *
     * @param h the header; not modified
     * @return the grid
     * @throws DrpException a header code for a missing or mistyped keyword, {@code RESAMPLE_BAD_GRID} (naming the
     *                      header's file, HDU and keyword) for a linear axis or impossible values
     */
    public static LogGrid fromHeader(Header h) throws DrpException {
        Location at = h.origin();
        String ctype = h.getString("CTYPE1").orElse("LOG-LINEAR").trim();
        if (!ctype.equalsIgnoreCase("LOG-LINEAR")) {
            throw new DrpException(ResampleErrorCode.RESAMPLE_BAD_GRID, at.keyword("CTYPE1"), "axis 1 is '" + ctype
                    + "', not a log-linear wavelength axis (LOG-LINEAR)");
        }
        long dc = h.getLong("DC-FLAG").orElse(1L);
        if (dc != 1) {
            throw new DrpException(ResampleErrorCode.RESAMPLE_BAD_GRID, at.keyword("DC-FLAG"), "DC-FLAG is " + dc
                    + ", not 1 (log10 dispersion)");
        }
        double crval = h.requireDouble("CRVAL1");
        double cdelt = h.requireDouble("CDELT1");
        long n = h.requireLong("NAXIS1");
        double crpix = h.getDouble("CRPIX1").orElse(1.0);
        double start = crval + (1 - crpix) * cdelt;
        if (!Double.isFinite(start) || start < -300 || start > 300) {
            throw new DrpException(ResampleErrorCode.RESAMPLE_BAD_GRID, at.keyword("CRVAL1"), "log10 wavelength "
                    + crval + " at pixel " + crpix + " is not a wavelength");
        }
        if (!(cdelt > 0) || !Double.isFinite(cdelt)) {
            throw new DrpException(ResampleErrorCode.RESAMPLE_BAD_GRID, at.keyword("CDELT1"), "step " + cdelt
                    + " must be positive and finite");
        }
        if (n < 1 || n > MAX_COUNT || !Double.isFinite(Math.pow(10, start + cdelt * n))) {
            throw new DrpException(ResampleErrorCode.RESAMPLE_BAD_GRID, at.keyword("NAXIS1"), n
                    + " pixels of step " + cdelt + " from " + start + " is not a usable grid (at most " + MAX_COUNT
                    + " pixels of finite wavelength)");
        }
        return new LogGrid(start, cdelt, (int) n);
    }

    /** @return the wavelength of pixel {@code i} (0-based, may be fractional), Angstrom */
    public double wavelength(double i) {
        return Math.pow(10, log10Start + log10Step * i);
    }

    /** @return the fractional 0-based pixel of {@code lambda} (Angstrom); outside 0..count-1 when off the grid */
    public double pixelOf(double lambda) {
        return (Math.log10(lambda) - log10Start) / log10Step;
    }

    /** @return every pixel's wavelength, Angstrom (a new array of {@code count}) */
    public double[] wavelengths() {
        double[] w = new double[count];
        for (int i = 0; i < count; i++) {
            w[i] = wavelength(i);
        }
        return w;
    }

    /** @return the {@code count + 1} pixel edges, Angstrom, halfway in log10(lambda) between pixel centres */
    public double[] edges() {
        double[] e = new double[count + 1];
        for (int i = 0; i <= count; i++) {
            e[i] = wavelength(i - 0.5);
        }
        return e;
    }

    /** @return the velocity width of one pixel, km/s ({@code c ln(10) log10Step}) */
    public double kmPerSecondPerPixel() {
        return C_KM_S * Math.log(10) * log10Step;
    }

    /**
     * @return the FITS cards that describe this grid on axis 1: {@code CTYPE1 = 'LOG-LINEAR'}, {@code CRPIX1 = 1},
     *         {@code CRVAL1}, {@code CDELT1}, {@code DC-FLAG = 1} (read back by {@link #fromHeader})
     */
    public List<Card> fitsCards() {
        return List.of(new Card("CTYPE1", "LOG-LINEAR", "log10(lambda / Angstrom), vacuum"),
                new Card("CRPIX1", 1L, "reference pixel (1-based)"),
                new Card("CRVAL1", log10Start, "log10(lambda / Angstrom) at CRPIX1"),
                new Card("CDELT1", log10Step, "log10(lambda) step per pixel"),
                new Card("DC-FLAG", 1L, "1: log10 dispersion"));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "LogGrid[%d px, log10(lambda/A) = %.6f + %.4g i, %.2f .. %.2f A, %.3f km/s"
                + " per px]", count, log10Start, log10Step, wavelength(0), wavelength(count - 1.0),
                kmPerSecondPerPixel());
    }
}
