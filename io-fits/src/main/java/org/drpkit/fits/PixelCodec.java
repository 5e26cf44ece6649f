package org.drpkit.fits;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;

/**
 * Converts FITS data bytes (big-endian, any BITPIX) to and from float, int and double pixels, applying
 * {@code physical = BZERO + BSCALE * stored} and mapping BLANK (integers) to NaN. Decoding byte-swaps chunks of
 * {@value #CHUNK} values with one bulk buffer-view copy into a small array (a memcpy-class operation) and widens them
 * in a plain loop while they sit in L1: no per-pixel object, no stream.
 */
final class PixelCodec {

    private PixelCodec() {
    }

    /** Scaling read from a header: BSCALE, BZERO and the BLANK value (integer data only). */
    record Scaling(double bscale, double bzero, Long blank) {
        static final Scaling IDENTITY = new Scaling(1, 0, null);

        boolean isIdentity() {
            return bscale == 1 && bzero == 0;
        }

        /** @return true when integers stay integers: BSCALE 1 and an integral BZERO */
        boolean isIntegral() {
            return bscale == 1 && bzero == Math.rint(bzero) && Math.abs(bzero) <= 1L << 53;
        }
    }

    /** Values converted per bulk step: the chunk stays in L1 while it is widened and scaled. */
    static final int CHUNK = 4096;

    /**
     * Decodes {@code n} pixels from {@code src} (big-endian, starting at absolute index {@code pos}) into
     * {@code dst[off..off+n)}. Each chunk is byte-swapped by one bulk view copy into a small array, then widened and
     * scaled in a plain loop.
     */
    static void decode(ByteBuffer src, int pos, int bitpix, Scaling s, float[] dst, int off, int n) {
        ByteBuffer b = src.duplicate().order(ByteOrder.BIG_ENDIAN);
        double scale = s.bscale();
        double zero = s.bzero();
        boolean hasBlank = s.blank() != null && bitpix > 0;
        long blank = hasBlank ? s.blank() : 0;
        switch (bitpix) {
            case 8 -> {
                for (int i = 0; i < n; i++) {
                    int v = b.get(pos + i) & 0xFF;
                    dst[off + i] = hasBlank && v == blank ? Float.NaN : (float) (zero + scale * v);
                }
            }
            case 16 -> {
                if (!hasBlank && scale == 1 && zero == 32768) { // unsigned 16-bit reads: exact, the hot path
                    CharBuffer cb = b.position(pos).slice().order(ByteOrder.BIG_ENDIAN).asCharBuffer();
                    char[] c = new char[Math.min(CHUNK, n)];
                    for (int i = 0; i < n; i += CHUNK) {
                        int m = Math.min(CHUNK, n - i);
                        cb.get(i, c, 0, m);
                        widenUnsigned(c, m, dst, off + i);
                    }
                } else {
                    ShortBuffer sb = b.position(pos).slice().order(ByteOrder.BIG_ENDIAN).asShortBuffer();
                    short[] c = new short[Math.min(CHUNK, n)];
                    for (int i = 0; i < n; i += CHUNK) {
                        int m = Math.min(CHUNK, n - i);
                        sb.get(i, c, 0, m);
                        for (int j = 0; j < m; j++) {
                            short v = c[j];
                            dst[off + i + j] = hasBlank && v == blank ? Float.NaN : (float) (zero + scale * v);
                        }
                    }
                }
            }
            case 32 -> {
                IntBuffer ib = b.position(pos).slice().order(ByteOrder.BIG_ENDIAN).asIntBuffer();
                int[] c = new int[Math.min(CHUNK, n)];
                for (int i = 0; i < n; i += CHUNK) {
                    int m = Math.min(CHUNK, n - i);
                    ib.get(i, c, 0, m);
                    intsToFloats(c, 0, s, dst, off + i, m);
                }
            }
            case 64 -> {
                for (int i = 0; i < n; i++) {
                    long v = b.getLong(pos + 8 * i);
                    dst[off + i] = hasBlank && v == blank ? Float.NaN : (float) (zero + scale * (double) v);
                }
            }
            case -32 -> {
                b.position(pos).slice().order(ByteOrder.BIG_ENDIAN).asFloatBuffer().get(0, dst, off, n);
                if (!s.isIdentity()) {
                    for (int i = 0; i < n; i++) {
                        dst[off + i] = (float) (zero + scale * dst[off + i]);
                    }
                }
            }
            case -64 -> {
                for (int i = 0; i < n; i++) {
                    dst[off + i] = (float) (zero + scale * b.getDouble(pos + 8 * i));
                }
            }
            default -> throw new IllegalArgumentException("BITPIX " + bitpix);
        }
    }

