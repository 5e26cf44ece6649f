package org.drpkit.fits;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.drpkit.core.error.DrpException;

/**
 * Where each tile's bytes lie (absolute file positions and byte lengths in the COMPRESSED_DATA,
 * GZIP_COMPRESSED_DATA and UNCOMPRESSED_DATA heap columns) and each tile's quantization constants, read from the
 * rows of a compressed image's table. Arrays of absent columns are null.
 *
 * @param offset     file position of each tile's COMPRESSED_DATA bytes
 * @param length     their length in bytes (0: the tile is stored in an alternative column)
 * @param gzipOffset file position of GZIP_COMPRESSED_DATA bytes (lossless fallback tiles)
 * @param gzipLength their length
 * @param rawOffset  file position of UNCOMPRESSED_DATA bytes
 * @param rawLength  their length
 * @param zscale     ZSCALE per tile (quantized floats)
 * @param zzero      ZZERO per tile
 * @param zblank     ZBLANK per tile
 */
record Tiles(long[] offset, int[] length, long[] gzipOffset, int[] gzipLength, long[] rawOffset, int[] rawLength,
        double[] zscale, double[] zzero, int[] zblank) {

    /**
     * Parses the rows of a tile table ({@code tt.rowBytes * tiles} bytes).
     *
     * @throws DrpException {@code FITS_CORRUPT_DATA} when a descriptor points outside the data unit
     */
    static Tiles parse(TileTable tt, byte[] table, int tiles) throws DrpException {
        ByteBuffer b = ByteBuffer.wrap(table).order(ByteOrder.BIG_ENDIAN);
        long[] off = new long[tiles];
        int[] len = new int[tiles];
        long[] goff = tt.gzip != null ? new long[tiles] : null;
        int[] glen = tt.gzip != null ? new int[tiles] : null;
        long[] roff = tt.uncompressed != null ? new long[tiles] : null;
        int[] rlen = tt.uncompressed != null ? new int[tiles] : null;
        double[] zs = tt.zscaleColumn != null ? new double[tiles] : null;
        double[] zz = tt.zzeroColumn != null ? new double[tiles] : null;
        int[] zb = tt.zblankColumn != null ? new int[tiles] : null;
        for (int t = 0; t < tiles; t++) {
            int row = (int) (t * tt.rowBytes);
            descriptor(tt, b, row, tt.compressed, t, off, len);
            if (goff != null) {
                descriptor(tt, b, row, tt.gzip, t, goff, glen);
            }
            if (roff != null) {
                descriptor(tt, b, row, tt.uncompressed, t, roff, rlen);
            }
            if (zs != null) {
                zs[t] = number(b, row, tt.zscaleColumn);
            }
            if (zz != null) {
                zz[t] = number(b, row, tt.zzeroColumn);
            }
            if (zb != null) {
                zb[t] = (int) number(b, row, tt.zblankColumn);
            }
        }
        return new Tiles(off, len, goff, glen, roff, rlen, zs, zz, zb);
    }

    private static void descriptor(TileTable tt, ByteBuffer b, int row, TileTable.Column c, int t, long[] off,
            int[] len) throws DrpException {
        long count;
        long offset;
        if (c.type() == 'P') {
            count = b.getInt(row + c.offset()) & 0xFFFF_FFFFL;
            offset = b.getInt(row + c.offset() + 4) & 0xFFFF_FFFFL;
        } else {
            count = b.getLong(row + c.offset());
            offset = b.getLong(row + c.offset() + 8);
        }
        long bytes = count * c.elementBytes();
        if (count < 0 || offset < 0 || bytes > Integer.MAX_VALUE - Rice.PAD || tt.heapStart + offset + bytes > tt.dataEnd) {
            throw new DrpException(FitsErrorCode.FITS_CORRUPT_DATA, tt.where, "tile " + (t + 1) + ": heap descriptor ("
                    + count + " elements at " + offset + ") points outside the data unit");
        }
        off[t] = tt.heapStart + offset;
        len[t] = (int) bytes;
    }

    private static double number(ByteBuffer b, int row, TileTable.Column c) {
        int p = row + c.offset();
        return switch (c.type()) {
            case 'D' -> b.getDouble(p);
            case 'E' -> b.getFloat(p);
            case 'J' -> b.getInt(p);
            case 'K' -> b.getLong(p);
            case 'I' -> b.getShort(p);
            default -> b.get(p) & 0xFF;
        };
    }
}
