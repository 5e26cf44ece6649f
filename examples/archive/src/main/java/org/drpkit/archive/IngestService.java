package org.drpkit.archive;

import com.google.common.base.Throwables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.drpkit.archive.ledger.ArchiveAttributes;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.status.Ledger;
import org.drpkit.core.status.LedgerEvent;
import org.drpkit.core.status.LedgerFields;
import org.drpkit.core.status.LedgerRow;
import org.drpkit.core.status.ProcessingStatus;
import org.drpkit.core.status.Severity;
import org.drpkit.core.status.StatusEvent;
import org.drpkit.fits.checksum.Md5;

/**
 * Runs {@link Ingest} over a durable {@link Ledger}: queues files once per version (original path and MD5), lets any
 * number of workers claim them atomically, records each run's outcome, fields and events in one transaction, and sends
 * the products through an optional {@link Transfer} and {@link IngestApi} ({@link Delivery}). Every claimed row
 * ends in a final state: PROCESSED (or TRANSFERRED, or COMPLETE once the archive's ingest API accepts it), INVALID or
 * ERROR; a worker that is stopped between two steps puts its row back in the queue; anything
 * escaping a run ends the row ERROR {@code CODE_ERROR}. Only a process killed outright leaves rows PROCESSING, and
 * {@link #recover()} queues those again. Thread-safe.
 *
 * <pre>{@code
 * try (Ledger ledger = JdbcLedger.open("jdbc:h2:file:/koadata/ledger")) {
 *     IngestService s = new IngestService(ledger, IngestContext.builder(Path.of("/koadata")).build(), null);
 *     s.recover();
 *     s.enqueue(Path.of("/sdata/nirc2/n0051.fits"));
 *     s.drain(2, finished -> log.info("{}", finished), () -> false);   // log: an SLF4J Logger
 * }
 * }</pre>
 */
public final class IngestService {

    /** The instrument of a queued row until processing names it. */
    public static final String UNKNOWN = "UNKNOWN";

    private final Ledger ledger;
    private final IngestContext ctx;
    private final Transfer transfer;
    private final Delivery delivery;

    /**
     * @param transfer where products are sent after processing, or null to stop at PROCESSED
     */
    public IngestService(Ledger ledger, IngestContext context, Transfer transfer) {
        this(ledger, context, transfer, null);
    }

    /**
     * @param transfer where products are sent after processing, or null to stop at PROCESSED
     * @param api      the archive's ingest API called after each transfer (rows end COMPLETE when it accepts the
     *                 file), or null to stop at TRANSFERRED
     */
    public IngestService(Ledger ledger, IngestContext context, Transfer transfer, IngestApi api) {
        this.ledger = ledger;
        this.ctx = context;
        this.transfer = transfer;
        if (api != null && transfer == null) {
            throw new IllegalArgumentException("an ingest API needs a transfer");
        }
        this.delivery = transfer == null ? null : new Delivery(ledger, transfer, api, context.clock());
    }

    /**
     * A service that delivers every processed file: copied into the settings' destination (rsync semantics), then,
     * when they name an ingest API, announced to the archive.
     *
     * <pre>{@code
     * IngestService s = IngestService.delivering(ledger, ctx, DeliverySettings.to(Path.of("/archive")));
     * }</pre>
     *
     * @param delivery the destination, and the ingest API when it names one
     */
    public static IngestService delivering(Ledger ledger, IngestContext context, DeliverySettings delivery) {
        return new IngestService(ledger, context, delivery.transfer(), delivery.api());
    }

    /** @return the ledger */
    public Ledger ledger() {
        return ledger;
    }

    /** @return the context */
    public IngestContext context() {
        return ctx;
    }

    /**
     * The outcome of queueing a file.
     *
     * @param id      the ledger row
     * @param created false when this version of the file was already in the ledger (nothing queued)
     * @param file    the absolute path queued
     */
    public record Queued(long id, boolean created, Path file) {
    }

