package org.drpkit.fits;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drpkit.core.error.CoreErrorCode;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.SizeGuard;

/**
 * The layout of one tile-compressed image HDU (a BINTABLE with {@code ZIMAGE = T}, FITS standard 4.0 section 10):
 * image shape and tiling from the Z keywords, the codec and its parameters, and for every tile where its bytes lie
 * in the heap and its quantization constants. Everything read from the file is checked before it is used: tile
 * counts against the table, descriptors against the data unit, sizes against the reader's limit.
 */
final class TileTable {

    private static final Pattern TFORM = Pattern.compile("\\s*(\\d*)([LXBIJKAEDCMPQ])([BIJKED]?)(\\(\\d*\\))?\\s*");

    /** The codecs of the convention. */
    enum Codec { RICE_1, GZIP_1, GZIP_2, HCOMPRESS_1, PLIO_1, NOCOMPRESS }

    /** Where one column lies in a table row, and its type ({@code P}/{@code Q} for heap descriptors). */
    record Column(int offset, char type, char elementType, int repeat) {
        int elementBytes() {
            return width(elementType);
        }
    }

    final Location where;
    final Codec codec;
    final int zbitpix;
    final long[] znaxis;
    final int[] ztile;
    final int[] ntiles; // tiles along each axis
    final long tilePixels; // pixels in a full tile
    final int blockSize;
    final int bytePix;
    final boolean smooth;
    final Dither.Method quantize;
    final int dither0;
    final PixelCodec.Scaling scaling; // of the integer image (BSCALE, BZERO, BLANK/ZBLANK)
    final Column compressed;
    final Column gzip;
    final Column uncompressed;
    final Column zscaleColumn;
    final Column zzeroColumn;
    final Column zblankColumn;
    final double zscaleKey;
    final double zzeroKey;
    final Integer zblankKey;
    final long rowBytes;
    final long rows;
    final long heapStart; // file position of the heap
    final long dataEnd; // file position just after the data unit

