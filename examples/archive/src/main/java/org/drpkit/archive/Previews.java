package org.drpkit.archive;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.drpkit.algorithms.qa.AsinhPreview;
import org.drpkit.algorithms.qa.HistogramEqualizer;
import org.drpkit.algorithms.qa.Mosaic;
import org.drpkit.algorithms.qa.Preview;
import org.drpkit.algorithms.qa.Thumbnail;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Image;
import org.drpkit.core.instrument.Chip;
import org.drpkit.core.instrument.ChipLayout;
import org.drpkit.core.instrument.ReadoutDirection;
import org.drpkit.core.instrument.Region;

/**
 * The preview pictures of one ingested file (koa-dep 4.7, 4.9), in the formats asked for:
 * <ul>
 * <li>the frame: for HIRES, LRIS (blue) and DEIMOS the mosaic of the image extensions, each extension's DATASEC
 *     placed at its DETSEC (divided by the binning, DETSEC/DATASEC; flipped where DETSEC runs backwards), from the
 *     plugin's layout where the extension has no DETSEC, else left to right in HDU order; LRIS and DEIMOS subtract each
 *     row's post-scan median first (the archive's bias subtraction), and DEIMOS's mosaic (two rows of four CCDs) is
 *     turned a quarter as the archive turns it; other files: the first plane of the science image;</li>
 * <li>{@code KOAID.png}: the frame histogram-equalised (drpkit's preview);</li>
 * <li>{@code KOAID.jpg}: the archive's picture: zscale + asinh (a = 0.1), grey, origin lower left, one picture pixel
 *     per frame pixel; the LRIS blue mosaic with the limits from its central 80 % and a lower limit of at least 0;
 *     KCWI and the single-image LRIS red frames histogram-equalised, as the archive draws them;</li>
 * <li>HIRES, JPEG only: one picture per extension, {@code KOAID_CCD{n}_HDU{nn}.jpg}, turned a quarter, zscale + asinh
 *     of that extension, shrunk by area averaging to half size (width = rows / 2);</li>
 * <li>{@code KOAID.thumb.png}, {@code KOAID.thumb.jpg}: the frame's picture shrunk by area averaging so that its
 *     longest side is {@link Thumbnail#DEFAULT_SIDE} pixels.</li>
 * </ul>
 */
final class Previews {

    /**
     * One picture file.
     *
     * @param name  the file name
     * @param bytes its content
     */
    record Picture(String name, byte[] bytes) {
    }

    private Previews() {
    }

    /**
     * @param koaid      the archive id (file name stem)
     * @param instrument the plugin's name
     * @param header     the fixed header
     * @param primary    the first plane of the science image, or null
     * @param extensions the image extensions (empty for single-image files)
     * @param layout     the plugin's chip layout, or null when it has none
     * @param formats    the formats to write
     * @return the pictures, in writing order; empty when there is no frame
     */
    static List<Picture> make(String koaid, String instrument, Header header, Image primary,
            List<ImageExtensions.Extension> extensions, ChipLayout layout, Set<PreviewFormat> formats)
            throws IOException {
        String name = instrument == null ? "" : instrument.toUpperCase(Locale.ROOT);
        boolean mosaic = ImageExtensions.MOSAICS.contains(name) && !extensions.isEmpty();
        Image frame;
        if (mosaic) {
            frame = mosaic(extensions, layout, name.equals("LRIS") || name.equals("DEIMOS"));
            if (name.equals("DEIMOS")) {
                frame = Mosaic.rotate90(frame);
            }
        } else {
            frame = primary;
        }
        List<Picture> out = new ArrayList<>();
        if (frame == null) {
            return out;
        }
        Preview equalised = null; // the PNG's picture, also the JPEG of KCWI and LRIS red: rendered once
        if (formats.contains(PreviewFormat.PNG)) {
            equalised = HistogramEqualizer.render(frame, HistogramEqualizer.Params.DEFAULTS);
            out.add(new Picture(koaid + ".png", PreviewPng.encode(equalised)));
            out.add(new Picture(koaid + ".thumb.png", PreviewPng.encode(Thumbnail.longestSide(equalised,
                    Thumbnail.DEFAULT_SIDE))));
        }
        if (formats.contains(PreviewFormat.JPEG)) {
            Preview p;
            if (name.equals("KCWI") || name.equals("LRIS") && !mosaic) {
                p = equalised != null ? equalised : HistogramEqualizer.render(frame, HistogramEqualizer.Params.DEFAULTS);
            } else if (name.equals("LRIS")) {
                p = AsinhPreview.render(frame, AsinhPreview.Params.CENTRAL_80);
            } else {
                p = AsinhPreview.render(frame, AsinhPreview.Params.DEFAULTS);
            }
            out.add(new Picture(koaid + ".jpg", PreviewJpeg.encode(p, PreviewJpeg.QUALITY)));
            out.add(new Picture(koaid + ".thumb.jpg", PreviewJpeg.encode(Thumbnail.longestSide(p,
                    Thumbnail.DEFAULT_SIDE), PreviewJpeg.QUALITY)));
            if (name.equals("HIRES")) {
                for (ImageExtensions.Extension e : extensions) {
                    out.add(new Picture(hiresName(koaid, e.hdu()), PreviewJpeg.encode(hiresExtension(e.image()),
                            PreviewJpeg.QUALITY)));
                }
            }
        }
        return out;
    }

