package org.drpkit.algorithms.qa;

import org.drpkit.core.image.Image;
import org.drpkit.core.instrument.Region;

/**
 * Mean, standard deviation (population, numpy's default) and median of the finite pixels of a box of an image: the
 * archive's per-extension image and post-scan statistics (HIRES IM01MN/SD/MD{ee}, PT01MN/SD/MD{ee}, koa-dep 4.7), each
 * rounded to 2 decimals as the archive writes them. Pure and thread-safe.
 *
 * <pre>{@code
 * BoxStatistics.Result r = BoxStatistics.of(image, Region.of(100, 200, 15, 15));
 * r.mean(); r.sd(); r.median();   // DN, rounded to 0.01
 * }</pre>
 */
public final class BoxStatistics {

    private BoxStatistics() {
    }

    /**
     * @param mean   the mean (pixel units, rounded to 0.01), NaN when the box holds no finite pixel
     * @param sd     the population standard deviation (rounded to 0.01)
     * @param median the median (rounded to 0.01)
     * @param pixels the finite pixels used
     */
    public record Result(double mean, double sd, double median, int pixels) {

        @Override
        public String toString() {
            return "BoxStatistics[mean " + mean + ", sd " + sd + ", median " + median + " over " + pixels + " pixels]";
        }
    }

    /**
     * @return the statistics of the part of {@code box} inside the image (an empty part gives NaN)
     */
    public static Result of(Image image, Region box) {
        int x0 = Math.max(0, box.x0());
        int y0 = Math.max(0, box.y0());
        int x1 = Math.min(image.width(), box.x1());
        int y1 = Math.min(image.height(), box.y1());
        if (x1 <= x0 || y1 <= y0) {
            return new Result(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        float[] a = image.array();
        int off = image.offset();
        float[] v = new float[(x1 - x0) * (y1 - y0)];
        int n = 0;
        double sum = 0;
        for (int y = y0; y < y1; y++) {
            int r = off + y * image.width();
            for (int x = x0; x < x1; x++) {
                float f = a[r + x];
                if (f - f == 0) {
                    v[n++] = f;
                    sum += f;
                }
            }
        }
        if (n == 0) {
            return new Result(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double mean = sum / n;
        double ss = 0;
        for (int i = 0; i < n; i++) {
            double d = v[i] - mean;
            ss += d * d;
        }
        double median = org.drpkit.algorithms.stats.RobustStats.quantileInPlace(v, n, 0.5);
        return new Result(round2(mean), round2(Math.sqrt(ss / n)), round2(median), n);
    }

    static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
