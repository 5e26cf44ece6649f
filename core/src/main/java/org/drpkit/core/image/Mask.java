package org.drpkit.core.image;

import java.util.Arrays;
import org.drpkit.core.flag.PixelFlag;

/**
 * A 2D grid of {@code int} flag bits, one per pixel, laid out like {@link Image}.
 *
 * <p>Bits 0..14 are the {@link PixelFlag} table; higher bits are free. Like {@link Image}, a mask is a window
 * on a backing array and {@link #rows} gives a view that shares it.
 *
 * <pre>{@code
 * Mask m = Mask.zeros(4, 3);
 * m.or(1, 2, PixelFlag.HOT_PIXEL.value());
 * m.count(PixelFlag.HOT_PIXEL);   // 1
 * }</pre>
 */
public final class Mask extends PixelGrid {

    private final int[] bits;

    private Mask(int[] bits, int offset, int width, int height) {
        super(width, height, offset, bits.length);
        this.bits = bits;
    }

    /** @return a new mask with no bit set */
    public static Mask zeros(int width, int height) {
        return new Mask(new int[SizeGuard.checkArray(width, height)], 0, width, height);
    }

    /** Wraps flags without copying; {@code bits.length} must be {@code width * height}. */
    public static Mask of(int width, int height, int... bits) {
        if (bits.length != SizeGuard.checkArray(width, height)) {
            throw new IllegalArgumentException(bits.length + " values for a " + width + "x" + height + " mask");
        }
        return new Mask(bits, 0, width, height);
    }

    /** Wraps a region of a larger array without copying. */
    public static Mask wrap(int[] bits, int offset, int width, int height) {
        return new Mask(bits, offset, width, height);
    }

    /** @return the flag bits of pixel (x, y) */
    public int get(int x, int y) {
        return bits[index(x, y)];
    }

    /** Replaces the flag bits of pixel (x, y). */
    public void set(int x, int y, int value) {
        bits[index(x, y)] = value;
    }

    /** ORs {@code value} into the flag bits of pixel (x, y). */
    public void or(int x, int y, int value) {
        bits[index(x, y)] |= value;
    }

    /** @return the backing array (shared) */
    public int[] array() {
        return bits;
    }

    /** @return a view of rows {@code y0 .. y0+rows-1}, sharing this mask's bits */
    public Mask rows(int y0, int rows) {
        checkRows(y0, rows);
        return new Mask(bits, offset + y0 * width, width, rows);
    }

    /** @return a compact copy that shares nothing with this mask */
    public Mask copy() {
        return new Mask(toArray(), 0, width, height);
    }

    /** @return the flags as a new compact row-major array */
    public int[] toArray() {
        return Arrays.copyOfRange(bits, offset, offset + pixelCount());
    }

    /** @return a new mask holding the bitwise OR of this mask and {@code other} (same shape) */
    public Mask or(Mask other) {
        requireSameShape(other, "mask");
        int[] out = new int[pixelCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = bits[offset + i] | other.bits[other.offset + i];
        }
        return new Mask(out, 0, width, height);
    }

    /** @return the number of pixels with {@code flag} set */
    public long count(PixelFlag flag) {
        int v = flag.value();
        long n = 0;
        int end = offset + pixelCount();
        for (int i = offset; i < end; i++) {
            if ((bits[i] & v) != 0) {
                n++;
            }
        }
        return n;
    }

    /** @return the number of pixels with any bit of {@code bitMask} set */
    public long countAny(int bitMask) {
        long n = 0;
        int end = offset + pixelCount();
        for (int i = offset; i < end; i++) {
            if ((bits[i] & bitMask) != 0) {
                n++;
            }
        }
        return n;
    }

    /** @return true when {@code other} has the same shape and the same bits */
    public boolean contentEquals(Mask other) {
        return sameShape(other) && Arrays.equals(bits, offset, offset + pixelCount(), other.bits, other.offset,
                other.offset + other.pixelCount());
    }

    /** Shows the size and the count of each flag that is set anywhere, e.g. {@code Mask[64x64, HOT_PIXEL=3]}. */
    @Override
    public String toString() {
        long[] counts = PixelFlag.countAll(toArray());
        StringBuilder sb = new StringBuilder("Mask[").append(width).append('x').append(height);
        boolean any = false;
        for (PixelFlag f : PixelFlag.values()) {
            if (counts[f.ordinal()] > 0) {
                sb.append(", ").append(f.name()).append('=').append(counts[f.ordinal()]);
                any = true;
            }
        }
        return sb.append(any ? "]" : ", no flags]").toString();
    }
}
