package org.drpkit.fits;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.image.SizeGuard;

/**
 * A tile-compressed image read by row blocks: only the tiles that cover the requested rows are read and decoded.
 * Compressed bytes of consecutive tiles are fetched with one positional read (up to {@value #GROUP} bytes), each
 * tile is decoded into the caller's {@link Scratch} and converted straight into the destination rows.
 */
final class TiledImageData implements ImageData {

    /** Largest span of compressed bytes fetched in one read. */
    static final int GROUP = 8 << 20;
    /** Largest gap between two tiles' bytes that is still read through rather than skipped. */
    private static final int GAP = 64 << 10;

    private final FileChannel channel;
    private final HduInfo hdu;
    private final TileTable tt;
    private final long limitBytes;
    private volatile Tiles tiles;

    TiledImageData(FileChannel channel, HduInfo hdu, TileTable tt, long limitBytes) {
        this.channel = channel;
        this.hdu = hdu;
        this.tt = tt;
        this.limitBytes = limitBytes;
    }

    /** Consumes one contiguous run of decoded tile pixels. */
    @FunctionalInterface
    private interface Sink {
        void accept(int tile, boolean ints, int srcStart, int n, int dstIndex, Scratch s) throws DrpException;
    }

    @Override
    public int width() {
        return tt.width();
    }

    @Override
    public int height() {
        return (int) tt.height();
    }

    @Override
    public long planes() {
        return tt.planes();
    }

    @Override
    public int bitpix() {
        return tt.zbitpix;
    }

    @Override
    public boolean compressed() {
        return true;
    }

    @Override
    public boolean exactIntegers() {
        return tt.zbitpix > 0 && tt.scaling.isIntegral();
    }

    TileTable table() {
        return tt;
    }

    @Override
    public void readRows(int plane, int y0, int rows, float[] dst, int off, Scratch s) throws DrpException {
        Tiles ts = tiles();
        visit(plane, y0, rows, off, s, (tile, ints, src, n, at, sc) -> {
            if (!ints) {
                PixelCodec.Scaling sc2 = tt.zbitpix > 0 ? tt.scaling : PixelCodec.Scaling.IDENTITY;
                PixelCodec.decode(ByteBuffer.wrap(sc.raw(0)), src * (Math.abs(tt.zbitpix) / 8), tt.zbitpix, sc2, dst, at,
                        n);
            } else if (tt.quantize != Dither.Method.NONE) {
                double scale = ts.zscale() != null ? ts.zscale()[tile] : tt.zscaleKey;
                double zero = ts.zzero() != null ? ts.zzero()[tile] : tt.zzeroKey;
                boolean nullable = ts.zblank() != null || tt.zblankKey != null;
                int nullValue = ts.zblank() != null ? ts.zblank()[tile] : nullable ? tt.zblankKey : 0;
                Dither.unquantize(sc.ints(0), src, n, tt.quantize, scale, zero, tile, tt.dither0, src, nullable,
                        nullValue, dst, at);
            } else {
                PixelCodec.intsToFloats(sc.ints(0), src, tt.scaling, dst, at, n);
            }
        });
    }

    @Override
    public void readRowsInt(int plane, int y0, int rows, int[] dst, int off, Scratch s) throws DrpException {
        if (!exactIntegers()) {
            throw new DrpException(FitsErrorCode.FITS_WRONG_DATA, tt.where.keyword("ZBITPIX"),
                    "integers requested but the image holds BITPIX " + tt.zbitpix + " with BSCALE "
                            + tt.scaling.bscale() + ", BZERO " + tt.scaling.bzero());
        }
        visit(plane, y0, rows, off, s, (tile, ints, src, n, at, sc) -> {
            if (ints) {
                PixelCodec.intsToInts(sc.ints(0), src, tt.scaling, dst, at, n);
            } else {
                PixelCodec.decodeInts(ByteBuffer.wrap(sc.raw(0)), src * (tt.zbitpix / 8), tt.zbitpix, tt.scaling, dst,
                        at, n);
            }
        });
    }

    @Override
    public void readRowsDouble(int plane, int y0, int rows, double[] dst, int off, Scratch s) throws DrpException {
        float[] tmp = new float[rows * width()];
        readRows(plane, y0, rows, tmp, 0, s);
        for (int i = 0; i < tmp.length; i++) {
            dst[off + i] = tmp[i];
        }
    }

