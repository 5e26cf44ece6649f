package org.drpkit.algorithms.ramp;

import java.util.concurrent.atomic.AtomicLong;
import org.drpkit.algorithms.refcorr.ReadoutClock;
import org.drpkit.algorithms.refcorr.RowNoiseKernel;
import org.drpkit.algorithms.refcorr.ZeropointLevels;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.Ramp;
import org.drpkit.core.image.RampSource;
import org.drpkit.core.instrument.Chip;
import org.drpkit.core.instrument.Region;
import org.drpkit.core.progress.ProgressListener;

/**
 * Pass 2 of {@link RampProcessor}: the shared, read-only state of a run and, per worker, the per-row chain
 * (saturation from the running maximum, zeropoint, nonlinearity and differences in one read-major pass, row-noise
 * models, transposition, jump detection and the fit). One {@link Worker} per thread; a block's output depends only on
 * its rows, so the result does not depend on the thread count.
 */
final class RowPipeline {
    final RampSource source;
    final Chip chip;
    final ReadPlan plan;
    final RampProcessor.Params params;
    final ZeropointLevels levels;
    final int rows;
    final int blocks;
    final ProgressListener progress;
    final int w;
    final int h;
    final int n;
    final int refStart;
    final RowFitter.Tables tables;
    final RowFitter.Output out;
    final double[] rowSumSq;
    final long termsPerRow;
    final long workerBytes;
    final AtomicLong done = new AtomicLong();
    final int[] regionsInner;
    final int[] regionsBorder;
    final ReadoutClock clock;
    /** Column boundaries of the row segments with one zeropoint level each (outputs, and gaps between them). */
    final int[] segmentBounds;

    RowPipeline(RampSource source, Chip chip, ReadPlan plan, RampProcessor.Params params, ZeropointLevels levels,
            int rows, int blocks,
            ProgressListener progress) {
        this.source = source;
        this.chip = chip;
        this.plan = plan;
        this.params = params;
        this.levels = levels;
        this.rows = rows;
        this.blocks = blocks;
        this.progress = progress;
        w = source.width();
        h = source.height();
        n = plan.differences();
        refStart = chip.referenceOutput().map(Region::x0).orElse(w);
        tables = RowFitter.Tables.forDifferences(n);
        out = RowFitter.Output.allocate(w * h);
        rowSumSq = new double[h];
        clock = ReadoutClock.of(chip);
        segmentBounds = segments(clock, w);
        termsPerRow = (long) clock.ticksPerRow() * n;
        workerBytes = 4L * w * n + 8L * (2 * n + 1) * (clock.outputs() + 2) + 8L * w * PixelFitter.wordsFor(n)
                + 4L * n * (clock.ticksPerRow() + 1) + 64L * w;
        int b = chip.referenceBorder();
        regionsInner = Rows.regions(chip, Math.min(b, h - 1), w);
        regionsBorder = Rows.regions(chip, 0, w);
    }

    /** @return the sorted boundaries of the columns each output reads, gaps included, from 0 to {@code w} */
    static int[] segments(ReadoutClock clock, int w) {
        java.util.TreeSet<Integer> b = new java.util.TreeSet<>();
        b.add(0);
        b.add(w);
        for (int o = 0; o < clock.outputs(); o++) {
            b.add(clock.x0(o));
            b.add(Math.min(w, clock.x0(o) + clock.width(o)));
        }
        int[] out = new int[b.size()];
        int i = 0;
        for (int v : b) {
            out[i++] = v;
        }
        return out;
    }

    Worker newWorker() {
        return new Worker(this);
    }

    /** One worker's buffers and kernels. */
    static final class Worker {
        final RowPipeline p;
        /** In-memory source: its planes, read in place; otherwise null and rows are copied into {@code raw}. */
        final float[][] planes;
        final int planeBase;
        final float[][] raw;
        final float[][] src;
        final int[] srcOff;
        final float[][] diffs;
        final float[] pixelMajor;
        /** Zeropoint level of read j on column segment s ({@code bounds}), and its change to read j+1. */
        final float[][] level;
        final float[][] levelStep;
        final int[] bounds;
        final float[] thr;
        final float[] peak;
        final int[] usable;
        final float[] reversed;
        final RowFitter fitter;
        final RowNoiseKernel noise;
        final Nonlinearity.Kernel linear;

        Worker(RowPipeline p) {
            this.p = p;
            int w = p.w;
            int n = p.n;
            if (p.source instanceof Ramp ramp) {
                planes = new float[ramp.reads()][];
                for (int k = 0; k < planes.length; k++) {
                    planes[k] = ramp.read(k).array();
                }
                planeBase = ramp.read(0).rowStart(0);
                raw = null;
                diffs = new float[n][w];
            } else {
                planes = null;
                planeBase = 0;
                raw = new float[p.source.reads()][p.rows * w];
                diffs = new float[n][];
                for (int k = 0; k < n; k++) {
                    diffs[k] = raw[p.plan.firstRead() + k];
                }
            }
            src = new float[n + 1][];
            srcOff = new int[n + 1];
            pixelMajor = new float[w * n];
            bounds = p.segmentBounds;
            int segs = bounds.length - 1;
            level = p.levels == null ? null : new float[n + 1][segs];
            levelStep = p.levels == null ? null : new float[n][segs];
            if (level != null) {
                float[] row = new float[w];
                for (int j = 0; j <= n; j++) {
                    p.levels.fillRow(j, p.clock, w, row);
                    for (int sgm = 0; sgm < segs; sgm++) {
                        level[j][sgm] = row[bounds[sgm]];
                    }
                }
                for (int k = 0; k < n; k++) {
                    for (int sgm = 0; sgm < segs; sgm++) {
                        levelStep[k][sgm] = level[k + 1][sgm] - level[k][sgm];
                    }
                }
            }
            thr = new float[w];
            peak = new float[w];
            usable = new int[w];
            fitter = new RowFitter(p.plan, p.params.fit(), p.params.jumps(), p.tables, w);
            noise = p.params.rowNoise().map(r -> new RowNoiseKernel(p.chip, r, n)).orElse(null);
            linear = p.params.nonlinearity().map(l -> new Nonlinearity.Kernel(l, p.plan, w)).orElse(null);
            reversed = new float[p.clock.ticksPerRow()];
        }

