package org.drpkit.fits;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.drpkit.core.error.CoreErrorCode;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.Mask;
import org.drpkit.core.image.MaskedImage;
import org.drpkit.core.image.SizeGuard;
import org.drpkit.core.image.Spectra;

/**
 * Random access to the HDUs of a FITS file: headers, whole images, masks, masked images, spectra and row blocks.
 * Tile-compressed images (RICE_1, GZIP_1, GZIP_2, HCOMPRESS_1, PLIO_1, NOCOMPRESS; quantized or lossless floats)
 * are read transparently: the same calls work on a plain image HDU and on a BINTABLE with {@code ZIMAGE = T}.
 *
 * <p>Opening scans the headers only. Pixels are read on demand with positional reads, so one reader may serve
 * several threads at once. Integer data is scaled by BSCALE/BZERO into floats, and BLANK becomes NaN. Sizes from
 * headers (NAXISn, ZNAXISn, ZTILEn, the tile table, heap descriptors) are checked against the file and the size
 * limit before anything is allocated: one array of pixels, one tile's working arrays, the tile table or one heap
 * read may not exceed {@link #limitBytes()}. The default limit is {@link SizeGuard#defaultLimitBytes()} (the system
 * property {@value SizeGuard#LIMIT_PROPERTY}, at most half the heap); {@link #open(Path, long)} sets another, capped
 * at the maximum heap.
 *
 * <pre>{@code
 * try (FitsReader r = FitsReader.open(Path.of("dark.fits.fz"))) {
 *     Image img = r.readImage(1);             // a RICE_1 image, decompressed
 *     Mask flags = r.readMask("FLAGS");
 * }
 * }</pre>
 */
public final class FitsReader implements AutoCloseable {

    /** Extension names of a {@link MaskedImage} and of {@link Spectra}. */
    public static final String FLUX = "FLUX";
    /** Inverse-variance extension name. */
    public static final String IVAR = "IVAR";
    /** Flag-bits extension name. */
    public static final String MASK = "MASK";
    /** Wavelength extension name (Spectra; Angstrom, float64). */
    public static final String WAVE = "WAVE";

    private final Path path;
    private final FileChannel channel;
    private final List<HduInfo> hdus;
    private final long limitBytes;
    private final ImageData[] data;
    private final DirectBuffers buffers = new DirectBuffers();

    private FitsReader(Path path, FileChannel channel, List<HduInfo> hdus, long limitBytes) {
        this.path = path;
        this.channel = channel;
        this.hdus = List.copyOf(hdus);
        this.limitBytes = limitBytes;
        this.data = new ImageData[hdus.size()];
    }

    /**
     * Opens a file and scans its headers, with the default size limit ({@link SizeGuard#defaultLimitBytes()}).
     *
     * @throws DrpException {@code FITS_NOT_FOUND}, {@code FITS_EMPTY}, {@code FITS_TRUNCATED}, {@code FITS_BAD_HEADER},
     *                      {@code SIZE_LIMIT_EXCEEDED} (a header longer than {@link FitsHeaders#maxCards()})
     */
    public static FitsReader open(Path path) throws DrpException {
        return open(path, SizeGuard.defaultLimitBytes());
    }

