package org.drpkit.fits;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;

/**
 * An uncompressed image data unit: rows are read with positional reads straight from the file and decoded in one
 * pass. Large requests are read in chunks of about 4 MiB so the work array stays small.
 */
final class PlainImageData implements ImageData {

    private static final int CHUNK = 4 << 20;

    private final FileChannel channel;
    private final HduInfo hdu;
    private final Location where;
    private final int width;
    private final int height;
    private final long planes;
    private final int bitpix;
    private final int bpp;
    private final PixelCodec.Scaling scaling;

    PlainImageData(FileChannel channel, HduInfo hdu, Location where, int width, int height, long planes) {
        this.channel = channel;
        this.hdu = hdu;
        this.where = where;
        this.width = width;
        this.height = height;
        this.planes = planes;
        this.bitpix = hdu.bitpix();
        this.bpp = Math.abs(bitpix) / 8;
        this.scaling = FitsReader.scaling(hdu.header(), bitpix);
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public long planes() {
        return planes;
    }

    @Override
    public int bitpix() {
        return bitpix;
    }

    @Override
    public boolean compressed() {
        return false;
    }

    @Override
    public boolean exactIntegers() {
        return bitpix > 0 && scaling.isIntegral();
    }

    @Override
    public void readRows(int plane, int y0, int rows, float[] dst, int off, Scratch s) throws DrpException {
        int step = chunkRows();
        for (int y = y0; y < y0 + rows; y += step) {
            int n = Math.min(step, y0 + rows - y) * width;
            byte[] b = read(plane, y, n, s);
            PixelCodec.decode(b, 0, bitpix, scaling, dst, off + (y - y0) * width, n);
        }
    }

    @Override
    public void readRowsInt(int plane, int y0, int rows, int[] dst, int off, Scratch s) throws DrpException {
        int step = chunkRows();
        for (int y = y0; y < y0 + rows; y += step) {
            int n = Math.min(step, y0 + rows - y) * width;
            byte[] b = read(plane, y, n, s);
            PixelCodec.decodeInts(b, 0, bitpix, scaling, dst, off + (y - y0) * width, n);
        }
    }

    @Override
    public void readRowsDouble(int plane, int y0, int rows, double[] dst, int off, Scratch s) throws DrpException {
        int step = chunkRows();
        for (int y = y0; y < y0 + rows; y += step) {
            int n = Math.min(step, y0 + rows - y) * width;
            byte[] b = read(plane, y, n, s);
            PixelCodec.decodeDoubles(b, 0, bitpix, scaling, dst, off + (y - y0) * width, n);
        }
    }

    private int chunkRows() {
        return (int) Math.max(1, Math.min(height, CHUNK / ((long) width * bpp)));
    }

    private byte[] read(int plane, int y, int n, Scratch s) throws DrpException {
        long pos = hdu.dataOffset() + ((long) plane * height + y) * width * bpp;
        int bytes = n * bpp;
        byte[] b = s.bytes(bytes);
        ByteBuffer buf = ByteBuffer.wrap(b, 0, bytes);
        try {
            while (buf.hasRemaining()) {
                if (channel.read(buf, pos + buf.position()) < 0) {
                    throw new DrpException(FitsErrorCode.FITS_TRUNCATED, where, "file ends inside the data unit");
                }
            }
        } catch (IOException e) {
            throw new DrpException(FitsErrorCode.FITS_UNREADABLE, where, e.toString(), e);
        }
        return b;
    }
}
