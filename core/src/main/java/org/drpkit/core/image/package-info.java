/**
 * Pixel data: {@link org.drpkit.core.image.Image} (float), {@link org.drpkit.core.image.Mask} (flag bits),
 * {@link org.drpkit.core.image.MaskedImage} (flux with inverse variance and flags),
 * {@link org.drpkit.core.image.Ramp} and the streaming {@link org.drpkit.core.image.RampSource} (up-the-ramp
 * reads), and {@link org.drpkit.core.image.Spectra} (fibres x pixels). Row-major, x (NAXIS1) fastest, 0-based;
 * views of row blocks share the backing arrays. Nothing here reads files.
 */
package org.drpkit.core.image;
