package org.drpkit.algorithms.ramp;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.drpkit.algorithms.concurrent.BlockWorkers;
import org.drpkit.algorithms.refcorr.ReferenceScan;
import org.drpkit.algorithms.refcorr.RowNoiseParams;
import org.drpkit.algorithms.refcorr.RowNoiseStats;
import org.drpkit.algorithms.refcorr.ZeropointLevels;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.Mask;
import org.drpkit.core.image.Ramp;
import org.drpkit.core.image.RampSource;
import org.drpkit.core.instrument.Chip;
import org.drpkit.core.progress.ProgressListener;

/**
 * Stage 8: the 3D to 2D chain on a streaming {@link RampSource}: read selection, saturation, reference zeropoint,
 * nonlinearity, differences, row-noise (1/f) correction, jump detection and the slope fit, in row blocks across all
 * reads, in parallel.
 *
 * <p>Two passes over the source. Pass 1 (only with zeropointing) measures the per-read reference levels, which are
 * statistics over whole reads: the reference border is kept (2% of a frame) and the reference output goes into
 * per-read histograms ({@link ReferenceScan}). Pass 2 processes each block of rows: for each row, in read-major
 * order (contiguous, vectorisable loops) it finds saturation on the raw values, then in one pass per read subtracts
 * the levels, linearises and differences the reads in place; it fits the shared row-noise model of every
 * difference, transposes the differences pixel-major while subtracting the model of each pixel's tick, and fits
 * each pixel ({@link RampFit}'s kernel). Memory: one block of every read per worker ({@code reads x
 * blockRows x width} floats, about 4 MB for an APOGEE chip at 8 rows), a transposed row, about 200 kB per read for
 * the reference statistics, and the six output images; it does not grow with the read count beyond the block.
 *
 * <p>Deterministic for any thread count and executor: a block's result depends only on its rows and on the pass-1
 * levels, counters are integer sums, and the row-noise rms is summed in row order. With more than one thread the
 * source must allow concurrent {@code readRows} calls ({@code Ramp} and {@code FitsRamps} do).
 *
 * <pre>{@code
 * RampProcessor.Params p = RampProcessor.Params.defaults(NoiseModel.UPSTREAM_DEFAULTS);
 * RampProcessor.Result r = RampProcessor.process(source, H2rgLayout.apogee("R"), p);
 * r.ramp().rate();          // DN/read
 * }</pre>
 */
public final class RampProcessor {

    private RampProcessor() {
    }

    /**
     * Parameters of the whole chain.
     *
     * @param reads           read selection
     * @param saturationMap   raw saturation level per pixel (DN), empty for "never saturated"
     * @param saturationFudge fraction of the map taken as the threshold (0.9 upstream)
     * @param zeropoint       subtract the per-read reference levels (stage 3)
     * @param rowNoise        the row-noise correction (stage 4), empty to skip it
     * @param nonlinearity    the nonlinearity correction (stage 5), empty to skip it
     * @param jumps           jump detection (stage 6)
     * @param fit             the slope fit (stage 7)
     * @param blockRows       rows per block (at least 1)
     * @param threads         workers (at least 1)
     */
    public record Params(ReadSelection.Params reads, Optional<Image> saturationMap, double saturationFudge,
            boolean zeropoint, Optional<RowNoiseParams> rowNoise, Optional<Nonlinearity.Params> nonlinearity,
            JumpParams jumps, FitParams fit, int blockRows, int threads) {

        /** Checks the values. */
        public Params {
            Objects.requireNonNull(reads, "reads");
            Objects.requireNonNull(saturationMap, "saturationMap");
            Objects.requireNonNull(rowNoise, "rowNoise");
            Objects.requireNonNull(nonlinearity, "nonlinearity");
            Objects.requireNonNull(jumps, "jumps");
            Objects.requireNonNull(fit, "fit");
            if (!(saturationFudge > 0 && saturationFudge <= 1) || blockRows < 1 || threads < 1) {
                throw new IllegalArgumentException("bad fudge " + saturationFudge + ", block rows " + blockRows
                        + " or threads " + threads);
            }
        }

        /**
         * @return upstream's chain with the missing corrections switched on: drop 2 reads, no saturation map, 0.9
         *         fudge, zeropoint, row-noise correction from the reference output and pixels, no nonlinearity
         *         (needs coefficients), 4.5-sigma positive jumps, GLS, 8-row blocks, one worker per processor
         */
        public static Params defaults(NoiseModel noise) {
            return new Params(ReadSelection.Params.UPSTREAM, Optional.empty(), Saturation.UPSTREAM_FUDGE, true,
                    Optional.of(RowNoiseParams.DEFAULTS), Optional.empty(), JumpParams.DEFAULTS,
                    FitParams.defaults(noise), 8, Runtime.getRuntime().availableProcessors());
        }

        /** @return a copy with another read selection */
        public Params withReads(ReadSelection.Params r) {
            return new Params(r, saturationMap, saturationFudge, zeropoint, rowNoise, nonlinearity, jumps, fit,
                    blockRows, threads);
        }

        /** @return a copy with a saturation map (raw DN), or none for null */
        public Params withSaturationMap(Image map) {
            return new Params(reads, Optional.ofNullable(map), saturationFudge, zeropoint, rowNoise, nonlinearity,
                    jumps, fit, blockRows, threads);
        }

        /** @return a copy with zeropointing on or off */
        public Params withZeropoint(boolean on) {
            return new Params(reads, saturationMap, saturationFudge, on, rowNoise, nonlinearity, jumps, fit,
                    blockRows, threads);
        }

        /** @return a copy with another row-noise correction, or none for null */
        public Params withRowNoise(RowNoiseParams r) {
            return new Params(reads, saturationMap, saturationFudge, zeropoint, Optional.ofNullable(r), nonlinearity,
                    jumps, fit, blockRows, threads);
        }

        /** @return a copy with a nonlinearity correction, or none for null */
        public Params withNonlinearity(Nonlinearity.Params n) {
            return new Params(reads, saturationMap, saturationFudge, zeropoint, rowNoise, Optional.ofNullable(n),
                    jumps, fit, blockRows, threads);
        }

        /** @return a copy with other jump parameters */
        public Params withJumps(JumpParams j) {
            return new Params(reads, saturationMap, saturationFudge, zeropoint, rowNoise, nonlinearity, j, fit,
                    blockRows, threads);
        }

        /** @return a copy with other fit parameters */
        public Params withFit(FitParams f) {
            return new Params(reads, saturationMap, saturationFudge, zeropoint, rowNoise, nonlinearity, jumps, f,
                    blockRows, threads);
        }

        /** @return a copy with another block height and worker count */
        public Params withBlocks(int rows, int workers) {
            return new Params(reads, saturationMap, saturationFudge, zeropoint, rowNoise, nonlinearity, jumps, fit,
                    rows, workers);
        }
    }

