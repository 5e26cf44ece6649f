package org.drpkit.fits;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import nom.tam.fits.compression.algorithm.hcompress.HCompressor;
import nom.tam.fits.compression.algorithm.hcompress.HCompressorOption;
import nom.tam.fits.compression.algorithm.plio.PLIOCompress;
import org.drpkit.core.error.DrpException;

/**
 * Decodes the bytes of one tile. RICE_1 uses drpkit's own {@link Rice} decoder (the speed path); GZIP_1 and
 * GZIP_2 use the JDK's inflater; HCOMPRESS_1 and PLIO_1 use nom-tam-fits' codecs. A decoded tile is either
 * integers in {@link Scratch#ints} (integer images and quantized floats) or, for lossless floating-point and 64-bit
 * tiles, big-endian values of the image BITPIX in {@link Scratch#raw}.
 */
final class TileCodecs {

    private TileCodecs() {
    }

    /**
     * @param src    compressed bytes at {@code src[pos .. pos+len)}, followed by {@link Rice#PAD} readable bytes
     * @param alt    true when the bytes come from GZIP_COMPRESSED_DATA (a tile stored losslessly as raw values)
     * @param raw    true when the bytes come from UNCOMPRESSED_DATA
     * @param n      pixels in the tile
     * @param tw     tile width in pixels (HCOMPRESS needs it)
     * @param th     tile height in pixels
     * @return true when the tile is in {@code s.ints(n)}, false when it is in {@code s.raw(..)} as image-BITPIX values
     */
    static boolean decode(TileTable tt, int tile, byte[] src, int pos, int len, boolean alt, boolean raw, int n,
            int tw, int th, Scratch s) throws DrpException {
        int rawBytes = Math.abs(tt.zbitpix) / 8;
        try {
            if (raw) {
                copyExactly(tt, tile, src, pos, len, n * rawBytes, s);
                return false;
            }
            if (alt) {
                inflate(tt, tile, src, pos, len, s.raw(n * rawBytes), n * rawBytes, n * rawBytes);
                return false;
            }
            switch (tt.codec) {
                case RICE_1 -> {
                    requireIntegers(tt);
                    Rice.decode(src, pos, len, tt.bytePix, tt.blockSize, s.ints(n), 0, n);
                    return true;
                }
                case GZIP_1, GZIP_2 -> {
                    int e = tt.elementBytes();
                    int wide = tt.integerTiles() && e < 4 ? 4 : e; // old CFITSIO: 4-byte ints for 8/16-bit images
                    byte[] out = s.raw(n * wide);
                    int got = inflate(tt, tile, src, pos, len, out, n * e, n * wide);
                    e = got / n;
                    if (tt.codec == TileTable.Codec.GZIP_2 && e > 1) {
                        unshuffle(out, n, e);
                    }
                    if (tt.integerTiles()) {
                        toInts(out, n, e, s.ints(n));
                        return true;
                    }
                    return false;
                }
                case NOCOMPRESS -> {
                    int e = tt.elementBytes();
                    byte[] out = copyExactly(tt, tile, src, pos, len, n * e, s);
                    if (tt.integerTiles()) {
                        toInts(out, n, e, s.ints(n));
                        return true;
                    }
                    return false;
                }
                case HCOMPRESS_1 -> {
                    requireIntegers(tt);
                    hcompressHeader(tt, tile, src, pos, len, n);
                    hdecompress(tt, src, pos, len, n, tw, th, s.ints(n));
                    return true;
                }
                case PLIO_1 -> {
                    requireIntegers(tt);
                    plio(tt, src, pos, len, n, s.ints(n));
                    return true;
                }
                default -> throw new IllegalStateException(tt.codec.toString());
            }
        } catch (Rice.CorruptTileException e) {
            throw corrupt(tt, tile, e.getMessage(), e);
        } catch (IOException | RuntimeException e) { // nom-tam and the inflater report bad streams unchecked
            throw corrupt(tt, tile, tt.codec + " stream cannot be decoded: " + e, e);
        }
    }

    private static void requireIntegers(TileTable tt) throws DrpException {
        if (!tt.integerTiles()) {
            throw new DrpException(FitsErrorCode.FITS_UNSUPPORTED, tt.where.keyword("ZCMPTYPE"),
                    tt.codec + " of unquantized BITPIX " + tt.zbitpix + " data is not defined");
        }
    }