        void block(int b) throws DrpException {
            int y0 = b * p.rows;
            int count = Math.min(p.rows, p.h - y0);
            if (raw != null) {
                p.source.readRows(y0, count, raw);
            }
            for (int r = 0; r < count; r++) {
                row(y0 + r, r * p.w);
            }
            p.progress.progress("ramp", p.done.incrementAndGet(), p.blocks);
        }

        private void row(int y, int off) {
            int w = p.w;
            int n = p.n;
            int first = p.plan.firstRead();
            for (int j = 0; j <= n; j++) {
                if (planes != null) {
                    src[j] = planes[first + j];
                    srcOff[j] = planeBase + y * w;
                } else {
                    src[j] = raw[first + j];
                    srcOff[j] = off;
                }
            }
            int dOff = planes != null ? 0 : off;
            // Saturation first, on the raw values: a streamed source's differences overwrite its read buffers.
            saturation(y, p.params.saturationMap().orElse(null));
            if (linear != null) {
                linear.linearDifferences(src, srcOff, diffs, dOff, y, bounds, level);
            } else {
                for (int k = 0; k < n; k++) {
                    float[] a = src[k];
                    float[] c = src[k + 1];
                    int ao = srcOff[k];
                    int co = srcOff[k + 1];
                    float[] d = diffs[k];
                    for (int sgm = 0; sgm + 1 < bounds.length; sgm++) {
                        float l = levelStep == null ? 0f : levelStep[k][sgm];
                        int x1 = bounds[sgm + 1];
                        for (int x = bounds[sgm]; x < x1; x++) {
                            d[dOff + x] = c[co + x] - a[ao + x] - l;
                        }
                    }
                }
            }
            NoiseModel noiseModel = p.params.fit().noise();
            noiseModel.gainRow(y, w, fitter.gain);
            noiseModel.readVarianceRow(y, w, fitter.readVariance);
            if (noise != null && noise.modelRow(diffs, dOff, y, usable, 0, fitter.readVariance, fitter.gain)) {
                p.rowSumSq[y] = noise.lastRowSumSq();
                subtractModels(dOff);
            }
            transpose(dOff);
            int b = p.chip.referenceBorder();
            int[] regions = y < b || y >= p.h - b ? p.regionsBorder : p.regionsInner;
            fitter.fitRow(pixelMajor, w, usable, 0, regions, p.out, y * w);
        }

        /**
         * Usable differences per pixel, from the raw reads (so it must run before the differences are formed): the
         * running maximum of the reads (a contiguous pass per read) finds the pixels that ever pass their threshold;
         * only those are scanned for the first read that does.
         */
        private void saturation(int y, Image map) {
            int w = p.w;
            int n = p.n;
            java.util.Arrays.fill(usable, 0, w, n);
            if (map == null) {
                return;
            }
            System.arraycopy(src[0], srcOff[0], peak, 0, w);
            for (int j = 1; j <= n; j++) {
                float[] r = src[j];
                int o = srcOff[j];
                for (int x = 0; x < w; x++) {
                    peak[x] = Math.max(peak[x], r[o + x]);
                }
            }
            Saturation.thresholds(map, y, w, p.refStart, p.params.saturationFudge(), thr);
            for (int x = 0; x < w; x++) {
                if (peak[x] > thr[x]) {
                    for (int j = 0; j <= n; j++) {
                        if (src[j][srcOff[j] + x] > thr[x]) {
                            usable[x] = Math.max(0, j - 1);
                            break;
                        }
                    }
                }
            }
        }

        /** Subtracts each difference's row-noise model from every output at its tick (contiguous loops). */
        private void subtractModels(int off) {
            ReadoutClock clock = p.clock;
            for (int k = 0; k < p.n; k++) {
                float[] d = diffs[k];
                float[] m = noise.model(k);
                for (int o = 0; o < clock.outputs(); o++) {
                    int x0 = off + clock.x0(o);
                    int w = clock.width(o);
                    float[] mm = m;
                    if (clock.readsMinusX(o)) {
                        for (int t = 0; t < w; t++) {
                            reversed[w - 1 - t] = m[t];
                        }
                        mm = reversed;
                    }
                    for (int x = 0; x < w; x++) {
                        d[x0 + x] -= mm[x];
                    }
                }
            }
        }

        /** Differences to pixel-major order ({@code pixelMajor[x * n + k]}), 16 columns at a time. */
        private void transpose(int off) {
            int w = p.w;
            int n = p.n;
            for (int x0 = 0; x0 < w; x0 += 16) {
                int x1 = Math.min(w, x0 + 16);
                for (int k = 0; k < n; k++) {
                    float[] dk = diffs[k];
                    for (int x = x0; x < x1; x++) {
                        pixelMajor[x * n + k] = dk[off + x];
                    }
                }
            }
        }
    }
}
