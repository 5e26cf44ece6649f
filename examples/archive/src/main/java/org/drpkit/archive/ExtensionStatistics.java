package org.drpkit.archive;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.drpkit.algorithms.qa.BoxStatistics;
import org.drpkit.algorithms.qa.SignalToNoise;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Image;
import org.drpkit.core.instrument.Region;

/**
 * The archive's statistics over the extensions of multi-extension instruments and its signal-to-noise estimates
 * (koa-dep 4.7, 4.8), written into the fixed header through the fix log (rule {@code dqa.extensionStatistics}), so
 * the metadata table carries them where the instrument's keyword table lists them:
 * <ul>
 * <li>NPIXSAT for HIRES, LRIS and DEIMOS: pixels at or above the saturation level, summed over every image
 *     extension (replacing the primary's count; the primary of these files holds no pixels);</li>
 * <li>HIRES: {@code IM01MN/SD/MD{ee}} and {@code PT01MN/SD/MD{ee}} for extensions ee = 01..06, the mean, population
 *     standard deviation and median (2 decimals) of a box of n x n pixels, n = min(15, 2/3 POSTPIX/xbin), in the
 *     imaging area (centred at column PRECOL/xbin + imaging width / 2 and the middle row) and in the post-scan
 *     (centred at its middle column and at 3 % of the rows); the archive rotates the data by 270 degrees and slices
 *     (column, row) boxes, which are the boxes here with rows counted from the top; null for absent extensions or
 *     when PRECOL, POSTPIX or BINNING is missing;</li>
 * <li>SIG2NOIS: HIRES from the middle extension (HDU floor(n/2)), one median per column over 20 rows centred at
 *     1.17/2 of (NAXIS2 - amplifiers (PRECOL + POSTPIX)); NIRC2 from one median per row over 20 columns centred at
 *     NAXIS2/2 (the archive's choice, equal to the centre for its square frames), null when NaN; LRIS always null.</li>
 * </ul>
 */
final class ExtensionStatistics {

    static final String RULE = "dqa.extensionStatistics";

    /**
     * What was written.
     *
     * @param header the header with the cards
     * @param note   what was done, for an event
     */
    record Outcome(Header header, String note) {
    }

    private ExtensionStatistics() {
    }

    /**
     * @param instrument the plugin's name
     * @param header     the fixed header
     * @param hduCount   the number of HDUs in the file
     * @param extensions the image extensions
     * @param own        the fixed HDU's image (first plane), or null when it holds none
     * @param saturation the saturation level (DN), when known
     * @return the header with the statistics; unchanged for other instruments
     */
    static Outcome apply(String instrument, Header header, int hduCount, List<ImageExtensions.Extension> extensions,
            Image own, OptionalDouble saturation) {
        String name = instrument.toUpperCase(Locale.ROOT);
        Header.Builder b = header.toBuilder();
        List<String> notes = new ArrayList<>();
        if (ImageExtensions.MOSAICS.contains(name) && !extensions.isEmpty() && saturation.isPresent()) {
            long n = 0;
            double sat = saturation.getAsDouble();
            for (ImageExtensions.Extension e : extensions) {
                n += saturated(e.image(), sat);
            }
            b.fix("NPIXSAT", n, "KOA: Number of saturated pixels (all extensions)", RULE);
            notes.add("NPIXSAT=" + n + " over " + extensions.size() + " extensions");
        }
        switch (name) {
            case "HIRES" -> {
                notes.add(hiresBoxes(header, extensions, b));
                Double s2n = hiresSignalToNoise(header, hduCount, extensions);
                b.fix("SIG2NOIS", s2n, "KOA: S/N estimate near image spectral center", RULE);
                notes.add("SIG2NOIS=" + s2n);
            }
            case "NIRC2" -> {
                double s = own == null ? Double.NaN
                        : SignalToNoise.columnBand(own, header.getInt("NAXIS2").orElse(own.height()) / 2, 10);
                Double s2n = Double.isNaN(s) ? null : s;
                b.fix("SIG2NOIS", s2n, "KOA: S/N estimate near image spectral center", RULE);
                notes.add("SIG2NOIS=" + s2n);
            }
            case "LRIS" -> b.fix("SIG2NOIS", null, "KOA: S/N estimate (not computed for LRIS)", RULE);
            default -> {
                if (notes.isEmpty()) {
                    return new Outcome(header, null);
                }
            }
        }
        return new Outcome(b.build(), String.join("; ", notes));
    }

    static long saturated(Image im, double level) {
        float[] a = im.array();
        int off = im.offset();
        long n = 0;
        for (int i = off; i < off + im.pixelCount(); i++) {
            n += a[i] >= level ? 1 : 0;
        }
        return n;
    }

