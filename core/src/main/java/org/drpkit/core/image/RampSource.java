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
 *
 * <p>A source states what it can do beyond {@link #readRows}: {@link #holdsPlanes()} says whether every read is a
 * whole plane in memory that {@link #plane(int)} hands out without copying (an in-memory {@link Ramp} does, a file
 * source does not). Consumers ask this method; they never test the source's class.
 *
 * <pre>{@code
 * if (src.holdsPlanes()) {
 *     float v = src.plane(k)[src.planeOffset() + y * src.width() + x];   // read k, pixel (x, y), in place
 * }
 * }</pre>
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
     * @param y0   first row, 0-based
     * @param rows number of rows
     * @param dest at least {@link #reads()} arrays of at least {@code rows * width()} floats. Modified: their first
     *             {@code rows * width()} values are overwritten.
     * @throws DrpException when the underlying data cannot be read (truncated file, bad encoding)
     */
    void readRows(int y0, int rows, float[][] dest) throws DrpException;

    /**
     * Whether the reads are whole planes in memory, handed out by {@link #plane(int)} without copying. The default
     * is false: the source streams, and {@link #readRows} is the only access.
     *
     * @return true when {@link #plane(int)} and {@link #planeOffset()} may be called
     */
    default boolean holdsPlanes() {
        return false;
    }

    /**
     * The backing array of read k, shared (not a copy): pixel (x, y) is at {@code planeOffset() + y * width() + x},
     * in DN. Only for a source whose {@link #holdsPlanes()} is true; callers must not modify it.
     *
     * @param read the read, 0-based
     * @return the plane of that read
     * @throws UnsupportedOperationException when the source does not hold its planes (the default)
     */
    default float[] plane(int read) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " streams its reads; use readRows");
    }

    /**
     * @return the index of pixel (0, 0) in every {@link #plane(int)}; 0 by default
     */
    default int planeOffset() {
        return 0;
    }

    /**
     * The readout pattern of the reads (frames averaged per read, frames skipped between reads, frame time). The
     * default is single frames spaced as {@link #readTimes()} (their mean spacing; NaN for one read); a source that
     * knows better (a header that says so, {@link #withPattern}) overrides it.
     *
     * @return the pattern the stages model the read noise and photon covariance with
     */
    default ReadPattern pattern() {
        double[] t = readTimes();
        return ReadPattern.singleFrames(t.length < 2 ? Double.NaN : (t[t.length - 1] - t[0]) / (t.length - 1));
    }

    /**
     * @param pattern the readout pattern of this source's reads
     * @return a view of this source with that pattern: same reads, same capabilities; closing it closes this source
     */
    default RampSource withPattern(ReadPattern pattern) {
        return new PatternedSource(this, java.util.Objects.requireNonNull(pattern, "pattern"));
    }

    /** Releases files held by the source; the default does nothing. */
    @Override
    default void close() {
    }
}
