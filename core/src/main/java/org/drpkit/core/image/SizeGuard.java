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
 * <p>The default limit for sizes read from input is {@link #defaultLimitBytes()}: {@value #LIMIT_PROPERTY} when that
 * system property is set (bytes, or a number with a {@code k}, {@code m} or {@code g} suffix), else
 * {@link #DEFAULT_LIMIT_BYTES}, and never more than half of the JVM's maximum heap, so a check that passes is an
 * allocation that can succeed. {@link #withinHeap(long)} caps a limit a caller chose at the maximum heap.
 *
 * <pre>{@code
 * SizeGuard.requireWithin(naxis1 * naxis2 * 4L, SizeGuard.defaultLimitBytes(), Location.file(f).hdu(1).keyword("NAXIS2"));
 * }</pre>
 */
public final class SizeGuard {

    /** The largest array length the JVM reliably allocates. */
    public static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    /** Configured ceiling for a single allocation driven by input, before the heap cap: 4 GiB. */
    public static final long DEFAULT_LIMIT_BYTES = 4L << 30;

    /**
     * System property that sets the default limit in bytes ({@code -Ddrpkit.maxBytes=8g}); the heap cap of
     * {@link #defaultLimitBytes()} still applies.
     */
    public static final String LIMIT_PROPERTY = "drpkit.maxBytes";

    private SizeGuard() {
    }

    /**
     * The limit readers use when the caller gives none: {@value #LIMIT_PROPERTY} (or {@link #DEFAULT_LIMIT_BYTES}
     * when it is unset or unreadable), capped at half of {@link Runtime#maxMemory()}.
     *
     * <pre>{@code
     * // java -Xmx1g ...: 512 MiB, not 4 GiB
     * long limit = SizeGuard.defaultLimitBytes();
     * }</pre>
     *
     * @return the default ceiling in bytes for one allocation whose size comes from input
     */
    public static long defaultLimitBytes() {
        long configured = parseBytes(System.getProperty(LIMIT_PROPERTY), DEFAULT_LIMIT_BYTES);
        return Math.min(configured, Runtime.getRuntime().maxMemory() / 2);
    }

    /**
     * @param limitBytes a limit a caller chose
     * @return the limit, at most {@link Runtime#maxMemory()} (no larger allocation can succeed)
     */
    public static long withinHeap(long limitBytes) {
        return Math.min(limitBytes, Runtime.getRuntime().maxMemory());
    }

    /** @return {@code text} as bytes ({@code 123}, {@code 64k}, {@code 512m}, {@code 8g}), or {@code dflt} */
    static long parseBytes(String text, long dflt) {
        if (text == null || text.isBlank()) {
            return dflt;
        }
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        int shift = switch (t.charAt(t.length() - 1)) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            default -> 0;
        };
        try {
            long v = Long.parseLong(shift == 0 ? t : t.substring(0, t.length() - 1));
            if (v < 0 || v > Long.MAX_VALUE >> shift) {
                return dflt;
            }
            return v << shift;
        } catch (NumberFormatException e) {
            return dflt;
        }
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
