package org.drpkit.algorithms.ramp;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.drpkit.algorithms.concurrent.BlockWorkers;
import org.drpkit.algorithms.refcorr.ReadoutClock;
import org.drpkit.algorithms.refcorr.RowNoiseKernel;
import org.drpkit.algorithms.refcorr.RowNoiseStats;
import org.drpkit.algorithms.refcorr.SegmentLevels;
import org.drpkit.algorithms.refcorr.ZeropointLevels;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.image.RampSource;
import org.drpkit.core.instrument.Chip;
import org.drpkit.core.progress.ProgressListener;

/**
 * The second pass of {@link RampProcessor}: every row block through the per-row chain, in parallel. Each row calls
 * the stage kernels in turn: {@link Saturation.Kernel} on the raw reads, then the zeropoint levels
 * ({@link SegmentLevels}) and {@link Nonlinearity.Kernel} while differencing in one read-major pass, the row-noise
 * model ({@link RowNoiseKernel}, subtracted during the transposition to pixel-major order), and {@link RowFitter}
 * (jumps and the fit).
 * One {@link Worker} per thread; a block's output depends only on its rows, so the result does not depend on the
 * thread count. {@link #run} hands back the whole pass's {@link Outcome}.
 */
final class RowPipeline {
    private final RampSource source;
    private final Chip chip;
    private final ReadPlan plan;
    private final RampProcessor.Params params;
    private final SegmentLevels levels;
    private final int rows;
    private final int blocks;
    private final ProgressListener progress;
    private final int w;
    private final int h;
    private final int n;
    private final RowFitter.Tables tables;
    private final RowFitter.Output out;
    private final double[] rowSumSq;
    private final long workerBytes;
    private final AtomicLong done = new AtomicLong();
    private final int[] regionsInner;
    private final int[] regionsBorder;
    private final ReadoutClock clock;

    /**
     * What the pass produced.
     *
     * @param ramp         the 2D product
     * @param rowNoise     what the row-noise correction did, when it ran
     * @param workingBytes bytes of the workers' buffers (blocks, rows, kernels), outputs excluded
     */
    record Outcome(RampResult ramp, Optional<RowNoiseStats> rowNoise, long workingBytes) {
    }

    /** One worker's share of the result: the counts of the pixels it fitted, what its row-noise kernel did. */
    record Partial(RampStats.Counter counts, Optional<RowNoiseStats> rowNoise) {
    }

    /**
     * @param levels the per-read reference levels of the plan's reads, or null without zeropointing
     * @param rows   rows per block
     */
    RowPipeline(RampSource source, Chip chip, ReadPlan plan, RampProcessor.Params params, ZeropointLevels levels,
            int rows, ProgressListener progress) {
        this.source = source;
        this.chip = chip;
        this.plan = plan;
        this.params = params;
        this.rows = rows;
        this.progress = progress;
        w = source.width();
        h = source.height();
        n = plan.differences();
        blocks = (h + rows - 1) / rows;
        clock = ReadoutClock.of(chip);
        this.levels = levels == null ? null : SegmentLevels.of(levels, clock, w);
        tables = RowFitter.Tables.of(n, source.pattern());
        out = RowFitter.Output.allocate(w * h);
        rowSumSq = new double[h];
        long blockBytes = source.holdsPlanes() ? 4L * n * w : 4L * source.reads() * rows * w;
        workerBytes = blockBytes + 4L * w * n + 8L * (2 * n + 1) * (clock.outputs() + 2)
                + 8L * w * PixelFitter.wordsFor(n) + 4L * n * (clock.ticksPerRow() + 1) + 64L * w;
        int b = chip.referenceBorder();
        regionsInner = Rows.regions(chip, Math.min(b, h - 1), w);
        regionsBorder = Rows.regions(chip, 0, w);
    }

    /**
     * Runs every block and combines the workers' partial results (in a fixed order: the same for any thread count).
     *
     * @param executor where workers run, or null for the default pool
     * @throws DrpException what the source raises
     */
    Outcome run(int threads, Executor executor) throws DrpException {
        List<Worker> workers = BlockWorkers.run(threads, blocks, executor, Worker::new, Worker::block);
        RampStats.Counter counts = new RampStats.Counter();
        long noiseRows = 0;
        long corrected = 0;
        long samples = 0;
        long clipped = 0;
        for (Worker wk : workers) {
            Partial p = wk.partial();
            counts.add(p.counts());
            if (p.rowNoise().isPresent()) {
                RowNoiseStats s = p.rowNoise().get();
                noiseRows += s.rows();
                corrected += s.corrected();
                samples += s.samples();
                clipped += s.clipped();
            }
        }
        Optional<RowNoiseStats> noise = Optional.empty();
        if (params.rowNoise().isPresent()) {
            // the rms is summed in row order, not per worker, so it does not depend on the thread count
            double sq = 0;
            for (double v : rowSumSq) {
                sq += v;
            }
            long terms = corrected * ((long) clock.ticksPerRow() * n);
            noise = Optional.of(new RowNoiseStats(noiseRows, corrected, samples, clipped,
                    terms == 0 ? 0 : Math.sqrt(sq / terms)));
        }
        RampResult ramp = RampResult.of(w, h, out, plan, source.pattern(), params.fit(), counts.toStats());
        return new Outcome(ramp, noise, workers.size() * workerBytes);
    }