    /** @return {@code KOAID_CCD{n}_HDU{nn}.jpg} */
    static String hiresName(String koaid, int hdu) {
        return koaid + "_CCD" + hdu + "_HDU" + String.format("%02d", hdu) + ".jpg";
    }

    /** One HIRES extension as the archive draws it: turned a quarter, zscale + asinh, half size. */
    static Preview hiresExtension(Image image) {
        Preview p = AsinhPreview.render(Mosaic.rotate90(image), AsinhPreview.Params.DEFAULTS);
        int w = Math.max(1, image.height() / 2);
        int h = Math.max(1, (int) ((double) p.height() * w / p.width()));
        return Thumbnail.resize(p, Math.min(w, p.width()), Math.min(h, p.height()));
    }

    /**
     * The mosaic of the extensions.
     *
     * @param subtractBias subtract each row's median over the columns after DATASEC (else before it), when there are
     *                     any
     */
    static Image mosaic(List<ImageExtensions.Extension> extensions, ChipLayout layout, boolean subtractBias) {
        List<Mosaic.Tile> tiles = new ArrayList<>();
        int nextX = 0;
        for (ImageExtensions.Extension e : extensions) {
            Image im = e.image();
            Region whole = Region.of(0, 0, im.width(), im.height());
            Optional<Chip> chip = layout == null ? Optional.empty()
                    : layout.chips().stream().filter(c -> c.hdu() == e.hdu()).findFirst();
            Region data = section(e.header(), "DATASEC").filter(r -> inside(r, whole))
                    .or(() -> chip.map(Chip::lightSensitive).filter(r -> inside(r, whole))).orElse(whole);
            Optional<String> detText = text(e.header(), "DETSEC");
            Optional<Region> det = section(e.header(), "DETSEC");
            boolean flipX;
            boolean flipY;
            if (det.isPresent()) {
                flipX = reversed(detText.get(), 0);
                flipY = reversed(detText.get(), 1);
            } else {
                det = chip.flatMap(Chip::detectorSection);
                flipX = chip.map(c -> !c.amplifiers().isEmpty()
                        && c.amplifiers().get(0).direction() == ReadoutDirection.MINUS_X).orElse(false);
                flipY = false;
            }
            int x0;
            int y0;
            if (det.isPresent()) {
                int bx = Math.max(1, (int) Math.round((double) det.get().width() / data.width()));
                int by = Math.max(1, (int) Math.round((double) det.get().height() / data.height()));
                x0 = det.get().x0() / bx;
                y0 = det.get().y0() / by;
            } else {
                x0 = nextX;
                y0 = 0;
            }
            nextX = Math.max(nextX, x0 + data.width());
            Region bias = null;
            if (subtractBias) {
                if (data.x1() < im.width()) {
                    bias = Region.of(data.x1(), data.y0(), im.width() - data.x1(), data.height());
                } else if (data.x0() > 0) {
                    bias = Region.of(0, data.y0(), data.x0(), data.height());
                }
            }
            tiles.add(new Mosaic.Tile(im, data, x0, y0, flipX, flipY, bias));
        }
        return Mosaic.assemble(tiles);
    }

    private static Optional<String> text(Header h, String key) {
        return h.getString(key).map(String::trim).filter(s -> !s.isEmpty());
    }

    private static Optional<Region> section(Header h, String key) {
        try {
            return text(h, key).map(Region::fromFitsSection);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** @return true when the section's bounds on axis 0 (x) or 1 (y) run from high to low */
    static boolean reversed(String section, int axis) {
        String t = section.trim();
        if (!t.startsWith("[") || !t.endsWith("]")) {
            return false;
        }
        String[] axes = t.substring(1, t.length() - 1).split(",");
        if (axes.length != 2) {
            return false;
        }
        String[] b = axes[axis].split(":");
        try {
            return b.length == 2 && Integer.parseInt(b[0].trim()) > Integer.parseInt(b[1].trim());
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean inside(Region r, Region whole) {
        return r.width() > 0 && r.height() > 0 && r.x1() <= whole.x1() && r.y1() <= whole.y1();
    }
}
