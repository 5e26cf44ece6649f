package org.drpkit.algorithms.qa;

import org.drpkit.core.image.Image;

/**
 * Renders a frame as a histogram-equalised 8-bit grey preview (the archive's KCWI previews; koa-dep 4.7, 4.9): each
 * finite pixel's grey level is its rank among the finite pixels, scaled to 0..255, so every grey level is used by
 * about the same number of pixels whatever the data's distribution. NaN and infinite pixels are black. One output
 * pixel per data pixel, origin at the lower left.
 *
 * <p>Ranks come from a histogram of {@link Params#bins()} equal bins (or as many as there are finite pixels, at least
 * 256). So that a few extreme pixels (hot pixels, cosmic rays) do not squeeze the bulk of the data into a few bins,
 * the fine histogram spans the range between the {@link Params#tail()} quantiles, located with a coarse histogram of
 * the whole range; the pixels outside take the level of their tail as a group, which is where their ranks put them
 * anyway (the tails hold less than a grey level's share). A fine bin still holding more than a 64th of a grey level's
 * share of the pixels is split again, into up to {@link Params#subBins()} parts of about four pixels each, so that a
 * level boundary falls at most that far from its exact rank: every level holds its share of the pixels within 1/32 of
 * it (for data without repeated values).
 * Pixels of one bin or part take the level of its middle rank, scaled
 * so that the faintest pixel is black and the brightest white; the mapping never inverts the order of two pixels and
 * equal values share a level. Pure and thread-safe; three or four read passes and one write pass; besides the
 * picture, one int per pixel (its bin, kept by the fine histogram's pass for the later ones). A 512 x 512 NIRC2 frame
 * takes about 1.3 ms ({@code PreviewBenchmark.nirc2Histeq}; 1.8-1.9 ms before the issue-16 work, same levels).
 *
 * <pre>{@code
 * Preview p = HistogramEqualizer.render(image, HistogramEqualizer.Params.DEFAULTS);
 * p.level(0, p.height() - 1);   // the grey level of FITS pixel (0, 0)
 * }</pre>
 */
public final class HistogramEqualizer {

    private static final int COARSE = 4096;
    private static final int COUNT = 0x7FFFFFFF;
    private static final int MIXED = 0x80000000;

    private HistogramEqualizer() {
    }

    /**
     * @param bins    fine histogram bins (256 .. 2^24)
     * @param subBins the most parts a crowded fine bin is split into (16 .. 65536)
     * @param tail    the fraction of pixels at each end left out of the fine histogram's range (0 .. 1/512)
     */
    public record Params(int bins, int subBins, double tail) {

        /** 65536 bins, crowded ones split in up to 4096 parts, tails of 1/512 (half a grey level's share). */
        public static final Params DEFAULTS = new Params(65536, 4096, 1.0 / 512);

