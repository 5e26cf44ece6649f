package org.drpkit.fits;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Converts FITS data bytes (big-endian, any BITPIX) to and from float, int and double pixels, applying
 * {@code physical = BZERO + BSCALE * stored} and mapping BLANK (integers) to NaN. Decoding reads the bytes once
 * through big-endian array views: no per-pixel object, no temporary array, no stream.
 */
final class PixelCodec {

    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle DOUBLE = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.BIG_ENDIAN);

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

    /**
     * Decodes {@code n} pixels starting at {@code src[pos]} into {@code dst[off..off+n)}.
     *
     * @param src big-endian bytes; at least {@code pos + n * |bitpix| / 8} long
     */
    static void decode(byte[] src, int pos, int bitpix, Scaling s, float[] dst, int off, int n) {
        double scale = s.bscale();
        double zero = s.bzero();
        boolean hasBlank = s.blank() != null && bitpix > 0;
        long blank = hasBlank ? s.blank() : 0;
        switch (bitpix) {
            case 8 -> {
                for (int i = 0; i < n; i++) {
                    int v = src[pos + i] & 0xFF;
                    dst[off + i] = hasBlank && v == blank ? Float.NaN : (float) (zero + scale * v);
                }
            }
            case 16 -> {
                if (!hasBlank && scale == 1 && zero == 32768) { // unsigned 16-bit reads: exact, the hot path
                    for (int i = 0; i < n; i++) {
                        dst[off + i] = ((short) SHORT.get(src, pos + 2 * i) ^ 0x8000) & 0xFFFF;
                    }
                } else if (!hasBlank && s.isIdentity()) {
                    for (int i = 0; i < n; i++) {
                        dst[off + i] = (short) SHORT.get(src, pos + 2 * i);
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        short v = (short) SHORT.get(src, pos + 2 * i);
                        dst[off + i] = hasBlank && v == blank ? Float.NaN : (float) (zero + scale * v);
                    }
                }
            }
            case 32 -> {
                for (int i = 0; i < n; i++) {
                    int v = (int) INT.get(src, pos + 4 * i);
                    dst[off + i] = hasBlank && v == blank ? Float.NaN : (float) (zero + scale * v);
                }
            }
            case 64 -> {
                for (int i = 0; i < n; i++) {
                    long v = (long) LONG.get(src, pos + 8 * i);
                    dst[off + i] = hasBlank && v == blank ? Float.NaN : (float) (zero + scale * (double) v);
                }
            }
            case -32 -> {
                ByteBuffer.wrap(src, pos, 4 * n).order(ByteOrder.BIG_ENDIAN).asFloatBuffer().get(dst, off, n);
                if (!s.isIdentity()) {
                    for (int i = 0; i < n; i++) {
                        dst[off + i] = (float) (zero + scale * dst[off + i]);
                    }
                }
            }
            case -64 -> {
                for (int i = 0; i < n; i++) {
                    dst[off + i] = (float) (zero + scale * (double) DOUBLE.get(src, pos + 8 * i));
                }
            }
            default -> throw new IllegalArgumentException("BITPIX " + bitpix);
        }
    }

    /** Decodes {@code n} pixels as doubles (for wavelength arrays); BLANK becomes NaN. */
    static void decodeDoubles(byte[] src, int pos, int bitpix, Scaling s, double[] dst, int off, int n) {
        if (bitpix == -64) {
            ByteBuffer.wrap(src, pos, 8 * n).order(ByteOrder.BIG_ENDIAN).asDoubleBuffer().get(dst, off, n);
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
                    int b = src[pos + i] & 0xFF;
                    isBlank = hasBlank && b == s.blank();
                    v = b;
                }
                case 16 -> {
                    short b = (short) SHORT.get(src, pos + 2 * i);
                    isBlank = hasBlank && b == s.blank();
                    v = b;
                }
                case 32 -> {
                    int b = (int) INT.get(src, pos + 4 * i);
                    isBlank = hasBlank && b == s.blank();
                    v = b;
                }
                case 64 -> {
                    long b = (long) LONG.get(src, pos + 8 * i);
                    isBlank = hasBlank && b == s.blank();
                    v = b;
                }
                case -32 -> {
                    isBlank = false;
                    v = Float.intBitsToFloat((int) INT.get(src, pos + 4 * i));
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
    static void decodeInts(byte[] src, int pos, int bitpix, Scaling s, int[] dst, int off, int n) {
        long zero = (long) s.bzero();
        boolean hasBlank = s.blank() != null;
        long blank = hasBlank ? s.blank() : 0;
        for (int i = 0; i < n; i++) {
            long v = switch (bitpix) {
                case 8 -> src[pos + i] & 0xFF;
                case 16 -> (short) SHORT.get(src, pos + 2 * i);
                case 32 -> (int) INT.get(src, pos + 4 * i);
                case 64 -> (long) LONG.get(src, pos + 8 * i);
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
