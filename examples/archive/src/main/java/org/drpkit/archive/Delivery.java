package org.drpkit.archive;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.drpkit.archive.ledger.ArchiveAttributes;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.id.ArchiveId;
import org.drpkit.core.status.Ledger;
import org.drpkit.core.status.LedgerFields;
import org.drpkit.core.status.LedgerQuery;
import org.drpkit.core.status.LedgerRow;
import org.drpkit.core.status.ProcessingStatus;
import org.drpkit.core.status.Severity;
import org.drpkit.core.status.StatusEvent;
import org.drpkit.fits.table.Md5SumTable;

/**
 * Delivers processed files to the archive and records each step in the ledger (the Keck archive's
 * {@code transfer_ipac}, koa-dep section 7.4): the row moves to TRANSFERRING, the products listed by the md5sum
 * table and the table itself are synchronised with the destination ({@link Transfer#sync}: only changed files,
 * each verified by MD5), the night's {@code xfr.table} records what was sent, and the row moves to TRANSFERRED; then,
 * when an {@link IngestApi} is configured, the archive is called and the row moves to COMPLETE only when it answers
 * {@code APIStatus COMPLETE}. A failed copy ends the row ERROR {@code TRANSFER_ERROR}; an API that refuses, answers
 * nonsense or cannot be reached after its retries ends it ERROR {@code IPAC_NOTIFY_ERROR}, with the answer in an
 * event. Either can be sent again ({@link #resend}): the copy then sends only what the destination lacks. Nothing is
 * COMPLETE without the archive's answer. Thread-safe when its transfer is.
 *
 * <pre>{@code
 * DeliverySettings s = DeliverySettings.to(Path.of("/archive")).withApi(url, System.getenv(DeliverySettings.API_KEY_ENV));
 * Delivery d = new Delivery(ledger, s.transfer(), s.api(), Clock.systemUTC());
 * for (Delivery.Outcome o : d.resend(LedgerQuery.all(), true)) log.info("{}", o);   // log: an SLF4J Logger
 * }</pre>
 */
public final class Delivery {

    /** The status codes of an ERROR row that {@link #resend} with {@code retryFailed} sends again. */
    public static final Set<String> RETRYABLE = Set.of(IngestCode.TRANSFER_ERROR.name(), "TRANSFER_INTERRUPTED",
            IngestCode.IPAC_NOTIFY_ERROR.name());

    private static final String STEP = "transfer";

    private final Ledger ledger;
    private final Transfer transfer;
    private final IngestApi api;
    private final Clock clock;

    /**
     * @param transfer how products are copied
     * @param api      the archive's ingest API, or null to stop at TRANSFERRED
     */
    public Delivery(Ledger ledger, Transfer transfer, IngestApi api, Clock clock) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.transfer = Objects.requireNonNull(transfer, "transfer");
        this.api = api;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * One row's delivery.
     *
     * @param row    the ledger row
     * @param koaid  its archive id (null when the row has none)
     * @param status its state afterwards (unchanged when the row could not be delivered at all)
     * @param files  what was sent (empty when the copy failed or did not run)
     * @param table  the night's transfer table that lists them, or null when none was written
     * @param answer the archive's answer, or null when the API was not called
     * @param error  why the row is not COMPLETE or TRANSFERRED, or null
     */
    public record Outcome(long row, String koaid, ProcessingStatus status, List<Transfer.FileSent> files, Path table,
            IngestApi.Answer answer, String error) {
        /** Copies the list. */
        public Outcome {
            files = List.copyOf(files);
        }

        /**
         * @return the status code the delivery left on an ERROR row ({@code IPAC_NOTIFY_ERROR} when the archive was
         *         called, else {@code TRANSFER_ERROR}), or null when the row is not ERROR
         */
        public String statusCode() {
            if (status != ProcessingStatus.ERROR) {
                return null;
            }
            return (answer != null ? IngestCode.IPAC_NOTIFY_ERROR : IngestCode.TRANSFER_ERROR).name();
        }

        /** @return files copied */
        public long sent() {
            return files.stream().filter(Transfer.FileSent::copied).count();
        }

        /** @return files the destination already held */
        public long unchanged() {
            return files.size() - sent();
        }

        @Override
        public String toString() {
            return "#" + row + " " + koaid + " " + status + (files.isEmpty() ? "" : ": " + sent() + " sent, "
                    + unchanged() + " unchanged") + (error != null ? ": " + error : answer != null ? ": " + answer : "");
        }
    }