    /** Decodes every tile that covers the rows and hands each contiguous run of wanted pixels to {@code sink}. */
    private void visit(int plane, int y0, int rows, int off, Scratch s, Sink sink) throws DrpException {
        if (rows == 0) {
            return;
        }
        Tiles ts = tiles();
        int width = tt.width();
        int height = height();
        int tw = tt.tileWidth();
        int th = tt.tileHeight();
        int td = tt.tileDepth();
        int ntx = tt.tilesX();
        int nty = tt.tilesY();
        int tz = plane / td;
        int pz = plane % td;
        int depth = (int) Math.min(td, tt.planes() - (long) tz * td);
        int ty0 = y0 / th;
        int ty1 = (y0 + rows - 1) / th;
        int count = (ty1 - ty0 + 1) * ntx;
        int[] list = new int[count];
        int k = 0;
        for (int ty = ty0; ty <= ty1; ty++) {
            for (int tx = 0; tx < ntx; tx++) {
                list[k++] = (int) (((long) tz * nty + ty) * ntx + tx);
            }
        }
        int i = 0;
        while (i < count) {
            long gs = ts.offset()[list[i]];
            long ge = gs + ts.length()[list[i]];
            int j = i + 1;
            while (j < count) {
                long o = ts.offset()[list[j]];
                long e = o + ts.length()[list[j]];
                if (o < gs || o > ge + GAP || Math.max(ge, e) - gs > GROUP) {
                    break;
                }
                ge = Math.max(ge, e);
                j++;
            }
            SizeGuard.requireWithin(ge - gs, limitBytes, tt.where.keyword("PCOUNT"));
            byte[] group = s.bytes((int) (ge - gs) + Rice.PAD);
            read(group, (int) (ge - gs), gs);
            for (int m = i; m < j; m++) {
                int t = list[m];
                int tx = t % ntx;
                int ty = (t / ntx) % nty;
                int tWid = Math.min(tw, width - tx * tw);
                int tHgt = Math.min(th, height - ty * th);
                int n = tWid * tHgt * depth;
                boolean ints = decodeTile(ts, t, group, (int) (ts.offset()[t] - gs), n, tWid, tHgt, s);
                int yStart = Math.max(y0, ty * th);
                int yEnd = Math.min(y0 + rows, ty * th + tHgt);
                if (tWid == width) { // full-width tiles: the wanted rows are one run
                    int src = (pz * tHgt + (yStart - ty * th)) * tWid;
                    sink.accept(t, ints, src, (yEnd - yStart) * width, off + (yStart - y0) * width, s);
                } else {
                    for (int y = yStart; y < yEnd; y++) {
                        int src = (pz * tHgt + (y - ty * th)) * tWid;
                        sink.accept(t, ints, src, tWid, off + (y - y0) * width + tx * tw, s);
                    }
                }
            }
            i = j;
        }
    }

    private boolean decodeTile(Tiles ts, int t, byte[] group, int pos, int n, int tw, int th, Scratch s)
            throws DrpException {
        int len = ts.length()[t];
        if (len > 0) {
            return TileCodecs.decode(tt, t, group, pos, len, false, false, n, tw, th, s);
        }
        boolean gz = ts.gzipLength() != null && ts.gzipLength()[t] > 0;
        boolean raw = !gz && ts.rawLength() != null && ts.rawLength()[t] > 0;
        if (!gz && !raw) {
            throw new DrpException(FitsErrorCode.FITS_CORRUPT_DATA, tt.where, "tile " + (t + 1) + " has no data");
        }
        int alen = gz ? ts.gzipLength()[t] : ts.rawLength()[t];
        long aoff = gz ? ts.gzipOffset()[t] : ts.rawOffset()[t];
        SizeGuard.requireWithin(alen, limitBytes, tt.where.keyword("PCOUNT"));
        byte[] b = new byte[alen + Rice.PAD];
        read(b, alen, aoff);
        return TileCodecs.decode(tt, t, b, 0, alen, gz, raw, n, tw, th, s);
    }

    Tiles tiles() throws DrpException {
        Tiles t = tiles;
        if (t == null) {
            synchronized (this) {
                t = tiles;
                if (t == null) {
                    long count = (long) tt.tilesX() * tt.tilesY() * ((tt.planes() + tt.tileDepth() - 1) / tt.tileDepth());
                    long bytes = count * tt.rowBytes;
                    SizeGuard.requireWithin(bytes, Math.min(limitBytes, SizeGuard.MAX_ARRAY_LENGTH),
                            tt.where.keyword("NAXIS2"));
                    // the parsed descriptors and constants: at most 40 bytes per tile
                    SizeGuard.requireWithin(bytes + 40 * count, limitBytes, tt.where.keyword("NAXIS2"));
                    byte[] table = new byte[(int) bytes];
                    read(table, table.length, hdu.dataOffset());
                    t = tt.parse(table, (int) count);
                    tiles = t;
                }
            }
        }
        return t;
    }

    private void read(byte[] b, int n, long pos) throws DrpException {
        ByteBuffer buf = ByteBuffer.wrap(b, 0, n);
        try {
            while (buf.hasRemaining()) {
                if (channel.read(buf, pos + buf.position()) < 0) {
                    throw new DrpException(FitsErrorCode.FITS_TRUNCATED, tt.where, "file ends inside the heap");
                }
            }
        } catch (IOException e) {
            throw new DrpException(FitsErrorCode.FITS_UNREADABLE, tt.where, e.toString(), e);
        }
    }
}
