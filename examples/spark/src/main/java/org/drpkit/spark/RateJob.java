package org.drpkit.spark;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.drpkit.algorithms.ramp.RampProcessor;
import org.drpkit.algorithms.ramp.RampResult;
import org.drpkit.archive.almanac.AlmanacEntry;
import org.drpkit.archive.almanac.Exposure;
import org.drpkit.archive.almanac.FileState;
import org.drpkit.archive.ledger.JdbcLedger;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.core.id.ExposureKey;
import org.drpkit.core.status.Ledger;
import org.drpkit.core.status.LedgerFields;
import org.drpkit.core.status.LedgerQuery;
import org.drpkit.core.status.LedgerRow;
import org.drpkit.core.status.ProcessingStatus;
import org.drpkit.core.status.Severity;
import org.drpkit.core.status.StatusEvent;
import org.drpkit.fits.FitsRamps;
import org.drpkit.instruments.apogee.ApogeeProduct;
import scala.Tuple2;

/**
 * The 3D to 2D step of a night (or of many) on Spark: one task per (exposure, chip), from the almanac's exposure
 * table, fitted on the executors by the unchanged {@link RampProcessor} (streaming the raw file by row blocks, so a
 * task holds one chip's outputs and one block of reads) and published atomically through Hadoop paths.
 *
 * <p>The ledger ({@link JdbcLedger}, level {@link #LEVEL}, one row per raw file version: path and MD5) is the record of
 * what is done. The driver queues every task once ({@code enqueueUnique}) and sends only rows not yet PROCESSED; an
 * executor claims its row (QUEUED to PROCESSING, refused when another holds it), fits, publishes and ends the row
 * PROCESSED (or ERROR with the stage's error code) with its events. A retried task attempt first releases the row its
 * dead predecessor held; a product found already published (the predecessor died between publishing and recording)
 * is adopted, never written again. A driver that starts on a ledger with PROCESSING rows releases them: one driver
 * per ledger at a time, and Spark speculation off (two live attempts of one task would both fit; only one publishes).
 *
 * <pre>{@code
 * List<ChipTask> tasks = RateJob.tasks(Exposure.group(almanac.night("60000", Optional.of("APOGEE"))), "hdfs:///red");
 * RateJob.Summary s = RateJob.run(sc, tasks, SimulatedLab.demo(1, 512, 0), RateJob.Options.of(ledgerUrl, 8));
 * s.count(RateJob.Outcome.FITTED);
 * }</pre>
 */
public final class RateJob {

    /** The ledger level of rate products (raw files are queued at this level). */
    public static final int LEVEL = 1;
    /** The ledger's instrument of the rows. */
    public static final String INSTRUMENT = "APOGEE";

    private RateJob() {
    }

    /** What a task did. */
    public enum Outcome {
        /** The product was made (a ramp fitted, an image calibrated) and published. */
        FITTED,
        /** The product was found published by an earlier attempt that died before recording it; recorded, not rewritten. */
        ADOPTED,
        /** The ledger already held the row PROCESSED: nothing done. */
        ALREADY_DONE,
        /** Another live worker holds the row: left to it. */
        BUSY,
        /** The stage failed: the row ended ERROR with the stage's error code. */
        FAILED
    }

    /**
     * One task's outcome.
     *
     * @param key     the exposure key text
     * @param outcome what the task did
     * @param code    the error code when it failed, else {@code ""}
     * @param attempt the Spark attempt number that did it (0 for the first; -1 on the driver)
     * @param seconds wall time of the fit and publication, s
     */
    public record TaskResult(String key, Outcome outcome, String code, int attempt, double seconds)
            implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * A job's outcome.
     *
     * @param results one per task, in task order
     * @param seconds wall time of the job on the driver (with its driver-side steps: ledger, stacks, traces), s
     */
    public record Summary(List<TaskResult> results, double seconds) {

        /** @return how many tasks ended with {@code outcome} */
        public long count(Outcome outcome) {
            return results.stream().filter(r -> r.outcome() == outcome).count();
        }