    /**
     * Delivers a row just processed (PROCESSING) or sent before (PROCESSED, ERROR), committing {@code fields} and
     * {@code events} with its move to TRANSFERRING.
     *
     * @param row        the row (its archive id, instrument and attempt are used when not given here)
     * @param from       the row's state now
     * @param koaid      the archive id
     * @param instrument the instrument
     * @param processDir the product folder ({@code ROOT/INSTR/YYYYMMDD/lev0})
     * @throws DrpException when the ledger fails, or {@code LEDGER_CONFLICT} when the row is no longer in
     *                      {@code from}
     */
    public Outcome deliver(LedgerRow row, ProcessingStatus from, String koaid, String instrument, Path processDir,
            LedgerFields fields, List<StatusEvent> events) throws DrpException {
        Instant start = clock.instant();
        ledger.transition(row.id(), from, ProcessingStatus.TRANSFERRING,
                fields.with(ArchiveAttributes.TRANSFER_START, start).with(ArchiveAttributes.TRANSFER_END, null)
                        .statusCode(null), events, start);
        List<Transfer.FileSent> sent;
        try {
            List<Path> files = new ArrayList<>();
            Path table = processDir.resolve(koaid + ".md5sum.table");
            for (Md5SumTable.Entry e : Md5SumTable.read(table).entries()) {
                files.add(processDir.resolve(e.path()));
            }
            files.add(table);
            LocalDate date = ArchiveId.parse(koaid).date();
            sent = transfer.sync(new Transfer.Request(koaid, instrument, date, processDir, files, row.attempt() > 1,
                    row.level()));
        } catch (DrpException | RuntimeException e) {
            ledger.transition(row.id(), ProcessingStatus.TRANSFERRING, ProcessingStatus.ERROR,
                    LedgerFields.none().statusCode(IngestCode.TRANSFER_ERROR.name()),
                    List.of(event(Severity.ERROR, IngestCode.TRANSFER_ERROR, e.toString())), clock.instant());
            return new Outcome(row.id(), koaid, ProcessingStatus.ERROR, List.of(), null, null, e.toString());
        }
        Instant end = clock.instant();
        List<StatusEvent> done = new ArrayList<>();
        long copied = sent.stream().filter(Transfer.FileSent::copied).count();
        done.add(event(Severity.INFO, IngestCode.TRANSFERRED, "sent with " + transfer + ": " + copied + " of "
                + sent.size() + " files copied and verified by MD5, " + (sent.size() - copied) + " unchanged"));
        Path t = null;
        try {
            t = TransferTable.record(processDir.getParent(), koaid, sent, end);
            done.add(event(Severity.INFO, IngestCode.TRANSFERRED, "listed in " + t));
        } catch (DrpException e) {
            done.add(event(Severity.WARN, IngestCode.TRANSFER_TABLE_ERROR, e.getMessage()));
        }
        ledger.transition(row.id(), ProcessingStatus.TRANSFERRING, ProcessingStatus.TRANSFERRED,
                LedgerFields.none().with(ArchiveAttributes.TRANSFER_END, end), done, end);
        if (api == null) {
            return new Outcome(row.id(), koaid, ProcessingStatus.TRANSFERRED, sent, t, null, null);
        }
        return announce(row.id(), koaid, instrument, row.level(), row.attempt() > 1, sent, t);
    }

    /**
     * Calls the archive's ingest API for a TRANSFERRED row and moves it to COMPLETE when the archive accepts it,
     * else to ERROR {@code IPAC_NOTIFY_ERROR}; the answer is an event either way.
     *
     * @throws DrpException when the ledger fails, or {@code LEDGER_CONFLICT} when the row is no longer TRANSFERRED
     * @throws IllegalStateException when no API is configured
     */
    public Outcome announce(LedgerRow row) throws DrpException {
        return announce(row.id(), row.archiveId(), row.instrument(), row.level(), row.attempt() > 1, List.of(), null);
    }