    /**
     * @param limitBytes the largest single allocation (an array of pixels, a tile's working arrays, the tile table, a
     *                   heap read) a size read from this file may cause; capped at the maximum heap
     * @throws DrpException as {@link #open(Path)}
     */
    public static FitsReader open(Path path, long limitBytes) throws DrpException {
        FileChannel ch = null;
        try {
            ch = FileChannel.open(path, StandardOpenOption.READ);
            List<HduInfo> hdus = FitsHeaders.scan(ch, path.toString());
            return new FitsReader(path, ch, hdus, SizeGuard.withinHeap(limitBytes));
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

    /** @return the size limit in bytes for one array */
    public long limitBytes() {
        return limitBytes;
    }

    /** @return every HDU, primary first */
    public List<HduInfo> hdus() {
        return hdus;
    }

    /** @return the headers of every HDU, as stored (a compressed image's table header; see {@link #imageHeader}) */
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
        return find(extname).orElseThrow(() -> new DrpException(FitsErrorCode.FITS_NO_SUCH_HDU,
                Location.file(path.toString()), "no extension named '" + extname + "'"));
    }

    /** @return the first HDU named {@code extname}, when there is one */
    public Optional<HduInfo> find(String extname) {
        for (HduInfo h : hdus) {
            if (h.extname().map(n -> n.equalsIgnoreCase(extname.trim())).orElse(false)) {
                return Optional.of(h);
            }
        }
        return Optional.empty();
    }

    /** @return the image header of HDU {@code index}: the uncompressed view for a tile-compressed image */
    public Header imageHeader(int index) throws DrpException {
        return hdu(index).imageHeader();
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
     * Reads a 2D image as doubles (for wavelength arrays, which float cannot hold to 1e-4 A), row-major.
     *
     * <pre>{@code
     * double[] lambda = reader.readDoubles(4);   // apVisit: 3 chips x 4096 px, Angstrom
     * }</pre>
     */
    public double[] readDoubles(int index) throws DrpException {
        return readDoubles(hdu(index));
    }

    /** @return the 2D image of the extension named {@code extname} as doubles, row-major */
    public double[] readDoubles(String extname) throws DrpException {
        return readDoubles(hdu(extname));
    }

    private double[] readDoubles(HduInfo h) throws DrpException {
        ImageData d = imageData(h);
        requirePlanes(h, d, 1);
        double[] out = new double[requireArray(h, d, 8)];
        d.readRowsDouble(0, 0, d.height(), out, 0, new Scratch());
        return out;
    }

    /**
     * Reads flux, inverse variance and flags from the extensions {@value #FLUX}, {@value #IVAR} and {@value #MASK}
     * (as {@link FitsWriter#maskedImage(MaskedImage)} writes them).
     *
     * @throws DrpException {@code FITS_NO_SUCH_HDU} when one is missing, {@code FITS_WRONG_DATA} when shapes differ
     */
    public MaskedImage readMaskedImage() throws DrpException {
        return readMaskedImage(FLUX, IVAR, MASK);
    }

    /** Reads a masked image from three named extensions. */
    public MaskedImage readMaskedImage(String flux, String ivar, String mask) throws DrpException {
        Image f = readImage(flux);
        HduInfo ih = hdu(ivar);
        HduInfo mh = hdu(mask);
        Image i = readImage(ih);
        Mask m = readMask(mh);
        requireShape(ih, i.width(), i.height(), f.width(), f.height());
        requireShape(mh, m.width(), m.height(), f.width(), f.height());
        return MaskedImage.of(f, i, m);
    }

    /**
     * Reads spectra from the extensions {@value #FLUX}, {@value #IVAR}, {@value #MASK} and, when present,
     * {@value #WAVE} (one row per fibre, NAXIS1 = pixels), as {@link FitsWriter#spectra(Spectra)} writes them.
     *
     * <pre>{@code
     * Spectra s = reader.readSpectra();   // s.wavelength() is present when the file has WAVE
     * }</pre>
     *
     * @throws DrpException {@code FITS_NO_SUCH_HDU} when FLUX, IVAR or MASK is missing, {@code FITS_WRONG_DATA}
     *                      when shapes differ
     */
    public Spectra readSpectra() throws DrpException {
        MaskedImage m = readMaskedImage();
        int pixels = m.width();
        int fibres = m.height();
        double[] wave = null;
        Optional<HduInfo> wh = find(WAVE);
        if (wh.isPresent()) {
            ImageData d = imageData(wh.get());
            requireShape(wh.get(), d.width(), d.height(), pixels, fibres);
            wave = readDoubles(wh.get());
        }
        return Spectra.of(fibres, pixels, m.flux().array(), m.ivar().array(), m.mask().array(), wave);
    }

    /**
     * Reads rows {@code y0 .. y0+rows-1} of plane {@code plane} (0 for a 2D image; the read index of a 3D cube) of an
     * image HDU, plain or tile-compressed, into {@code dst[off ..)}.
     *
     * @throws DrpException {@code FITS_WRONG_DATA} when the HDU is not an image, {@code FITS_UNREADABLE} on I/O
     *                      errors, {@code FITS_CORRUPT_DATA} for an undecodable tile
     */
    public void readRows(HduInfo h, int plane, int y0, int rows, float[] dst, int off) throws DrpException {
        ImageData d = imageData(h);
        checkRows(d, plane, y0, rows);
        d.readRows(plane, y0, rows, dst, off, new Scratch());
    }

    /**
     * Reads rows of integer data exactly ({@code stored + BZERO}, kept to 32 bits; BLANK as 0), e.g. the int32
     * residuals of an apz ramp whose values a float could round.
     *
     * <pre>{@code
     * int[] row = new int[w];
     * reader.readRowsInt(reader.hdu(2), 0, 100, 1, row, 0);
     * }</pre>
     *
     * @throws DrpException {@code FITS_WRONG_DATA} when the data are floating point or BSCALE/BZERO are not integral
     */
    public void readRowsInt(HduInfo h, int plane, int y0, int rows, int[] dst, int off) throws DrpException {
        ImageData d = imageData(h);
        checkRows(d, plane, y0, rows);
        requireIntegers(h, d);
        d.readRowsInt(plane, y0, rows, dst, off, new Scratch());
    }

    private Image readImage(HduInfo h) throws DrpException {
        ImageData d = imageData(h);
        requirePlanes(h, d, 1);
        int n = requireArray(h, d, 4);
        float[] px = new float[n];
        d.readRows(0, 0, d.height(), px, 0, new Scratch());
        return Image.of(d.width(), d.height(), px);
    }

    private Mask readMask(HduInfo h) throws DrpException {
        ImageData d = imageData(h);
        requirePlanes(h, d, 1);
        requireIntegers(h, d);
        int n = requireArray(h, d, 4);
        int[] bits = new int[n];
        d.readRowsInt(0, 0, d.height(), bits, 0, new Scratch());
        return Mask.of(d.width(), d.height(), bits);
    }

    /**
     * @return the pixels of an image HDU, plain or compressed (created once per HDU, then shared)
     * @throws DrpException {@code FITS_WRONG_DATA} for an HDU without image data; header errors of a compressed HDU
     */
    ImageData imageData(HduInfo h) throws DrpException {
        synchronized (data) {
            ImageData d = data[h.index()];
            if (d == null) {
                d = create(h);
                data[h.index()] = d;
            }
            return d;
        }
    }

    private ImageData create(HduInfo h) throws DrpException {
        Location where = where(h);
        if (h.isImage()) {
            long nx = h.axis(1);
            long ny = h.naxis() >= 2 ? h.axis(2) : 1;
            checkShape(where, nx, ny, "NAXIS");
            // a row is read through one buffer when it does not fit the pooled ones
            SizeGuard.requireWithin(nx * (Math.abs(h.bitpix()) / 8), Math.min(limitBytes, SizeGuard.MAX_ARRAY_LENGTH),
                    where.keyword("NAXIS1"));
            return new PlainImageData(channel, buffers, h, where, (int) nx, (int) ny, planes(h));
        }
        if (h.isCompressedImage()) {
            TileTable tt = TileTable.of(h, where);
            checkShape(where, tt.width(), tt.height(), "ZNAXIS");
            // decoding holds one tile's working arrays (ints, raw bytes, the codec's own)
            SizeGuard.requireWithin(tt.tileWorkBytes(), limitBytes, where.keyword("ZTILE1"));
            return new TiledImageData(channel, h, tt, limitBytes);
        }
        String what = h.naxis() == 0 || h.dataBytes() == 0 ? "no data" : h.xtension().orElse("not an image");
        throw new DrpException(FitsErrorCode.FITS_WRONG_DATA, where, "expected an image, found " + what);
    }

    private static void checkShape(Location where, long nx, long ny, String key) throws DrpException {
        if (nx > SizeGuard.MAX_ARRAY_LENGTH || ny > Integer.MAX_VALUE) {
            throw new DrpException(CoreErrorCode.SIZE_LIMIT_EXCEEDED, where.keyword(key + (nx > ny ? 1 : 2)),
                    nx + "x" + ny + " pixels: a row or a plane exceeds one Java array");
        }
    }

    /** @return {width, height} of an image HDU (plain or compressed), checked to fit a Java array */
    int[] shape2d(HduInfo h) throws DrpException {
        ImageData d = imageData(h);
        if ((long) d.width() * d.height() > SizeGuard.MAX_ARRAY_LENGTH) {
            throw new DrpException(CoreErrorCode.SIZE_LIMIT_EXCEEDED, where(h).keyword(key(d, 2)),
                    d.width() + "x" + d.height() + " pixels exceed one Java array");
        }
        return new int[] {d.width(), d.height()};
    }

    /** @return the number of 2D planes (product of NAXIS3..NAXISn) of a plain image */
    static long planes(HduInfo h) {
        long p = 1;
        for (int i = 3; i <= h.naxis(); i++) {
            p *= h.axis(i);
        }
        return p;
    }

    private int requireArray(HduInfo h, ImageData d, int bytesPerPixel) throws DrpException {
        long n = (long) d.width() * d.height();
        if (n > SizeGuard.MAX_ARRAY_LENGTH) {
            throw new DrpException(CoreErrorCode.SIZE_LIMIT_EXCEEDED, where(h).keyword(key(d, 2)),
                    d.width() + "x" + d.height() + " pixels exceed one Java array");
        }
        SizeGuard.requireWithin(bytesPerPixel * n, limitBytes, where(h).keyword(key(d, 2)));
        return (int) n;
    }

    private void requirePlanes(HduInfo h, ImageData d, long expected) throws DrpException {
        if (d.planes() != expected) {
            throw new DrpException(FitsErrorCode.FITS_WRONG_DATA, where(h).keyword(key(d, 0)),
                    "expected a 2D image, found " + d.planes() + " planes of " + d.width() + "x" + d.height());
        }
    }

    private void requireIntegers(HduInfo h, ImageData d) throws DrpException {
        if (!d.exactIntegers()) {
            throw new DrpException(FitsErrorCode.FITS_WRONG_DATA, where(h).keyword(d.compressed() ? "ZBITPIX" : "BITPIX"),
                    "integer data expected, found BITPIX " + d.bitpix() + " (or non-integral BSCALE/BZERO)");
        }
    }

    private void requireShape(HduInfo h, int w, int ht, int ew, int eh) throws DrpException {
        if (w != ew || ht != eh) {
            throw new DrpException(FitsErrorCode.FITS_WRONG_DATA, where(h).keyword("NAXIS1"),
                    "shape " + w + "x" + ht + " differs from the flux " + ew + "x" + eh);
        }
    }

    private static void checkRows(ImageData d, int plane, int y0, int rows) {
        if (plane < 0 || plane >= d.planes() || y0 < 0 || rows < 0 || (long) y0 + rows > d.height()) {
            throw new IndexOutOfBoundsException("rows " + y0 + "+" + rows + " of plane " + plane + " outside "
                    + d.width() + "x" + d.height() + "x" + d.planes());
        }
    }

    private static String key(ImageData d, int axis) {
        String base = d.compressed() ? "ZNAXIS" : "NAXIS";
        return axis == 0 ? base : base + axis;
    }

    static PixelCodec.Scaling scaling(HduInfo h) {
        return scaling(h.header(), h.bitpix());
    }

    static PixelCodec.Scaling scaling(Header hd, int bitpix) {
        Long blank = bitpix > 0 ? hd.getLong("BLANK").orElse(null) : null;
        return new PixelCodec.Scaling(hd.getDouble("BSCALE").orElse(1.0), hd.getDouble("BZERO").orElse(0.0), blank);
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
