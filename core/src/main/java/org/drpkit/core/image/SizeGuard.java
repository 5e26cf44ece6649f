package org.drpkit.core.image;

import org.drpkit.core.error.CoreErrorCode;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;

/**
 * Checks array sizes before anything is allocated.
 *
 * <p>{@link #checkArray} guards constructors against sizes a Java array cannot hold (a programming error,
 * unchecked). {@link #requireWithin} guards sizes that come from input such as a FITS header against a
 * configurable limit and raises {@code SIZE_LIMIT_EXCEEDED} naming where the size came from.
 *
 * <pre>{@code
 * SizeGuard.requireWithin(naxis1 * naxis2 * 4L, SizeGuard.DEFAULT_LIMIT_BYTES, Location.file(f).hdu(1).keyword("NAXIS2"));
 * }</pre>
 */
public final class SizeGuard {

    /** The largest array length the JVM reliably allocates. */
    public static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    /** Default ceiling for a single allocation driven by input: 4 GiB. */
    public static final long DEFAULT_LIMIT_BYTES = 4L << 30;

    private SizeGuard() {
    }

    /**
     * @param width  pixels per row (at least 0)
     * @param height rows (at least 0)
     * @return {@code width * height} as an array length
     * @throws IllegalArgumentException if negative or too large for one Java array
     */
    public static int checkArray(long width, long height) {
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("negative size " + width + "x" + height);
        }
        long n = width * height;
        if ((height != 0 && n / height != width) || n > MAX_ARRAY_LENGTH) {
            throw new IllegalArgumentException("size " + width + "x" + height + " exceeds one Java array ("
                    + MAX_ARRAY_LENGTH + " elements)");
        }
        return (int) n;
    }

    /**
     * @param bytes    the number of bytes about to be allocated (negative means overflowed)
     * @param limit    the configured ceiling in bytes
     * @param location where the size came from, for the message
     * @throws DrpException {@code SIZE_LIMIT_EXCEEDED} when {@code bytes} is negative or above {@code limit}
     */
    public static void requireWithin(long bytes, long limit, Location location) throws DrpException {
        if (bytes < 0 || bytes > limit) {
            throw new DrpException(CoreErrorCode.SIZE_LIMIT_EXCEEDED, location,
                    (bytes < 0 ? "size overflows 64 bits" : "size " + bytes + " bytes") + " exceeds the limit of "
                            + limit + " bytes");
        }
    }
}
