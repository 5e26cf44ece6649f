package org.drpkit.algorithms.calib;

import org.drpkit.algorithms.stats.RobustStats;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.image.MaskedImage;
import org.drpkit.core.instrument.Region;

/**
 * The robust block medians of one flat frame over the light-sensitive area, the data the illumination surface is
 * fitted to. A block's value is the median of its good pixels after leaving out those below
 * {@code lowResponse} times a first median (dead and low-response pixels); pixels whose dark-mask bits are in
 * {@code darkExcludeBits} are left out from the start. Medians make dilating the bad-pixel mask (upstream grows
 * it by 3 pixels) unnecessary: a few affected neighbours do not move a median of hundreds of pixels.
 *
 * @param xs      block centres, x pixel coordinate
 * @param ys      block centres, y pixel coordinate
 * @param values  block medians (flux unit)
 * @param weights fit weights {@code n / value^2}: a block median has a relative error about {@code 1/sqrt(n)}
 * @param count   number of valid blocks (at least {@code minBlockFraction} of the block good, positive median)
 */
record BlockMedians(double[] xs, double[] ys, double[] values, double[] weights, int count) {

    /** Measures the valid block medians of frame {@code k}, dark-subtracted when {@code dark} is given. */
    static BlockMedians measure(FrameSource frames, int k, Region area, MaskedImage dark, FlatParams p)
            throws DrpException {
        int b = p.blockSize();
        int nbx = (area.width() + b - 1) / b;
        int nby = (area.height() + b - 1) / b;
        int nb = nbx * nby;
        double[] xs = new double[nb];
        double[] ys = new double[nb];
        double[] values = new double[nb];
        double[] weights = new double[nb];
        RowBands.run(area.y0(), area.y1(), b, p.parallel(), () -> new Band(frames, k, area, dark, p, nbx, xs, ys,
                values, weights));
        int m = 0;
        for (int i = 0; i < nb; i++) {
            if (weights[i] > 0) {
                xs[m] = xs[i];
                ys[m] = ys[i];
                values[m] = values[i];
                weights[m] = weights[i];
                m++;
            }
        }
        return new BlockMedians(xs, ys, values, weights, m);
    }

    /** @return the median of the valid block values, NaN when there is none */
    double level() {
        float[] v = new float[count];
        for (int i = 0; i < count; i++) {
            v[i] = (float) values[i];
        }
        return RobustStats.quantileInPlace(v, count, 0.5);
    }

    /** One row of blocks (a band of {@code blockSize} rows); writes the blocks it owns. */
    private static final class Band implements RowBands.Worker {
        private final FrameSource frames;
        private final int k;
        private final Region area;
        private final MaskedImage dark;
        private final FlatParams p;
        private final int nbx;
        private final double[] xs;
        private final double[] ys;
        private final double[] values;
        private final double[] weights;
        private final MaskedImage[] scratch;
        private final float[] pix;

        Band(FrameSource frames, int k, Region area, MaskedImage dark, FlatParams p, int nbx, double[] xs,
                double[] ys, double[] values, double[] weights) {
            this.frames = frames;
            this.k = k;
            this.area = area;
            this.dark = dark;
            this.p = p;
            this.nbx = nbx;
            this.xs = xs;
            this.ys = ys;
            this.values = values;
            this.weights = weights;
            scratch = new MaskedImage[frames.count()];
            pix = new float[p.blockSize() * p.blockSize()];
        }

        @Override
        public void band(int y0, int rows) throws DrpException {
            int b = p.blockSize();
            MaskedImage f = RowBands.read(frames, k, y0, rows, scratch, b);
            MaskedImage d = dark == null ? null : dark.rows(y0, rows);
            boolean needIvar = p.noise() == FrameNoise.FROM_FRAMES;
            int by = (y0 - area.y0()) / b;
            for (int bx = 0; bx < nbx; bx++) {
                int x0 = area.x0() + bx * b;
                int x1 = Math.min(area.x1(), x0 + b);
                int n = 0;
                for (int r = 0; r < rows; r++) {
                    int fi = f.flux().rowStart(r);
                    int wi = f.ivar().rowStart(r);
                    int mi = f.mask().rowStart(r);
                    int di = d == null ? 0 : d.flux().rowStart(r);
                    int dm = d == null ? 0 : d.mask().rowStart(r);
                    for (int x = x0; x < x1; x++) {
                        float v = f.flux().array()[fi + x];
                        if (d != null) {
                            if ((d.mask().array()[dm + x] & p.darkExcludeBits()) != 0) {
                                continue;
                            }
                            v -= d.flux().array()[di + x];
                        }
                        float wt = f.ivar().array()[wi + x];
                        if (!Float.isFinite(v) || (f.mask().array()[mi + x] & p.rejectBits()) != 0
                                || (needIvar && !(wt > 0 && wt < Float.POSITIVE_INFINITY))) {
                            continue;
                        }
                        pix[n++] = v;
                    }
                }
                int i = by * nbx + bx;
                int total = (x1 - x0) * rows;
                double first = RobustStats.quantileInPlace(pix, n, 0.5);
                int good = 0;
                for (int j = 0; j < n; j++) {
                    if (pix[j] >= p.lowResponse() * first) {
                        pix[good++] = pix[j];
                    }
                }
                double med = RobustStats.quantileInPlace(pix, good, 0.5);
                if (good >= p.minBlockFraction() * total && med > 0) {
                    xs[i] = 0.5 * (x0 + x1 - 1);
                    ys[i] = y0 + 0.5 * (rows - 1);
                    values[i] = med;
                    weights[i] = good / (med * med);
                }
            }
        }
    }
}
