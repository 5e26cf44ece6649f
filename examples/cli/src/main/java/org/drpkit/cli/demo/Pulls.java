package org.drpkit.cli.demo;

import org.drpkit.core.image.Image;
import org.drpkit.core.image.MaskedImage;
import org.drpkit.core.instrument.Region;

/**
 * Pulls {@code (estimate - truth) sqrt(ivar)} of the good pixels of an image against a known truth: their count,
 * mean and standard deviation, and a histogram over [-5, 5]. For honest error bars the mean is near 0 and the
 * standard deviation near 1.
 *
 * <pre>{@code
 * Pulls p = Pulls.of("R rate", rate, truth, chip.lightSensitive(), CalibFlag.BAD_BITS);
 * p.mean();   // within a few hundredths of 0
 * }</pre>
 *
 * @param label    what was compared
 * @param n        pixels compared
 * @param mean     mean pull
 * @param std      standard deviation of the pulls
 * @param counts   histogram of pulls in {@link #BINS} bins over [-5, 5]
 * @param outliers pulls beyond +-5
 */
public record Pulls(String label, long n, double mean, double std, long[] counts, long outliers) {

    /** Histogram bins over [-5, 5]. */
    public static final int BINS = 50;

    /** @return the label without its first word (the chip), e.g. {@code "rate vs truth"} */
    public String comparison() {
        return label.substring(label.indexOf(' ') + 1);
    }

    /**
     * @param estimate the measured flux, ivar and flags
     * @param truth    the true flux, same shape
     * @param region   the pixels to compare (e.g. the light-sensitive area)
     * @param badBits  pixels with any of these flags are left out, as are pixels with ivar 0
     * @return the pull statistics
     */
    public static Pulls of(String label, MaskedImage estimate, Image truth, Region region, int badBits) {
        long n = 0;
        double sum = 0;
        double sum2 = 0;
        long[] counts = new long[BINS];
        long outliers = 0;
        for (int y = region.y0(); y < region.y1(); y++) {
            for (int x = region.x0(); x < region.x1(); x++) {
                float iv = estimate.ivar().get(x, y);
                if (!(iv > 0) || (estimate.mask().get(x, y) & badBits) != 0) {
                    continue;
                }
                double p = (estimate.flux().get(x, y) - truth.get(x, y)) * Math.sqrt(iv);
                if (!Double.isFinite(p)) {
                    continue;
                }
                n++;
                sum += p;
                sum2 += p * p;
                int bin = (int) Math.floor((p + 5) / 10 * BINS);
                if (bin >= 0 && bin < BINS) {
                    counts[bin]++;
                } else {
                    outliers++;
                }
            }
        }
        double mean = n == 0 ? Double.NaN : sum / n;
        double std = n < 2 ? Double.NaN : Math.sqrt(Math.max(0, (sum2 - n * mean * mean) / (n - 1)));
        return new Pulls(label, n, mean, std, counts, outliers);
    }

    /** @return the pulls of two comparisons together */
    public Pulls plus(Pulls o, String newLabel) {
        long m = n + o.n;
        double mean = m == 0 ? Double.NaN : (n * nz(this.mean) + o.n * nz(o.mean)) / m;
        double s2a = n < 2 ? 0 : std * std * (n - 1) + n * this.mean * this.mean;
        double s2b = o.n < 2 ? 0 : o.std * o.std * (o.n - 1) + o.n * o.mean * o.mean;
        double std = m < 2 ? Double.NaN : Math.sqrt(Math.max(0, (s2a + s2b - m * mean * mean) / (m - 1)));
        long[] c = new long[BINS];
        for (int i = 0; i < BINS; i++) {
            c[i] = counts[i] + o.counts[i];
        }
        return new Pulls(newLabel, m, mean, std, c, outliers + o.outliers);
    }

    /** @return the centre of histogram bin {@code i} */
    public static double binCentre(int i) {
        return -5 + (i + 0.5) * 10.0 / BINS;
    }

    /** @return an empty set of pulls */
    public static Pulls none(String label) {
        return new Pulls(label, 0, Double.NaN, Double.NaN, new long[BINS], 0);
    }

    private static double nz(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    @Override
    public String toString() {
        return String.format("%s: %,d pixels, mean pull %+.4f, std %.4f, beyond 5 sigma %d", label, n, mean, std,
                outliers);
    }
}