    /**
     * The outcome of one claimed row.
     *
     * @param id     the ledger row
     * @param status its state after the run (QUEUED when the worker was stopped)
     * @param result   the ingest result, or null when the run was stopped or failed outside the workflow
     * @param delivery what the transfer and the ingest API did, or null when the file was not delivered
     */
    public record Finished(long id, ProcessingStatus status, IngestResult result, Delivery.Outcome delivery) {
        /** An outcome without delivery. */
        public Finished(long id, ProcessingStatus status, IngestResult result) {
            this(id, status, result, null);
        }
    }

    /**
     * Queues a file unless the ledger already holds this version (same absolute path, same MD5): then nothing is
     * queued and the existing row gets an INFO event {@code DUPLICATE_FILE}. With a staging area
     * ({@link IngestContext#stage()}, the default) the file is first copied there, its MD5 computed while copying,
     * and the row records the copy ({@code STAGE_FILE}); processing and every reprocess read the copy. The same path
     * with other content is staged as {@code _ver2}, {@code _ver3}, ... and gets its own row; a copy of a version
     * already queued is removed again. The row's instrument is
     * {@link #UNKNOWN} until processing names it (reading headers at queue time would cost as much as an MD5). A file
     * whose MD5
     * cannot be computed (missing, unreadable) is queued anyway, unstaged, so that processing records why it fails.
     *
     * @throws DrpException {@code STAGE_ERROR} when the copy cannot be made (nothing is queued; queue it again
     *                      later), or the ledger's failure
     */
    public Queued enqueue(Path file) throws DrpException {
        Instant now = ctx.clock().instant();
        return record(prepare(file.toAbsolutePath().normalize(), now), now);
    }

