/**
 * The APOGEE raw-ramp encoding "apz" (files {@code apR-<chip>-<EXPSTR>.apz}): the reads of a ramp stored as the
 * mean increment {@code A = round((R_n - R_1) / (n - 1))} (int32, with the exposure's primary header), the first
 * read {@code R_1} (uint16, BZERO 32768) and the residual increments {@code D_k - A = R_k - R_(k-1) - A} (int32) for
 * k = 2..n, each with its read's header, all RICE_1 tile-compressed as fpack writes them: an empty primary HDU, then
 * A marked {@code ZSIMPLE}, then R_1, then the residuals, so a file holds n + 2 HDUs.
 *
 * <p>{@link org.drpkit.fits.apz.ApzEncoder} writes the encoding (for the simulator and tests). Reading is
 * {@link org.drpkit.fits.FitsRamps#open(java.nio.file.Path)}, which recognises the layout and rebuilds every read
 * exactly, one row block at a time ({@code cube[1] = R_1}, {@code cube[k] = cube[k-1] + A + resid_k}).
 */
package org.drpkit.fits.apz;
