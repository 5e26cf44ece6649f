package org.drpkit.algorithms.resample;

/**
 * How input pixels are turned into output pixels; each method is its own kernel class.
 *
 * <pre>{@code
 * ResampleParams.defaults().withMethod(ResampleMethod.FLUX_CONSERVING);
 * }</pre>
 */
public enum ResampleMethod {
    /**
     * Interpolation with the Lanczos-4 kernel {@code L(t) = sinc(t) sinc(t/4)} on the 8 input pixels around the
     * output wavelength, weights normalised to sum 1; linear interpolation between the two neighbouring pixels where
     * the 8 pixels are not all usable (chip edges, bad pixels). The output samples the input's flux at the grid's
     * wavelengths: right for a band-limited spectrum sampled finer than or close to the grid.
     */
    LANCZOS4,
    /**
     * Rebinning by overlap: each output pixel is the mean flux density over its wavelength interval, from the
     * overlap of input pixel intervals (edges halfway between pixel centres). The integral of flux density over
     * wavelength is conserved, so integrated line fluxes are kept; right when the input is a flux density (per
     * Angstrom) averaged over pixels.
     */
    FLUX_CONSERVING
}