    /** The image and post-scan boxes of one extension: {imaging, post-scan}, or null without the keywords. */
    static Region[] hiresBoxes(Header h, int nx, int ny) {
        OptionalDouble precol = number(h, "PRECOL");
        OptionalDouble postpix = number(h, "POSTPIX");
        int[] bin = binning(h);
        if (precol.isEmpty() || postpix.isEmpty() || bin == null) {
            return null;
        }
        double pp = postpix.getAsDouble() / bin[0];
        double pc = precol.getAsDouble() / bin[0];
        double n = Math.min(15, pp - pp / 3);
        double nxi = nx - pp - pc;
        double px1 = pc + nxi - 1;
        double cxi = pc + nxi / 2;
        double cyi = ny / 2.0;
        double cxp = px1 + pp / 2;
        return new Region[] {box(cxi, cyi, n, nx, ny), box(cxp, ny * 0.03, n, nx, ny)};
    }

    /** Columns [int(cx - n/2), int(cx + n/2)), rotated rows [int(cy - n/2), int(cy + n/2)) counted from the top. */
    private static Region box(double cx, double cy, double n, int nx, int ny) {
        int x1 = Math.max(0, (int) (cx - n / 2));
        int x2 = Math.min(nx, (int) (cx + n / 2));
        int r1 = Math.max(0, (int) (cy - n / 2));
        int r2 = Math.min(ny, (int) (cy + n / 2));
        int y0 = ny - r2;
        return Region.of(Math.max(0, x1), Math.max(0, y0), Math.max(0, x2 - x1), Math.max(0, r2 - r1));
    }

    private static String hiresBoxes(Header h, List<ImageExtensions.Extension> extensions, Header.Builder b) {
        int written = 0;
        for (int e = 1; e <= 6; e++) {
            ImageExtensions.Extension x = null;
            for (ImageExtensions.Extension c : extensions) {
                if (c.hdu() == e) {
                    x = c;
                }
            }
            BoxStatistics.Result im = null;
            BoxStatistics.Result pt = null;
            Region[] boxes = x == null ? null : hiresBoxes(h, x.image().width(), x.image().height());
            if (boxes != null) {
                im = BoxStatistics.of(x.image(), boxes[0]);
                pt = BoxStatistics.of(x.image(), boxes[1]);
                written++;
            }
            String ee = String.format("%02d", e);
            b.fix("IM01MN" + ee, value(im, 0), "KOA: Image data mean", RULE)
                    .fix("IM01SD" + ee, value(im, 1), "KOA: Image data standard deviation", RULE)
                    .fix("IM01MD" + ee, value(im, 2), "KOA: Image data median", RULE)
                    .fix("PT01MN" + ee, value(pt, 0), "KOA: Postscan data mean", RULE)
                    .fix("PT01SD" + ee, value(pt, 1), "KOA: Postscan data standard deviation", RULE)
                    .fix("PT01MD" + ee, value(pt, 2), "KOA: Postscan data median", RULE);
        }
        return "IM01/PT01 statistics for " + written + " extensions";
    }

    private static Double value(BoxStatistics.Result r, int which) {
        if (r == null || r.pixels() == 0) {
            return null;
        }
        return which == 0 ? r.mean() : which == 1 ? r.sd() : r.median();
    }

    private static Double hiresSignalToNoise(Header h, int hduCount, List<ImageExtensions.Extension> extensions) {
        int middle = hduCount / 2;
        for (ImageExtensions.Extension e : extensions) {
            if (e.hdu() == middle) {
                String ampmode = h.getString("AMPMODE").map(String::trim).orElse("");
                int amps = ampmode.contains("DUAL:A+B") ? 2 : ampmode.isEmpty() ? 0 : 1;
                double nx = e.image().height()
                        - amps * (number(h, "PRECOL").orElse(0) + number(h, "POSTPIX").orElse(0));
                double s = SignalToNoise.rowBand(e.image(), (int) (1.17 * nx / 2), 10);
                return Double.isNaN(s) ? null : s;
            }
        }
        return null;
    }

    private static OptionalDouble number(Header h, String key) {
        return h.getDouble(key).map(OptionalDouble::of).orElse(OptionalDouble.empty());
    }

    /** @return {xbin, ybin} from BINNING "x,y" (spaces allowed), or null */
    static int[] binning(Header h) {
        String s = h.getString("BINNING").orElse(null);
        if (s == null) {
            return null;
        }
        String[] p = s.replace(" ", "").split(",");
        try {
            int x = Integer.parseInt(p[0]);
            int y = p.length > 1 ? Integer.parseInt(p[1]) : x;
            return x > 0 && y > 0 ? new int[] {x, y} : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