    private static void widenUnsigned(char[] c, int m, float[] dst, int off) {
        for (int j = 0; j < m; j++) {
            dst[off + j] = c[j] ^ 0x8000;
        }
    }

    /** Decodes {@code n} pixels as doubles (for wavelength arrays); BLANK becomes NaN. */
    static void decodeDoubles(ByteBuffer src, int pos, int bitpix, Scaling s, double[] dst, int off, int n) {
        ByteBuffer b = src.duplicate().order(ByteOrder.BIG_ENDIAN);
        if (bitpix == -64) {
            b.position(pos).slice().order(ByteOrder.BIG_ENDIAN).asDoubleBuffer().get(0, dst, off, n);
            if (!s.isIdentity()) {
                for (int i = 0; i < n; i++) {
                    dst[off + i] = s.bzero() + s.bscale() * dst[off + i];
                }
            }
            return;
        }
        boolean hasBlank = s.blank() != null && bitpix > 0;
        for (int i = 0; i < n; i++) {
            double v;
            boolean isBlank;
            switch (bitpix) {
                case 8 -> {
                    int x = b.get(pos + i) & 0xFF;
                    isBlank = hasBlank && x == s.blank();
                    v = x;
                }
                case 16 -> {
                    short x = b.getShort(pos + 2 * i);
                    isBlank = hasBlank && x == s.blank();
                    v = x;
                }
                case 32 -> {
                    int x = b.getInt(pos + 4 * i);
                    isBlank = hasBlank && x == s.blank();
                    v = x;
                }
                case 64 -> {
                    long x = b.getLong(pos + 8 * i);
                    isBlank = hasBlank && x == s.blank();
                    v = x;
                }
                case -32 -> {
                    isBlank = false;
                    v = b.getFloat(pos + 4 * i);
                }
                default -> throw new IllegalArgumentException("BITPIX " + bitpix);
            }
            dst[off + i] = isBlank ? Double.NaN : s.bzero() + s.bscale() * v;
        }
    }

    /**
     * Decodes integer data exactly into ints: {@code stored + BZERO} (BSCALE must be 1 and BZERO integral; the
     * caller checks {@link Scaling#isIntegral()}), kept to the low 32 bits, so unsigned 32-bit flag words keep their
     * bit pattern. BLANK becomes 0.
     */
    static void decodeInts(ByteBuffer src, int pos, int bitpix, Scaling s, int[] dst, int off, int n) {
        ByteBuffer b = src.duplicate().order(ByteOrder.BIG_ENDIAN);
        if (bitpix == 32) {
            b.position(pos).slice().order(ByteOrder.BIG_ENDIAN).asIntBuffer().get(0, dst, off, n);
            intsToInts(dst, off, s, dst, off, n);
            return;
        }
        long zero = (long) s.bzero();
        boolean hasBlank = s.blank() != null;
        long blank = hasBlank ? s.blank() : 0;
        for (int i = 0; i < n; i++) {
            long v = switch (bitpix) {
                case 8 -> b.get(pos + i) & 0xFF;
                case 16 -> b.getShort(pos + 2 * i);
                case 64 -> b.getLong(pos + 8 * i);
                default -> throw new IllegalArgumentException("integer BITPIX expected, got " + bitpix);
            };
            dst[off + i] = hasBlank && v == blank ? 0 : (int) (v + zero);
        }
    }

