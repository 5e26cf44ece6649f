package org.drpkit.algorithms.resample;

/**
 * Lanczos-4 interpolation (spec 2.18). For an output wavelength between input pixels {@code j} and {@code j+1} at
 * fraction {@code u} (found by inverting the chip's wavelengths linearly between the two), the 8 pixels
 * {@code j-3 .. j+4} get weights {@code L(u + j - k)}, {@code L(t) = sinc(t) sinc(t/4)}, normalised to sum 1, when
 * all 8 are usable; otherwise pixels {@code j} and {@code j+1} are interpolated linearly when both are usable;
 * otherwise this chip does not cover the output pixel. An output wavelength equal to an input pixel's takes that
 * pixel (weight 1): upstream drops such exact hits, this kernel keeps them.
 */
final class LanczosKernel implements ChipKernel {

    /** Taps on each side of the output position. */
    static final int HALF = 4;
    private static final int TAPS = 2 * HALF;
    /** {@code sin(pi m / 4)}, {@code cos(pi m / 4)} for {@code m = 3 - q}, {@code q = 0 .. 7}. */
    private static final double[] SIN_M = new double[TAPS];
    private static final double[] COS_M = new double[TAPS];
    private static final double[] SIGN_M = new double[TAPS];

    static {
        for (int q = 0; q < TAPS; q++) {
            int m = HALF - 1 - q;
            SIN_M[q] = Math.sin(Math.PI * m / HALF);
            COS_M[q] = Math.cos(Math.PI * m / HALF);
            SIGN_M[q] = (m & 1) == 0 ? 1 : -1;
        }
    }

    @Override
    public void addChip(ChipSamples s, GridTables g, FibreAccumulator acc) {
        int n = s.n;
        double[] w = s.wave;
        double[] grid = g.centres();
        double[] wt = new double[TAPS];
        int j = 0;
        for (int i = GridTables.lowerBound(grid, w[0]); i < grid.length && grid[i] <= w[n - 1]; i++) {
            double x = grid[i];
            while (j + 1 < n && w[j + 1] <= x) {
                j++;
            }
            if (x == w[j]) {
                if (s.good[j]) {
                    acc.add(i, s.flux[j], s.var[j], s.flags[j], false);
                } else {
                    acc.miss(i, s.flags[j]);
                }
                continue;
            }
            double u = (x - w[j]) / (w[j + 1] - w[j]);
            if (j >= HALF - 1 && j + HALF < n && s.allGood(j - HALF + 1, j + HALF)) {
                weights(u, wt);
                int k0 = j - HALF + 1;
                double sw = 0;
                double sf = 0;
                double sv = 0;
                int fl = 0;
                for (int q = 0; q < TAPS; q++) {
                    int k = k0 + q;
                    sw += wt[q];
                    sf += wt[q] * s.flux[k];
                    sv += wt[q] * wt[q] * s.var[k];
                    fl |= s.flags[k];
                }
                acc.add(i, sf / sw, sv / (sw * sw), fl, false);
            } else if (s.good[j] && s.good[j + 1]) {
                double a = 1 - u;
                acc.add(i, a * s.flux[j] + u * s.flux[j + 1], a * a * s.var[j] + u * u * s.var[j + 1],
                        s.flags[j] | s.flags[j + 1], true);
            } else {
                acc.miss(i, (s.good[j] ? 0 : s.flags[j]) | (s.good[j + 1] ? 0 : s.flags[j + 1]));
            }
        }
    }

    /**
     * The 8 Lanczos-4 weights (not normalised) for fraction {@code 0 < u < 1}: tap {@code q} is at
     * {@code t = u + 3 - q}. Uses {@code sin(pi t) = (-1)^m sin(pi u)} and the angle sum for {@code sin(pi t / 4)},
     * so one output pixel costs three trigonometric calls; {@code t} is never 0.
     */
    static void weights(double u, double[] wt) {
        double sp = Math.sin(Math.PI * u);
        double sq = Math.sin(Math.PI * u / HALF);
        double cq = Math.cos(Math.PI * u / HALF);
        for (int q = 0; q < TAPS; q++) {
            double t = u + (HALF - 1 - q);
            double sinT4 = sq * COS_M[q] + cq * SIN_M[q];
            wt[q] = SIGN_M[q] * sp * sinT4 * HALF / (Math.PI * Math.PI * t * t);
        }
    }

    /** @return {@code L(t) = sinc(t) sinc(t/4)} for {@code |t| < 4}, 0 outside (the kernel's definition) */
    static double lanczos(double t) {
        if (t == 0) {
            return 1;
        }
        if (Math.abs(t) >= HALF) {
            return 0;
        }
        double a = Math.PI * t;
        return Math.sin(a) / a * Math.sin(a / HALF) / (a / HALF);
    }
}
