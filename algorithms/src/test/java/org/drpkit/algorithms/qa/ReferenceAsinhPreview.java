package org.drpkit.algorithms.qa;

import org.drpkit.core.image.Image;

/** The kernel as it was before the issue-16 speed work: the reference the fast one must match bit for bit. */
final class ReferenceAsinhPreview {

    /** Steps of the level table over the display range. */
    private static final int LUT = 1 << 12;

    private ReferenceAsinhPreview() {
    }

    /** @return the preview of the whole image */
    public static Preview render(Image image, AsinhPreview.Params p) {
        int w = image.width();
        int h = image.height();
        int cw = Math.max(1, (int) Math.round(w * p.centralFraction()));
        int ch = Math.max(1, (int) Math.round(h * p.centralFraction()));
        ZScale.Result z = ReferenceZScale.of(image, (w - cw) / 2, (h - ch) / 2, cw, ch, p.zscale());
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
            for (int y = 0; y < h; y++) {
                int src = off + y * w;
                int dst = (h - 1 - y) * w;
                for (int x = 0; x < w; x++) {
                    float v = px[src + x];
                    if (!(v - v == 0)) {
                        continue;
                    }
                    finite++;
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                    int level;
                    if (range > 0) {
                        double t = (v - low) * inv;
                        if (t <= 0) {
                            level = 0;
                        } else if (t >= 1) {
                            level = 255;
                        } else {
                            level = lut[(int) (t * LUT)];
                            while (v >= edge[level + 1]) {
                                level++;
                            }
                            while (level > 0 && v < edge[level]) {
                                level--;
                            }
                        }
                    } else {
                        level = v >= high ? 255 : 0;
                    }
                    gray[dst + x] = (byte) level;
                }
            }
        }
        return new Preview(w, h, gray, finite, finite == 0 ? Double.NaN : lo, finite == 0 ? Double.NaN : hi);
    }

    /** @return the stretch's value for a scaled pixel x in 0..1 (astropy's AsinhStretch) */
    public static double stretch(double x, double a) {
        return asinh(x / a) / asinh(1.0 / a);
    }

    static double asinh(double x) {
        return Math.log(x + Math.sqrt(x * x + 1));
    }
}