    private TileTable(HduInfo h, Location where) throws DrpException {
        this.where = where;
        Header hd = h.header();
        String cmp = hd.getString("ZCMPTYPE").map(s -> s.trim().toUpperCase(Locale.ROOT)).orElseThrow(
                () -> new DrpException(FitsErrorCode.FITS_BAD_HEADER, where.keyword("ZCMPTYPE"),
                        "a tile-compressed image needs ZCMPTYPE"));
        codec = switch (cmp) {
            case "RICE_1", "RICE_ONE" -> Codec.RICE_1;
            case "GZIP_1" -> Codec.GZIP_1;
            case "GZIP_2" -> Codec.GZIP_2;
            case "HCOMPRESS_1" -> Codec.HCOMPRESS_1;
            case "PLIO_1" -> Codec.PLIO_1;
            case "NOCOMPRESS" -> Codec.NOCOMPRESS;
            default -> throw new DrpException(FitsErrorCode.FITS_UNSUPPORTED, where.keyword("ZCMPTYPE"),
                    "unknown tile compression '" + cmp + "'");
        };
        zbitpix = (int) require(hd, "ZBITPIX");
        if (zbitpix != 8 && zbitpix != 16 && zbitpix != 32 && zbitpix != 64 && zbitpix != -32 && zbitpix != -64) {
            throw new DrpException(FitsErrorCode.FITS_BAD_HEADER, where.keyword("ZBITPIX"), "invalid ZBITPIX " + zbitpix);
        }
        int naxis = (int) require(hd, "ZNAXIS");
        if (naxis < 1 || naxis > 999) {
            throw new DrpException(FitsErrorCode.FITS_BAD_HEADER, where.keyword("ZNAXIS"), "invalid ZNAXIS " + naxis);
        }
        znaxis = new long[naxis];
        ztile = new int[naxis];
        ntiles = new int[naxis];
        long tileCount = 1;
        long tilePixels = 1;
        for (int i = 0; i < naxis; i++) {
            String k = "ZNAXIS" + (i + 1);
            znaxis[i] = require(hd, k);
            if (znaxis[i] < 0) {
                throw new DrpException(FitsErrorCode.FITS_BAD_HEADER, where.keyword(k), k + " is negative");
            }
            String kt = "ZTILE" + (i + 1);
            long t = hd.getLong(kt).orElse(i == 0 ? znaxis[0] : 1L);
            if (t < 1 || t > SizeGuard.MAX_ARRAY_LENGTH) {
                throw new DrpException(FitsErrorCode.FITS_BAD_HEADER, where.keyword(kt), "invalid tile size " + t);
            }
            ztile[i] = (int) t;
            long nt = znaxis[i] == 0 ? 0 : (znaxis[i] + t - 1) / t;
            ntiles[i] = (int) Math.min(nt, Integer.MAX_VALUE);
            tileCount = Math.multiplyExact(tileCount, nt);
            tilePixels = Math.multiplyExact(tilePixels, Math.min(t, Math.max(1, znaxis[i])));
        }
        this.tilePixels = tilePixels;
        if (tilePixels > SizeGuard.MAX_ARRAY_LENGTH) {
            throw new DrpException(CoreErrorCode.SIZE_LIMIT_EXCEEDED, where.keyword("ZTILE1"),
                    "a tile of " + tilePixels + " pixels exceeds one Java array");
        }
        for (int i = 3; i < naxis; i++) {
            if (ztile[i] != 1) {
                throw new DrpException(FitsErrorCode.FITS_UNSUPPORTED, where.keyword("ZTILE" + (i + 1)),
                        "tiles spanning more than 3 axes are not supported");
            }
        }
        rowBytes = h.axis(1);
        rows = h.axis(2);
        if (rows < tileCount) {
            throw new DrpException(FitsErrorCode.FITS_TRUNCATED, where.keyword("NAXIS2"),
                    "the table holds " + rows + " tiles but ZNAXISn/ZTILEn need " + tileCount);
        }
        if (tileCount > Integer.MAX_VALUE) {
            throw new DrpException(CoreErrorCode.SIZE_LIMIT_EXCEEDED, where.keyword("NAXIS2"),
                    tileCount + " tiles exceed one Java array");
        }
        long theap = hd.getLong("THEAP").orElse(rowBytes * rows);
        heapStart = h.dataOffset() + theap;
        dataEnd = h.dataOffset() + h.dataBytes();
        if (theap < rowBytes * rows || heapStart > dataEnd) {
            throw new DrpException(FitsErrorCode.FITS_BAD_HEADER, where.keyword("THEAP"), "THEAP " + theap
                    + " is outside the data unit");
        }
        int blk = 32;
        int bpx = 4; // CFITSIO's RICE_1 default when no BYTEPIX is given, whatever ZBITPIX is
        boolean smoothing = false;
        for (int i = 1; hd.contains("ZNAME" + i); i++) {
            String name = hd.getString("ZNAME" + i).orElse("").trim().toUpperCase(Locale.ROOT);
            long v = hd.getDouble("ZVAL" + i).map(Math::round).orElse(0L);
            switch (name) {
                case "BLOCKSIZE" -> blk = (int) v;
                case "BYTEPIX" -> bpx = (int) v;
                case "SMOOTH" -> smoothing = v != 0;
                default -> {
                    // NOISEBIT, SCALE (read from the HCOMPRESS stream itself) and others do not affect decoding
                }
            }
        }
        if (codec == Codec.RICE_1 && (blk < 1 || (bpx != 1 && bpx != 2 && bpx != 4))) {
            throw new DrpException(FitsErrorCode.FITS_BAD_HEADER, where.keyword("ZVAL1"),
                    "invalid RICE_1 parameters BLOCKSIZE " + blk + ", BYTEPIX " + bpx);
        }
        blockSize = blk;
        bytePix = bpx;
        smooth = smoothing;

        Column[] cols = columns(hd, rowBytes, where);
        compressed = find(hd, cols, "COMPRESSED_DATA");
        gzip = find(hd, cols, "GZIP_COMPRESSED_DATA");
        uncompressed = find(hd, cols, "UNCOMPRESSED_DATA");
        zscaleColumn = find(hd, cols, "ZSCALE");
        zzeroColumn = find(hd, cols, "ZZERO");
        zblankColumn = find(hd, cols, "ZBLANK");
        if (compressed == null || (compressed.type != 'P' && compressed.type != 'Q')) {
            throw new DrpException(FitsErrorCode.FITS_BAD_HEADER, where.keyword("TTYPE1"),
                    "no COMPRESSED_DATA heap column");
        }
        zscaleKey = hd.getDouble("ZSCALE").orElse(1.0);
        zzeroKey = hd.getDouble("ZZERO").orElse(0.0);
        Long zb = hd.getLong("ZBLANK").orElse(null);
        zblankKey = zb == null ? null : (int) (long) zb;
        boolean quantized = zbitpix < 0 && (zscaleColumn != null || hd.contains("ZSCALE"));
        String q = hd.getString("ZQUANTIZ").map(s -> s.trim().toUpperCase(Locale.ROOT)).orElse(null);
        if (zbitpix > 0 || !quantized) {
            quantize = Dither.Method.NONE;
        } else if (q == null || q.equals("NO_DITHER")) {
            quantize = Dither.Method.NO_DITHER;
        } else if (q.equals("SUBTRACTIVE_DITHER_1")) {
            quantize = Dither.Method.SUBTRACTIVE_DITHER_1;
        } else if (q.equals("SUBTRACTIVE_DITHER_2")) {
            quantize = Dither.Method.SUBTRACTIVE_DITHER_2;
        } else {
            throw new DrpException(FitsErrorCode.FITS_UNSUPPORTED, where.keyword("ZQUANTIZ"),
                    "unknown quantization '" + q + "'");
        }
        dither0 = hd.getInt("ZDITHER0").orElse(1);
        if (quantize != Dither.Method.NONE && quantize != Dither.Method.NO_DITHER
                && (dither0 < 1 || dither0 > Dither.N_RANDOM)) {
            throw new DrpException(FitsErrorCode.FITS_BAD_HEADER, where.keyword("ZDITHER0"),
                    "ZDITHER0 must be 1..10000, found " + dither0);
        }
        Long blank = null;
        if (zbitpix > 0) {
            blank = hd.getLong("ZBLANK").or(() -> hd.getLong("BLANK")).orElse(null);
        }
        scaling = zbitpix > 0
                ? new PixelCodec.Scaling(hd.getDouble("BSCALE").orElse(1.0), hd.getDouble("BZERO").orElse(0.0), blank)
                : PixelCodec.Scaling.IDENTITY;
    }

