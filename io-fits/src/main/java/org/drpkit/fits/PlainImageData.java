package org.drpkit.fits;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;

/**
 * An uncompressed image data unit: rows are read with positional reads into a pooled direct buffer and decoded
 * from it. Large requests are read in chunks of at most {@link DirectBuffers#SIZE} bytes.
 */
final class PlainImageData implements ImageData {

    private final FileChannel channel;
    private final DirectBuffers buffers;
    private final HduInfo hdu;
    private final Location where;
    private final int width;
    private final int height;
    private final long planes;
    private final int bitpix;
    private final int bpp;
    private final PixelCodec.Scaling scaling;

    PlainImageData(FileChannel channel, DirectBuffers buffers, HduInfo hdu, Location where, int width, int height,
            long planes) {
        this.channel = channel;
        this.buffers = buffers;
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

    /** Decodes {@code n} pixels of a chunk read into {@code b} into the destination at {@code at}. */
    @FunctionalInterface
    private interface Decoder {
        void decode(ByteBuffer b, int n, int at);
    }

    @Override
    public void readRows(int plane, int y0, int rows, float[] dst, int off, Scratch s) throws DrpException {
        read(plane, y0, rows, s, (b, n, at) -> PixelCodec.decode(b, 0, bitpix, scaling, dst, off + at, n));
    }

    @Override
    public void readRowsInt(int plane, int y0, int rows, int[] dst, int off, Scratch s) throws DrpException {
        read(plane, y0, rows, s, (b, n, at) -> PixelCodec.decodeInts(b, 0, bitpix, scaling, dst, off + at, n));
    }

    @Override
    public void readRowsDouble(int plane, int y0, int rows, double[] dst, int off, Scratch s) throws DrpException {
        read(plane, y0, rows, s, (b, n, at) -> PixelCodec.decodeDoubles(b, 0, bitpix, scaling, dst, off + at, n));
    }

    private void read(int plane, int y0, int rows, Scratch s, Decoder d) throws DrpException {
        int step = chunkRows();
        long most = (long) Math.min(step, rows) * width * bpp;
        boolean pooled = most <= DirectBuffers.SIZE;
        ByteBuffer buf = pooled ? buffers.take((int) most) : null;
        try {
            for (int y = y0; y < y0 + rows; y += step) {
                int n = Math.min(step, y0 + rows - y) * width;
                ByteBuffer b = pooled ? buf.clear().limit(n * bpp) : ByteBuffer.wrap(s.bytes(n * bpp), 0, n * bpp);
                fill(b, hdu.dataOffset() + ((long) plane * height + y) * width * bpp);
                d.decode(b, n, (y - y0) * width);
            }
        } finally {
            if (pooled) {
                buffers.give(buf);
            }
        }
    }

    private int chunkRows() {
        return (int) Math.max(1, Math.min(height, DirectBuffers.SIZE / ((long) width * bpp)));
    }

    private void fill(ByteBuffer b, long pos) throws DrpException {
        long start = pos - b.position();
        try {
            while (b.hasRemaining()) {
                if (channel.read(b, start + b.position()) < 0) {
                    throw new DrpException(FitsErrorCode.FITS_TRUNCATED, where, "file ends inside the data unit");
                }
            }
        } catch (IOException e) {
            throw new DrpException(FitsErrorCode.FITS_UNREADABLE, where, e.toString(), e);
        }
    }
}
