package org.drpkit.fits;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Converts FITS data bytes (big-endian, any BITPIX) to and from float and int pixels, applying
 * {@code physical = BZERO + BSCALE * stored} and mapping BLANK (integers) to NaN. Bulk conversion through
 * buffer views: no per-pixel object, no stream.
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
    }

    /**
     * Decodes {@code n} pixels from {@code src} (positioned at the first byte) into {@code dst[off..off+n)}.
     *
     * @param src big-endian bytes; at least {@code n * |bitpix| / 8} remaining
     */
    static void decode(ByteBuffer src, int bitpix, Scaling s, float[] dst, int off, int n) {
        src.order(ByteOrder.BIG_ENDIAN);
        switch (bitpix) {
            case 8 -> {
                int blank = s.blank() == null ? Integer.MIN_VALUE : s.blank().intValue();
                for (int i = 0; i < n; i++) {
                    int v = src.get() & 0xFF;
                    dst[off + i] = v == blank ? Float.NaN : (float) (s.bzero() + s.bscale() * v);
                }
            }
            case 16 -> {
                short[] tmp = new short[n];
                src.asShortBuffer().get(tmp);
                src.position(src.position() + 2 * n);
                int blank = s.blank() == null ? Integer.MIN_VALUE : s.blank().intValue();
                if (s.bscale() == 1 && s.bzero() == 32768 && s.blank() == null) {
                    for (int i = 0; i < n; i++) {
                        dst[off + i] = (tmp[i] ^ 0x8000) & 0xFFFF; // unsigned 16-bit, exact
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        short v = tmp[i];
                        dst[off + i] = v == blank ? Float.NaN : (float) (s.bzero() + s.bscale() * v);
                    }
                }
            }
            case 32 -> {
                int[] tmp = new int[n];
                src.asIntBuffer().get(tmp);
                src.position(src.position() + 4 * n);
                long blank = s.blank() == null ? Long.MIN_VALUE : s.blank();
                for (int i = 0; i < n; i++) {
                    int v = tmp[i];
                    dst[off + i] = v == blank ? Float.NaN : (float) (s.bzero() + s.bscale() * v);
                }
            }
            case 64 -> {
                long[] tmp = new long[n];
                src.asLongBuffer().get(tmp);
                src.position(src.position() + 8 * n);
                long blank = s.blank() == null ? Long.MIN_VALUE : s.blank();
                for (int i = 0; i < n; i++) {
                    long v = tmp[i];
                    dst[off + i] = v == blank && s.blank() != null ? Float.NaN
                            : (float) (s.bzero() + s.bscale() * (double) v);
                }
            }
            case -32 -> {
                src.asFloatBuffer().get(dst, off, n);
                src.position(src.position() + 4 * n);
                if (!s.isIdentity()) {
                    for (int i = 0; i < n; i++) {
                        dst[off + i] = (float) (s.bzero() + s.bscale() * dst[off + i]);
                    }
                }
            }
            case -64 -> {
                double[] tmp = new double[n];
                src.asDoubleBuffer().get(tmp);
                src.position(src.position() + 8 * n);
                for (int i = 0; i < n; i++) {
                    dst[off + i] = (float) (s.bzero() + s.bscale() * tmp[i]);
                }
            }
            default -> throw new IllegalArgumentException("BITPIX " + bitpix);
        }
    }

    /** Decodes integer data into ints ({@code physical = BZERO + BSCALE * stored}, rounded); for masks. */
    static void decodeInts(ByteBuffer src, int bitpix, Scaling s, int[] dst, int off, int n) {
        float[] tmp = new float[n];
        if (bitpix == 32 && s.isIdentity()) {
            src.order(ByteOrder.BIG_ENDIAN).asIntBuffer().get(dst, off, n);
            src.position(src.position() + 4 * n);
            return;
        }
        decode(src, bitpix, s, tmp, 0, n);
        for (int i = 0; i < n; i++) {
            dst[off + i] = Float.isNaN(tmp[i]) ? 0 : Math.round(tmp[i]);
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
            case UINT8 -> {
                for (int i = 0; i < n; i++) {
                    float v = src[off + i];
                    dst.put((byte) (Float.isNaN(v) ? blank : clamp(Math.round(v), 0, 255)));
                }
            }
            case INT16, UINT16 -> {
                long zero = type.bzero();
                for (int i = 0; i < n; i++) {
                    float v = src[off + i];
                    long stored = Float.isNaN(v) ? blank : clamp(Math.round(v - zero), Short.MIN_VALUE, Short.MAX_VALUE);
                    dst.putShort((short) stored);
                }
            }
            case INT32 -> {
                for (int i = 0; i < n; i++) {
                    float v = src[off + i];
                    dst.putInt((int) (Float.isNaN(v) ? blank : clamp(Math.round((double) v), Integer.MIN_VALUE,
                            Integer.MAX_VALUE)));
                }
            }
            default -> throw new IllegalArgumentException(type.toString());
        }
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
