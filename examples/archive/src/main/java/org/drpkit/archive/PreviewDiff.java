package org.drpkit.archive;

import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.drpkit.archive.CompareResult.Difference;
import org.drpkit.archive.CompareResult.Kind;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.fits.FitsErrorCode;

/**
 * Compares two preview images (PNG or JPEG, decoded with ImageIO) by pixel statistics: the mean and the rms of the
 * differences new minus old over every pixel and band, in 8-bit levels.
 */
final class PreviewDiff {

    /** Previews larger than this are not decoded (the archive's are a few megapixels). */
    static final long MAX_PIXELS = 64L << 20;

    /** The mean and rms of the differences, in 8-bit levels. */
    record Stats(double mean, double rms) {
    }

    private PreviewDiff() {
    }

    static void compare(String rel, Path a, Path b, double meanTol, double rmsTol, List<Difference> diffs,
            List<Difference> notes) throws DrpException {
        if (FitsDiff.sameBytes(a, b)) {
            return;
        }
        Raster x = decode(a);
        Raster y = decode(b);
        if (x.getWidth() != y.getWidth() || x.getHeight() != y.getHeight() || x.getNumBands() != y.getNumBands()) {
            diffs.add(new Difference(Kind.PREVIEW, rel, "size " + x.getWidth() + "x" + x.getHeight() + "x"
                    + x.getNumBands() + " != " + y.getWidth() + "x" + y.getHeight() + "x" + y.getNumBands()));
            return;
        }
        Stats s = stats(x, y);
        String text = String.format(Locale.ROOT, "pixels differ: mean %+.3f, rms %.3f levels (tolerance %.3g, %.3g)",
                s.mean(), s.rms(), meanTol, rmsTol);
        (Math.abs(s.mean()) <= meanTol && s.rms() <= rmsTol ? notes : diffs).add(new Difference(Kind.PREVIEW, rel,
                text));
    }

    /** @return the statistics of y - x, both of the same size, scaled to 8-bit levels */
    static Stats stats(Raster x, Raster y) {
        double scaleX = 255.0 / ((1 << x.getSampleModel().getSampleSize(0)) - 1);
        double scaleY = 255.0 / ((1 << y.getSampleModel().getSampleSize(0)) - 1);
        int w = x.getWidth();
        int[] rowX = new int[w * x.getNumBands()];
        int[] rowY = new int[w * y.getNumBands()];
        double sum = 0;
        double sum2 = 0;
        long n = 0;
        for (int r = 0; r < x.getHeight(); r++) {
            x.getPixels(x.getMinX(), x.getMinY() + r, w, 1, rowX);
            y.getPixels(y.getMinX(), y.getMinY() + r, w, 1, rowY);
            for (int i = 0; i < rowX.length; i++) {
                double d = rowY[i] * scaleY - rowX[i] * scaleX;
                sum += d;
                sum2 += d * d;
            }
            n += rowX.length;
        }
        return n == 0 ? new Stats(0, 0) : new Stats(sum / n, Math.sqrt(sum2 / n));
    }

    private static Raster decode(Path f) throws DrpException {
        Location where = Location.file(f.toString());
        try (ImageInputStream in = ImageIO.createImageInputStream(f.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new DrpException(FitsErrorCode.FITS_UNREADABLE, where, "not an image ImageIO can decode");
            }
            ImageReader r = readers.next();
            try {
                r.setInput(in, true, true);
                long pixels = (long) r.getWidth(0) * r.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw new DrpException(FitsErrorCode.FITS_UNREADABLE, where, r.getWidth(0) + "x" + r.getHeight(0)
                            + " pixels: more than the " + MAX_PIXELS + " a preview may have");
                }
                return r.read(0).getRaster();
            } finally {
                r.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new DrpException(FitsErrorCode.FITS_UNREADABLE, where, "cannot decode the preview: " + e, e);
        }
    }
}