    private Outcome announce(long id, String koaid, String instrument, int level, boolean reingest,
            List<Transfer.FileSent> sent, Path table) throws DrpException {
        if (api == null) {
            throw new IllegalStateException("no ingest API configured");
        }
        IngestApi.Call call = new IngestApi.Call(instrument, level, koaid, reingest);
        ledger.appendEvent(id, Severity.INFO, IngestCode.IPAC_NOTIFY.name(), STEP, "calling " + api.url(call),
                clock.instant());
        IngestApi.Answer a = api.notify(call);
        String detail = a + (a.failures().isEmpty() ? "" : " [" + String.join("; ", a.failures()) + "]");
        Instant now = clock.instant();
        if (a.complete()) {
            List<StatusEvent> ev = new ArrayList<>();
            if (!a.failures().isEmpty()) {
                ev.add(event(Severity.WARN, IngestCode.IPAC_NOTIFY_RETRY, String.join("; ", a.failures())));
            }
            ev.add(event(Severity.INFO, IngestCode.IPAC_NOTIFY, detail));
            ledger.transition(id, ProcessingStatus.TRANSFERRED, ProcessingStatus.COMPLETE, LedgerFields.none(), ev,
                    now);
            return new Outcome(id, koaid, ProcessingStatus.COMPLETE, sent, table, a, null);
        }
        ledger.transition(id, ProcessingStatus.TRANSFERRED, ProcessingStatus.ERROR,
                LedgerFields.none().statusCode(IngestCode.IPAC_NOTIFY_ERROR.name()),
                List.of(event(Severity.ERROR, IngestCode.IPAC_NOTIFY_ERROR, detail)), now);
        return new Outcome(id, koaid, ProcessingStatus.ERROR, sent, table, a, a.toString());
    }

    /**
     * Delivers the rows a query selects that are waiting for it: PROCESSED rows; with {@code retryFailed} also ERROR
     * rows whose code is in {@link #RETRYABLE}; and, when an API is configured, TRANSFERRED rows (announced only; their
     * copy is done). Other rows are left alone. Rows are taken one at a time, in id order; a row another process moved
     * meanwhile is skipped.
     *
     * @return one outcome per row delivered or announced
     * @throws DrpException when the ledger fails
     */
    public List<Outcome> resend(LedgerQuery query, boolean retryFailed) throws DrpException {
        List<Outcome> out = new ArrayList<>();
        for (LedgerRow r : ledger.find(query)) {
            boolean waiting = r.status() == ProcessingStatus.PROCESSED
                    || retryFailed && r.status() == ProcessingStatus.ERROR && RETRYABLE.contains(r.statusCode());
            try {
                if (waiting) {
                    String dir = r.attribute(ArchiveAttributes.PROCESS_DIR);
                    if (r.archiveId() == null || dir == null) {
                        out.add(new Outcome(r.id(), r.archiveId(), r.status(), List.of(), null, null,
                                "the row records no archive id or product folder: reprocess it"));
                        continue;
                    }
                    ledger.appendEvent(r.id(), Severity.INFO, IngestCode.TRANSFER_RETRY.name(), STEP,
                            "sent again from " + r.status() + (r.statusCode() != null ? " (" + r.statusCode() + ")"
                                    : ""), clock.instant());
                    // this process now owns the row: recovery by others must not take a live delivery for a dead one
                    out.add(deliver(r, r.status(), r.archiveId(), r.instrument(), Path.of(dir),
                            LedgerFields.none().worker(Workers.name(0)), List.of()));
                } else if (api != null && r.status() == ProcessingStatus.TRANSFERRED && r.archiveId() != null) {
                    out.add(announce(r));
                }
            } catch (DrpException e) {
                if (e.code() != org.drpkit.core.error.CoreErrorCode.LEDGER_CONFLICT) {
                    throw e;
                }
                // another process moved the row first: it is theirs
            }
        }
        return out;
    }

    /**
     * @return true when the row's products are complete on the local disk: PROCESSED, TRANSFERRED, COMPLETE, or an
     *         ERROR that only a delivery left ({@link #RETRYABLE})
     */
    static boolean holdsProducts(LedgerRow r) {
        return r.status() == ProcessingStatus.PROCESSED || r.status() == ProcessingStatus.TRANSFERRED
                || r.status() == ProcessingStatus.COMPLETE
                || r.status() == ProcessingStatus.ERROR && RETRYABLE.contains(r.statusCode());
    }

    private StatusEvent event(Severity s, IngestCode code, String text) {
        return new StatusEvent(clock.instant(), s, code.name(), STEP, text);
    }

    @Override
    public String toString() {
        return "Delivery[" + transfer + (api != null ? ", " + api : ", no ingest API") + "]";
    }
}
