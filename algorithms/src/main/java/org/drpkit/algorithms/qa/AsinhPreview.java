package org.drpkit.algorithms.qa;

import org.drpkit.core.image.Image;

/**
 * Renders a frame as the archive's JPEG previews draw it (koa-dep 4.9): display limits from {@link ZScale}, an asinh
 * stretch {@code y = asinh(x / a) / asinh(1 / a)} of the pixel scaled to {@code x = (v - low) / (high - low)} (the
 * form of astropy's {@code AsinhStretch}, a = 0.1), clipped to 0..1, on a grey scale of 256 levels
 * ({@code level = min(255, floor(256 y))}, as a 256-entry colour map does), origin at the lower left, one picture pixel
 * per data pixel. NaN and infinite pixels are black. Variants: the limits from the central part of the frame only,
 * and a lower limit of at least 0 (the archive's LRIS blue mosaics).
 *
 * <p>Each pixel's level is the one its value's place among the 255 level boundaries gives; a 4096-step table of x
 * gives it or the level below, settled by one comparison without a branch (a walk along the boundaries when neither
 * fits). A 512 x 512 NIRC2 frame takes about 0.9 ms, zscale included ({@code PreviewBenchmark.nirc2Asinh}; 1.7 ms
 * before the issue-16 work, same levels).
 *
 * <pre>{@code
 * Preview p = AsinhPreview.render(image, AsinhPreview.Params.DEFAULTS);
 * p.level(0, p.height() - 1);   // the grey level of FITS pixel (0, 0)
 * }</pre>
 */
public final class AsinhPreview {

    /** Steps of the level table over the display range. */
    private static final int LUT = 1 << 12;

    private AsinhPreview() {
    }

    /**
     * @param zscale          the interval's parameters
     * @param a               the asinh stretch's softening (positive), in units of the display range
     * @param centralFraction the fraction of width and height, centred, the limits are computed over (0 .. 1, more than 0)
     * @param lowAtLeastZero  raise a negative lower limit to 0
     */
    public record Params(ZScale.Params zscale, double a, double centralFraction, boolean lowAtLeastZero) {

        /** zscale over the whole frame, a = 0.1: the archive's default previews. */
        public static final Params DEFAULTS = new Params(ZScale.Params.DEFAULTS, 0.1, 1.0, false);

        /** zscale over the central 80 %, lower limit at least 0: the archive's LRIS blue mosaics. */
        public static final Params CENTRAL_80 = new Params(ZScale.Params.DEFAULTS, 0.1, 0.8, true);

        /** Checks the values. */
        public Params {
            if (zscale == null || !(a > 0) || !(centralFraction > 0 && centralFraction <= 1)) {
                throw new IllegalArgumentException("bad asinh preview parameters: a " + a + ", central fraction "
                        + centralFraction);
            }
        }
    }

    /** @return the preview of the whole image */
    public static Preview render(Image image, Params p) {
        int w = image.width();
        int h = image.height();
        int cw = Math.max(1, (int) Math.round(w * p.centralFraction()));
        int ch = Math.max(1, (int) Math.round(h * p.centralFraction()));
        ZScale.Result z = ZScale.of(image, (w - cw) / 2, (h - ch) / 2, cw, ch, p.zscale());
        double low = z.low();
        double high = z.high();
        if (p.lowAtLeastZero() && low < 0) {
            low = Math.min(0, high);
        }
        return render(image, low, high, p.a());
    }

    /**
     * @param low  the pixel value drawn black (DN)
     * @param high the pixel value drawn white (DN); equal limits draw every pixel at or above them white
     * @param a    the stretch's softening
     * @return the preview with given limits
     */
    public static Preview render(Image image, double low, double high, double a) {
        int w = image.width();
        int h = image.height();
        float[] px = image.array();
        int off = image.offset();
        byte[] gray = new byte[w * h];
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        long finite = 0;
        if (!Double.isNaN(low) && !Double.isNaN(high)) {
            double range = high - low;
            double inv = range > 0 ? 1.0 / range : Double.POSITIVE_INFINITY;
            double norm = 1.0 / asinh(1.0 / a);
            // the level boundaries: level k starts where 256 y = k, i.e. at the pixel value low + range a sinh(k/256/norm)
            double[] edge = new double[257];
            for (int k = 1; k < 256; k++) {
                edge[k] = low + range * (a * Math.sinh(k / 256.0 / norm));
            }
            edge[256] = Double.POSITIVE_INFINITY;
            // a table of the level at the start of each of LUT equal steps of x, corrected against the boundaries:
            // no asinh per pixel, and every pixel gets the level its boundaries give
            int[] lut = new int[LUT + 1];
            for (int i = 0; i <= LUT; i++) {
                lut[i] = Math.min(255, (int) (256 * asinh((double) i / LUT / a) * norm));
            }
            // the finite range by comparisons (NaN compares false; the sign of a zero limit is settled afterwards)
            float vlo = Float.POSITIVE_INFINITY;
            float vhi = Float.NEGATIVE_INFINITY;
            int count = 0;
            for (int y = 0; y < h; y++) {
                int src = off + y * w;
                int dst = (h - 1 - y) * w;
                for (int x = 0; x < w; x++) {
                    float v = px[src + x];
                    if (!(v - v == 0)) {
                        continue;
                    }
                    count++;
                    if (v < vlo) {
                        vlo = v;
                    }
                    if (v > vhi) {
                        vhi = v;
                    }
                    int level;
                    if (range > 0) {
                        double t = (v - low) * inv;
                        if (t <= 0) {
                            level = 0;
                        } else if (t >= 1) {
                            level = 255;
                        } else {
                            // the table's level, or the next one: no branch to mispredict; anything else (a
                            // table entry off by more than one step, NaN edges) walks the boundaries from the table
                            int start = lut[(int) (t * LUT)];
                            level = v >= edge[start + 1] ? start + 1 : start;
                            if (!(v < edge[level + 1]) || level > 0 && v < edge[level]) {
                                level = walk(v, start, edge);
                            }
                        }
                    } else {
                        level = v >= high ? 255 : 0;
                    }
                    gray[dst + x] = (byte) level;
                }
            }
            finite = count;
            if (count > 0) {
                if (vlo == 0 || vhi == 0) {
                    float[] zeros = HistogramEqualizer.signedZeros(px, off, w * h);
                    vlo = vlo == 0 ? zeros[0] : vlo;
                    vhi = vhi == 0 ? zeros[1] : vhi;
                }
                lo = vlo;
                hi = vhi;
            }
        }
        return new Preview(w, h, gray, finite, finite == 0 ? Double.NaN : lo, finite == 0 ? Double.NaN : hi);
    }

    /**
     * @return the level of pixel value v: from {@code level} up while v is at or above the next boundary, then down
     *         while below the level's own
     */
    private static int walk(float v, int level, double[] edge) {
        while (v >= edge[level + 1]) {
            level++;
        }
        while (level > 0 && v < edge[level]) {
            level--;
        }
        return level;
    }

    /** @return the stretch's value for a scaled pixel x in 0..1 (astropy's AsinhStretch) */
    public static double stretch(double x, double a) {
        return asinh(x / a) / asinh(1.0 / a);
    }

    static double asinh(double x) {
        return Math.log(x + Math.sqrt(x * x + 1));
    }
}
