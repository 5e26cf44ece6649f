package org.drpkit.algorithms.qa;

import org.drpkit.algorithms.stats.RobustStats;
import org.drpkit.core.image.Image;

/**
 * The archive's rough signal-to-noise estimate SIG2NOIS (koa-dep 4.7, 4.8): the medians of a band 2 {@code half}
 * pixels wide, taken across the band one line at a time, and the integer part of the square root of their range,
 * {@code trunc(sqrt(|max - min|))}: a bright spectrum crossing the band reaches about its photon signal-to-noise.
 * NaN when no median is finite. Pure and thread-safe.
 *
 * <pre>{@code
 * double s2n = SignalToNoise.rowBand(image, 512, 10);     // HIRES: rows [502, 522), one median per column
 * double s2n2 = SignalToNoise.columnBand(image, 256, 10); // NIRC2: columns [246, 266), one median per row
 * }</pre>
 */
public final class SignalToNoise {

    private SignalToNoise() {
    }

    /**
     * @param centreRow the band's centre row: rows {@code [centreRow - half, centreRow + half)} (clipped to the image)
     * @param half      the band's half width and the margin of columns skipped at each end
     * @return the estimate from one median per column {@code x} in {@code [half, width - half)}
     */
    public static double rowBand(Image image, int centreRow, int half) {
        int y0 = Math.max(0, centreRow - half);
        int y1 = Math.min(image.height(), centreRow + half);
        if (y1 <= y0) {
            return Double.NaN;
        }
        float[] a = image.array();
        int off = image.offset();
        int w = image.width();
        float[] col = new float[y1 - y0];
        float[] scratch = new float[col.length];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int x = half; x < w - half; x++) {
            for (int y = y0; y < y1; y++) {
                col[y - y0] = a[off + y * w + x];
            }
            double m = RobustStats.median(col, 0, col.length, scratch);
            if (!Double.isNaN(m)) {
                min = Math.min(min, m);
                max = Math.max(max, m);
            }
        }
        return estimate(min, max);
    }

    /**
     * @param centreColumn the band's centre column: columns {@code [centreColumn - half, centreColumn + half)}
     * @param half         the band's half width and the margin of rows skipped at each end
     * @return the estimate from one median per row {@code y} in {@code [half, height - half)}
     */
    public static double columnBand(Image image, int centreColumn, int half) {
        int x0 = Math.max(0, centreColumn - half);
        int x1 = Math.min(image.width(), centreColumn + half);
        if (x1 <= x0) {
            return Double.NaN;
        }
        float[] a = image.array();
        int off = image.offset();
        int w = image.width();
        float[] scratch = new float[x1 - x0];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int y = half; y < image.height() - half; y++) {
            double m = RobustStats.median(a, off + y * w + x0, off + y * w + x1, scratch);
            if (!Double.isNaN(m)) {
                min = Math.min(min, m);
                max = Math.max(max, m);
            }
        }
        return estimate(min, max);
    }

    private static double estimate(double min, double max) {
        if (min > max) {
            return Double.NaN;
        }
        double v = Math.sqrt(Math.abs(max - min));
        return v < 0 ? Math.ceil(v) : Math.floor(v);
    }
}
