package org.drpkit.fits.checksum;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * The FITS checksum kernel: the 32-bit ones'-complement sum of big-endian 32-bit words (FITS Checksum
 * Convention, Seaman, Pence and Rots 2002), computed at memory speed.
 *
 * <p>Sums are {@code long}s holding an unsigned 32-bit value. The sum is associative and commutative, so the sums
 * of consecutive pieces combine with {@link #combine}; a piece whose length is not a multiple of 4 is treated as if
 * padded with zero bytes (only the last piece of a unit may be so). A {@code DATASUM} is the sum of a data unit;
 * an HDU whose {@code CHECKSUM} is valid sums to {@link #NEGATIVE_ZERO}.
 *
 * <pre>{@code
 * long datasum = Checksum32.of(ch, dataOffset, paddedBytes);   // straight from a file
 * long hdu = Checksum32.combine(Checksum32.add(0, headerBytes, 0, headerBytes.length), datasum);
 * }</pre>
 *
 * <p>The loop reads eight bytes at a time and accumulates the high and low words in separate 64-bit registers, so
 * carries are folded once per call, not per word. Thread-safe (stateless).
 */
public final class Checksum32 {

    /** The sum of an HDU whose CHECKSUM is correct: all 32 bits set (ones'-complement negative zero). */
    public static final long NEGATIVE_ZERO = 0xFFFF_FFFFL;

    private static final long MASK = 0xFFFF_FFFFL;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final int CHUNK = 1 << 20;

    private Checksum32() {
    }

    /**
     * @param sum a running sum (0 to start)
     * @param b   bytes
     * @param off first byte, at a 4-byte boundary of the unit being summed
     * @param len number of bytes; a trailing partial word counts as padded with zeros
     * @return the running sum with these bytes added
     */
    public static long add(long sum, byte[] b, int off, int len) {
        int end = off + len;
        int i = off;
        long hi = 0;
        long lo = 0;
        // hi and lo each grow by less than 2^32 per step: no overflow below 2^32 steps (32 GiB), far beyond an array
        for (; i + 8 <= end; i += 8) {
            long v = (long) LONGS.get(b, i);
            hi += v >>> 32;
            lo += v & MASK;
        }
        long s = fold(sum) + fold(hi) + fold(lo);
        return fold(s + tail(b, i, end));
    }

    /**
     * Adds the bytes from the buffer's position to its limit (the position is not moved). The buffer's byte
     * order is ignored: FITS words are big-endian.
     *
     * @param sum a running sum (0 to start)
     * @return the running sum with these bytes added
     */
    public static long add(long sum, ByteBuffer buf) {
        if (buf.hasArray()) {
            return add(sum, buf.array(), buf.arrayOffset() + buf.position(), buf.remaining());
        }
        ByteBuffer bb = buf.duplicate().order(ByteOrder.BIG_ENDIAN);
        int i = bb.position();
        int end = bb.limit();
        long hi = 0;
        long lo = 0;
        for (; i + 8 <= end; i += 8) {
            long v = bb.getLong(i);
            hi += v >>> 32;
            lo += v & MASK;
        }
        long t = 0;
        for (int k = 0; i < end; i++, k++) {
            t |= (bb.get(i) & 0xFFL) << (8 * (7 - k));
        }
        long s = fold(sum) + fold(hi) + fold(lo);
        return fold(s + (t >>> 32) + (t & MASK));
    }

    /**
     * Sums a byte range of a file, reading it in 1 MiB pieces (positional reads; the channel's position is not
     * used). Bytes beyond the end of the file count as zeros (missing FITS fill).
     *
     * @param ch     an open channel
     * @param offset first byte, at a 4-byte boundary of the unit (FITS units start at 2880-byte blocks)
     * @param length number of bytes to sum
     * @return the sum of the range
     * @throws IOException on read failure
     */
    public static long of(FileChannel ch, long offset, long length) throws IOException {
        long end = Math.min(offset + length, ch.size());
        ByteBuffer buf = ByteBuffer.allocateDirect((int) Math.min(CHUNK, Math.max(8, end - offset)));
        long sum = 0;
        long p = offset;
        while (p < end) {
            buf.clear();
            buf.limit((int) Math.min(buf.capacity(), end - p));
            while (buf.hasRemaining()) {
                int n = ch.read(buf, p + buf.position());
                if (n < 0) {
                    break;
                }
            }
            buf.flip();
            if (!buf.hasRemaining()) {
                break;
            }
            sum = add(sum, buf);
            p += buf.limit();
        }
        return sum;
    }

    /** @return the ones'-complement sum of two sums (for example a header sum and a DATASUM) */
    public static long combine(long a, long b) {
        return fold(fold(a) + fold(b));
    }

    /** @return {@code s} reduced to 32 bits with end-around carry (non-negative {@code s}) */
    static long fold(long s) {
        while ((s >>> 32) != 0) {
            s = (s & MASK) + (s >>> 32);
        }
        return s;
    }

    private static long tail(byte[] b, int i, int end) {
        long t = 0;
        for (int k = 0; i < end; i++, k++) {
            t |= (b[i] & 0xFFL) << (8 * (7 - k));
        }
        return (t >>> 32) + (t & MASK);
    }
}