        /** Checks the values. */
        public Params {
            if (bins < 256 || bins > (1 << 24)) {
                throw new IllegalArgumentException("bins must be 256 .. 2^24: " + bins);
            }
            if (subBins < 16 || subBins > 65536) {
                throw new IllegalArgumentException("subBins must be 16 .. 65536: " + subBins);
            }
            if (!(tail >= 0 && tail <= 1.0 / 512)) {
                throw new IllegalArgumentException("tail must be 0 .. 1/512: " + tail);
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
        // the range: comparisons skip NaN; when it comes out finite there is no infinity either, and the finite
        // pixels are counted with the coarse histogram (or alone); otherwise a second look leaves the infinities out.
        // The sign of a zero limit is settled below, as Math.min/max give it.
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (int i = off; i < off + n; i++) {
            float v = a[i];
            lo = v < lo ? v : lo;
            hi = v > hi ? v : hi;
        }
        long finite = -1; // not counted yet
        if (lo == Float.NEGATIVE_INFINITY || hi == Float.POSITIVE_INFINITY) {
            lo = Float.POSITIVE_INFINITY;
            hi = Float.NEGATIVE_INFINITY;
            finite = 0;
            for (int i = off; i < off + n; i++) {
                float v = a[i];
                if (v - v == 0) {
                    finite++;
                    lo = v < lo ? v : lo;
                    hi = v > hi ? v : hi;
                }
            }
        }
        byte[] gray = new byte[n];
        if (lo > hi) { // nothing finite
            return new Preview(w, h, gray, 0, Double.NaN, Double.NaN);
        }
        if (lo == 0 || hi == 0) {
            float[] zeros = signedZeros(a, off, n);
            lo = lo == 0 ? zeros[0] : lo;
            hi = hi == 0 ? zeros[1] : hi;
        }
        // the range of the fine histogram: between the tail quantiles, from a coarse histogram of everything
        // (two interleaved halves, even and odd pixels, so that runs of equal values do not wait on one counter)
        float from = lo;
        float to = hi;
        if (hi > lo && params.tail() > 0) {
            double cs = COARSE / ((double) hi - lo);
            int[] coarse = new int[2 * COARSE];
            long count = 0;
            int i = off;
            for (; i + 1 < off + n; i += 2) {
                float v = a[i];
                float u = a[i + 1];
                if (v - v == 0) {
                    count++;
                    coarse[bin(v, lo, cs, COARSE)]++;
                }
                if (u - u == 0) {
                    count++;
                    coarse[COARSE + bin(u, lo, cs, COARSE)]++;
                }
            }
            for (; i < off + n; i++) {
                float v = a[i];
                if (v - v == 0) {
                    count++;
                    coarse[bin(v, lo, cs, COARSE)]++;
                }
            }
            for (int b = 0; b < COARSE; b++) {
                coarse[b] += coarse[COARSE + b];
            }
            finite = count;
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
        if (finite < 0) {
            finite = 0;
            for (int i = off; i < off + n; i++) {
                float v = a[i];
                finite += v - v == 0 ? 1 : 0;
            }
        }
        int bins = (int) Math.min(params.bins(), Math.max(256, finite));
        double scale = to > from ? bins / ((double) to - from) : 0;
        // the fine histogram: per bin, side by side (one cache line), its count, with the top bit set once two
        // different values met in it, and the latest value's bits; each pixel's bin kept for the later passes, with
        // three codes past the bins for below the range (-inf included, as ever), above it, and NaN or +inf
        int[] state = new int[2 * bins];
        int belowCode = bins;
        int aboveCode = bins + 1;
        int blackCode = bins + 2;
        int[] pixelBin = new int[n];
        long below = 0;
        long above = 0;
        for (int i = 0; i < n; i++) {
            float v = a[off + i];
            int bv;
            if (v >= from && v <= to) {
                bv = bin(v, from, scale, bins);
                int st = state[2 * bv];
                boolean differs = (st & COUNT) != 0 && Float.intBitsToFloat(state[2 * bv + 1]) != v;
                state[2 * bv] = (st + 1) | (differs ? MIXED : 0);
                state[2 * bv + 1] = Float.floatToRawIntBits(v);
            } else if (v < from) {
                bv = belowCode;
                below++;
            } else if (v - v == 0) {
                bv = aboveCode;
                above++;
            } else {
                bv = blackCode;
            }
            pixelBin[i] = bv;
        }
        int[] hist = new int[bins];
        boolean[] mixed = new boolean[bins];
        for (int b = 0; b < bins; b++) {
            hist[b] = state[2 * b] & COUNT;
            mixed[b] = state[2 * b] < 0;
        }
        // a bin holding more than a 64th of a grey level's share (the tails held too many extreme pixels, or the
        // data have a narrow peak) is split into parts of about four pixels, unless all its pixels are equal
        // (integer data): equal values share a level anyway. code[b] is the level of an unsplit bin, or
        // -1 - (index of its first part) of a split one; the three codes past the bins are levels.
        long crowd = Math.max(8, finite / (256 * 64));
        int[] code = new int[bins + 3];
        int[] subN = null;
        int total = 0;
        if (scale > 0) {
            for (int b = 0; b < bins; b++) {
                if (hist[b] > crowd && mixed[b]) {
                    if (subN == null) {
                        subN = new int[bins];
                    }
                    subN[b] = (int) Math.min(params.subBins(), (hist[b] + 3) / 4);
                    code[b] = -1 - total;
                    total += subN[b];
                }
            }
        }
        int[] subCount = new int[total];
        if (total > 0) {
            for (int p = 0; p < n; p++) {
                int b = pixelBin[p];
                int c = code[b];
                if (c < 0) {
                    subCount[-1 - c + part(a[off + p], from, scale, b, subN[b])]++;
                }
            }
        }
        byte[] subLevel = new byte[total];
        long rank = below;
        for (int b = 0; b < bins; b++) {
            int count = hist[b];
            if (count == 0) {
                continue; // no pixel looks its level up
            }
            int c = code[b];
            if (c >= 0) {
                code[b] = level(rank, count, finite) & 0xFF;
            } else {
                long r = rank;
                for (int k = -1 - c; k < -1 - c + subN[b]; k++) {
                    subLevel[k] = level(r, subCount[k], finite);
                    r += subCount[k];
                }
            }
            rank += count;
        }
        code[belowCode] = level(0, below, finite) & 0xFF;
        code[aboveCode] = level(finite - above, above, finite) & 0xFF;
        code[blackCode] = 0;
        for (int y = 0; y < h; y++) {
            int src = y * w;
            int dst = (h - 1 - y) * w;
            for (int x = 0; x < w; x++) {
                int b = pixelBin[src + x];
                int c = code[b];
                gray[dst + x] = c >= 0 ? (byte) c
                        : subLevel[-1 - c + part(a[off + src + x], from, scale, b, subN[b])];
            }
        }
        return new Preview(w, h, gray, finite, lo, hi);
    }

    /**
     * @return the signs Math.min and Math.max give a zero minimum and maximum: {-0 if any -0 else +0, +0 if any +0
     *         else -0}
     */
    static float[] signedZeros(float[] a, int off, int n) {
        boolean neg = false;
        boolean pos = false;
        for (int i = off; i < off + n; i++) {
            int bits = Float.floatToRawIntBits(a[i]);
            neg |= bits == 0x80000000;
            pos |= bits == 0;
        }
        return new float[] {neg ? -0.0f : 0.0f, pos ? 0.0f : -0.0f};
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
