package org.drpkit.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.drpkit.archive.ledger.JdbcLedger;
import org.drpkit.core.error.CoreErrorCode;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.status.Ledger;
import org.drpkit.core.status.LedgerFields;
import org.drpkit.core.status.LedgerRow;
import org.drpkit.core.status.ProcessingStatus;
import org.drpkit.core.status.Severity;
import org.drpkit.spark.RateJob.Outcome;
import org.drpkit.spark.RateJob.TaskResult;
import scala.Tuple2;

/**
 * The executor side of a ledger-driven step: one partition of (ledger row, task) pairs over one ledger connection.
 * Per task: release the row when this attempt's dead predecessor holds it, claim it (QUEUED to PROCESSING; a conflict
 * means another live worker has it), adopt a product already published, else make it in scratch, publish it
 * atomically and end the row PROCESSED; a stage's {@link DrpException} ends the row ERROR with its code.
 */
final class LedgerTasks implements FlatMapFunction<Iterator<Tuple2<Long, ChipTask>>, TaskResult> {

    private static final long serialVersionUID = 1L;

    /** What one task makes: a product file in scratch from the task's (local copy of its) input. */
    interface Maker extends Serializable {
        /**
         * @param local the task's input on the local file system
         * @param out   where to write the product (scratch)
         * @return a short note for the ledger's event
         */
        String make(ChipTask task, Path local, Path out, Configuration conf) throws DrpException;
    }

    private final Maker maker;
    private final int level;
    private final RateJob.Options options;

    LedgerTasks(Maker maker, int level, RateJob.Options options) {
        this.maker = maker;
        this.level = level;
        this.options = options;
    }

    @Override
    public Iterator<TaskResult> call(Iterator<Tuple2<Long, ChipTask>> tasks) throws Exception {
        TaskContext tc = TaskContext.get();
        int attempt = tc == null ? 0 : tc.attemptNumber();
        Configuration conf = new Configuration();
        List<TaskResult> out = new ArrayList<>();
        Path scratch = Files.createTempDirectory("drpkit-spark-");
        try (Ledger ledger = JdbcLedger.open(options.ledgerUrl())) {
            while (tasks.hasNext()) {
                Tuple2<Long, ChipTask> t = tasks.next();
                out.add(one(ledger, t._1(), t._2(), attempt, conf, scratch));
            }
        } finally {
            deleteQuietly(scratch);
        }
        return out.iterator();
    }

    private TaskResult one(Ledger ledger, long id, ChipTask task, int attempt, Configuration conf, Path scratch)
            throws DrpException {
        long t0 = System.nanoTime();
        ProcessingStatus s = ledger.row(id).map(LedgerRow::status).orElse(ProcessingStatus.QUEUED);
        if (s == ProcessingStatus.PROCESSING && attempt > 0) {
            // Spark runs one attempt of a task at a time (speculation off): the holder is this task's dead predecessor
            ledger.transition(id, ProcessingStatus.PROCESSING, ProcessingStatus.QUEUED, LedgerFields.none(),
                    List.of(RateJob.event(Severity.INFO, "RELEASED", "attempt " + (attempt - 1) + " died; released")),
                    Instant.now());
            s = ProcessingStatus.QUEUED;
        }
        if (s != ProcessingStatus.QUEUED) {
            return new TaskResult(task.key(), s == ProcessingStatus.PROCESSING ? Outcome.BUSY : Outcome.ALREADY_DONE,
                    "", attempt, 0);
        }
        try {
            ledger.transition(id, ProcessingStatus.QUEUED, ProcessingStatus.PROCESSING, LedgerFields.none(),
                    List.of(RateJob.event(Severity.INFO, "CLAIMED", "level " + level + ", attempt " + attempt + " on "
                            + host())), Instant.now());
        } catch (DrpException e) {
            if (e.code() == CoreErrorCode.LEDGER_CONFLICT) {
                return new TaskResult(task.key(), Outcome.BUSY, "", attempt, 0);
            }
            throw e;
        }
        options.fault().at(task, "claimed", attempt);
        try {
            if (HadoopFiles.exists(task.product(), conf)) {
                ledger.transition(id, ProcessingStatus.PROCESSING, ProcessingStatus.PROCESSED, LedgerFields.none(),
                        List.of(RateJob.event(Severity.INFO, "ADOPTED",
                                "product already published by an earlier attempt: " + task.product())), Instant.now());
                return new TaskResult(task.key(), Outcome.ADOPTED, "", attempt, seconds(t0));
            }
            Path input = HadoopFiles.local(task.raw(), conf, scratch);
            Path local = scratch.resolve("product-" + id + ".fits");
            String note;
            try {
                note = maker.make(task, input, local, conf);
            } finally {
                if (input.startsWith(scratch)) {
                    Files.deleteIfExists(input);
                }
            }
            options.fault().at(task, "written", attempt);
            boolean published = HadoopFiles.publish(local, task.product(), conf);
            options.fault().at(task, "published", attempt);
            ledger.transition(id, ProcessingStatus.PROCESSING, ProcessingStatus.PROCESSED, LedgerFields.none(),
                    List.of(RateJob.event(Severity.INFO, published ? "MADE" : "ADOPTED", String.format(
                            java.util.Locale.ROOT, "%s: %s, %.2f s", task.product(), note, seconds(t0)))),
                    Instant.now());
            return new TaskResult(task.key(), published ? Outcome.FITTED : Outcome.ADOPTED, "", attempt, seconds(t0));
        } catch (DrpException e) {
            ledger.transition(id, ProcessingStatus.PROCESSING, ProcessingStatus.ERROR,
                    LedgerFields.none().statusCode(e.code().toString()),
                    List.of(RateJob.event(Severity.ERROR, e.code().toString(), e.getMessage())), Instant.now());
            return new TaskResult(task.key(), Outcome.FAILED, e.code().toString(), attempt, seconds(t0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "unknown host";
        }
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void deleteQuietly(Path dir) {
        try (var s = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(s.toList());
            Collections.reverse(all);
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // scratch left to the system's temporary-file cleaner
        }
    }
}