    private static byte[] copyExactly(TileTable tt, int tile, byte[] src, int pos, int len, int expected, Scratch s)
            throws DrpException {
        if (len != expected) {
            throw corrupt(tt, tile, "uncompressed tile holds " + len + " bytes, expected " + expected, null);
        }
        byte[] out = s.raw(expected);
        System.arraycopy(src, pos, out, 0, expected);
        return out;
    }

    /** @return the number of bytes inflated: exactly {@code expected} or {@code alternative} */
    private static int inflate(TileTable tt, int tile, byte[] src, int pos, int len, byte[] out, int expected,
            int alternative) throws IOException, DrpException {
        boolean gzip = len >= 2 && src[pos] == (byte) 0x1f && src[pos + 1] == (byte) 0x8b;
        int max = Math.max(expected, alternative);
        try (InputStream in = gzip ? new GZIPInputStream(new ByteArrayInputStream(src, pos, len), 8192)
                : new InflaterInputStream(new ByteArrayInputStream(src, pos, len))) {
            int got = in.readNBytes(out, 0, max);
            if ((got != expected && got != alternative) || in.read() >= 0) {
                throw corrupt(tt, tile, "gzip stream holds " + (got < max ? got + " bytes" : "more bytes")
                        + ", expected " + expected, null);
            }
            return got;
        }
    }

    /** GZIP_2 stores the most significant bytes of all values first, then the next bytes, and so on. */
    private static void unshuffle(byte[] b, int n, int e) {
        byte[] tmp = Arrays.copyOf(b, n * e);
        for (int k = 0; k < e; k++) {
            int from = k * n;
            for (int i = 0; i < n; i++) {
                b[i * e + k] = tmp[from + i];
            }
        }
    }

    private static void toInts(byte[] b, int n, int e, int[] out) {
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.BIG_ENDIAN);
        switch (e) {
            case 1 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = b[i] & 0xFF;
                }
            }
            case 2 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = bb.getShort(2 * i);
                }
            }
            default -> bb.asIntBuffer().get(out, 0, n);
        }
    }

    /**
     * Checks the HCOMPRESS stream header (magic 0xDD99, then the image's two dimensions as big-endian ints) against
     * the tile before nom-tam sizes its work arrays from it.
     */
    private static void hcompressHeader(TileTable tt, int tile, byte[] src, int pos, int len, int n)
            throws DrpException {
        if (len < 10 || src[pos] != (byte) 0xDD || src[pos + 1] != (byte) 0x99) {
            throw corrupt(tt, tile, "HCOMPRESS stream has no header (magic 0xDD99)", null);
        }
        ByteBuffer b = ByteBuffer.wrap(src, pos, len).order(ByteOrder.BIG_ENDIAN);
        long nx = b.getInt(pos + 2);
        long ny = b.getInt(pos + 6);
        if (nx <= 0 || ny <= 0 || nx * ny != n) {
            throw corrupt(tt, tile, "HCOMPRESS stream declares " + nx + "x" + ny + " pixels, the tile has " + n, null);
        }
    }

    private static void hdecompress(TileTable tt, byte[] src, int pos, int len, int n, int tw, int th, int[] out) {
        HCompressorOption opt = new HCompressorOption().setTileWidth(tw).setTileHeight(th).setSmooth(tt.smooth);
        ByteBuffer in = ByteBuffer.wrap(src, pos, len).slice();
        if (tt.zbitpix == 16 || tt.zbitpix == 8) {
            short[] tmp = new short[n];
            new HCompressor.ShortHCompressor(opt).decompress(in, ShortBuffer.wrap(tmp));
            for (int i = 0; i < n; i++) {
                out[i] = tt.zbitpix == 8 ? tmp[i] & 0xFF : tmp[i];
            }
        } else {
            new HCompressor.IntHCompressor(opt).decompress(in, IntBuffer.wrap(out, 0, n));
        }
    }

    private static void plio(TileTable tt, byte[] src, int pos, int len, int n, int[] out) {
        ByteBuffer in = ByteBuffer.wrap(src, pos, len).slice();
        new PLIOCompress.IntPLIOCompressor().decompress(in, IntBuffer.wrap(out, 0, n));
    }

    private static DrpException corrupt(TileTable tt, int tile, String what, Throwable cause) {
        return new DrpException(FitsErrorCode.FITS_CORRUPT_DATA, tt.where, "tile " + (tile + 1) + ": " + what, cause);
    }
}
