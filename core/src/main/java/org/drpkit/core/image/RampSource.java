package org.drpkit.core.image;

import org.drpkit.core.error.DrpException;

/**
 * Up-the-ramp reads of one detector, delivered in row blocks across all reads.
 *
 * <p>This is the streaming contract of the 3D stages: a consumer asks for rows {@code y0 .. y0+n-1} of every
 * read and fits them, so memory depends on the block size, not on the number of reads. An in-memory
 * {@link Ramp} implements it; io-fits implements it over FITS files (one HDU per read, a 3D cube,
 * tile-compressed HDUs, the APOGEE apz encoding).
 *
 * <pre>{@code
 * float[][] block = new float[src.reads()][16 * src.width()];
 * for (int y = 0; y < src.height(); y += 16) {
 *     int n = Math.min(16, src.height() - y);
 *     src.readRows(y, n, block);     // block[k][r * width + x] = read k, pixel (x, y + r)
 * }
 * }</pre>
 *
 * <p>Implementations document whether they may be read from several threads at once; {@link Ramp} may.
 */
public interface RampSource extends AutoCloseable {

    /** @return pixels per row (FITS NAXIS1) */
    int width();

    /** @return rows per read (FITS NAXIS2) */
    int height();

    /** @return number of reads */
    int reads();

    /**
     * @return the time of each read in seconds from the start of the first read (a new array each call);
     *         only differences between reads matter to the stages
     */
    double[] readTimes();

    /**
     * Copies rows {@code y0 .. y0+rows-1} of every read into {@code dest}: {@code dest[k][r * width() + x]}
     * is read k, pixel (x, y0 + r), in DN.
     *
     * @param dest at least {@link #reads()} arrays of at least {@code rows * width()} floats
     * @throws DrpException when the underlying data cannot be read (truncated file, bad encoding)
     */
    void readRows(int y0, int rows, float[][] dest) throws DrpException;

    /** Releases files held by the source; the default does nothing. */
    @Override
    default void close() {
    }
}