        /** @return the tasks per outcome */
        public Map<Outcome, Long> counts() {
            Map<Outcome, Long> m = new EnumMap<>(Outcome.class);
            results.forEach(r -> m.merge(r.outcome(), 1L, Long::sum));
            return m;
        }

        @Override
        public String toString() {
            double inTasks = results.stream().mapToDouble(TaskResult::seconds).sum();
            return String.format(java.util.Locale.ROOT, "%d tasks in %.1f s (%.1f s inside tasks): %s", results.size(),
                    seconds, inTasks, counts());
        }
    }

    /**
     * A test seam: called by executors at each step of a task ({@code claimed}, {@code written}, {@code published}),
     * where a test throws to kill the task's attempt mid-way.
     */
    @FunctionalInterface
    public interface Fault extends Serializable {
        /** No fault. */
        Fault NONE = (task, step, attempt) -> { };

        /** @param attempt the Spark attempt number, 0 for the first */
        void at(ChipTask task, String step, int attempt);
    }

    /**
     * How to run.
     *
     * @param ledgerUrl   the JDBC URL of the ledger every executor reaches (an H2 server or {@code AUTO_SERVER} file,
     *                    PostgreSQL in production); its driver must be on the executors' class path
     * @param partitions  how many partitions the tasks are cut into (at least the executors' cores)
     * @param taskThreads threads of the ramp fit inside one task: 1 (the default) matches Spark's one core per task
     *                    ({@code spark.task.cpus}); 0 leaves the stage's own default (every core of the machine)
     * @param fault       the test seam, {@link Fault#NONE} in production
     */
    public record Options(String ledgerUrl, int partitions, int taskThreads, Fault fault) implements Serializable {
        private static final long serialVersionUID = 1L;

        /** Checks the values. */
        public Options {
            java.util.Objects.requireNonNull(ledgerUrl, "ledgerUrl");
            java.util.Objects.requireNonNull(fault, "fault");
            if (partitions < 1 || taskThreads < 0) {
                throw new IllegalArgumentException("partitions must be 1 or more, task threads 0 or more: "
                        + partitions + ", " + taskThreads);
            }
        }

        /** @return options with one thread per task and no fault */
        public static Options of(String ledgerUrl, int partitions) {
            return new Options(ledgerUrl, partitions, 1, Fault.NONE);
        }

        /** @return the same options with a fault seam */
        public Options withFault(Fault f) {
            return new Options(ledgerUrl, partitions, taskThreads, f);
        }

        /** @return the same options with another thread count per task */
        public Options withTaskThreads(int n) {
            return new Options(ledgerUrl, partitions, n, fault);
        }
    }

    /**
     * The tasks of exposures from the almanac's exposure table: every chip file in state OK becomes a task whose rate
     * product goes to {@code outRoot/apred/<night>/ar2D_....fits} (the demo's names, as FITS).
     *
     * @param outRoot the reduction's output root, a Hadoop path or URI
     * @return the tasks, by exposure then chip
     * @throws DrpException {@code ID_BAD_EXPOSURE_KEY} for a chip file whose key does not parse
     */
    public static List<ChipTask> tasks(List<Exposure> exposures, String outRoot) throws DrpException {
        List<ChipTask> out = new ArrayList<>();
        String root = outRoot.endsWith("/") ? outRoot.substring(0, outRoot.length() - 1) : outRoot;
        for (Exposure e : exposures) {
            for (AlmanacEntry f : e.files()) {
                if (f.state() != FileState.OK || f.facts().isEmpty()) {
                    continue;
                }
                ExposureKey key = ExposureKey.parse(f.key());
                String name = ApogeeProduct.AR2D.path(key, f.imageType());
                name = name.endsWith(".h5") ? name.substring(0, name.length() - 3) + ".fits" : name;
                out.add(new ChipTask(key.toString(), key.chip(), f.imageType(), f.path().toUri().toString(), f.md5(),
                        f.size(), root + "/" + name));
            }
        }
        return out;
    }

