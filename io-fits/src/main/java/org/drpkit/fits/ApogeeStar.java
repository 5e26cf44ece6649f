package org.drpkit.fits;

import java.util.Locale;
import org.drpkit.core.header.Header;

/**
 * The combined spectrum of an APOGEE star product ({@code apStar}), as read by {@link ApogeeSpectrumFiles#readStar}:
 * one row on a log10-uniform wavelength grid, pixel i (0-based) at {@code 10^(log10Start + log10Step i)} Angstrom.
 * A multi-visit file holds more rows (the combinations, then each visit); this record carries row 0, the combined
 * spectrum.
 *
 * <pre>{@code
 * ApogeeStar s = ApogeeSpectrumFiles.readStar(Path.of("apStar-r6-2M03290406+3117075.fits"));
 * s.wavelength(0);   // 10^4.179 = 15100.8 A
 * }</pre>
 *
 * @param file       the file read, for messages
 * @param primary    the primary header
 * @param fluxHeader the FLUX HDU's header (its CRVAL1, CDELT1, NAXIS1 describe the grid)
 * @param pixels     grid pixels (NAXIS1; 8575 for APOGEE DR products)
 * @param rows       rows in the file (1 for a single visit)
 * @param log10Start log10 of pixel 0's wavelength in Angstrom (CRVAL1 moved to CRPIX1 = 1)
 * @param log10Step  step in log10(lambda) per pixel (CDELT1), positive
 * @param flux       FLUX of row 0, 10^-17 erg/s/cm^2/A
 * @param error      ERROR of row 0, 1-sigma, same unit
 * @param mask       MASK of row 0, APOGEE_PIXMASK bits
 */
public record ApogeeStar(String file, Header primary, Header fluxHeader, int pixels, int rows, double log10Start,
        double log10Step, float[] flux, float[] error, int[] mask) {

    /** @return the wavelength of pixel {@code i} (0-based), Angstrom */
    public double wavelength(double i) {
        return Math.pow(10, log10Start + log10Step * i);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ApogeeStar[%s: %d px on a log grid, %.2f .. %.2f A, %d rows]", file,
                pixels, wavelength(0), wavelength(pixels - 1.0), rows);
    }
}
