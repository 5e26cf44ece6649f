package org.drpkit.fits;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The RICE_1 codec of the FITS tiled-image convention (Pence, White and Seaman; CFITSIO {@code ricecomp.c}),
 * written from the published algorithm: the first pixel raw, then blocks of {@code blockSize} zigzag-mapped first
 * differences, each block headed by an FS code ({@code fsBits} wide) that selects Rice coding with FS low bits,
 * the all-equal case (code 0) or raw values (code {@code fsMax + 1}).
 *
 * <p>Pixels travel as {@code int}: bytePix 1 is unsigned (0..255), 2 is a signed short, 4 a signed int;
 * differences wrap modulo the pixel width exactly as CFITSIO's do, so the encoder writes the same bytes as fpack.
 * The decoder keeps a 64-bit bit window and counts unary zeros with one instruction; it needs
 * {@link #PAD} readable bytes after the compressed bytes (their content is never used).
 */
final class Rice {

    /**
     * Readable bytes the decoder needs after the end of a tile's compressed bytes: a refill may find up to four
     * unread bytes of the tile and then loads eight.
     */
    static final int PAD = 16;

    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private Rice() {
    }

    /** Thrown by {@link #decode} when the bytes are not a valid RICE_1 stream of the stated length. */
    static final class CorruptTileException extends Exception {
        private static final long serialVersionUID = 1L;

        CorruptTileException(String message) {
            super(message);
        }
    }

    /** @return the width in bits of the FS code for a pixel width */
    static int fsBits(int bytePix) {
        return switch (bytePix) {
            case 1 -> 3;
            case 2 -> 4;
            case 4 -> 5;
            default -> throw new IllegalArgumentException("RICE_1 BYTEPIX must be 1, 2 or 4, got " + bytePix);
        };
    }

    /** @return the largest FS value for a pixel width; code {@code fsMax + 1} marks raw values */
    static int fsMax(int bytePix) {
        return switch (bytePix) {
            case 1 -> 6;
            case 2 -> 14;
            case 4 -> 25;
            default -> throw new IllegalArgumentException("RICE_1 BYTEPIX must be 1, 2 or 4, got " + bytePix);
        };
    }

    /**
     * Decodes {@code n} pixels.
     *
     * @param in        compressed bytes {@code in[off .. off+len)}, followed by at least {@link #PAD} readable bytes
     * @param bytePix   1, 2 or 4
     * @param blockSize pixels per block (16 or 32 in practice)
     * @param out       receives the pixels at {@code out[outOff .. outOff+n)}
     * @throws CorruptTileException when the stream is malformed or runs past {@code len} bytes
     */
    static void decode(byte[] in, int off, int len, int bytePix, int blockSize, int[] out, int outOff, int n)
            throws CorruptTileException {
        if (n == 0) {
            return;
        }
        if (len < bytePix || off + len + PAD > in.length) {
            throw new CorruptTileException("RICE_1 tile of " + len + " bytes is too short for " + n + " pixels");
        }
        int fsBits = fsBits(bytePix);
        int fsMax = fsMax(bytePix);
        int bBits = bytePix * 8;
        int mask = bytePix == 4 ? -1 : (1 << bBits) - 1;
        int shiftBack = 32 - bBits; // sign-extends 16-bit pixels; 8-bit pixels stay unsigned
        boolean signExtend = bytePix == 2;
        int last = 0;
        for (int b = 0; b < bytePix; b++) {
            last = (last << 8) | (in[off + b] & 0xFF);
        }
        int pos = off + bytePix;
        int limit = in.length - 8; // a refill loads 8 bytes at pos
        long buf = 0; // valid bits are left-aligned; bits below the count are zero
        int nb = 0;
        int end = outOff + n;
        int i = outOff;
        while (i < end) {
            if (nb < fsBits) {
                if (pos > limit) {
                    throw overrun(len, n);
                }
                int take = (64 - nb) >>> 3;
                int nn = nb + (take << 3);
                buf |= ((long) LONG_BE.get(in, pos) >>> nb) & (-1L << (64 - nn));
                pos += take;
                nb = nn;
            }
            int fs = (int) (buf >>> (64 - fsBits)) - 1;
            buf <<= fsBits;
            nb -= fsBits;
            int blockEnd = Math.min(end, i + blockSize);
            if (fs < 0) {
                int v = signExtend ? (last << shiftBack) >> shiftBack : last;
                while (i < blockEnd) {
                    out[i++] = v;
                }
            } else if (fs == fsMax) {
                for (; i < blockEnd; i++) {
                    if (nb < bBits) {
                        if (pos > limit) {
                            throw overrun(len, n);
                        }
                        int take = (64 - nb) >>> 3;
                        int nn = nb + (take << 3);
                        buf |= ((long) LONG_BE.get(in, pos) >>> nb) & (-1L << (64 - nn));
                        pos += take;
                        nb = nn;
                    }
                    int diff = (int) (buf >>> (64 - bBits));
                    buf <<= bBits;
                    nb -= bBits;
                    last = (last + ((diff >>> 1) ^ -(diff & 1))) & mask;
                    out[i] = signExtend ? (last << shiftBack) >> shiftBack : last;
                }
            } else if (fs > fsMax) {
                throw new CorruptTileException("RICE_1 block code " + (fs + 1) + " exceeds " + (fsMax + 1)
                        + " for " + bytePix + "-byte pixels");
            } else {
                for (; i < blockEnd; i++) {
                    if (nb < 32) {
                        if (pos > limit) {
                            throw overrun(len, n);
                        }
                        int take = (64 - nb) >>> 3;
                        int nn = nb + (take << 3);
                        buf |= ((long) LONG_BE.get(in, pos) >>> nb) & (-1L << (64 - nn));
                        pos += take;
                        nb = nn;
                    }
                    int lz = Long.numberOfLeadingZeros(buf);
                    int top;
                    if (lz < nb) {
                        top = lz;
                    } else { // a long run of zeros (a large difference in a quiet block): count across refills
                        top = nb;
                        buf = 0;
                        nb = 0;
                        while (true) {
                            if (pos > limit) {
                                throw overrun(len, n);
                            }
                            buf = (long) LONG_BE.get(in, pos);
                            pos += 8;
                            nb = 64;
                            lz = Long.numberOfLeadingZeros(buf);
                            if (lz < 64) {
                                break;
                            }
                            top += 64;
                        }
                        top += lz;
                    }
                    buf = (buf << lz) << 1;
                    nb -= lz + 1;
                    if (nb < fs) {
                        if (pos > limit) {
                            throw overrun(len, n);
                        }
                        int take = (64 - nb) >>> 3;
                        int nn = nb + (take << 3);
                        buf |= ((long) LONG_BE.get(in, pos) >>> nb) & (-1L << (64 - nn));
                        pos += take;
                        nb = nn;
                    }
                    int diff = (top << fs) | (int) ((buf >>> 1) >>> (63 - fs));
                    buf <<= fs;
                    nb -= fs;
                    last = (last + ((diff >>> 1) ^ -(diff & 1))) & mask;
                    out[i] = signExtend ? (last << shiftBack) >> shiftBack : last;
                }
            }
        }
        long consumedBits = 8L * (pos - off) - nb;
        if (consumedBits > 8L * len) {
            throw overrun(len, n);
        }
    }

    private static CorruptTileException overrun(int len, int n) {
        return new CorruptTileException("RICE_1 stream runs past its " + len + " bytes before " + n + " pixels");
    }

    /** @return an upper bound on the compressed size of {@code n} pixels (for sizing the output buffer) */
    static int maxEncodedBytes(int n, int bytePix, int blockSize) {
        // a Rice-coded block takes at most fsBits + count * (fs + 1) + 2.5 * count + 1 bits (FS is chosen from the
        // block mean, which bounds the unary parts), with fs < fsMax; a raw block takes count * bBits
        long bits = 8L * bytePix + (long) n * (8 * bytePix + 2)
                + (long) ((n + blockSize - 1) / blockSize) * (fsBits(bytePix) + 1);
        return (int) Math.min(Integer.MAX_VALUE - 16, bits / 8 + 16);
    }

    /**
     * Encodes {@code n} pixels as CFITSIO does (same block decisions, same bytes).
     *
     * @param px        pixels {@code px[off .. off+n)}; only the low {@code 8 * bytePix} bits of each are used
     * @param out       receives the bytes from {@code out[0]}; at least {@link #maxEncodedBytes} long
     * @return the number of bytes written
     */
    static int encode(int[] px, int off, int n, int bytePix, int blockSize, byte[] out) {
        int fsBits = fsBits(bytePix);
        int fsMax = fsMax(bytePix);
        int bBits = bytePix * 8;
        int shift = 32 - bBits;
        BitWriter w = new BitWriter(out);
        if (n == 0) {
            return 0;
        }
        w.put(px[off], bBits);
        int last = px[off];
        int[] diff = new int[blockSize];
        for (int i = 0; i < n; i += blockSize) {
            int count = Math.min(blockSize, n - i);
            double sum = 0;
            for (int j = 0; j < count; j++) {
                int next = px[off + i + j];
                int d = ((next - last) << shift) >> shift; // wrap to the pixel width, signed
                int m = d < 0 ? ~(d << 1) : d << 1;
                m = bBits == 32 ? m : m & ((1 << bBits) - 1);
                diff[j] = m;
                sum += m & 0xFFFF_FFFFL;
                last = next;
            }
            double dpsum = (sum - (count / 2) - 1) / count;
            if (dpsum < 0) {
                dpsum = 0;
            }
            long psum = ((long) dpsum & 0xFFFF_FFFFL) >>> 1;
            int fs = 0;
            while (psum > 0) {
                psum >>>= 1;
                fs++;
            }
            if (fs >= fsMax) {
                w.put(fsMax + 1, fsBits);
                for (int j = 0; j < count; j++) {
                    w.put(diff[j], bBits);
                }
            } else if (fs == 0 && sum == 0) {
                w.put(0, fsBits);
            } else {
                w.put(fs + 1, fsBits);
                int fsMask = (1 << fs) - 1;
                for (int j = 0; j < count; j++) {
                    int v = diff[j];
                    int top = v >>> fs;
                    w.zeros(top);
                    w.put(1, 1);
                    if (fs > 0) {
                        w.put(v & fsMask, fs);
                    }
                }
            }
        }
        return w.finish();
    }

    /** Writes bits most significant first; the last byte is padded with zero bits. */
    private static final class BitWriter {
        private final byte[] out;
        private int pos;
        private long acc;
        private int bits;

        BitWriter(byte[] out) {
            this.out = out;
        }

        /** Appends the low {@code n} bits of {@code v} (n at most 32). */
        void put(int v, int n) {
            acc = (acc << n) | (v & (n == 32 ? 0xFFFF_FFFFL : (1L << n) - 1));
            bits += n;
            while (bits >= 8) {
                bits -= 8;
                out[pos++] = (byte) (acc >>> bits);
            }
        }

        void zeros(int n) {
            while (n > 32) {
                put(0, 32);
                n -= 32;
            }
            if (n > 0) {
                put(0, n);
            }
        }

        int finish() {
            if (bits > 0) {
                out[pos++] = (byte) (acc << (8 - bits));
                bits = 0;
            }
            return pos;
        }
    }
}
