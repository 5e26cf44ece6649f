package org.drpkit.fits;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Spectra;

/**
 * One APOGEE visit spectrum (an {@code apVisit} product) as read by {@link ApogeeSpectrumFiles#readVisit}: per chip
 * (row c, in the file's order: chip a, red, first) and pixel (x, NAXIS1), element {@code c * pixels + x}.
 *
 * <pre>{@code
 * ApogeeVisit v = ApogeeSpectrumFiles.readVisit(Path.of("apVisit-2M00452143+1634446-0.fits"));
 * List<Spectra> chips = v.chips();   // one 1-fibre Spectra per chip, ivar = 1/ERROR^2, wavelengths attached
 * }</pre>
 *
 * @param file          the file read, for messages
 * @param primary       the primary header (object, MJD, fibre, S/N, ...)
 * @param chipCount     chips (NAXIS2; 3 for APOGEE)
 * @param pixels        pixels per chip (NAXIS1; 4096 for a dither-combined visit)
 * @param flux          FLUX, 10^-17 erg/s/cm^2/A (the product's BUNIT)
 * @param error         ERROR, 1-sigma, same unit (very large where the pipeline gave up on a pixel)
 * @param mask          MASK, the product's own flag bits (APOGEE_PIXMASK: bit 0 BADPIX .. bit 14 NOT_ENOUGH_PSF;
 *                      {@link ApogeeSpectrumFiles#PIXMASK_BAD_BITS} are the ones that make a pixel unusable)
 * @param wavelength    WAVELENGTH, vacuum Angstrom per pixel (decreasing along each chip in APOGEE products)
 * @param sky           SKY, the subtracted sky spectrum (flux unit), when the file has it
 * @param skyError      SKYERR, when present
 * @param telluric      TELLURIC, the telluric correction divided out (unitless), when present
 * @param telluricError TELERR, when present
 * @param lsfCoefficients LSFCOEF, {@code chipCount} rows of {@code lsfTerms} coefficients of the line-spread function
 *                      (upstream's parametrisation, carried as is), when present
 * @param lsfTerms      coefficients per chip in {@code lsfCoefficients}, 0 when absent
 */
public record ApogeeVisit(String file, Header primary, int chipCount, int pixels, float[] flux, float[] error,
        int[] mask, double[] wavelength, Optional<float[]> sky, Optional<float[]> skyError,
        Optional<float[]> telluric, Optional<float[]> telluricError, Optional<double[]> lsfCoefficients,
        int lsfTerms) {

    /**
     * @return each chip as spectra of one fibre: flux, ivar {@code 1/error^2} (0 where the error is not finite and
     *         positive), the product's mask bits, wavelengths; arrays are copies
     */
    public List<Spectra> chips() {
        List<Spectra> out = new ArrayList<>(chipCount);
        for (int c = 0; c < chipCount; c++) {
            int from = c * pixels;
            float[] f = new float[pixels];
            float[] iv = new float[pixels];
            int[] m = new int[pixels];
            double[] w = new double[pixels];
            for (int x = 0; x < pixels; x++) {
                f[x] = flux[from + x];
                float e = error[from + x];
                iv[x] = e > 0 && Float.isFinite(e) ? (float) (1.0 / ((double) e * e)) : 0f;
                m[x] = mask[from + x];
                w[x] = wavelength[from + x];
            }
            out.add(Spectra.of(1, pixels, f, iv, m, w));
        }
        return out;
    }

    @Override
    public String toString() {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        long bad = 0;
        for (int k = 0; k < wavelength.length; k++) {
            lo = Math.min(lo, wavelength[k]);
            hi = Math.max(hi, wavelength[k]);
            bad += (mask[k] & ApogeeSpectrumFiles.PIXMASK_BAD_BITS) != 0 ? 1 : 0;
        }
        StringBuilder extra = new StringBuilder();
        sky.ifPresent(s -> extra.append(", SKY"));
        telluric.ifPresent(s -> extra.append(", TELLURIC"));
        lsfCoefficients.ifPresent(s -> extra.append(", LSFCOEF (").append(lsfTerms).append(" per chip)"));
        return String.format(Locale.ROOT, "ApogeeVisit[%s: %d chips x %d px, %.2f .. %.2f A, %.1f%% of pixels "
                + "flagged bad%s]", file, chipCount, pixels, lo, hi, 100.0 * bad / Math.max(1, mask.length), extra);
    }
}
