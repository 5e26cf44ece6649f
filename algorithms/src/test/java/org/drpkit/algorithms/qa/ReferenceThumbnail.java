package org.drpkit.algorithms.qa;

/** The kernel as it was before the issue-16 speed work: the reference the fast one must match bit for bit. */
final class ReferenceThumbnail {

    /** The archive-style thumbnail's longest side (pixels). */
    public static final int DEFAULT_SIDE = 256;

    private ReferenceThumbnail() {
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
        // rows: sw x sh -> width x sh
        float[] tmp = new float[width * sh];
        double sx = (double) sw / width;
        int[] x0 = new int[width];
        int[] x1 = new int[width];
        double[][] wx = weights(sw, width, sx, x0, x1);
        for (int y = 0; y < sh; y++) {
            int r = y * sw;
            for (int X = 0; X < width; X++) {
                double s = 0;
                double[] wt = wx[X];
                for (int x = x0[X]; x < x1[X]; x++) {
                    s += wt[x - x0[X]] * (src[r + x] & 0xFF);
                }
                tmp[y * width + X] = (float) (s / sx);
            }
        }
        double sy = (double) sh / height;
        int[] y0 = new int[height];
        int[] y1 = new int[height];
        double[][] wy = weights(sh, height, sy, y0, y1);
        byte[] out = new byte[width * height];
        for (int Y = 0; Y < height; Y++) {
            double[] wt = wy[Y];
            for (int X = 0; X < width; X++) {
                double s = 0;
                for (int y = y0[Y]; y < y1[Y]; y++) {
                    s += wt[y - y0[Y]] * tmp[y * width + X];
                }
                out[Y * width + X] = (byte) Math.min(255, Math.max(0, Math.round(s / sy)));
            }
        }
        return new Preview(width, height, out, p.finitePixels(), p.low(), p.high());
    }

    /** Overlap of output cell k, [k s, (k+1) s), with every input pixel it touches. */
    private static double[][] weights(int n, int m, double s, int[] from, int[] to) {
        double[][] w = new double[m][];
        for (int k = 0; k < m; k++) {
            double a = k * s;
            double b = Math.min(n, (k + 1) * s);
            int i0 = (int) Math.floor(a);
            int i1 = Math.min(n, (int) Math.ceil(b));
            from[k] = i0;
            to[k] = i1;
            w[k] = new double[i1 - i0];
            for (int i = i0; i < i1; i++) {
                w[k][i - i0] = Math.max(0, Math.min(b, i + 1) - Math.max(a, i));
            }
        }
        return w;
    }
}
