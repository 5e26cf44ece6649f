package org.drpkit.algorithms.qa;

import org.drpkit.core.image.Image;

/** The kernel as it was before the issue-16 speed work: the reference the fast one must match bit for bit. */
final class ReferenceHistogramEqualizer {

    private static final int COARSE = 4096;

    private ReferenceHistogramEqualizer() {
    }

    /** @return the equalised preview of an image */
    public static Preview render(Image image, HistogramEqualizer.Params params) {
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
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        byte[] gray = new byte[n];
        if (finite == 0) {
            return new Preview(w, h, gray, 0, Double.NaN, Double.NaN);
        }
        // the range of the fine histogram: between the tail quantiles, from a coarse histogram of everything
        float from = lo;
        float to = hi;
        if (hi > lo && params.tail() > 0) {
            double cs = COARSE / ((double) hi - lo);
            int[] coarse = new int[COARSE];
            for (int i = off; i < off + n; i++) {
                float v = a[i];
                if (v - v == 0) {
                    coarse[bin(v, lo, cs, COARSE)]++;
                }
            }
            long tailCount = (long) Math.floor(params.tail() * finite);
            int first = 0;
            for (long c = coarse[0]; c <= tailCount && first < COARSE - 1; c += coarse[++first]) {
                // the first bin whose cumulative count exceeds the tail
            }
            int last = COARSE - 1;
            for (long c = coarse[last]; c <= tailCount && last > first; c += coarse[--last]) {
                // the last bin whose count from the top exceeds the tail
            }
            from = (float) Math.max(lo, lo + first / cs);
            to = (float) Math.min(hi, lo + (last + 1) / cs);
        }
        int bins = (int) Math.min(params.bins(), Math.max(256, finite));
        double scale = to > from ? bins / ((double) to - from) : 0;
        int[] hist = new int[bins];
        float[] first = new float[bins]; // a bin's first value; mixed[b] once another value falls in it
        boolean[] mixed = new boolean[bins];
        long below = 0;
        long above = 0;
        for (int i = off; i < off + n; i++) {
            float v = a[i];
            if (v >= from && v <= to) {
                int b = bin(v, from, scale, bins);
                if (hist[b]++ == 0) {
                    first[b] = v;
                } else if (first[b] != v) {
                    mixed[b] = true;
                }
            } else if (v < from) {
                below++;
            } else if (v - v == 0) {
                above++;
            }
        }
        // a bin holding more than a 64th of a grey level's share (the tails held too many extreme pixels, or the
        // data have a narrow peak) is split into parts of about four pixels, unless all its pixels are equal
        // (integer data): equal values share a level anyway
        long crowd = Math.max(8, finite / (256 * 64));
        int[] subStart = new int[bins];
        int[] subN = new int[bins];
        int total = 0;
        for (int b = 0; b < bins; b++) {
            if (hist[b] > crowd && scale > 0 && mixed[b]) {
                subN[b] = (int) Math.min(params.subBins(), (hist[b] + 3) / 4);
                subStart[b] = total;
                total += subN[b];
            }
        }
        int[] subCount = new int[total];
        if (total > 0) {
            for (int i = off; i < off + n; i++) {
                float v = a[i];
                if (v >= from && v <= to) {
                    int b = bin(v, from, scale, bins);
                    if (subN[b] > 0) {
                        subCount[subStart[b] + part(v, from, scale, b, subN[b])]++;
                    }
                }
            }
        }
        byte[] level = new byte[bins];
        byte[] subLevel = new byte[total];
        long rank = below;
        for (int b = 0; b < bins; b++) {
            if (subN[b] == 0) {
                level[b] = level(rank, hist[b], finite);
            } else {
                long r = rank;
                for (int k = subStart[b]; k < subStart[b] + subN[b]; k++) {
                    subLevel[k] = level(r, subCount[k], finite);
                    r += subCount[k];
                }
            }
            rank += hist[b];
        }
        byte low = level(0, below, finite);
        byte high = level(finite - above, above, finite);
        for (int y = 0; y < h; y++) {
            int src = off + y * w;
            int dst = (h - 1 - y) * w;
            for (int x = 0; x < w; x++) {
                float v = a[src + x];
                byte g;
                if (v >= from && v <= to) {
                    int b = bin(v, from, scale, bins);
                    g = subN[b] == 0 ? level[b] : subLevel[subStart[b] + part(v, from, scale, b, subN[b])];
                } else {
                    g = v < from ? low : v - v == 0 ? high : 0;
                }
                gray[dst + x] = g;
            }
        }
        return new Preview(w, h, gray, finite, lo, hi);
    }

    /** @return which of {@code parts} equal parts of bin {@code bin} holds {@code v} */
    private static int part(float v, float from, double scale, int bin, int parts) {
        int k = (int) (((v - (double) from) * scale - bin) * parts);
        return k < 0 ? 0 : k >= parts ? parts - 1 : k;
    }

    /** @return the level of {@code count} equal-ranked pixels above {@code below} others, of {@code n} */
    private static byte level(long below, long count, long n) {
        if (n == 1) {
            return (byte) 128;
        }
        double r = (below + (count - 1) / 2.0) / (n - 1); // middle rank, 0 for the faintest, 1 for the brightest
        return (byte) Math.max(0, Math.min(255, (int) (256 * r)));
    }

    private static int bin(float v, float lo, double scale, int bins) {
        int b = (int) ((v - (double) lo) * scale);
        return b >= bins ? bins - 1 : b;
    }
}
