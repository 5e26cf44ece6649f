package org.drpkit.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.drpkit.algorithms.calib.CalibErrorCode;
import org.drpkit.algorithms.calib.FrameSource;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.MaskedImage;
import org.drpkit.core.image.SizeGuard;
import org.drpkit.fits.FitsErrorCode;
import org.drpkit.fits.FitsReader;
import org.drpkit.fits.HduInfo;

/**
 * A {@link FrameSource} over FITS files, read in row bands so a stack of many frames never sits in memory.
 *
 * <p>Two layouts are accepted, one kind per stack: a <b>rate product</b> of the ramp stage (extensions {@code RATE},
 * {@code IVAR}, {@code FLAGS}) and a <b>plain image</b> (the first 2D image HDU, e.g. a NIRC2 frame), read as flux with
 * ivar 0 (unknown) and no flags. All files must share one shape.
 */
final class FitsFrames implements FrameSource, AutoCloseable {

    /** Flags are streamed through float rows; integers are exact below this. */
    private static final float EXACT_INT_LIMIT = 1 << 24;

    private final List<Path> paths;
    private final List<FitsReader> readers;
    private final HduInfo[] flux;
    private final HduInfo[] ivar;
    private final HduInfo[] flags;
    private final boolean rate;
    private final int width;
    private final int height;
    private final ThreadLocal<float[]> buffer = ThreadLocal.withInitial(() -> new float[0]);

    private FitsFrames(List<Path> paths, List<FitsReader> readers, HduInfo[] flux, HduInfo[] ivar, HduInfo[] flags,
            boolean rate, int width, int height) {
        this.paths = paths;
        this.readers = readers;
        this.flux = flux;
        this.ivar = ivar;
        this.flags = flags;
        this.rate = rate;
        this.width = width;
        this.height = height;
    }

    /**
     * Opens every file and checks that all are of one kind and one shape.
     *
     * @throws DrpException {@code CALIB_NO_FRAMES}, {@code CALIB_MIXED_INPUTS}, {@code CALIB_SHAPE_MISMATCH} (naming
     *                      both files), or a FITS error of a file
     */
    static FitsFrames open(List<Path> files) throws DrpException {
        if (files.isEmpty()) {
            throw new DrpException(CalibErrorCode.CALIB_NO_FRAMES, Location.NOWHERE, "no input files");
        }
        List<FitsReader> readers = new ArrayList<>();
        try {
            int n = files.size();
            HduInfo[] flux = new HduInfo[n];
            HduInfo[] ivar = new HduInfo[n];
            HduInfo[] flags = new HduInfo[n];
            boolean rate = false;
            for (int k = 0; k < n; k++) {
                FitsReader r = FitsReader.open(files.get(k));
                readers.add(r);
                boolean isRate = CalibFiles.hasExtension(r, "RATE");
                if (k == 0) {
                    rate = isRate;
                } else if (isRate != rate) {
                    throw new DrpException(CalibErrorCode.CALIB_MIXED_INPUTS, Location.file(files.get(k).toString()),
                            (isRate ? "is a rate product" : "is a plain image") + " but " + files.get(0) + " is "
                                    + (rate ? "a rate product" : "a plain image") + "; stack one kind at a time");
                }
                if (isRate) {
                    flux[k] = r.hdu("RATE");
                    ivar[k] = r.hdu("IVAR");
                    flags[k] = r.hdu("FLAGS");
                    requireInteger(files.get(k), flags[k]);
                } else {
                    flux[k] = CalibFiles.firstImage(r);
                }
                requireShape(files, k, flux, ivar, flags);
            }
            // a stack allocates about 6 frame-sized arrays of 4 bytes for its results: check before anything is
            SizeGuard.requireWithin(24L * flux[0].axis(1) * flux[0].axis(2), SizeGuard.defaultLimitBytes(),
                    Location.file(files.get(0).toString()).hdu(flux[0].index()).keyword("NAXIS2"));
            return new FitsFrames(List.copyOf(files), readers, flux, ivar, flags, rate, (int) flux[0].axis(1),
                    (int) flux[0].axis(2));
        } catch (DrpException | RuntimeException e) {
            readers.forEach(FitsReader::close);
            throw e;
        }
    }

