package org.drpkit.archive;

import java.util.ArrayList;
import java.util.List;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.SizeGuard;
import org.drpkit.fits.FitsReader;
import org.drpkit.fits.HduInfo;

/**
 * The image extensions of a multi-extension file (HDU 1 and later holding a plain 2D or larger image), each read once
 * (its first plane) for the statistics over all extensions and for the mosaic preview. Reading guards the total size.
 */
final class ImageExtensions {

    /**
     * One image extension.
     *
     * @param hdu    its HDU index
     * @param header its header
     * @param image  its first plane (pixel units of the file after BSCALE/BZERO)
     */
    record Extension(int hdu, Header header, Image image) {
    }

    /** The instruments whose image extensions form a detector mosaic (koa-dep 4.7). */
    static final java.util.Set<String> MOSAICS = java.util.Set.of("HIRES", "LRIS", "DEIMOS");

    private ImageExtensions() {
    }

    /**
     * @return every plain image extension, HDU order; empty when there is none
     * @throws DrpException {@code SIZE_LIMIT_EXCEEDED} when they would not fit the size limit, or a read error
     */
    static List<Extension> read(FitsReader reader) throws DrpException {
        return read(reader, -1, null);
    }

    /**
     * As {@link #read(FitsReader)}, taking the first plane of HDU {@code readHdu} as already read (the data-quality
     * step's picture) instead of reading it again.
     *
     * @param readHdu the HDU {@code read} holds, or -1
     * @param read    its first plane, or null
     */
    static List<Extension> read(FitsReader reader, int readHdu, Image read) throws DrpException {
        List<HduInfo> img = new ArrayList<>();
        long bytes = 0;
        for (HduInfo h : reader.hdus()) {
            if (h.index() > 0 && h.isImage() && h.naxis() >= 2 && h.axis(1) > 0 && h.axis(2) > 0) {
                img.add(h);
                bytes += 4 * h.axis(1) * h.axis(2);
            }
        }
        SizeGuard.requireWithin(bytes, SizeGuard.defaultLimitBytes(), Location.file(reader.path().toString()));
        List<Extension> out = new ArrayList<>();
        for (HduInfo h : img) {
            if (read != null && h.index() == readHdu) {
                out.add(new Extension(h.index(), h.header(), read));
                continue;
            }
            int nx = (int) h.axis(1);
            int ny = (int) h.axis(2);
            float[] px = new float[SizeGuard.checkArray(nx, ny)];
            reader.readRows(h, 0, 0, ny, px, 0);
            out.add(new Extension(h.index(), h.header(), Image.wrap(px, 0, nx, ny)));
        }
        return out;
    }
}
