package org.drpkit.core.image;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Extracted spectra: one row per fibre, one column per pixel along the dispersion axis.
 *
 * <p>Flux and inverse variance are {@code float} in the unit of the extraction (e.g. DN/read per fibre);
 * flags are {@link org.drpkit.core.flag.PixelFlag} bits; the optional wavelength is {@code double}, in
 * Angstrom (vacuum), because 1e-4 A at 16000 A is below float precision. Element (fibre f, pixel x) is at
 * {@code f * pixels + x}, with f the 0-based on-detector fibre index.
 *
 * <pre>{@code
 * Spectra s = Spectra.zeros(300, 2048);
 * s.flux()[s.index(10, 1024)] = 42f;
 * s.withWavelength(lambda).wavelength().isPresent();   // true
 * }</pre>
 */
public final class Spectra {

    private final int fibres;
    private final int pixels;
    private final float[] flux;
    private final float[] ivar;
    private final int[] mask;
    private final double[] wavelength;

    private Spectra(int fibres, int pixels, float[] flux, float[] ivar, int[] mask, double[] wavelength) {
        int n = SizeGuard.checkArray(pixels, fibres);
        Objects.requireNonNull(flux, "flux");
        Objects.requireNonNull(ivar, "ivar");
        Objects.requireNonNull(mask, "mask");
        if (flux.length != n || ivar.length != n || mask.length != n || (wavelength != null && wavelength.length != n)) {
            throw new IllegalArgumentException("arrays must hold " + fibres + " fibres x " + pixels + " pixels = " + n);
        }
        this.fibres = fibres;
        this.pixels = pixels;
        this.flux = flux;
        this.ivar = ivar;
        this.mask = mask;
        this.wavelength = wavelength;
    }

    /** @return spectra of zeros (ivar 0: no information) without wavelengths */
    public static Spectra zeros(int fibres, int pixels) {
        int n = SizeGuard.checkArray(pixels, fibres);
        return new Spectra(fibres, pixels, new float[n], new float[n], new int[n], null);
    }

    /** Wraps arrays without copying; {@code wavelength} may be null. */
    public static Spectra of(int fibres, int pixels, float[] flux, float[] ivar, int[] mask, double[] wavelength) {
        return new Spectra(fibres, pixels, flux, ivar, mask, wavelength);
    }

    /** @return the same spectra with a wavelength array (Angstrom, vacuum) attached */
    public Spectra withWavelength(double[] lambda) {
        return new Spectra(fibres, pixels, flux, ivar, mask, Objects.requireNonNull(lambda, "lambda"));
    }

    /** @return number of fibres (rows) */
    public int fibres() {
        return fibres;
    }

    /** @return pixels per fibre (columns) */
    public int pixels() {
        return pixels;
    }

    /** @return the array index of (fibre, pixel) */
    public int index(int fibre, int pixel) {
        if (fibre < 0 || fibre >= fibres || pixel < 0 || pixel >= pixels) {
            throw new IndexOutOfBoundsException("(fibre " + fibre + ", pixel " + pixel + ") outside " + fibres
                    + "x" + pixels);
        }
        return fibre * pixels + pixel;
    }

    /** @return flux array (shared) */
    public float[] flux() {
        return flux;
    }

    /** @return inverse-variance array (shared) */
    public float[] ivar() {
        return ivar;
    }

    /** @return flag array (shared) */
    public int[] mask() {
        return mask;
    }

    /** @return wavelength array in Angstrom (shared), when attached */
    public Optional<double[]> wavelength() {
        return Optional.ofNullable(wavelength);
    }

    /** @return the flux of one fibre as a new array */
    public float[] fluxOf(int fibre) {
        int from = index(fibre, 0);
        return Arrays.copyOfRange(flux, from, from + pixels);
    }

    @Override
    public String toString() {
        return "Spectra[" + fibres + " fibres x " + pixels + " pixels" + (wavelength != null ? ", with wavelength" : "")
                + "]";
    }
}
