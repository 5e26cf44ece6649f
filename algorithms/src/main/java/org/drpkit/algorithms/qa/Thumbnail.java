package org.drpkit.algorithms.qa;

import java.util.Arrays;

/**
 * Shrinks a {@link Preview} by area averaging: each output pixel's grey level is the mean of the input grey levels it
 * covers, weighted by the covered fraction of each input pixel (exact box resampling, separable: rows, then columns),
 * rounded to the nearest level. A preview never grows: a size at least the input's returns a copy at the input's size.
 * Pure and thread-safe.
 *
 * <p>Whole-block shrinks by a power of two across (512 -> 256, 1024 -> 256: the archive's thumbnails) are summed in
 * integers, {@code level = (2 S + f g) / (2 f g)} for a block of f x g levels summing to S, which is exactly what the
 * area average rounds to; other whole-block shrinks and other sizes make the same double and float operations in the
 * same order as the plain two-pass area average, so every size gives the same grey levels as it always did
 * (KernelIdentityTest checks every shrink of small previews and many large ones). 512 -> 256 takes 0.07 ms
 * (0.6-0.8 ms before; {@code PreviewBenchmark.nirc2Thumbnail}).
 *
 * <pre>{@code
 * Preview t = Thumbnail.longestSide(preview, 256);   // e.g. 1024x512 -> 256x128
 * }</pre>
 */
public final class Thumbnail {

    /** The archive-style thumbnail's longest side (pixels). */
    public static final int DEFAULT_SIDE = 256;

    private Thumbnail() {
    }

    /** @return the preview shrunk so that its longest side is at most {@code side} pixels, aspect ratio kept */
    public static Preview longestSide(Preview p, int side) {
        if (side < 1) {
            throw new IllegalArgumentException("side must be at least 1: " + side);
        }
        int longest = Math.max(p.width(), p.height());
        if (longest <= side) {
            return resize(p, p.width(), p.height());
        }
        double f = (double) side / longest;
        int w = Math.max(1, (int) Math.round(p.width() * f));
        int h = Math.max(1, (int) Math.round(p.height() * f));
        return resize(p, Math.min(w, side), Math.min(h, side));
    }

    /**
     * @return the preview resampled to {@code width x height} by area averaging (at most the input's size on each
     *         axis)
     */
    public static Preview resize(Preview p, int width, int height) {
        int sw = p.width();
        int sh = p.height();
        if (width < 1 || height < 1 || width > sw || height > sh) {
            throw new IllegalArgumentException(width + "x" + height + " is not a shrink of " + sw + "x" + sh);
        }
        byte[] src = p.gray();
        byte[] out;
        if (width == sw && height == sh) {
            out = src.clone(); // every weight 1: each level is its own mean
        } else if (sw % width == 0 && sh % height == 0) {
            int f = sw / width;
            int g = sh / height;
            out = Integer.bitCount(f) == 1 ? blocksExact(src, sw, width, height, f, g)
                    : blocks(src, sw, width, height, f, g);
        } else {
            out = area(src, sw, sh, width, height);
        }
        return new Preview(width, height, out, p.finitePixels(), p.low(), p.high());
    }

    /**
     * Whole f x g blocks, f a power of two: the row means S/f are exact in float and their sums exact in double, so
     * the area average's {@code round(S / (f g))} is the integer {@code floor((2 S + f g) / (2 f g))} (a half level
     * is exactly representable, so the division's rounding never moves a value across it).
     */
    private static byte[] blocksExact(byte[] src, int sw, int width, int height, int f, int g) {
        byte[] out = new byte[width * height];
        int[] acc = new int[width];
        int fg = f * g;
        int half = fg;
        int den = 2 * fg;
        boolean pow2 = Integer.bitCount(den) == 1;
        int shift = Integer.numberOfTrailingZeros(den);
        for (int Y = 0; Y < height; Y++) {
            Arrays.fill(acc, 0);
            for (int y = Y * g; y < Y * g + g; y++) {
                int r = y * sw;
                if (f == 2) {
                    for (int X = 0, x = r; X < width; X++, x += 2) {
                        acc[X] += (src[x] & 0xFF) + (src[x + 1] & 0xFF);
                    }
                } else {
                    for (int X = 0, x = r; X < width; X++) {
                        int s = 0;
                        for (int e = x + f; x < e; x++) {
                            s += src[x] & 0xFF;
                        }
                        acc[X] += s;
                    }
                }
            }
            int o = Y * width;
            if (pow2) {
                for (int X = 0; X < width; X++) {
                    out[o + X] = (byte) ((2 * acc[X] + half) >>> shift);
                }
            } else {
                for (int X = 0; X < width; X++) {
                    out[o + X] = (byte) ((2 * acc[X] + half) / den);
                }
            }
        }
        return out;
    }

