package org.drpkit.spark;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.drpkit.archive.IngestContext;
import org.drpkit.archive.IngestService;
import org.drpkit.archive.ledger.JdbcLedger;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.status.Ledger;
import org.drpkit.core.status.ProcessingStatus;

/**
 * The archive ingest on Spark: the unchanged {@link IngestService} (and through it {@code Ingest}) on every executor,
 * over one shared ledger whose atomic claim gives each file to exactly one worker.
 *
 * <ol>
 * <li>Queue: the files are cut into partitions and each executor queues its share ({@code enqueue}: stage copy, MD5,
 *     one ledger row per file version; a file queued before is not queued again).</li>
 * <li>Ingest: {@code lanes} tasks each claim and ingest queued rows until none is left (work stealing: a slow file
 *     does not hold up a partition). A lane's worker name is {@code spark:<app>:lane<N>:attempt<A>}; a retried lane
 *     first queues again the row its dead attempt held, so nothing is lost and nothing is done twice.</li>
 * </ol>
 *
 * <p>Files and the archive root are paths on a file system every executor mounts (NFS, Lustre, GPFS): the ingest
 * publishes its products with atomic hard links, which HDFS and S3 do not offer. The ledger is a database every
 * executor reaches (PostgreSQL in production; H2 in server or {@code AUTO_SERVER} mode for a single machine). One
 * driver per ledger at a time: a driver releases the claims of earlier Spark applications, which it takes to be dead.
 *
 * <pre>{@code
 * IngestJob.Summary s = IngestJob.run(sc, files, IngestJob.Options.of("jdbc:postgresql://db/koa", "/koadata", 32));
 * s.statuses();   // {PROCESSED=9998, INVALID=2}
 * }</pre>
 */
public final class IngestJob {

    /** Prefix of the lanes' worker names. */
    public static final String WORKER_PREFIX = "spark:";

    private IngestJob() {
    }

    /**
     * A test seam, called by a lane after each file it finished (and once before the first, with 0): a test kills the
     * lane's attempt there, possibly after claiming a row (a lane killed in the middle of a file).
     */
    @FunctionalInterface
    public interface Fault extends Serializable {
        /** No fault. */
        Fault NONE = (ledger, worker, finished, attempt) -> { };

        /**
         * @param worker   the lane's worker name
         * @param finished files the lane's attempt finished so far
         * @param attempt  the Spark attempt number, 0 for the first
         */
        void at(Ledger ledger, String worker, int finished, int attempt) throws DrpException;
    }

    /**
     * How to run.
     *
     * @param ledgerUrl the JDBC URL of the shared ledger (its driver on the executors' class path)
     * @param root      the archive root every executor mounts ({@code IngestContext.builder(root)})
     * @param lanes     concurrent ingest tasks (about the executors' total cores)
     * @param clock     the ingest's clock (fixed in tests to compare products byte for byte)
     * @param fault     the test seam, {@link Fault#NONE} in production
     */
    public record Options(String ledgerUrl, String root, int lanes, Clock clock, Fault fault) implements Serializable {
        private static final long serialVersionUID = 1L;

        /** Checks the values. */
        public Options {
            Objects.requireNonNull(ledgerUrl, "ledgerUrl");
            Objects.requireNonNull(root, "root");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(fault, "fault");
            if (lanes < 1) {
                throw new IllegalArgumentException("lanes must be 1 or more: " + lanes);
            }
        }

        /** @return options with the system clock and no fault */
        public static Options of(String ledgerUrl, String root, int lanes) {
            return new Options(ledgerUrl, root, lanes, Clock.systemUTC(), Fault.NONE);
        }

        /** @return the same options with another clock */
        public Options withClock(Clock c) {
            return new Options(ledgerUrl, root, lanes, c, fault);
        }

        /** @return the same options with a fault seam */
        public Options withFault(Fault f) {
            return new Options(ledgerUrl, root, lanes, clock, f);
        }

        IngestContext context() {
            return IngestContext.builder(Path.of(root)).clock(clock).build();
        }
    }

