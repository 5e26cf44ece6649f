/**
 * A FITS validator that reads raw 2880-byte blocks itself and reports every problem of a file in one
 * {@link org.drpkit.fits.validate.ValidationReport} of structured
 * {@link org.drpkit.fits.validate.Finding}s (code, severity, HDU, card, keyword, message), in the manner of
 * CFITSIO's {@code fitsverify}. Entry point: {@link org.drpkit.fits.validate.FitsValidator#validate}. Nothing here
 * throws on a malformed file, and nothing reads pixels into memory.
 */
package org.drpkit.fits.validate;