    /**
     * @throws DrpException {@code FITS_BAD_HEADER}, {@code FITS_UNSUPPORTED}, {@code FITS_TRUNCATED} or
     *                      {@code SIZE_LIMIT_EXCEEDED} when the Z keywords or the table do not describe a readable image
     */
    static TileTable of(HduInfo h, Location where) throws DrpException {
        try {
            return new TileTable(h, where);
        } catch (ArithmeticException e) {
            throw new DrpException(CoreErrorCode.SIZE_LIMIT_EXCEEDED, where.keyword("ZNAXIS"),
                    "tile counts overflow 64 bits");
        }
    }

    /**
     * @return bytes decoding one full tile may allocate: the decoded ints, the raw bytes of the image BITPIX (or of
     *         an old CFITSIO 4-byte GZIP tile), a GZIP_2 unshuffle copy, and HCOMPRESS's 64-bit work array and
     *         16-bit copy
     */
    long tileWorkBytes() {
        long perPixel = 4 + 8;
        if (codec == Codec.GZIP_2) {
            perPixel += 8;
        }
        if (codec == Codec.HCOMPRESS_1) {
            perPixel += 8 + 2;
        }
        return perPixel * tilePixels;
    }

    /** @return pixels per row of the image */
    int width() {
        return (int) znaxis[0];
    }

    /** @return rows of the image (1 for a 1D image) */
    long height() {
        return znaxis.length > 1 ? znaxis[1] : 1;
    }

    /** @return number of 2D planes (product of ZNAXIS3..) */
    long planes() {
        long p = 1;
        for (int i = 2; i < znaxis.length; i++) {
            p *= znaxis[i];
        }
        return p;
    }

