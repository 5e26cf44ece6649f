package org.drpkit.fits;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.Mask;
import org.drpkit.core.image.SizeGuard;

/**
 * Random access to the HDUs of an uncompressed FITS file: headers, whole images, masks and row blocks.
 *
 * <p>Opening scans the headers only. Pixels are read on demand with positional reads, so one reader may serve
 * several threads at once. Integer data is scaled by BSCALE/BZERO into floats, and BLANK becomes NaN. Sizes from
 * headers are checked against the file length and a size limit before anything is allocated.
 *
 * <pre>{@code
 * try (FitsReader r = FitsReader.open(Path.of("dark.fits"))) {
 *     Image img = r.readImage(0);
 *     Mask flags = r.readMask("FLAGS");
 * }
 * }</pre>
 */
public final class FitsReader implements AutoCloseable {

    private final Path path;
    private final FileChannel channel;
    private final List<HduInfo> hdus;
    private final long limitBytes;

    private FitsReader(Path path, FileChannel channel, List<HduInfo> hdus, long limitBytes) {
        this.path = path;
        this.channel = channel;
        this.hdus = List.copyOf(hdus);
        this.limitBytes = limitBytes;
    }

    /**
     * Opens a file and scans its headers, with the default size limit ({@link SizeGuard#DEFAULT_LIMIT_BYTES}).
     *
     * @throws DrpException {@code FITS_NOT_FOUND}, {@code FITS_EMPTY}, {@code FITS_TRUNCATED}, {@code FITS_BAD_HEADER}
     */
    public static FitsReader open(Path path) throws DrpException {
        return open(path, SizeGuard.DEFAULT_LIMIT_BYTES);
    }

    /**
     * @param limitBytes the largest single array (in bytes of floats or ints) this reader will allocate
     * @throws DrpException as {@link #open(Path)}
     */
    public static FitsReader open(Path path, long limitBytes) throws DrpException {
        FileChannel ch = null;
        try {
            ch = FileChannel.open(path, StandardOpenOption.READ);
            List<HduInfo> hdus = FitsHeaders.scan(ch, path.toString());
            return new FitsReader(path, ch, hdus, limitBytes);
        } catch (NoSuchFileException e) {
            throw new DrpException(FitsErrorCode.FITS_NOT_FOUND, Location.file(path.toString()), "no such file");
        } catch (IOException e) {
            closeQuietly(ch);
            throw new DrpException(FitsErrorCode.FITS_UNREADABLE, Location.file(path.toString()), e.toString(), e);
        } catch (DrpException | RuntimeException e) {
            closeQuietly(ch);
            throw e;
        }
    }

    /** @return the file */
    public Path path() {
        return path;
    }

    /** @return every HDU, primary first */
    public List<HduInfo> hdus() {
        return hdus;
    }

    /** @return the headers of every HDU */
    public List<Header> headers() {
        List<Header> out = new ArrayList<>();
        for (HduInfo h : hdus) {
            out.add(h.header());
        }
        return out;
    }

    /**
     * @return the HDU at {@code index}
     * @throws DrpException {@code FITS_NO_SUCH_HDU}
     */
    public HduInfo hdu(int index) throws DrpException {
        if (index < 0 || index >= hdus.size()) {
            throw new DrpException(FitsErrorCode.FITS_NO_SUCH_HDU, Location.file(path.toString()).hdu(index),
                    "the file has " + hdus.size() + " HDUs");
        }
        return hdus.get(index);
    }

    /**
     * @return the first HDU whose EXTNAME equals {@code extname} (case-insensitive, trimmed)
     * @throws DrpException {@code FITS_NO_SUCH_HDU}
     */
    public HduInfo hdu(String extname) throws DrpException {
        for (HduInfo h : hdus) {
            if (h.extname().map(n -> n.equalsIgnoreCase(extname.trim())).orElse(false)) {
                return h;
            }
        }
        throw new DrpException(FitsErrorCode.FITS_NO_SUCH_HDU, Location.file(path.toString()),
                "no extension named '" + extname + "'");
    }

    /** @return the 2D image of HDU {@code index} as floats (BSCALE/BZERO applied, BLANK as NaN) */
    public Image readImage(int index) throws DrpException {
        return readImage(hdu(index));
    }

    /** @return the 2D image of the extension named {@code extname} */
    public Image readImage(String extname) throws DrpException {
        return readImage(hdu(extname));
    }

    /** @return the 2D integer data of HDU {@code index} as flag bits */
    public Mask readMask(int index) throws DrpException {
        return readMask(hdu(index));
    }

    /** @return the 2D integer data of the extension named {@code extname} as flag bits */
    public Mask readMask(String extname) throws DrpException {
        return readMask(hdu(extname));
    }

