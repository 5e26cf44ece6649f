package org.drpkit.algorithms.ramp;

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
import org.drpkit.core.image.RampSource;
import org.drpkit.core.instrument.Chip;
import org.drpkit.core.progress.ProgressListener;

/**
 * The whole 3D to 2D chain on a streaming {@link RampSource}: read selection, saturation, reference zeropoint,
 * nonlinearity, differences, row-noise (1/f) correction, jump detection and the slope fit, in row blocks across all
 * reads, in parallel. Each row goes through the same kernels as the in-memory stages ({@link Saturation},
 * {@code refcorr.Zeropoint}, {@link Nonlinearity}, {@code refcorr.RowNoiseCorrection}, {@link RampFit}); a source
 * that {@link RampSource#holdsPlanes() holds its planes} is read in place, any other one block at a time.
 *
 * <p>Two passes over the source. The first (only with zeropointing) measures the per-read reference levels, which are
 * statistics over whole reads: the reference border is kept (2% of a frame) and the reference output goes into
 * per-read histograms ({@link ReferenceScan}). The second processes each block of rows: for each row, in read-major
 * order (contiguous, vectorisable loops) it finds saturation on the raw values, then in one pass per read subtracts
 * the levels, linearises and differences the reads in place, subtracts the first-read anomaly when given
 * ({@link ResetAnomaly}); it fits the shared row-noise model of every
 * difference and subtracts it at each pixel's tick, transposes the differences pixel-major, and fits each pixel
 * ({@link RampFit}'s kernel). Memory: one block of every read per worker ({@code reads x
 * blockRows x width} floats, about 4 MB for an APOGEE chip at 8 rows), a transposed row, about 200 kB per read for
 * the reference statistics, and the six output images; it does not grow with the read count beyond the block.
 *
 * <p>Deterministic for any thread count and executor: a block's result depends only on its rows and on the
 * first pass's levels, counters are integer sums, and the row-noise rms is summed in row order. With more than one
 * thread the source must allow concurrent {@code readRows} calls ({@code Ramp} and {@code FitsRamps} do).
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
     * @param zeropoint       subtract the per-read reference levels ({@code refcorr.Zeropoint})
     * @param rowNoise        the row-noise (1/f) correction, empty to skip it
     * @param nonlinearity    the nonlinearity correction, empty to skip it
     * @param resetAnomaly    the first-read anomaly correction (measured from darks), empty to skip it
     * @param jumps           jump detection
     * @param fit             the slope fit
     * @param blockRows       rows per block (at least 1)
     * @param threads         workers (at least 1)
     */
    public record Params(ReadSelection.Params reads, Optional<Image> saturationMap, double saturationFudge,
            boolean zeropoint, Optional<RowNoiseParams> rowNoise, Optional<Nonlinearity.Params> nonlinearity,
            Optional<ResetAnomaly.Correction> resetAnomaly, JumpParams jumps, FitParams fit, int blockRows,
            int threads) {

        /** Checks the values. */
        public Params {
            Objects.requireNonNull(reads, "reads");
            Objects.requireNonNull(saturationMap, "saturationMap");
            Objects.requireNonNull(rowNoise, "rowNoise");
            Objects.requireNonNull(nonlinearity, "nonlinearity");
            Objects.requireNonNull(resetAnomaly, "resetAnomaly");
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
                    Optional.of(RowNoiseParams.DEFAULTS), Optional.empty(), Optional.empty(), JumpParams.DEFAULTS,
                    FitParams.defaults(noise), 8, Runtime.getRuntime().availableProcessors());
        }

        /** @return a copy with another read selection */
        public Params withReads(ReadSelection.Params r) {
            return new Params(r, saturationMap, saturationFudge, zeropoint, rowNoise, nonlinearity, resetAnomaly,
                    jumps, fit, blockRows, threads);
        }

        /** @return a copy with a saturation map (raw DN), or none for null */
        public Params withSaturationMap(Image map) {
            return new Params(reads, Optional.ofNullable(map), saturationFudge, zeropoint, rowNoise, nonlinearity,
                    resetAnomaly, jumps, fit, blockRows, threads);
        }

        /** @return a copy with zeropointing on or off */
        public Params withZeropoint(boolean on) {
            return new Params(reads, saturationMap, saturationFudge, on, rowNoise, nonlinearity, resetAnomaly, jumps, fit,
                    blockRows, threads);
        }

        /** @return a copy with another row-noise correction, or none for null */
        public Params withRowNoise(RowNoiseParams r) {
            return new Params(reads, saturationMap, saturationFudge, zeropoint, Optional.ofNullable(r), nonlinearity,
                    resetAnomaly, jumps, fit, blockRows, threads);
        }

        /** @return a copy with a nonlinearity correction, or none for null */
        public Params withNonlinearity(Nonlinearity.Params n) {
            return new Params(reads, saturationMap, saturationFudge, zeropoint, rowNoise, Optional.ofNullable(n),
                    resetAnomaly, jumps, fit, blockRows, threads);
        }

        /** @return a copy with a first-read anomaly correction, or none for null */
        public Params withResetAnomaly(ResetAnomaly.Correction c) {
            return new Params(reads, saturationMap, saturationFudge, zeropoint, rowNoise, nonlinearity,
                    Optional.ofNullable(c), jumps, fit, blockRows, threads);
        }

        /** @return a copy with other jump parameters */
        public Params withJumps(JumpParams j) {
            return new Params(reads, saturationMap, saturationFudge, zeropoint, rowNoise, nonlinearity, resetAnomaly, j, fit,
                    blockRows, threads);
        }

        /** @return a copy with other fit parameters */
        public Params withFit(FitParams f) {
            return new Params(reads, saturationMap, saturationFudge, zeropoint, rowNoise, nonlinearity, resetAnomaly, jumps, f,
                    blockRows, threads);
        }

        /** @return a copy with another block height and worker count */
        public Params withBlocks(int rows, int workers) {
            return new Params(reads, saturationMap, saturationFudge, zeropoint, rowNoise, nonlinearity, resetAnomaly, jumps, fit,
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

    /**
     * Processes with the default executor and no progress reports.
     *
     * @param source the reads. Not modified (only read).
     * @param chip   the layout; the source must have its shape
     * @param params the chain's parameters; maps must have the chip's shape. Not modified.
     * @return the 2D product and what the corrections measured
     * @throws DrpException as {@link #process(RampSource, Chip, Params, Executor, ProgressListener)}
     */
    public static Result process(RampSource source, Chip chip, Params params) throws DrpException {
        return process(source, chip, params, null, ProgressListener.NONE);
    }

    /**
     * @param source   the reads. Not modified (only read; from several threads when {@code params.threads() > 1}).
     * @param chip     the layout; the source must have its shape
     * @param params   the chain's parameters; maps must have the chip's shape. Not modified.
     * @param executor where workers run, or null for the default asynchronous pool
     * @param progress told {@code ("reference scan", done, total)} and {@code ("ramp", done, total)} per block
     * @return the 2D product and what the corrections measured
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
            params.resetAnomaly().ifPresent(c -> c.requireShape(w, h));
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
        Optional<ReferenceLevels> reference = Optional.empty();
        if (params.zeropoint()) {
            reference = Optional.of(scan(source, chip, plan, rows, params.threads(), executor, progress));
        }
        RowPipeline.Outcome pass = new RowPipeline(source, chip, plan, params,
                reference.map(ReferenceLevels::levels).orElse(null), rows, progress).run(params.threads(), executor);
        long working = pass.workingBytes() + reference.map(ReferenceLevels::workingBytes).orElse(0L);
        return new Result(pass.ramp(), reference.map(ReferenceLevels::levels), pass.rowNoise(), working);
    }

    /** The first pass's result: the levels and the bytes its buffers took. */
    private record ReferenceLevels(ZeropointLevels levels, long workingBytes) {
    }

    private static ReferenceLevels scan(RampSource source, Chip chip, ReadPlan plan, int rows, int threads,
            Executor executor, ProgressListener progress) throws DrpException {
        int w = source.width();
        int h = source.height();
        int blocks = (h + rows - 1) / rows;
        ReferenceScan scan = new ReferenceScan(chip, plan.firstRead(), plan.readsUsed());
        AtomicLong done = new AtomicLong();
        if (source.holdsPlanes()) {
            // the planes are in memory: scan them in place, touching only the reference columns
            float[][] planes = new float[source.reads()][];
            for (int k = 0; k < planes.length; k++) {
                planes[k] = source.plane(k);
            }
            int base = source.planeOffset();
            scan.setAnchors(planes, base, rows);
            BlockWorkers.run(threads, blocks, executor, scan::newAccumulator, (acc, b) -> {
                int y0 = b * rows;
                acc.add(planes, base + y0 * w, y0, Math.min(rows, h - y0));
                progress.progress("reference scan", done.incrementAndGet(), blocks);
            });
            return new ReferenceLevels(scan.finish(), scan.memoryBytes());
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
        return new ReferenceLevels(scan.finish(), scan.memoryBytes() + 4L * source.reads() * rows * w);
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