    /**
     * Whole f x g blocks, any f: integer row sums, their means looked up in a table of the float values the area
     * average computes ({@code (float) (S / f)}), summed down the columns in double in the same order.
     */
    private static byte[] blocks(byte[] src, int sw, int width, int height, int f, int g) {
        float[] mean = new float[255 * f + 1];
        for (int s = 0; s < mean.length; s++) {
            mean[s] = (float) (s / (double) f);
        }
        byte[] out = new byte[width * height];
        double[] acc = new double[width];
        double sy = g;
        for (int Y = 0; Y < height; Y++) {
            Arrays.fill(acc, 0);
            for (int y = Y * g; y < Y * g + g; y++) {
                for (int X = 0, x = y * sw; X < width; X++) {
                    int s = 0;
                    for (int e = x + f; x < e; x++) {
                        s += src[x] & 0xFF;
                    }
                    acc[X] += mean[s];
                }
            }
            int o = Y * width;
            for (int X = 0; X < width; X++) {
                out[o + X] = (byte) Math.min(255, Math.max(0, Math.round(acc[X] / sy)));
            }
        }
        return out;
    }

    /**
     * Any sizes: rows then columns, each output the covered-fraction-weighted sum of its inputs in double (weights
     * from {@link #weights}), the row pass stored as float; same operations in the same order as ever.
     */
    private static byte[] area(byte[] src, int sw, int sh, int width, int height) {
        // rows: sw x sh -> width x sh
        float[] tmp = new float[width * sh];
        double sx = (double) sw / width;
        int[] xFrom = new int[width];
        int[] xAt = new int[width + 1];
        double[] wx = weights(sw, width, sx, xFrom, xAt);
        for (int y = 0; y < sh; y++) {
            int r = y * sw;
            int t = y * width;
            for (int X = 0; X < width; X++) {
                double s = 0;
                for (int k = xAt[X], x = r + xFrom[X]; k < xAt[X + 1]; k++, x++) {
                    s += wx[k] * (src[x] & 0xFF);
                }
                tmp[t + X] = (float) (s / sx);
            }
        }
        // columns: width x sh -> width x height, one output row at a time, each column's sum in the same order
        double sy = (double) sh / height;
        int[] yFrom = new int[height];
        int[] yAt = new int[height + 1];
        double[] wy = weights(sh, height, sy, yFrom, yAt);
        byte[] out = new byte[width * height];
        double[] acc = new double[width];
        for (int Y = 0; Y < height; Y++) {
            Arrays.fill(acc, 0);
            for (int k = yAt[Y], y = yFrom[Y]; k < yAt[Y + 1]; k++, y++) {
                double w = wy[k];
                int t = y * width;
                for (int X = 0; X < width; X++) {
                    acc[X] += w * tmp[t + X];
                }
            }
            int o = Y * width;
            for (int X = 0; X < width; X++) {
                out[o + X] = (byte) Math.min(255, Math.max(0, Math.round(acc[X] / sy)));
            }
        }
        return out;
    }

    /**
     * Overlap of output cell k, [k s, (k+1) s), with every input pixel it touches (from pixel {@code from[k]} on),
     * all cells' weights in one array: cell k's are {@code [at[k], at[k + 1])}.
     */
    private static double[] weights(int n, int m, double s, int[] from, int[] at) {
        int total = 0;
        for (int k = 0; k < m; k++) {
            double b = Math.min(n, (k + 1) * s);
            from[k] = (int) Math.floor(k * s);
            at[k] = total;
            total += Math.min(n, (int) Math.ceil(b)) - from[k];
        }
        at[m] = total;
        double[] w = new double[total];
        for (int k = 0; k < m; k++) {
            double a = k * s;
            double b = Math.min(n, (k + 1) * s);
            for (int i = from[k], j = at[k]; j < at[k + 1]; i++, j++) {
                w[j] = Math.max(0, Math.min(b, i + 1) - Math.max(a, i));
            }
        }
        return w;
    }
}
