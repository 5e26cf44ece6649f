package org.drpkit.algorithms.qa;

import org.drpkit.core.image.Image;

/**
 * Renders a frame as a histogram-equalised 8-bit grey preview (the archive's KCWI previews; koa-dep 4.7, 4.9): each
 * finite pixel's grey level is its rank among the finite pixels, scaled to 0..255, so every grey level is used by
 * about the same number of pixels whatever the data's distribution. NaN and infinite pixels are black. One output
 * pixel per data pixel, origin at the lower left.
 *
 * <p>Ranks come from a histogram of equal bins between the smallest and largest finite value ({@link Params#bins()},
 * or as many as there are finite pixels when fewer, but at least 256).
 * A bin holding more than a few pixels (a narrow peak, as when a few hot pixels stretch the range) is split again
 * into up to {@link Params#subBins()} parts of about four pixels each, so the peak is spread over the levels it
 * deserves (the extra histogram holds at most a quarter as many counts as there are pixels).
 * Pixels of one (sub-)bin take the level of its middle rank, scaled so that the faintest pixel is black and the
 * brightest white; the mapping never inverts the order of two pixels, and equal values always share a level. Pure and
 * thread-safe; four passes over the pixels, no per-pixel allocation.
 *
 * <pre>{@code
 * Preview p = HistogramEqualizer.render(image, HistogramEqualizer.Params.DEFAULTS);
 * p.level(0, p.height() - 1);   // the grey level of FITS pixel (0, 0)
 * }</pre>
 */
public final class HistogramEqualizer {

    /** Pixels per sub-bin aimed at when a bin is split. */
    private static final int TARGET = 4;

    private HistogramEqualizer() {
    }

    /**
     * @param bins    histogram bins between the smallest and largest finite value (256 .. 2^24)
     * @param subBins the most parts a crowded bin is split into (16 .. 65536)
     */
    public record Params(int bins, int subBins) {

        /** 65536 bins, crowded ones split in up to 4096 parts. */
        public static final Params DEFAULTS = new Params(65536, 4096);

        /** Checks the bin counts. */
        public Params {
            if (bins < 256 || bins > (1 << 24)) {
                throw new IllegalArgumentException("bins must be 256 .. 2^24: " + bins);
            }
            if (subBins < 16 || subBins > 65536) {
                throw new IllegalArgumentException("subBins must be 16 .. 65536: " + subBins);
            }
        }
    }

    /** @return the equalised preview of an image */
    public static Preview render(Image image, Params params) {
        int w = image.width();
        int h = image.height();
        float[] a = image.array();
        int off = image.offset();
        int n = w * h;
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        long finite = 0;
        for (int i = off; i < off + n; i++) {
            float v = a[i];
            if (v - v == 0) {
                finite++;
                if (v < lo) {
                    lo = v;
                }
                if (v > hi) {
                    hi = v;
                }
            }
        }
        byte[] gray = new byte[n];
        if (finite == 0) {
            return new Preview(w, h, gray, 0, Double.NaN, Double.NaN);
        }
        int bins = (int) Math.min(params.bins(), Math.max(256, finite)); // no more bins than pixels
        double scale = hi > lo ? bins / ((double) hi - lo) : 0;
        int[] count = new int[bins];
        for (int i = off; i < off + n; i++) {
            float v = a[i];
            if (v - v == 0) {
                count[bin(v, lo, scale, bins)]++;
            }
        }
        // a bin holding more than a few pixels is split so that each part holds about TARGET of them
        int maxSub = params.subBins();
        int[] subStart = new int[bins];
        int[] subN = new int[bins];
        int total = 0;
        for (int b = 0; b < bins; b++) {
            if (count[b] > 2 * TARGET && scale > 0) {
                subN[b] = Math.min(maxSub, (count[b] + TARGET - 1) / TARGET);
                subStart[b] = total;
                total += subN[b];
            }
        }
        int[] subCount = new int[total];
        if (total > 0) {
            for (int i = off; i < off + n; i++) {
                float v = a[i];
                if (v - v == 0) {
                    int b = bin(v, lo, scale, bins);
                    if (subN[b] > 0) {
                        subCount[subStart[b] + subBin(v, lo, b, scale, subN[b])]++;
                    }
                }
            }
        }
        byte[] level = new byte[bins];
        byte[] subLevel = new byte[total];
        long below = 0;
        for (int b = 0; b < bins; b++) {
            if (subN[b] == 0) {
                level[b] = level(below, count[b], finite);
            } else {
                long inBin = below;
                for (int k = subStart[b]; k < subStart[b] + subN[b]; k++) {
                    subLevel[k] = level(inBin, subCount[k], finite);
                    inBin += subCount[k];
                }
            }
            below += count[b];
        }
        for (int y = 0; y < h; y++) {
            int src = off + y * w;
            int dst = (h - 1 - y) * w;
            for (int x = 0; x < w; x++) {
                float v = a[src + x];
                if (v - v != 0) {
                    continue; // NaN and infinities stay black
                }
                int b = bin(v, lo, scale, bins);
                gray[dst + x] = subN[b] == 0 ? level[b] : subLevel[subStart[b] + subBin(v, lo, b, scale, subN[b])];
            }
        }
        return new Preview(w, h, gray, finite, lo, hi);
    }

    /** @return the level of {@code count} equal-ranked pixels above {@code below} others, of {@code n} */
    private static byte level(long below, long count, long n) {
        if (n == 1) {
            return (byte) 128;
        }
        double r = (below + (count - 1) / 2.0) / (n - 1); // middle rank, 0 for the faintest, 1 for the brightest
        return (byte) Math.min(255, (int) (256 * r));
    }

    private static int bin(float v, float lo, double scale, int bins) {
        int b = (int) ((v - (double) lo) * scale);
        return b >= bins ? bins - 1 : b;
    }

    private static int subBin(float v, float lo, int bin, double scale, int parts) {
        int k = (int) (((v - (double) lo) * scale - bin) * parts);
        return k < 0 ? 0 : k >= parts ? parts - 1 : k;
    }
}