    private static void requireShape(List<Path> files, int k, HduInfo[] flux, HduInfo[] ivar, HduInfo[] flags)
            throws DrpException {
        long w = flux[0].axis(1);
        long h = flux[0].axis(2);
        HduInfo[] mine = {flux[k], ivar[k], flags[k]};
        for (HduInfo hdu : mine) {
            if (hdu == null) {
                continue;
            }
            if (hdu.naxis() != 2 || hdu.axis(1) != w || hdu.axis(2) != h) {
                throw new DrpException(CalibErrorCode.CALIB_SHAPE_MISMATCH,
                        Location.file(files.get(k).toString()).hdu(hdu.index()).keyword("NAXIS"), "image is "
                                + hdu.axis(1) + "x" + hdu.axis(2)
                                + (hdu.naxis() != 2 ? " (" + hdu.naxis() + " axes)" : "")
                                + " but " + files.get(0) + " is " + w + "x" + h + "; stack only frames of one shape");
            }
        }
    }

    private static void requireInteger(Path file, HduInfo h) throws DrpException {
        if (h.bitpix() <= 0) {
            throw new DrpException(FitsErrorCode.FITS_WRONG_DATA, Location.file(file.toString()).hdu(h.index())
                    .keyword("BITPIX"), "FLAGS must hold integers, found BITPIX " + h.bitpix());
        }
    }

    /** @return true for rate products (RATE/IVAR/FLAGS), false for plain images */
    boolean isRate() {
        return rate;
    }

    /** @return the file of frame {@code k} */
    Path path(int k) {
        return paths.get(k);
    }

    /** @return the primary header of frame {@code k} */
    Header primaryHeader(int k) {
        return readers.get(k).hdus().get(0).header();
    }

    @Override
    public int count() {
        return paths.size();
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
    public String name(int frame) {
        return paths.get(frame).toString();
    }

    @Override
    public MaskedImage rows(int frame, int y0, int rows, MaskedImage scratch) throws DrpException {
        FitsReader r = readers.get(frame);
        int n = rows * width;
        r.readRows(flux[frame], 0, y0, rows, scratch.flux().array(), scratch.flux().offset());
        float[] iv = scratch.ivar().array();
        int[] fl = scratch.mask().array();
        int io = scratch.ivar().offset();
        int fo = scratch.mask().offset();
        if (!rate) {
            java.util.Arrays.fill(iv, io, io + n, 0f);
            java.util.Arrays.fill(fl, fo, fo + n, 0);
            return scratch;
        }
        r.readRows(ivar[frame], 0, y0, rows, iv, io);
        float[] buf = buffer.get();
        if (buf.length < n) {
            buf = new float[n];
            buffer.set(buf);
        }
        r.readRows(flags[frame], 0, y0, rows, buf, 0);
        for (int i = 0; i < n; i++) {
            float v = buf[i];
            if (!(Math.abs(v) < EXACT_INT_LIMIT)) {
                throw new DrpException(FitsErrorCode.FITS_WRONG_DATA, Location.file(name(frame))
                        .hdu(flags[frame].index()), "flag value " + v + " at row " + (y0 + i / width)
                                + " uses bits above 23, which this reader does not stream");
            }
            fl[fo + i] = (int) v;
        }
        return scratch;
    }

    @Override
    public void close() {
        readers.forEach(FitsReader::close);
    }

    @Override
    public String toString() {
        return "FitsFrames[" + paths.size() + (rate ? " rate products" : " plain images") + " of " + width + "x"
                + height + "]";
    }
}