    /**
     * One ingested file.
     *
     * @param file    the file as queued
     * @param status  its final state
     * @param code    the status code ({@code ""} when none)
     * @param koaid   the archive id ({@code ""} when none)
     * @param worker  the lane that ingested it
     */
    public record Ingested(String file, ProcessingStatus status, String code, String koaid, String worker)
            implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * A job's outcome.
     *
     * @param queued  files newly queued (the others were in the ledger already)
     * @param ingested the files ingested by this job, in completion order per lane
     * @param seconds wall time, s
     */
    public record Summary(long queued, List<Ingested> ingested, double seconds) {

        /** @return files per final state */
        public Map<ProcessingStatus, Long> statuses() {
            Map<ProcessingStatus, Long> m = new TreeMap<>();
            ingested.forEach(i -> m.merge(i.status(), 1L, Long::sum));
            return m;
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%d queued, %d ingested in %.1f s: %s", queued,
                    ingested.size(), seconds, statuses());
        }
    }

    /**
     * Queues the files on the executors, then ingests everything queued with {@code lanes} tasks.
     *
     * @param files the files (absolute paths on the shared file system)
     * @throws DrpException {@code LEDGER_UNAVAILABLE} when the driver cannot reach the ledger
     */
    public static Summary run(JavaSparkContext sc, List<String> files, Options o) throws DrpException {
        long t0 = System.nanoTime();
        String app = sc.sc().applicationId();
        try (Ledger ledger = JdbcLedger.open(o.ledgerUrl())) {
            // claims of this host's dead processes (IngestService's own rule), and of earlier Spark applications
            new IngestService(ledger, o.context(), null).recover();
            ledger.recoverAbandoned(w -> w == null || !w.startsWith(WORKER_PREFIX)
                    || w.startsWith(WORKER_PREFIX + app + ":"), Instant.now());
        }
        long queued = 0;
        if (!files.isEmpty()) {
            int parts = Math.min(Math.max(1, o.lanes()), files.size());
            queued = sc.parallelize(files, parts).mapPartitions((Iterator<String> it) -> {
                List<Long> created = new ArrayList<>();
                try (Ledger ledger = JdbcLedger.open(o.ledgerUrl())) {
                    IngestService s = new IngestService(ledger, o.context(), null);
                    long n = 0;
                    while (it.hasNext()) {
                        n += s.enqueue(Path.of(it.next())).created() ? 1 : 0;
                    }
                    created.add(n);
                }
                return created.iterator();
            }).collect().stream().mapToLong(Long::longValue).sum();
        }
        List<Integer> lanes = IntStream.range(0, o.lanes()).boxed().toList();
        List<Ingested> done = sc.parallelize(lanes, o.lanes()).mapPartitions((Iterator<Integer> it) -> {
            List<Ingested> out = new ArrayList<>();
            TaskContext tc = TaskContext.get();
            int attempt = tc == null ? 0 : tc.attemptNumber();
            while (it.hasNext()) {
                String lane = WORKER_PREFIX + app + ":lane" + it.next() + ":";
                String worker = lane + "attempt" + attempt;
                try (Ledger ledger = JdbcLedger.open(o.ledgerUrl())) {
                    if (attempt > 0) {
                        // this lane's earlier attempt died: the row it held goes back to the queue
                        ledger.recoverAbandoned(w -> w == null || !w.startsWith(lane), Instant.now());
                    }
                    IngestService s = new IngestService(ledger, o.context(), null);
                    int finished = 0;
                    o.fault().at(ledger, worker, finished, attempt);
                    while (true) {
                        Optional<IngestService.Finished> f = s.processNext(worker, () -> false);
                        if (f.isEmpty()) {
                            break;
                        }
                        IngestService.Finished x = f.get();
                        out.add(new Ingested(x.result() == null ? "" : x.result().file().toString(), x.status(),
                                x.result() == null || x.result().code() == null ? "" : x.result().code(),
                                x.result() == null || x.result().koaid() == null ? "" : x.result().koaid(), worker));
                        o.fault().at(ledger, worker, ++finished, attempt);
                    }
                }
            }
            return out.iterator();
        }).collect();
        return new Summary(queued, List.copyOf(done), (System.nanoTime() - t0) / 1e9);
    }
}