    /**
     * Queues several files as {@link #enqueue} does, making their stage copies (or MD5s) on {@code threads} threads at
     * once; the ledger rows are then written in the order given. A file whose copy fails is not queued; the others
     * are, and the first failure is thrown at the end (the rest added to it as suppressed).
     *
     * <pre>{@code
     * List<IngestService.Queued> q = service.enqueueAll(List.of(Path.of("/sdata/n0051.fits"), Path.of("/sdata/n0052.fits")), 2);
     * }</pre>
     *
     * @param threads how many copies are made at once (1 .. 64)
     * @return the outcome of each file queued, in the order given
     * @throws DrpException the first {@code STAGE_ERROR}, after the other files are queued; or the ledger's failure
     */
    public List<Queued> enqueueAll(List<Path> files, int threads) throws DrpException {
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("threads must be 1 .. 64: " + threads);
        }
        Instant now = ctx.clock().instant();
        List<Path> abs = files.stream().map(f -> f.toAbsolutePath().normalize()).toList();
        List<Object> prepared = new ArrayList<>(java.util.Collections.nCopies(abs.size(), null));
        if (threads == 1 || abs.size() < 2) {
            for (int i = 0; i < abs.size(); i++) {
                try {
                    prepared.set(i, prepare(abs.get(i), now));
                } catch (DrpException e) {
                    prepared.set(i, e);
                }
            }
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, abs.size()), r -> {
                Thread t = new Thread(r, "ingest-stage");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<Prepared>> futures = new ArrayList<>();
                for (Path p : abs) {
                    futures.add(pool.submit(() -> prepare(p, now)));
                }
                for (int i = 0; i < futures.size(); i++) {
                    try {
                        prepared.set(i, futures.get(i).get());
                    } catch (ExecutionException e) {
                        if (e.getCause() instanceof DrpException d) {
                            prepared.set(i, d);
                        } else if (e.getCause() instanceof RuntimeException r) {
                            throw r;
                        } else {
                            throw new IllegalStateException(e.getCause());
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while staging", e);
                    }
                }
            } finally {
                pool.shutdown();
            }
        }
        List<Queued> out = new ArrayList<>();
        DrpException first = null;
        for (Object o : prepared) {
            if (o instanceof Prepared p) {
                out.add(record(p, now));
            } else {
                DrpException e = (DrpException) o;
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
        return out;
    }

    /** A file ready for its ledger row: its stage copy, or its MD5 (null when unreadable) and size. */
    private record Prepared(Path file, StageCopies.Staged staged, String md5, Long size) {
    }

    /** Makes the stage copy (or, without a staging area, the MD5): the part of queueing that reads the file. */
    private Prepared prepare(Path abs, Instant now) throws DrpException {
        if (ctx.stage() != null && Files.isRegularFile(abs) && Files.isReadable(abs)) {
            return new Prepared(abs, StageCopies.stage(abs, ctx.stage(), LocalDate.ofInstant(now, ZoneOffset.UTC),
                    ctx.options().fsync()), null, null);
        }
        try {
            long size = Files.size(abs);
            return new Prepared(abs, null, Files.isRegularFile(abs) ? Md5.hex(abs) : null, size);
        } catch (IOException | DrpException e) {
            return new Prepared(abs, null, null, null);
        }
    }

    /** Writes the ledger row of a prepared file. */
    private Queued record(Prepared p, Instant now) throws DrpException {
        Path abs = p.file();
        String instrument = UNKNOWN;
        StageCopies.Staged st = p.staged();
        if (st != null) {
            Ledger.Enqueued e;
            try {
                e = ledger.enqueueUnique(0, instrument, abs.toString(), st.md5(), st.size(),
                        LedgerFields.none().with(ArchiveAttributes.STAGE_FILE, st.path().toString()), now);
            } catch (DrpException | RuntimeException failed) {
                if (st.created()) {
                    deleteQuietly(st.path(), failed);
                }
                throw failed;
            }
            if (e.created()) {
                ledger.appendEvent(e.id(), Severity.INFO, IngestCode.STAGED.name(), "queue", "staged as " + st, now);
            } else {
                if (st.created()) {
                    deleteQuietly(st.path(), null); // this version is staged already, under its row's name
                }
                duplicate(e.id(), now);
            }
            return new Queued(e.id(), e.created(), abs);
        }
        if (p.md5() == null) {
            return new Queued(ledger.enqueue(0, instrument, abs.toString(), null, p.size(), now), true, abs);
        }
        Ledger.Enqueued e = ledger.enqueueUnique(0, instrument, abs.toString(), p.md5(), p.size(), now);
        if (!e.created()) {
            duplicate(e.id(), now);
        }
        return new Queued(e.id(), e.created(), abs);
    }

    private void duplicate(long id, Instant now) throws DrpException {
        ledger.appendEvent(id, Severity.INFO, IngestCode.DUPLICATE_FILE.name(), "queue",
                "queued again with the same path and content: skipped", now);
    }

    private static void deleteQuietly(Path p, Throwable cause) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            if (cause != null) {
                cause.addSuppressed(e);
            }
            // otherwise an unreferenced stage copy stays; the watchdog reports it
        }
    }

    /**
     * Queues rows whose worker process died (killed mid-run) again; their unfinished products are never published
     * as final and are replaced when the row is processed.
     *
     * @return the number of rows recovered
     */
    public int recover() throws DrpException {
        return ledger.recoverAbandoned(Workers::isAlive, ctx.clock().instant());
    }

    /**
     * Claims the oldest queued row and ingests it.
     *
     * @param worker    the claiming worker's name ({@link Workers#name(int)})
     * @param cancelled polled between steps; when it turns true the row is released to QUEUED
     * @return the outcome, or empty when nothing is queued
     * @throws DrpException when the ledger fails (the row is then left to {@link #recover()})
     */
    public Optional<Finished> processNext(String worker, BooleanSupplier cancelled) throws DrpException {
        return processNext(worker, cancelled, null);
    }

    /**
     * Claims the oldest queued row and ingests it once {@code budget} admits its file (waiting for other files to
     * finish when their memory needs leave no room): the monitor's resource-aware throttling.
     *
     * <pre>{@code
     * service.processNext(Workers.name(1), () -> false, MemoryBudget.ofHeap(0.5));
     * }</pre>
     *
     * @param budget the memory budget the file must fit in, or null for none
     * @return the outcome (QUEUED when {@code cancelled} turned true while waiting or between steps), or empty when
     *         nothing is queued
     * @throws DrpException when the ledger fails (the row is then left to {@link #recover()})
     */
    public Optional<Finished> processNext(String worker, BooleanSupplier cancelled, MemoryBudget budget)
            throws DrpException {
        Optional<LedgerRow> claimed = ledger.claimNext(null, worker, ctx.clock().instant());
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        LedgerRow row = claimed.get();
        MemoryBudget.Lease lease = null;
        if (budget != null) {
            try {
                lease = budget.acquire(row.fileSize() == null ? 0 : row.fileSize(), cancelled);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (lease == null) {
                ledger.transition(row.id(), ProcessingStatus.PROCESSING, ProcessingStatus.QUEUED, LedgerFields.none(),
                        List.of(event(Severity.INFO, IngestCode.RELEASED, "worker " + worker
                                + " stopped while waiting for memory (" + budget + ")")), ctx.clock().instant());
                return Optional.of(new Finished(row.id(), ProcessingStatus.QUEUED, null));
            }
        }
        try (MemoryBudget.Lease held = lease) {
            return run(worker, cancelled, row);
        }
    }

    private Optional<Finished> run(String worker, BooleanSupplier cancelled, LedgerRow row) throws DrpException {
        try {
            if (row.level() > 0) { // pipeline products, or a frame's level-1 run (LevelSteps)
                try {
                    return Optional.of(finish(row, null, LevelSteps.run(row, ledger, ctx, cancelled)));
                } catch (IngestCancelled c) {
                    ledger.transition(row.id(), ProcessingStatus.PROCESSING, ProcessingStatus.QUEUED,
                            LedgerFields.none(), List.of(event(Severity.INFO, IngestCode.RELEASED, "worker " + worker
                                    + " stopped")), ctx.clock().instant());
                    return Optional.of(new Finished(row.id(), ProcessingStatus.QUEUED, null));
                }
            }
            IngestResult r;
            String staged = row.attribute(ArchiveAttributes.STAGE_FILE);
            IngestRequest req = new IngestRequest(staged != null ? Path.of(staged) : Path.of(row.ofname()),
                    Path.of(row.ofname()), row.fileMd5(), new LedgerClaims(ledger, row, ctx.clock()), row.instrument(),
                    row.attempt(), history(row), cancelled);
            try {
                r = Ingest.run(req, ctx);
            } catch (IngestCancelled c) {
                ledger.transition(row.id(), ProcessingStatus.PROCESSING, ProcessingStatus.QUEUED, LedgerFields.none(),
                        List.of(event(Severity.INFO, IngestCode.RELEASED, "worker " + worker + " stopped")),
                        ctx.clock().instant());
                return Optional.of(new Finished(row.id(), ProcessingStatus.QUEUED, null));
            }
            Finished done = finish(row, req, r);
            FrameFollowUps.after(this, row, done);
            return Optional.of(done);
        } catch (RuntimeException | Error | DrpException t) {
            markError(row, t);
            throw t;
        }
    }

    /**
     * Ingests queued files with {@code workers} threads until the queue is empty or {@code stop} turns true. Each
     * file starts when a {@link MemoryBudget} of half the heap admits it, as in the monitor.
     *
     * @param onEach called with every outcome, on the worker's thread
     * @return every outcome, in completion order
     * @throws DrpException the first ledger failure of any worker (the others finish their current file)
     */
    public List<Finished> drain(int workers, Consumer<Finished> onEach, BooleanSupplier stop) throws DrpException {
        MemoryBudget budget = MemoryBudget.ofHeap(Monitor.Options.DEFAULT_MEMORY); // as the monitor's workers
        List<Finished> all = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "ingest-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 1; w <= workers; w++) {
                String name = Workers.name(w);
                running.add(pool.submit(() -> {
                    while (!stop.getAsBoolean()) {
                        Optional<Finished> f = processNext(name, stop, budget);
                        if (f.isEmpty()) {
                            return null;
                        }
                        all.add(f.get());
                        onEach.accept(f.get());
                    }
                    return null;
                }));
            }
            DrpException first = null;
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof DrpException d) {
                        first = first == null ? d : first;
                    } else if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    } else {
                        throw new IllegalStateException(e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (first != null) {
                throw first;
            }
            return new ArrayList<>(all);
        } finally {
            pool.shutdown();
        }
    }

    // ------------------------------------------------------------------------------------------------- internals

    private Finished finish(LedgerRow row, IngestRequest req, IngestResult r) throws DrpException {
        Instant now = ctx.clock().instant();
        LedgerFields f = fields(r);
        if (r.status() == ProcessingStatus.INVALID) {
            return new Finished(row.id(), rejected(row, req, r, f, now), r);
        }
        if (r.status() != ProcessingStatus.PROCESSED) {
            ledger.transition(row.id(), ProcessingStatus.PROCESSING, r.status(), f.statusCode(r.code()), r.events(),
                    now);
            return new Finished(row.id(), r.status(), r);
        }
        List<StatusEvent> events = r.events();
        if (ctx.records() != null) { // step 22, the headers table
            events = new ArrayList<>(events);
            events.addAll(ctx.records().storeHeader(r, now));
        }
        if (transfer == null) {
            ledger.transition(row.id(), ProcessingStatus.PROCESSING, ProcessingStatus.PROCESSED, f, events, now);
            piNotification(row, r, ProcessingStatus.PROCESSED);
            return new Finished(row.id(), ProcessingStatus.PROCESSED, r);
        }
        Delivery.Outcome o = delivery.deliver(row, ProcessingStatus.PROCESSING, r.koaid(), r.instrument(),
                r.processDir(), f, events);
        piNotification(row, r, o.status());
        return new Finished(row.id(), o.status(), r, o);
    }

    /** Step 24, the PI notification, for a file that ended well; its events are added to the row. */
    private void piNotification(LedgerRow row, IngestResult r, ProcessingStatus status) throws DrpException {
        if (ctx.records() != null && (status == ProcessingStatus.PROCESSED || status == ProcessingStatus.TRANSFERRED
                || status == ProcessingStatus.COMPLETE)) {
            List<StatusEvent> events = ctx.records().notifyPi(r, ctx.clock().instant());
            if (!events.isEmpty()) {
                ledger.appendEvents(row.id(), events);
            }
        }
    }

    /**
     * Ends an INVALID row: copies the file read and its log to {@code anc/udf/ROW/}, records the copy, then delivers
     * both when the rejected-delivery rule asks. A failure of either is a WARN event; the row stays INVALID.
     */
    private ProcessingStatus rejected(LedgerRow row, IngestRequest req, IngestResult r, LedgerFields f, Instant now)
            throws DrpException {
        List<StatusEvent> events = new ArrayList<>(r.events());
        List<Path> copies = List.of();
        if (!IngestCode.INSTRUMENT_DISABLED.name().equals(r.code())) { // switched off: not the archive's to keep
            try {
                copies = RejectedFiles.keep(ctx.anc(), row.id(), req, r);
                f = f.with(ArchiveAttributes.ANC_FILE, copies.get(0).toString());
                events.add(event(Severity.INFO, IngestCode.REJECTED_COPIED, "kept as " + copies.get(0)
                        + " with its log"));
            } catch (DrpException e) {
                events.add(event(Severity.WARN, IngestCode.ANC_ERROR, e.getMessage()));
            }
        }
        ledger.transition(row.id(), ProcessingStatus.PROCESSING, ProcessingStatus.INVALID, f.statusCode(r.code()),
                events, now);
        String instr = r.instrument() != null ? r.instrument() : row.instrument();
        if (!copies.isEmpty() && transfer != null && ctx.rejectedDelivery(instr).delivers(r.code())) {
            try {
                transfer.sendRejected(new Transfer.Rejected(row.id(), instr, r.code(), copies));
                ledger.appendEvent(row.id(), Severity.INFO, IngestCode.REJECTED_DELIVERED.name(), "service",
                        "sent with " + transfer + " (" + ctx.rejectedDelivery(instr) + ")", ctx.clock().instant());
            } catch (DrpException | RuntimeException e) {
                ledger.appendEvent(row.id(), Severity.WARN, IngestCode.TRANSFER_ERROR.name(), "service",
                        "delivering the rejected file: " + e, ctx.clock().instant());
            }
        }
        return ProcessingStatus.INVALID;
    }

    private static LedgerFields fields(IngestResult r) {
        LedgerFields f = LedgerFields.none();
        if (r.instrument() != null) {
            f = f.instrument(r.instrument());
        }
        if (r.utDateTime() != null) {
            f = f.observed(r.utDateTime());
        }
        if (r.koaimtyp() != null) {
            f = f.with(ArchiveAttributes.IMAGE_TYPE, r.koaimtyp());
        }
        if (r.semid() != null) {
            f = f.with(ArchiveAttributes.PROGRAM, r.semid());
        }
        if (r.propint() != null) {
            f = f.with(ArchiveAttributes.PROPRIETARY_MONTHS, r.propint());
        }
        if (r.processDir() != null) {
            f = f.with(ArchiveAttributes.PROCESS_DIR, r.processDir().toString());
        }
        if (r.filesizeMb() != null) {
            f = f.with(ArchiveAttributes.FILE_SIZE_MB, r.filesizeMb());
        }
        if (r.archsizeMb() != null) {
            f = f.with(ArchiveAttributes.ARCHIVE_SIZE_MB, r.archsizeMb());
        }
        if (r.keywordTable() != null) {
            f = f.with(ArchiveAttributes.KEYWORD_TABLE, r.keywordTable());
        }
        return f;
    }

    /** The row's earlier events, for the head of the new log. */
    private List<String> history(LedgerRow row) throws DrpException {
        List<String> out = new ArrayList<>();
        for (LedgerEvent e : ledger.eventsOf(row.id())) {
            out.add("# earlier, attempt " + e.attempt() + ": " + e.time() + " " + e.severity() + " " + e.code() + " ["
                    + e.step() + "] " + e.text().replace('\n', ' '));
        }
        return out;
    }

    /** Ends a row that something escaped from in ERROR CODE_ERROR, when the ledger still answers. */
    private void markError(LedgerRow row, Throwable t) {
        try {
            Optional<LedgerRow> now = ledger.row(row.id());
            if (now.isPresent() && now.get().status() == ProcessingStatus.PROCESSING) {
                ledger.transition(row.id(), ProcessingStatus.PROCESSING, ProcessingStatus.ERROR,
                        LedgerFields.none().statusCode(IngestCode.CODE_ERROR.name()),
                        List.of(event(Severity.ERROR, IngestCode.CODE_ERROR, Throwables.getStackTraceAsString(t))),
                        ctx.clock().instant());
            }
        } catch (DrpException e) {
            t.addSuppressed(e); // the ledger is down: the row stays PROCESSING until recover() finds its worker dead
        }
    }

    private StatusEvent event(Severity s, IngestCode code, String text) {
        return new StatusEvent(ctx.clock().instant(), s, code.name(), "service", text);
    }
}