    /**
     * The 2D product and what the corrections measured.
     *
     * @param ramp          rate, ivar, chi2, flags, jumps and last usable difference
     * @param zeropoint     the per-read reference levels, when zeropointing ran
     * @param rowNoise      what the row-noise correction did, when it ran
     * @param workingBytes  bytes of working buffers (blocks, rows, reference statistics), outputs excluded
     */
    public record Result(RampResult ramp, Optional<ZeropointLevels> zeropoint, Optional<RowNoiseStats> rowNoise,
            long workingBytes) {

        @Override
        public String toString() {
            return "RampProcessor.Result[" + ramp + zeropoint.map(z -> ", " + z).orElse("")
                    + rowNoise.map(r -> ", " + r).orElse("") + ", working memory " + workingBytes / (1 << 20)
                    + " MiB]";
        }
    }

    /** Processes with the default executor and no progress reports. */
    public static Result process(RampSource source, Chip chip, Params params) throws DrpException {
        return process(source, chip, params, null, ProgressListener.NONE);
    }

    /**
     * @param executor where workers run, or null for the default asynchronous pool
     * @param progress told {@code ("reference scan", done, total)} and {@code ("ramp", done, total)} per block
     * @throws DrpException {@code RAMP_SHAPE_MISMATCH} when the source, a map or a mask does not match the chip;
     *                      {@code RAMP_TOO_SHORT}; {@code REFERENCE_LEVEL_RANGE}; or what the source raises
     */
    public static Result process(RampSource source, Chip chip, Params params, Executor executor,
            ProgressListener progress) throws DrpException {
        int w = source.width();
        int h = source.height();
        if (w != chip.width() || h != chip.height()) {
            throw mismatch("the ramp is " + w + "x" + h + " but chip " + chip.name() + " is " + chip.width() + "x"
                    + chip.height());
        }
        checkShape(params.saturationMap().orElse(null), w, h, "saturation map");
        try {
            params.fit().noise().requireShape(w, h, "ramp");
            params.nonlinearity().ifPresent(n -> n.coefficients().requireShape(w, h));
            params.nonlinearity().flatMap(Nonlinearity.Params::resetLevel)
                    .ifPresent(m -> Rows.requireShape(m, w, h, "reset level"));
        } catch (IllegalArgumentException e) {
            throw mismatch(e.getMessage());
        }
        Mask bg = params.rowNoise().flatMap(RowNoiseParams::background).orElse(null);
        if (bg != null && (bg.width() != w || bg.height() != h)) {
            throw mismatch("background mask is " + bg.width() + "x" + bg.height() + ", the chip " + w + "x" + h);
        }
        ReadPlan plan = ReadSelection.plan(source.reads(), params.reads());
        int rows = Math.min(params.blockRows(), h);
        int blocks = (h + rows - 1) / rows;
        long blockBytes = source instanceof Ramp ? 4L * plan.differences() * w : 4L * source.reads() * rows * w;
        Optional<ZeropointLevels> levels = Optional.empty();
        long[] scanBytes = {0};
        if (params.zeropoint()) {
            levels = Optional.of(scan(source, chip, plan, rows, blocks, params.threads(), executor, progress,
                    scanBytes));
        }
        RowPipeline pass = new RowPipeline(source, chip, plan, params, levels.orElse(null), rows, blocks, progress);
        List<RowPipeline.Worker> workers = BlockWorkers.run(params.threads(), blocks, executor, pass::newWorker,
                RowPipeline.Worker::block);
        RampStats.Counter c = new RampStats.Counter();
        long rowsNoise = 0;
        long corrected = 0;
        long samples = 0;
        long clipped = 0;
        for (RowPipeline.Worker wk : workers) {
            c.add(wk.fitter.counter);
            if (wk.noise != null) {
                RowNoiseStats s = wk.noise.stats();
                rowsNoise += s.rows();
                corrected += s.corrected();
                samples += s.samples();
                clipped += s.clipped();
            }
        }
        Optional<RowNoiseStats> noiseStats = Optional.empty();
        if (params.rowNoise().isPresent()) {
            double sq = 0;
            for (double v : pass.rowSumSq) {
                sq += v;
            }
            long terms = corrected * pass.termsPerRow;
            noiseStats = Optional.of(new RowNoiseStats(rowsNoise, corrected, samples, clipped,
                    terms == 0 ? 0 : Math.sqrt(sq / terms)));
        }
        RowFitter.Output o = pass.out;
        RampResult result = new RampResult(Image.of(w, h, o.rate()), Image.of(w, h, o.ivar()),
                Image.of(w, h, o.chi2()), Mask.of(w, h, o.flags()), Mask.of(w, h, o.jumps()),
                Mask.of(w, h, o.lastDiff()), plan, params.fit(), c.toStats());
        long working = workers.size() * (blockBytes + pass.workerBytes) + scanBytes[0];
        return new Result(result, levels, noiseStats, working);
    }

