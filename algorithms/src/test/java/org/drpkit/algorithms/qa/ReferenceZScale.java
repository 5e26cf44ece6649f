package org.drpkit.algorithms.qa;

import java.util.Arrays;
import org.drpkit.core.image.Image;

/** The kernel as it was before the issue-16 speed work: the reference the fast one must match bit for bit. */
final class ReferenceZScale {

    private ReferenceZScale() {
    }

    /** @return the limits over the whole image */
    public static ZScale.Result of(Image image, ZScale.Params p) {
        return of(image, 0, 0, image.width(), image.height(), p);
    }

    /**
     * @return the limits over the region {@code [x0, x0+w) x [y0, y0+h)} of the image (pixels outside are ignored)
     * @throws IllegalArgumentException when the region is not inside the image
     */
    public static ZScale.Result of(Image image, int x0, int y0, int w, int h, ZScale.Params p) {
        if (x0 < 0 || y0 < 0 || w < 0 || h < 0 || x0 + w > image.width() || y0 + h > image.height()) {
            throw new IllegalArgumentException("region " + x0 + "," + y0 + " " + w + "x" + h + " outside the "
                    + image.width() + "x" + image.height() + " image");
        }
        float[] a = image.array();
        int off = image.offset();
        int iw = image.width();
        long finite = 0;
        for (int y = y0; y < y0 + h; y++) {
            int r = off + y * iw;
            for (int x = x0; x < x0 + w; x++) {
                float v = a[r + x];
                if (v - v == 0) {
                    finite++;
                }
            }
        }
        if (finite == 0) {
            return new ZScale.Result(Double.NaN, Double.NaN, 0, 0, Double.NaN);
        }
        long stride = Math.max(1, (long) Math.floor(Math.max(1.0, (double) finite / p.samples())));
        int n = (int) Math.min(p.samples(), (finite + stride - 1) / stride);
        double[] s = new double[n];
        int k = 0;
        long idx = 0;
        outer:
        for (int y = y0; y < y0 + h; y++) {
            int r = off + y * iw;
            for (int x = x0; x < x0 + w; x++) {
                float v = a[r + x];
                if (v - v == 0) {
                    if (idx % stride == 0) {
                        s[k++] = v;
                        if (k == n) {
                            break outer;
                        }
                    }
                    idx++;
                }
            }
        }
        Arrays.sort(s);
        return ZScale.fromSorted(s, p); // the fit was not changed: only the sampling is the reference's own
    }
}