    /** One worker's buffers and kernels. */
    private final class Worker {
        /** A source holding its planes: read in place; otherwise null and rows are copied into {@code raw}. */
        private final float[][] planes;
        private final int planeBase;
        private final float[][] raw;
        private final float[][] src;
        private final int[] srcOff;
        private final float[][] diffs;
        private final float[] pixelMajor;
        private final int[] usable;
        private final Saturation.Kernel saturation;
        private final SegmentLevels differencing;
        private final RowFitter fitter;
        private final RowNoiseKernel noise;
        /** The row-noise model slot of each column (its pixel-clock tick). */
        private final int[] tick;
        private final Nonlinearity.Kernel linear;
        private final ResetAnomaly.Kernel reset;

        Worker() {
            if (source.holdsPlanes()) {
                planes = new float[source.reads()][];
                for (int k = 0; k < planes.length; k++) {
                    planes[k] = source.plane(k);
                }
                planeBase = source.planeOffset();
                raw = null;
                diffs = new float[n][w];
            } else {
                planes = null;
                planeBase = 0;
                raw = new float[source.reads()][rows * w];
                diffs = new float[n][];
                for (int k = 0; k < n; k++) {
                    diffs[k] = raw[plan.firstRead() + k];
                }
            }
            src = new float[n + 1][];
            srcOff = new int[n + 1];
            pixelMajor = new float[w * n];
            usable = new int[w];
            saturation = new Saturation.Kernel(params.saturationMap().orElse(null), chip, w, n,
                    params.saturationFudge());
            differencing = levels != null ? levels : SegmentLevels.zero(clock, w, n + 1);
            fitter = new RowFitter(plan, params.fit(), params.jumps(), tables, w);
            noise = params.rowNoise().map(r -> new RowNoiseKernel(chip, r, n)).orElse(null);
            tick = new int[noise == null ? 0 : w];
            for (int x = 0; x < tick.length; x++) {
                tick[x] = noise.tickOf(x);
            }
            linear = params.nonlinearity().map(l -> new Nonlinearity.Kernel(l, plan, w)).orElse(null);
            reset = params.resetAnomaly().map(c -> new ResetAnomaly.Kernel(c, w, plan.firstRead(), n))
                    .filter(ResetAnomaly.Kernel::applies).orElse(null);
        }

        Partial partial() {
            return new Partial(fitter.counter, Optional.ofNullable(noise).map(RowNoiseKernel::stats));
        }

        void block(int b) throws DrpException {
            int y0 = b * rows;
            int count = Math.min(rows, h - y0);
            if (raw != null) {
                source.readRows(y0, count, raw);
            }
            for (int r = 0; r < count; r++) {
                row(y0 + r, r * w);
            }
            progress.progress("ramp", done.incrementAndGet(), blocks);
        }

        private void row(int y, int off) {
            int first = plan.firstRead();
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
            saturation.usableRow(y, src, srcOff, usable, 0);
            if (linear != null) {
                linear.linearDifferences(src, srcOff, diffs, dOff, y, levels);
            } else {
                differencing.differences(src, srcOff, diffs, dOff, n);
            }
            if (reset != null) {
                reset.correctRow(diffs, dOff, y);
            }
            fitter.noiseRow(params.fit().noise(), y, w);
            if (noise != null && noise.modelRow(diffs, dOff, y, usable, 0, fitter.readVariance, fitter.gain)) {
                rowSumSq[y] = noise.lastRowSumSq();
                transposeCorrected(dOff); // the row-noise model is subtracted on the way (one pass, not two)
            } else {
                transpose(dOff);
            }
            int b = chip.referenceBorder();
            int[] regions = y < b || y >= h - b ? regionsBorder : regionsInner;
            fitter.fitRow(pixelMajor, w, usable, 0, regions, out, y * w);
            if (reset != null) {
                int[] flags = out.flags();
                for (int x = 0; x < w; x++) {
                    if (usable[x] > 0) {
                        flags[y * w + x] |= ResetAnomaly.FLAG;
                    }
                }
            }
        }

        /**
         * As {@link #transpose}, subtracting the row-noise model of each difference at its column's pixel-clock tick
         * (the same float subtraction as {@link RowNoiseKernel#correctRow}, so the same values).
         */
        private void transposeCorrected(int off) {
            for (int x0 = 0; x0 < w; x0 += 16) {
                int x1 = Math.min(w, x0 + 16);
                for (int k = 0; k < n; k++) {
                    float[] dk = diffs[k];
                    float[] mk = noise.model(k);
                    for (int x = x0; x < x1; x++) {
                        pixelMajor[x * n + k] = dk[off + x] - mk[tick[x]];
                    }
                }
            }
        }

        /** Differences to pixel-major order ({@code pixelMajor[x * n + k]}), 16 columns at a time. */
        private void transpose(int off) {
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