    int tileWidth() {
        return ztile[0];
    }

    int tileHeight() {
        return ztile.length > 1 ? ztile[1] : 1;
    }

    /** @return tile depth along axis 3 (1 for 2D images and for NAXIS over 3) */
    int tileDepth() {
        return ztile.length == 3 ? ztile[2] : 1;
    }

    int tilesX() {
        return ntiles[0];
    }

    int tilesY() {
        return ntiles.length > 1 ? ntiles[1] : 1;
    }

    /** @return true when decoded tiles hold integers ({@code int[]}): the integer codecs and quantized floats */
    boolean integerTiles() {
        return zbitpix != 64 && (zbitpix > 0 || quantize != Dither.Method.NONE);
    }

    /**
     * @return bytes per element of a tile decoded by a byte codec (GZIP, NOCOMPRESS); CFITSIO once wrote 8- and
     *         16-bit GZIP tiles as 4-byte ints, which {@link TileCodecs} recognises by their length
     */
    int elementBytes() {
        return zbitpix > 0 || quantize == Dither.Method.NONE ? Math.abs(zbitpix) / 8 : 4;
    }

    /**
     * Parses the table rows (already read into {@code table}, {@code rowBytes * tiles} bytes).
     *
     * @throws DrpException {@code FITS_CORRUPT_DATA} when a descriptor points outside the data unit
     */
    Tiles parse(byte[] table, int tiles) throws DrpException {
        return Tiles.parse(this, table, tiles);
    }

    private long require(Header hd, String key) throws DrpException {
        return hd.getLong(key).orElseThrow(() -> new DrpException(FitsErrorCode.FITS_BAD_HEADER,
                where.keyword(key), "a tile-compressed image needs " + key));
    }

    private static Column[] columns(Header hd, long rowBytes, Location where) throws DrpException {
        int n = hd.getInt("TFIELDS").orElse(0);
        if (n < 1 || n > 999) {
            throw new DrpException(FitsErrorCode.FITS_BAD_HEADER, where.keyword("TFIELDS"), "invalid TFIELDS " + n);
        }
        Column[] cols = new Column[n];
        long offset = 0;
        for (int i = 0; i < n; i++) {
            String key = "TFORM" + (i + 1);
            String form = hd.getString(key).orElse("");
            Matcher m = TFORM.matcher(form);
            if (!m.matches()) {
                throw new DrpException(FitsErrorCode.FITS_BAD_HEADER, where.keyword(key), "invalid " + key + " '"
                        + form + "'");
            }
            int repeat = m.group(1).isEmpty() ? 1 : Integer.parseInt(m.group(1));
            char type = m.group(2).charAt(0);
            boolean heap = type == 'P' || type == 'Q';
            if (heap == m.group(3).isEmpty()) {
                throw new DrpException(FitsErrorCode.FITS_BAD_HEADER, where.keyword(key), "invalid " + key + " '"
                        + form + "'");
            }
            char elem = heap ? m.group(3).charAt(0) : type;
            cols[i] = new Column((int) offset, type, elem, repeat);
            offset += type == 'X' ? (repeat + 7) / 8 : (long) repeat * width(type);
        }
        if (offset != rowBytes) {
            throw new DrpException(FitsErrorCode.FITS_BAD_HEADER, where.keyword("NAXIS1"),
                    "NAXIS1 is " + rowBytes + " but the columns take " + offset + " bytes");
        }
        return cols;
    }

    private static Column find(Header hd, Column[] cols, String name) {
        for (int i = 0; i < cols.length; i++) {
            if (hd.getString("TTYPE" + (i + 1)).map(s -> s.trim().equalsIgnoreCase(name)).orElse(false)) {
                return cols[i];
            }
        }
        return null;
    }

    private static int width(char type) {
        return switch (type) {
            case 'L', 'B', 'A', 'X' -> 1;
            case 'I' -> 2;
            case 'J', 'E' -> 4;
            case 'K', 'D', 'C', 'P' -> 8;
            case 'M', 'Q' -> 16;
            default -> throw new IllegalArgumentException("TFORM type " + type);
        };
    }
}
