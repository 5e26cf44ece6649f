package org.drpkit.archive;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.drpkit.archive.ledger.HeadersTable;
import org.drpkit.archive.ledger.JdbcLedger;
import org.drpkit.archive.ledger.KoapiSend;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.status.Severity;
import org.drpkit.core.status.StatusEvent;
import org.drpkit.fits.FitsHeaders;

/**
 * The archive's bookkeeping after a file is processed, its non-critical steps 22 and 24 (koa-dep section 1.5):
 * <ol>
 * <li>{@link #storeHeader}: the archived FITS file's primary header, read back from the product, as JSON
 * ({@link HeadersJson}) into the {@code headers} table ({@link HeadersTable}: inserted, or updated on a
 * reprocess);</li>
 * <li>{@link #notifyPi}: for a file whose program is known (SEMID {@code SEM_PROG}, programs NONE, NULL and ENG
 * skipped), the {@code koapi_send} rule ({@link KoapiSend}) for its instrument and UT date; when a row was inserted or
 * extended, the {@link PiNotifier} is told.</li>
 * </ol>
 * Each returns the events to add to the file's row; a failure is a WARN event ({@link RecordsCode}) and never
 * changes the file's state. The service runs them when its {@link IngestContext} has one
 * ({@link IngestContext.Builder#records}). Thread-safe.
 *
 * <pre>{@code
 * JdbcLedger ledger = JdbcLedger.open("jdbc:h2:file:/koadata/ledger");
 * IngestContext ctx = IngestContext.builder(root)
 *         .records(ArchiveRecords.on(ledger, PiNotifier.recorder(root.resolve("koapi_send.jsonl")))).build();
 * }</pre>
 */
public final class ArchiveRecords {

    /** Programs that are never announced to a PI (the archive's step 24). */
    public static final Set<String> SKIPPED_PROGRAMS = Set.of("NONE", "NULL", "ENG");

    private final HeadersTable headers;
    private final KoapiSend koapi;
    private final PiNotifier notifier;

    private ArchiveRecords(HeadersTable headers, KoapiSend koapi, PiNotifier notifier) {
        this.headers = Objects.requireNonNull(headers, "headers");
        this.koapi = Objects.requireNonNull(koapi, "koapi");
        this.notifier = Objects.requireNonNull(notifier, "notifier");
    }

    /**
     * @param ledger   the ledger whose database holds the {@code headers} and {@code koapi_send} tables
     * @param notifier where changes of {@code koapi_send} are announced
     * @return the bookkeeping on that database
     */
    public static ArchiveRecords on(JdbcLedger ledger, PiNotifier notifier) {
        return new ArchiveRecords(HeadersTable.of(ledger), KoapiSend.of(ledger), notifier);
    }

    /** @return the headers table */
    public HeadersTable headers() {
        return headers;
    }

    /** @return the PI-notification table */
    public KoapiSend koapiSend() {
        return koapi;
    }

    /**
     * Step 22: stores the archived file's primary header.
     *
     * @param r   a PROCESSED run (its products hold {@code KOAID.fits})
     * @param now the time of the events and of the row
     * @return one INFO event ({@link RecordsCode#HEADERS_TABLE}), or one WARN ({@link RecordsCode#HEADERS_DB_ERROR})
     */
    public List<StatusEvent> storeHeader(IngestResult r, Instant now) {
        if (r.koaid() == null) {
            return List.of();
        }
        Path fits = product(r);
        if (fits == null) {
            return List.of(event(now, Severity.WARN, RecordsCode.HEADERS_DB_ERROR, "headers",
                    "no " + r.koaid() + ".fits among the products: nothing stored in headers"));
        }
        try {
            HeadersJson j = HeadersJson.of(FitsHeaders.readPrimary(fits));
            HeadersTable.Write w = headers.put(r.koaid(), j.json(), now);
            return List.of(event(now, Severity.INFO, RecordsCode.HEADERS_TABLE, "headers",
                    (w == HeadersTable.Write.INSERTED ? "stored " : "replaced (reprocess) ") + j));
        } catch (DrpException | RuntimeException e) {
            return List.of(event(now, Severity.WARN, RecordsCode.HEADERS_DB_ERROR, "headers",
                    "the header of " + fits.getFileName() + " was not stored: " + e.getMessage()));
        }
    }

    /**
     * Step 24: the {@code koapi_send} rule for the file's program, instrument and UT date, then the notifier when a
     * row was inserted or extended.
     *
     * @param r   a run that ended well (PROCESSED, TRANSFERRED or COMPLETE)
     * @param now the present (the rule's age limit, the events' time)
     * @return the events: none for a skipped program, else an INFO {@link RecordsCode#KOAPI_SEND} with what was done,
     *         and WARN events for what failed
     */
    public List<StatusEvent> notifyPi(IngestResult r, Instant now) {
        String semid = r.semid();
        if (semid == null || r.utDateTime() == null || r.instrument() == null || skipped(semid)) {
            return List.of();
        }
        String instrument = r.instrument().toUpperCase(Locale.ROOT);
        KoapiSend.Change c;
        try {
            c = koapi.record(semid, instrument, r.utDateTime().toLocalDate(), now);
        } catch (DrpException | RuntimeException e) {
            return List.of(event(now, Severity.WARN, RecordsCode.KOAPI_SEND_ERROR, "koapi_send", e.getMessage()));
        }
        StatusEvent done = event(now, Severity.INFO, RecordsCode.KOAPI_SEND, "koapi_send", c.toString());
        if (!c.changed()) {
            return List.of(done);
        }
        PiNotifier.Notice n = new PiNotifier.Notice(semid, instrument, c.row().begin(), c.row().end(), c.action(), now);
        try {
            String where = notifier.send(n);
            return List.of(done, event(now, Severity.INFO, RecordsCode.KOAPI_SEND, "koapi_send", n + ": " + where));
        } catch (DrpException | RuntimeException e) {
            return List.of(done, event(now, Severity.WARN, RecordsCode.PI_NOTIFY_ERROR, "koapi_send",
                    n + ": " + e.getMessage()));
        }
    }

    /** @return true when {@code semid}'s program is NONE, NULL or ENG, or it has no {@code SEM_PROG} form */
    public static boolean skipped(String semid) {
        int u = semid.indexOf('_');
        if (u <= 0 || u == semid.length() - 1) {
            return true;
        }
        return SKIPPED_PROGRAMS.contains(semid.substring(u + 1).toUpperCase(Locale.ROOT));
    }

    private static Path product(IngestResult r) {
        for (Path p : r.products()) {
            if (p.getFileName().toString().equals(r.koaid() + ".fits")) {
                return p;
            }
        }
        return null;
    }

    private static StatusEvent event(Instant now, Severity s, RecordsCode code, String step, String text) {
        return new StatusEvent(now, s, code.name(), step, text);
    }

    @Override
    public String toString() {
        return "ArchiveRecords[" + headers + ", " + koapi + ", " + notifier + "]";
    }
}
