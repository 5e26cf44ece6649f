package org.drpkit.core.image;

import java.util.Objects;

/**
 * An image with its inverse-variance companion and flags: the unit that calibrated data travels in.
 *
 * <p>{@code ivar} is {@code 1 / variance} in the inverse square of the flux unit (e.g. (DN/read)^-2 for a
 * rate in DN/read); 0 means "no information". All three share one shape.
 *
 * <pre>{@code
 * MaskedImage m = MaskedImage.of(rate, ivar, Mask.zeros(rate.width(), rate.height()));
 * m.rows(0, 16);   // views of the same 16 rows of all three
 * }</pre>
 *
 * @param flux pixel values
 * @param ivar inverse variance of each pixel
 * @param mask {@link org.drpkit.core.flag.PixelFlag} bits of each pixel
 */
public record MaskedImage(Image flux, Image ivar, Mask mask) {

    /** Checks that the three grids have the same shape. */
    public MaskedImage {
        Objects.requireNonNull(flux, "flux");
        Objects.requireNonNull(ivar, "ivar");
        Objects.requireNonNull(mask, "mask");
        flux.requireSameShape(ivar, "ivar");
        flux.requireSameShape(mask, "mask");
    }

    /** @return a masked image of the three grids */
    public static MaskedImage of(Image flux, Image ivar, Mask mask) {
        return new MaskedImage(flux, ivar, mask);
    }

    /** @return pixels per row */
    public int width() {
        return flux.width();
    }

    /** @return number of rows */
    public int height() {
        return flux.height();
    }

    /** @return views of rows {@code y0 .. y0+rows-1} of flux, ivar and mask */
    public MaskedImage rows(int y0, int rows) {
        return new MaskedImage(flux.rows(y0, rows), ivar.rows(y0, rows), mask.rows(y0, rows));
    }

    @Override
    public String toString() {
        return "MaskedImage[flux=" + flux + ", ivar=" + ivar + ", mask=" + mask + "]";
    }
}