    /**
     * Runs the tasks not yet done.
     *
     * @return one outcome per task (rows already PROCESSED are reported {@link Outcome#ALREADY_DONE} by the driver)
     * @throws DrpException {@code LEDGER_UNAVAILABLE} when the driver cannot reach the ledger
     */
    public static Summary run(JavaSparkContext sc, List<ChipTask> tasks, LabCalibration lab, Options o)
            throws DrpException {
        return run(sc, tasks, LEVEL, new FitRamp(lab, o.taskThreads()), o);
    }

    /**
     * Runs the tasks of one ledger level not yet done, each made by {@code maker} on an executor.
     *
     * @param level the ledger level of the rows ({@link #LEVEL} for rates, {@link CalibrateJob#LEVEL} for calibrated
     *              images)
     */
    static Summary run(JavaSparkContext sc, List<ChipTask> tasks, int level, LedgerTasks.Maker maker, Options o)
            throws DrpException {
        long t0 = System.nanoTime();
        List<TaskResult> results = new ArrayList<>();
        List<Tuple2<Long, ChipTask>> todo = new ArrayList<>();
        try (Ledger ledger = JdbcLedger.open(o.ledgerUrl())) {
            // a PROCESSING row at the start belongs to a driver (and its executors) that died: release it
            for (LedgerRow r : ledger.find(LedgerQuery.all().status(ProcessingStatus.PROCESSING)
                    .instrument(INSTRUMENT))) {
                if (r.level() == level) {
                    ledger.transition(r.id(), ProcessingStatus.PROCESSING, ProcessingStatus.QUEUED, LedgerFields.none(),
                            List.of(event(Severity.INFO, "RELEASED", "claim of a previous run released by the driver")),
                            Instant.now());
                }
            }
            for (ChipTask t : tasks) {
                Ledger.Enqueued q = ledger.enqueueUnique(level, INSTRUMENT, t.raw(), t.md5(), t.size(), Instant.now());
                ProcessingStatus s = q.created() ? ProcessingStatus.QUEUED
                        : ledger.row(q.id()).map(LedgerRow::status).orElse(ProcessingStatus.QUEUED);
                switch (s) {
                    case QUEUED -> todo.add(new Tuple2<>(q.id(), t));
                    case ERROR, INVALID -> results.add(new TaskResult(t.key(), Outcome.FAILED,
                            ledger.row(q.id()).map(LedgerRow::statusCode).orElse(""), -1, 0));
                    default -> results.add(new TaskResult(t.key(), Outcome.ALREADY_DONE, "", -1, 0));
                }
            }
        }
        if (!todo.isEmpty()) {
            int parts = Math.min(o.partitions(), todo.size());
            results.addAll(sc.parallelize(todo, parts).mapPartitions(new LedgerTasks(maker, level, o)).collect());
        }
        return new Summary(List.copyOf(results), (System.nanoTime() - t0) / 1e9);
    }

    static StatusEvent event(Severity s, String code, String text) {
        return new StatusEvent(Instant.now(), s, code, "spark", text);
    }

    /** The 3D to 2D step of one task: the raw file streamed through {@link RampProcessor}, the rate product written. */
    private record FitRamp(LabCalibration lab, int threads) implements LedgerTasks.Maker {
        private static final long serialVersionUID = 1L;

        @Override
        public String make(ChipTask task, Path local, Path out, Configuration conf) throws DrpException {
            RampResult r;
            Header primary;
            try (FitsRamps.Source src = FitsRamps.open(local)) {
                RampProcessor.Params p = lab.rampParams(task.chip());
                r = RampProcessor.process(src, lab.chip(task.chip()),
                        threads > 0 ? p.withBlocks(p.blockRows(), threads) : p).ramp();
                primary = src.primaryHeader();
            }
            RateFiles.write(out, primary, r);
            return r.plan().differences() + " differences";
        }
    }
}