    /**
     * Reads rows {@code y0 .. y0+rows-1} of plane {@code plane} (0 for a 2D image; the read index of a 3D cube) of an
     * image HDU into {@code dst[off ..)}.
     *
     * @throws DrpException {@code FITS_WRONG_DATA} when the HDU is not an image, {@code FITS_UNREADABLE} on I/O errors
     */
    public void readRows(HduInfo h, int plane, int y0, int rows, float[] dst, int off) throws DrpException {
        int[] shape = shape2d(h);
        int nx = shape[0];
        int ny = shape[1];
        long planes = planes(h);
        if (plane < 0 || plane >= planes || y0 < 0 || rows < 0 || y0 + rows > ny) {
            throw new IndexOutOfBoundsException("rows " + y0 + "+" + rows + " of plane " + plane + " outside " + nx
                    + "x" + ny + "x" + planes);
        }
        int bpp = Math.abs(h.bitpix()) / 8;
        long pos = h.dataOffset() + ((long) plane * ny + y0) * nx * bpp;
        int n = rows * nx;
        ByteBuffer buf = ByteBuffer.allocate(n * bpp);
        readFully(buf, pos, h);
        buf.flip();
        PixelCodec.decode(buf, h.bitpix(), scaling(h), dst, off, n);
    }

    private Image readImage(HduInfo h) throws DrpException {
        int[] s = shape2d(h);
        requirePlanes(h, 1);
        SizeGuard.requireWithin(4L * s[0] * s[1], limitBytes, where(h).keyword("NAXIS2"));
        float[] px = new float[s[0] * s[1]];
        readRows(h, 0, 0, s[1], px, 0);
        return Image.of(s[0], s[1], px);
    }

    private Mask readMask(HduInfo h) throws DrpException {
        int[] s = shape2d(h);
        requirePlanes(h, 1);
        if (h.bitpix() < 0) {
            throw new DrpException(FitsErrorCode.FITS_WRONG_DATA, where(h).keyword("BITPIX"),
                    "a mask needs integer data, found BITPIX " + h.bitpix());
        }
        SizeGuard.requireWithin(4L * s[0] * s[1], limitBytes, where(h).keyword("NAXIS2"));
        int n = s[0] * s[1];
        ByteBuffer buf = ByteBuffer.allocate(n * (h.bitpix() / 8));
        readFully(buf, h.dataOffset(), h);
        buf.flip();
        int[] bits = new int[n];
        PixelCodec.decodeInts(buf, h.bitpix(), scaling(h), bits, 0, n);
        return Mask.of(s[0], s[1], bits);
    }

    /** @return {NAXIS1, NAXIS2} of an image HDU, checked to fit a Java array */
    int[] shape2d(HduInfo h) throws DrpException {
        if (!h.isImage()) {
            String what = h.isCompressedImage() ? "a tile-compressed image (read it with FitsCompression)"
                    : h.naxis() == 0 ? "no data" : h.xtension().orElse("not an image");
            throw new DrpException(FitsErrorCode.FITS_WRONG_DATA, where(h), "expected an image, found " + what);
        }
        if (h.naxis() < 2) {
            throw new DrpException(FitsErrorCode.FITS_WRONG_DATA, where(h).keyword("NAXIS"),
                    "expected at least 2 axes, found " + h.naxis());
        }
        long nx = h.axis(1);
        long ny = h.axis(2);
        if (nx * ny > SizeGuard.MAX_ARRAY_LENGTH) {
            throw new DrpException(org.drpkit.core.error.CoreErrorCode.SIZE_LIMIT_EXCEEDED, where(h).keyword("NAXIS2"),
                    nx + "x" + ny + " pixels exceed one Java array");
        }
        return new int[] {(int) nx, (int) ny};
    }

    /** @return the number of 2D planes (product of NAXIS3..NAXISn) */
    static long planes(HduInfo h) {
        long p = 1;
        for (int i = 3; i <= h.naxis(); i++) {
            p *= h.axis(i);
        }
        return p;
    }

    private void requirePlanes(HduInfo h, long expected) throws DrpException {
        if (planes(h) != expected) {
            throw new DrpException(FitsErrorCode.FITS_WRONG_DATA, where(h).keyword("NAXIS"),
                    "expected a 2D image, found " + h.naxis() + " axes with " + planes(h) + " planes");
        }
    }

    static PixelCodec.Scaling scaling(HduInfo h) {
        Header hd = h.header();
        Long blank = h.bitpix() > 0 ? hd.getLong("BLANK").orElse(null) : null;
        return new PixelCodec.Scaling(hd.getDouble("BSCALE").orElse(1.0), hd.getDouble("BZERO").orElse(0.0), blank);
    }

    private void readFully(ByteBuffer buf, long pos, HduInfo h) throws DrpException {
        try {
            while (buf.hasRemaining()) {
                int r = channel.read(buf, pos + buf.position());
                if (r < 0) {
                    throw new DrpException(FitsErrorCode.FITS_TRUNCATED, where(h), "file ends inside the data unit");
                }
            }
        } catch (IOException e) {
            throw new DrpException(FitsErrorCode.FITS_UNREADABLE, where(h), e.toString(), e);
        }
    }

    Location where(HduInfo h) {
        return Location.file(path.toString()).hdu(h.index());
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                // closing a read-only channel: nothing was written, nothing to recover
            }
        }
    }

    @Override
    public String toString() {
        return "FitsReader[" + path + ", " + hdus.size() + " HDUs]";
    }
}
