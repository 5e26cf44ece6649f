package org.drpkit.algorithms.resample;

import java.util.Locale;
import org.drpkit.core.image.Spectra;

/**
 * Spectra on a common log-uniform grid: one row per fibre, the chips combined, with what the resampling could and
 * could not do.
 *
 * <pre>{@code
 * ResampledSpectra r = Resample.exposure(chips, LogGrid.apogee(), ResampleParams.defaults(), 2);
 * r.spectra().fluxOf(150);   // fibre 150 on the 8700-pixel grid
 * }</pre>
 *
 * @param grid          the output grid (wavelength of pixel i: {@code grid.wavelength(i)}, Angstrom)
 * @param method        the kernel used
 * @param spectra       fibres x {@code grid.count()}: flux in the input's unit (a flux density for
 *                      {@link ResampleMethod#FLUX_CONSERVING}), ivar in 1/unit^2 (0 where not covered; covariance
 *                      between neighbouring output pixels is not carried), flags: the OR of the flags of the input
 *                      pixels used, or {@code ExtraFlag.NOT_COVERED} plus the flags of the unusable pixels there;
 *                      no wavelength array (the grid gives it)
 * @param coveredPixels output pixels with data, all fibres
 * @param linearPixels  covered pixels that used the linear fallback (Lanczos only: chip edges and next to bad pixels)
 * @param emptyFibres   fibres with no covered pixel at all (ivar 0 everywhere, never NaN)
 * @param unusableChips (fibre, chip) pairs left out because the fibre's wavelengths on the chip are not finite and
 *                      strictly monotonic
 */
public record ResampledSpectra(LogGrid grid, ResampleMethod method, Spectra spectra, long coveredPixels,
        long linearPixels, int emptyFibres, int unusableChips) {

    /** @return output pixels without data, all fibres */
    public long notCoveredPixels() {
        return (long) spectra.fibres() * spectra.pixels() - coveredPixels;
    }

    @Override
    public String toString() {
        long all = (long) spectra.fibres() * spectra.pixels();
        return String.format(Locale.ROOT, "ResampledSpectra[%d fibres on %d px (%.2f .. %.2f A), %s: %.1f%% of "
                + "pixels covered, %.2f%% by the linear fallback, %d fibres without coverage, %d chips with unusable "
                + "wavelengths]", spectra.fibres(), grid.count(), grid.wavelength(0), grid.wavelength(grid.count() - 1.0),
                method, 100.0 * coveredPixels / all, 100.0 * linearPixels / all, emptyFibres, unusableChips);
    }
}
