package org.drpkit.algorithms.qa;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.drpkit.algorithms.stats.RobustStats;
import org.drpkit.core.image.Image;

/**
 * The archive's image statistics of a frame (koa-dep 4.3, 4.8): mean, median and standard deviation of the pixels
 * (IMAGEMN, IMAGEMD, IMAGESD, each rounded to 2 decimals the way the archive prints them), the number of pixels at
 * or above the saturation level (NPIXSAT) and at or above the non-linearity level (NLINEAR).
 *
 * <p>Units are those of the pixels (DN for raw frames). The standard deviation is the population one (numpy's
 * {@code std}, ddof 0); the median of an even count is the mean of the two middle values (numpy's {@code median}).
 * Sums are accumulated in double precision. NaN and infinite pixels are left out and counted: the archive's numpy
 * statistics turn into NaN (a null in the metadata) as soon as one pixel is NaN; drpkit reports the statistics of
 * the finite pixels instead. Pure and thread-safe; allocates one scratch copy of the finite pixels for the median.
 *
 * <pre>{@code
 * ImageStatistics.Result s = ImageStatistics.of(image, new ImageStatistics.Params(18000.0 * coadds, 5000.0 * coadds));
 * s.imagemn();   // 10074.61
 * s.saturated(); // NPIXSAT
 * }</pre>
 */
public final class ImageStatistics {

    private ImageStatistics() {
    }

    /**
     * What to count besides the moments.
     *
     * @param saturationLevel pixels at or above this value (DN) are saturated; NaN to skip NPIXSAT
     * @param nonlinearLevel  pixels at or above this value (DN) are non-linear; NaN to skip NLINEAR
     */
    public record Params(double saturationLevel, double nonlinearLevel) {

        /** Moments only. */
        public static final Params NONE = new Params(Double.NaN, Double.NaN);
    }

    /**
     * The statistics of one frame.
     *
     * @param pixels    every pixel considered
     * @param finite    the finite pixels the statistics describe
     * @param mean      mean of the finite pixels (pixel units), NaN when none
     * @param median    median of the finite pixels, NaN when none
     * @param stdDev    population standard deviation of the finite pixels, NaN when none
     * @param min       smallest finite pixel, NaN when none
     * @param max       largest finite pixel, NaN when none
     * @param saturated pixels at or above the saturation level (NPIXSAT), or -1 when not asked
     * @param nonlinear pixels at or above the non-linearity level (NLINEAR), or -1 when not asked
     */
    public record Result(long pixels, long finite, double mean, double median, double stdDev, double min, double max,
            long saturated, long nonlinear) {

        /** @return IMAGEMN: the mean rounded as the archive prints it */
        public double imagemn() {
            return round2(mean);
        }

        /** @return IMAGEMD: the median rounded as the archive prints it */
        public double imagemd() {
            return round2(median);
        }

        /** @return IMAGESD: the standard deviation rounded as the archive prints it */
        public double imagesd() {
            return round2(stdDev);
        }

        @Override
        public String toString() {
            return "ImageStatistics[" + pixels + " px (" + (pixels - finite) + " not finite), IMAGEMN=" + imagemn()
                    + " IMAGEMD=" + imagemd() + " IMAGESD=" + imagesd() + ", range " + min + ".." + max
                    + (saturated >= 0 ? ", NPIXSAT=" + saturated : "") + (nonlinear >= 0 ? ", NLINEAR=" + nonlinear : "")
                    + "]";
        }
    }

    /** @return the statistics of every pixel of an image */
    public static Result of(Image image, Params params) {
        int from = image.offset();
        return of(image.array(), from, from + image.pixelCount(), params);
    }

    /**
     * @param values pixels; {@code values[from, to)} is read, never modified
     * @return the statistics of those pixels
     */
    public static Result of(float[] values, int from, int to, Params params) {
        double sat = params.saturationLevel();
        double lin = params.nonlinearLevel();
        boolean countSat = !Double.isNaN(sat);
        boolean countLin = !Double.isNaN(lin);
        long nSat = 0;
        long nLin = 0;
        long n = 0;
        double sum = 0;
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        float[] finite = new float[to - from];
        for (int i = from; i < to; i++) {
            float v = values[i];
            if (v - v != 0) { // NaN or infinite
                if (countSat && v >= sat) {
                    nSat++;
                }
                if (countLin && v >= lin) {
                    nLin++;
                }
                continue;
            }
            finite[(int) n++] = v;
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
            if (countSat && v >= sat) {
                nSat++;
            }
            if (countLin && v >= lin) {
                nLin++;
            }
        }
        if (n == 0) {
            return new Result(to - from, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    countSat ? nSat : -1, countLin ? nLin : -1);
        }
        double mean = sum / n;
        double ss = 0;
        double comp = 0; // sum of deviations, to correct the rounding of the mean (two-pass corrected algorithm)
        for (int i = 0; i < n; i++) {
            double d = finite[i] - mean;
            ss += d * d;
            comp += d;
        }
        double var = (ss - comp * comp / n) / n;
        double median = RobustStats.quantileInPlace(finite, (int) n, 0.5);
        return new Result(to - from, n, mean, median, Math.sqrt(Math.max(0, var)), min, max, countSat ? nSat : -1,
                countLin ? nLin : -1);
    }

    /**
     * Rounds like the archive's {@code float('%0.2f' % x)}: the exact binary value rounded half-even to 2 decimals,
     * so {@code 2.675} (stored as 2.67499...) gives 2.67 and {@code 0.125} gives 0.12. NaN and infinities pass
     * through.
     */
    public static double round2(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return x;
        }
        return new BigDecimal(x).setScale(2, RoundingMode.HALF_EVEN).doubleValue();
    }
}