    /**
     * Scales integers already decoded from a tile ({@code physical = BZERO + BSCALE * q}, BLANK as NaN) into floats.
     */
    static void intsToFloats(int[] q, int qOff, Scaling s, float[] dst, int off, int n) {
        boolean hasBlank = s.blank() != null;
        long blank = hasBlank ? s.blank() : 0;
        if (!hasBlank && s.bscale() == 1 && s.bzero() == 32768) {
            for (int i = 0; i < n; i++) {
                dst[off + i] = q[qOff + i] + 32768;
            }
        } else if (!hasBlank && s.isIdentity()) {
            for (int i = 0; i < n; i++) {
                dst[off + i] = q[qOff + i];
            }
        } else {
            double scale = s.bscale();
            double zero = s.bzero();
            for (int i = 0; i < n; i++) {
                int v = q[qOff + i];
                dst[off + i] = hasBlank && v == blank ? Float.NaN : (float) (zero + scale * v);
            }
        }
    }

    /** Integers already decoded from a tile to exact physical ints ({@code q + BZERO}, low 32 bits; BLANK as 0). */
    static void intsToInts(int[] q, int qOff, Scaling s, int[] dst, int off, int n) {
        long zero = (long) s.bzero();
        boolean hasBlank = s.blank() != null;
        long blank = hasBlank ? s.blank() : 0;
        for (int i = 0; i < n; i++) {
            int v = q[qOff + i];
            dst[off + i] = hasBlank && v == blank ? 0 : (int) (v + zero);
        }
    }

    /**
     * Encodes float pixels as {@code type} into {@code dst} (big-endian). Integer types round to nearest and clamp
     * to the type's range; NaN becomes {@code blank} (the caller writes BLANK when it used one).
     */
    static void encode(float[] src, int off, int n, PixelType type, long blank, ByteBuffer dst) {
        dst.order(ByteOrder.BIG_ENDIAN);
        switch (type) {
            case FLOAT32 -> {
                dst.asFloatBuffer().put(src, off, n);
                dst.position(dst.position() + 4 * n);
            }
            case FLOAT64 -> {
                for (int i = 0; i < n; i++) {
                    dst.putDouble(src[off + i]);
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    float v = src[off + i];
                    long stored = Float.isNaN(v) ? blank : toStored(v, type);
                    switch (type.bytes()) {
                        case 1 -> dst.put((byte) stored);
                        case 2 -> dst.putShort((short) stored);
                        default -> dst.putInt((int) stored);
                    }
                }
            }
        }
    }

    /** @return the stored integer of a (non-NaN) physical value: rounded to nearest, minus BZERO, clamped */
    static long toStored(float v, PixelType type) {
        long r = Math.round((double) v) - type.bzero();
        return switch (type) {
            case UINT8 -> clamp(r, 0, 255);
            case INT16, UINT16 -> clamp(r, Short.MIN_VALUE, Short.MAX_VALUE);
            case INT32 -> clamp(r, Integer.MIN_VALUE, Integer.MAX_VALUE);
            default -> throw new IllegalArgumentException(type + " is not an integer type");
        };
    }

    /** Encodes doubles as BITPIX -64. */
    static void encodeDoubles(double[] src, int off, int n, ByteBuffer dst) {
        dst.order(ByteOrder.BIG_ENDIAN).asDoubleBuffer().put(src, off, n);
        dst.position(dst.position() + 8 * n);
    }

    /** Encodes int pixels as BITPIX 32 (masks). */
    static void encodeInts(int[] src, int off, int n, ByteBuffer dst) {
        dst.order(ByteOrder.BIG_ENDIAN).asIntBuffer().put(src, off, n);
        dst.position(dst.position() + 4 * n);
    }

    private static long clamp(long v, long lo, long hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
