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
        return fromSorted(s, p);
    }

    /** The line fit with rejection on a sorted sample. */
    static ZScale.Result fromSorted(double[] s, ZScale.Params p) {
        int n = s.length;
        double low = s[0];
        double high = s[n - 1];
        int minPix = Math.max(p.minPixels(), (int) (n * p.maxReject()));
        int grow = Math.max(1, (int) (n * 0.01));
        boolean[] bad = new boolean[n];
        boolean[] hit = new boolean[n];
        int good = n;
        int lastGood = n + 1;
        double slope = Double.NaN;
        double intercept = Double.NaN;
        for (int it = 0; it < p.maxIterations(); it++) {
            if (good >= lastGood || good < minPix) {
                break;
            }
            // least-squares line over the kept samples, centred for accuracy
            double sx = 0;
            double sy = 0;
            int m = 0;
            for (int i = 0; i < n; i++) {
                if (!bad[i]) {
                    sx += i;
                    sy += s[i];
                    m++;
                }
            }
            double mx = sx / m;
            double my = sy / m;
            double sxx = 0;
            double sxy = 0;
            for (int i = 0; i < n; i++) {
                if (!bad[i]) {
                    double dx = i - mx;
                    sxx += dx * dx;
                    sxy += dx * (s[i] - my);
                }
            }
            slope = sxx > 0 ? sxy / sxx : 0;
            intercept = my - slope * mx;
            // standard deviation (population) of the kept residuals
            double sr = 0;
            double srr = 0;
            for (int i = 0; i < n; i++) {
                if (!bad[i]) {
                    double r = s[i] - (intercept + slope * i);
                    sr += r;
                }
            }
            double mr = sr / m;
            for (int i = 0; i < n; i++) {
                if (!bad[i]) {
                    double r = s[i] - (intercept + slope * i) - mr;
                    srr += r * r;
                }
            }
            double threshold = p.rejection() * Math.sqrt(srr / m);
            for (int i = 0; i < n; i++) {
                double r = s[i] - (intercept + slope * i);
                if (r < -threshold || r > threshold) {
                    bad[i] = true;
                }
            }
            // grow the rejected samples: i is rejected when any of [i - grow/2 .. i + (grow-1)/2] is (a 'same'
            // convolution with a box of length grow)
            int before = grow - 1 - (grow - 1) / 2;
            int after = (grow - 1) / 2;
            Arrays.fill(hit, false);
            for (int i = 0; i < n; i++) {
                if (bad[i]) {
                    for (int j = Math.max(0, i - after); j <= Math.min(n - 1, i + before); j++) {
                        hit[j] = true;
                    }
                }
            }
            System.arraycopy(hit, 0, bad, 0, n);
            lastGood = good;
            good = 0;
            for (boolean b : bad) {
                if (!b) {
                    good++;
                }
            }
        }
        if (good < minPix || Double.isNaN(slope)) {
            return new ZScale.Result(low, high, n, good, Double.NaN);
        }
        double sl = p.contrast() > 0 ? slope / p.contrast() : slope;
        int centre = (n - 1) / 2;
        double median = n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
        return new ZScale.Result(Math.max(low, median - (centre - 1) * sl), Math.min(high, median + (n - centre) * sl), n,
                good, sl);
    }
}
