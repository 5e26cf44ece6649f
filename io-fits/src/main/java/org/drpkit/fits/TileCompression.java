package org.drpkit.fits;

/**
 * How {@link FitsWriter} tile-compresses an image: the algorithm, the tile height in rows (tiles span whole rows,
 * as fpack's default) and the Rice block size. The output follows the FITS tiled-image convention, so CFITSIO
 * ({@code funpack}), astropy and nom-tam-fits read it.
 *
 * <pre>{@code
 * FitsWriter.create().compressedImage("READ1", hdr, read, PixelType.UINT16, TileCompression.rice());
 * TileCompression.rice().withTileRows(16);   // 16-row tiles
 * }</pre>
 *
 * @param algorithm the codec
 * @param tileRows  rows per tile (at least 1)
 * @param blockSize pixels per Rice block: 16 or 32
 */
public record TileCompression(Algorithm algorithm, int tileRows, int blockSize) {

    /** Codecs drpkit writes (it reads all codecs of the convention). */
    public enum Algorithm {
        /** Lossless Rice coding of integer pixels (UINT8, INT16, UINT16, INT32). */
        RICE_1
    }

    /** Checks the parameters. */
    public TileCompression {
        if (algorithm == null || tileRows < 1 || (blockSize != 16 && blockSize != 32)) {
            throw new IllegalArgumentException("invalid tile compression " + algorithm + ", " + tileRows + " rows, block "
                    + blockSize);
        }
    }

    /** @return RICE_1 with one-row tiles and 32-pixel blocks (what fpack writes by default) */
    public static TileCompression rice() {
        return new TileCompression(Algorithm.RICE_1, 1, 32);
    }

    /** @return the same compression with {@code rows} rows per tile */
    public TileCompression withTileRows(int rows) {
        return new TileCompression(algorithm, rows, blockSize);
    }
}
