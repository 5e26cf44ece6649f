package org.drpkit.algorithms.qa;

import java.util.Arrays;
import org.drpkit.core.image.Image;

/**
 * IRAF's zscale display interval: display limits that follow the bulk of the pixels, set by a straight line fitted to
 * a sorted sample of them. The sample is up to {@link Params#samples()} finite pixels taken at a fixed stride in
 * row-major order over the image (or a region of it), sorted. A line through (rank, value) is fitted by least squares
 * to the samples not yet rejected; samples deviating by more than {@link Params#rejection()} standard deviations of
 * the residuals are rejected, together with their neighbours within 1 % of the sample length, and the fit repeated
 * (at most {@link Params#maxIterations()} times, while the number of kept samples shrinks and stays at least
 * {@code max(minPixels, maxReject * samples)}). The limits are the sample median minus/plus the line's slope divided
 * by the {@link Params#contrast()} times the ranks below/above the centre rank, clipped to the sample's range. When
 * too many samples are rejected the limits are the sample's minimum and maximum.
 *
 * <p>This follows the description of IRAF's {@code zscale} and of astropy's {@code ZScaleInterval} (same defaults,
 * same sampling, same neighbour growth), so the limits agree with astropy's to rounding. Units are those of the pixels
 * (DN). Pure and thread-safe; one pass to count finite pixels, one to sample (when every pixel of the region is
 * finite, the samples are read directly by index), and a sort of the sample: about 0.11 ms for a 512 x 512 frame
 * ({@code PreviewBenchmark.nirc2Zscale}; 0.58 ms before the issue-16 work, same limits).
 *
 * <pre>{@code
 * ZScale.Result z = ZScale.of(image, ZScale.Params.DEFAULTS);
 * z.low(); z.high();   // display limits in DN
 * }</pre>
 */
public final class ZScale {

    private ZScale() {
    }

    /**
     * @param samples       the most pixels sampled (astropy's n_samples, 1000)
     * @param contrast      the slope divisor (0.25); 0 or less keeps the fitted slope
     * @param maxReject     the largest fraction of samples that may be rejected (0.5)
     * @param minPixels     the fewest samples a fit needs (5)
     * @param rejection     the rejection threshold in standard deviations of the residuals (krej, 2.5)
     * @param maxIterations the most fits (5)
     */
    public record Params(int samples, double contrast, double maxReject, int minPixels, double rejection,
            int maxIterations) {

        /** IRAF's and astropy's defaults: 1000 samples, contrast 0.25, at most half rejected at 2.5 sigma, 5 fits. */
        public static final Params DEFAULTS = new Params(1000, 0.25, 0.5, 5, 2.5, 5);

        /** Checks the values. */
        public Params {
            if (samples < 1 || samples > 10_000_000) {
                throw new IllegalArgumentException("samples must be 1 .. 1e7: " + samples);
            }
            if (!(maxReject >= 0 && maxReject <= 1)) {
                throw new IllegalArgumentException("maxReject must be 0 .. 1: " + maxReject);
            }
            if (minPixels < 2 || !(rejection > 0) || maxIterations < 1 || Double.isNaN(contrast)) {
                throw new IllegalArgumentException("bad zscale parameters " + minPixels + " " + rejection + " "
                        + maxIterations + " " + contrast);
            }
        }
    }

    /**
     * @param low         the lower display limit (pixel units), NaN when the region holds no finite pixel
     * @param high        the upper display limit
     * @param samples     the pixels sampled
     * @param kept        the samples kept by the last fit (all of them when no fit was made)
     * @param slope       the fitted slope per sample rank divided by the contrast, NaN when the fit was rejected
     */
    public record Result(double low, double high, int samples, int kept, double slope) {

        @Override
        public String toString() {
            return "ZScale[" + low + " .. " + high + " from " + samples + " samples, " + kept + " kept"
                    + (Double.isNaN(slope) ? ", no usable fit: sample range" : ", slope " + slope) + "]";
        }
    }

    /** @return the limits over the whole image */
    public static Result of(Image image, Params p) {
        return of(image, 0, 0, image.width(), image.height(), p);
    }

    /**
     * @return the limits over the region {@code [x0, x0+w) x [y0, y0+h)} of the image (pixels outside are ignored)
     * @throws IllegalArgumentException when the region is not inside the image
     */
    public static Result of(Image image, int x0, int y0, int w, int h, Params p) {
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
            return new Result(Double.NaN, Double.NaN, 0, 0, Double.NaN);
        }
        long stride = Math.max(1, (long) Math.floor(Math.max(1.0, (double) finite / p.samples())));
        int n = (int) Math.min(p.samples(), (finite + stride - 1) / stride);
        double[] s = new double[n];
        if (finite == (long) w * h) {
            // every pixel finite: the j-th sample is region pixel j * stride in row-major order, read directly
            for (int j = 0; j < n; j++) {
                long idx = j * stride;
                s[j] = a[off + (int) (y0 + idx / w) * iw + x0 + (int) (idx % w)];
            }
        } else {
            // every stride-th finite pixel, counted down instead of a division per pixel
            int k = 0;
            long skip = 0;
            outer:
            for (int y = y0; y < y0 + h; y++) {
                int r = off + y * iw;
                for (int x = x0; x < x0 + w; x++) {
                    float v = a[r + x];
                    if (v - v == 0) {
                        if (skip == 0) {
                            s[k++] = v;
                            if (k == n) {
                                break outer;
                            }
                            skip = stride;
                        }
                        skip--;
                    }
                }
            }
        }
        Arrays.sort(s);
        return fromSorted(s, p);
    }

    /** The line fit with rejection on a sorted sample. */
    static Result fromSorted(double[] s, Params p) {
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
            return new Result(low, high, n, good, Double.NaN);
        }
        double sl = p.contrast() > 0 ? slope / p.contrast() : slope;
        int centre = (n - 1) / 2;
        double median = n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
        return new Result(Math.max(low, median - (centre - 1) * sl), Math.min(high, median + (n - centre) * sl), n,
                good, sl);
    }
}