    private static ZeropointLevels scan(RampSource source, Chip chip, ReadPlan plan, int rows, int blocks,
            int threads, Executor executor, ProgressListener progress, long[] bytes) throws DrpException {
        int w = source.width();
        int h = source.height();
        ReferenceScan scan = new ReferenceScan(chip, plan.firstRead(), plan.readsUsed());
        AtomicLong done = new AtomicLong();
        if (source instanceof Ramp ramp) {
            // in memory: scan the planes in place, touching only the reference columns
            float[][] planes = new float[ramp.reads()][];
            for (int k = 0; k < planes.length; k++) {
                planes[k] = ramp.read(k).array();
            }
            int base = ramp.read(0).rowStart(0);
            scan.setAnchors(planes, base, rows);
            BlockWorkers.run(threads, blocks, executor, scan::newAccumulator, (acc, b) -> {
                int y0 = b * rows;
                acc.add(planes, base + y0 * w, y0, Math.min(rows, h - y0));
                progress.progress("reference scan", done.incrementAndGet(), blocks);
            });
            bytes[0] = scan.memoryBytes();
            return scan.finish();
        }
        float[][] first = new float[source.reads()][rows * w];
        source.readRows(0, rows, first);
        scan.setAnchors(first, rows);
        record ScanWorker(float[][] buf, ReferenceScan.Accumulator acc) {
        }
        BlockWorkers.run(threads, blocks, executor,
                () -> new ScanWorker(new float[source.reads()][rows * w], scan.newAccumulator()), (s, b) -> {
                    int y0 = b * rows;
                    int n = Math.min(rows, h - y0);
                    source.readRows(y0, n, s.buf());
                    s.acc().add(s.buf(), y0, n);
                    progress.progress("reference scan", done.incrementAndGet(), blocks);
                });
        bytes[0] = scan.memoryBytes() + 4L * source.reads() * rows * w;
        return scan.finish();
    }

    private static void checkShape(Image map, int w, int h, String what) throws DrpException {
        if (map != null && (map.width() != w || map.height() != h)) {
            throw mismatch(what + " is " + map.width() + "x" + map.height() + ", the chip " + w + "x" + h);
        }
    }

    private static DrpException mismatch(String detail) {
        return new DrpException(RampErrorCode.RAMP_SHAPE_MISMATCH, Location.NOWHERE, detail);
    }
}
