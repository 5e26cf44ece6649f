package org.drpkit.fits;

import org.drpkit.core.error.DrpException;

/**
 * The pixels of one image HDU, plain or tile-compressed, read by row blocks of one 2D plane. Implementations
 * use positional reads only, so one instance serves several threads (each with its own {@link Scratch}).
 */
interface ImageData {

    /** @return pixels per row (NAXIS1) */
    int width();

    /** @return rows per plane (NAXIS2; 1 for a 1D image) */
    int height();

    /** @return number of 2D planes (product of NAXIS3..; 1 for a 2D image) */
    long planes();

    /** @return BITPIX of the image (ZBITPIX for a compressed one) */
    int bitpix();

    /** @return true for a tile-compressed image */
    boolean compressed();

    /** @return true when the pixels are integers that {@link #readRowsInt} returns exactly */
    boolean exactIntegers();

    /** Rows {@code y0 .. y0+rows-1} of {@code plane} as floats (scaling applied, BLANK as NaN) into {@code dst[off..)}. */
    void readRows(int plane, int y0, int rows, float[] dst, int off, Scratch s) throws DrpException;

    /** The same rows as exact integers ({@code stored + BZERO}, low 32 bits; BLANK as 0). */
    void readRowsInt(int plane, int y0, int rows, int[] dst, int off, Scratch s) throws DrpException;

    /** The same rows as doubles (for wavelength arrays). */
    void readRowsDouble(int plane, int y0, int rows, double[] dst, int off, Scratch s) throws DrpException;
}
