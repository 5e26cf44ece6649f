package org.drpkit.core.status;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.drpkit.core.error.DrpException;

/**
 * The durable record of every file's processing, for any pipeline: one status row per (file version, level) with a
 * state, an archive id as text and the pipeline's own typed attributes, a history of earlier attempts, and an event
 * log. Any number of workers may share one ledger: {@link #claimNext} hands each QUEUED row
 * to exactly one of them, and every state change is a single transaction that succeeds only from the expected
 * state.
 *
 * <pre>{@code
 * try (Ledger ledger = JdbcLedger.open("jdbc:h2:file:/data/out/ledger")) {   // drpkit-archive's implementation
 *     long id = ledger.enqueue(0, "NIRC2", "/sdata/n0051.fits", null, null, Instant.now());
 *     LedgerRow row = ledger.claimNext(null, "host:1234", Instant.now()).orElseThrow();
 *     ledger.appendEvent(row.id(), Severity.WARN, "IMAGE_TYPE_UNDEFINED", "imageType", "no rule matched",
 *             Instant.now());
 *     ledger.transition(row.id(), ProcessingStatus.PROCESSING, ProcessingStatus.PROCESSED,
 *             LedgerFields.none().archiveId("N2.20170725.37273.00"), Instant.now());
 * }
 * }</pre>
 *
 * <p>Method names say whether a call writes ({@code enqueue}, {@code transition}, {@code update}, {@code append*},
 * {@code reserve*}, {@code requeue}, {@code recover*}) or reads ({@code row}, {@code find}, {@code eventsOf},
 * {@code findEvents}, {@code counts}). Every method throws {@link DrpException} with {@code LEDGER_UNAVAILABLE} when the database fails.
 */
public interface Ledger extends AutoCloseable {

    /**
     * Queues a file (state QUEUED, attempt 1).
     *
     * @param md5  MD5 of the file (hex), or null
     * @param size size in bytes, or null
     * @return the new row id
     */
    long enqueue(int level, String instrument, String ofname, String md5, Long size, Instant now) throws DrpException;

    /**
     * Queues one version of a file unless the ledger already holds it: the pair (original path, MD5) identifies a
     * version, and a unique index makes the check atomic even for concurrent queuers in several processes.
     *
     * @param md5 MD5 of the file (hex), required
     * @return the new row ({@code created}), or the row that already holds this path and content
     */
    Enqueued enqueueUnique(int level, String instrument, String ofname, String md5, Long size, Instant now)
            throws DrpException;

    /**
     * As {@link #enqueueUnique(int, String, String, String, Long, Instant)}, recording {@code fields} on a created row
     * (e.g. where a copy of the file was kept) so that no worker can claim the row before they are set. An
     * implementation should insert row and fields in one transaction; this default queues, then updates the row
     * while it is still QUEUED.
     *
     * @param fields values for the new row (ignored when the file was already in the ledger)
     */
    default Enqueued enqueueUnique(int level, String instrument, String ofname, String md5, Long size,
            LedgerFields fields, Instant now) throws DrpException {
        Enqueued e = enqueueUnique(level, instrument, ofname, md5, size, now);
        if (e.created() && !fields.isEmpty()) {
            update(e.id(), ProcessingStatus.QUEUED, fields, now);
        }
        return e;
    }

    /**
     * The outcome of {@link #enqueueUnique}.
     *
     * @param id      the row holding the file
     * @param created true when the row was created by this call, false when the file was already in the ledger
     */
    record Enqueued(long id, boolean created) {
    }

    /**
     * Atomically claims the oldest QUEUED row (optionally of one instrument) for {@code worker}: it moves to
     * PROCESSING with the worker and start time recorded. Concurrent callers never receive the same row.
     *
     * @param instrument only this instrument, or null for any
     * @return the claimed row, or empty when nothing is queued
     */
    Optional<LedgerRow> claimNext(String instrument, String worker, Instant now) throws DrpException;

    /**
     * Moves a row from {@code from} to {@code to} and records {@code fields}, in one transaction. Reaching a final
     * state sets the end time.
     *
     * @throws DrpException {@code STATUS_ILLEGAL_TRANSITION} when the table forbids the move, {@code LEDGER_CONFLICT}
     *                      when the row is not in {@code from}
     */
    void transition(long id, ProcessingStatus from, ProcessingStatus to, LedgerFields fields, Instant now)
            throws DrpException;

    /**
     * As {@link #transition(long, ProcessingStatus, ProcessingStatus, LedgerFields, Instant)}, appending
     * {@code events} to the row's current attempt in the same transaction: the final state and the events that decided
     * it are committed together or not at all.
     *
     * @throws DrpException as the plain transition
     */
    void transition(long id, ProcessingStatus from, ProcessingStatus to, LedgerFields fields, List<StatusEvent> events,
            Instant now) throws DrpException;

    /**
     * Records an archive id on a PROCESSING row unless another row of the same level holds it (the ledger's unique
     * index on level and archive id decides, so concurrent workers never share an id). A row that already holds the
     * id keeps it.
     *
     * @param archiveId the archive id (text, e.g. without a file extension)
     * @return true when the row now holds the id, false when another row holds it
     * @throws DrpException {@code LEDGER_CONFLICT} when the row is not PROCESSING
     */
    boolean reserveArchiveId(long id, String archiveId, Instant now) throws DrpException;

    /**
     * Records fields without changing the state, provided the row is still in {@code expected}.
     *
     * @throws DrpException {@code LEDGER_CONFLICT} when the row is not in {@code expected}
     */
    void update(long id, ProcessingStatus expected, LedgerFields fields, Instant now) throws DrpException;

    /** Appends an event to a row's history (for its current attempt). */
    void appendEvent(long id, Severity severity, String code, String step, String text, Instant now)
            throws DrpException;

    /** Appends events to a row's current attempt, in one transaction. */
    void appendEvents(long id, List<StatusEvent> events) throws DrpException;

    /** @return the events of every row matching a query, by row then age (for reports) */
    List<LedgerEvent> findEvents(LedgerQuery query) throws DrpException;

    /** @return the events of a row, oldest first, all attempts */
    List<LedgerEvent> eventsOf(long id) throws DrpException;

    /** @return the row with this id */
    Optional<LedgerRow> row(long id) throws DrpException;

    /** @return the rows matching a query, by id */
    List<LedgerRow> find(LedgerQuery query) throws DrpException;

    /**
     * Queues the matching rows again for reprocessing: each row in a final state is copied to the history, its
     * per-attempt fields are cleared, its attempt number is incremented and it returns to QUEUED. Rows in
     * non-final states are left alone.
     *
     * @return the number of rows queued again
     */
    int requeue(LedgerQuery query, Instant now) throws DrpException;

    /**
     * Recovers rows whose worker died: PROCESSING rows of workers for which {@code alive} is false go back to
     * QUEUED (their partial outputs were never published, since outputs are written atomically), and interrupted
     * TRANSFERRING rows end ERROR with code {@code TRANSFER_INTERRUPTED}. Each recovery is logged as an event.
     *
     * @return the number of rows recovered
     */
    int recoverAbandoned(Predicate<String> alive, Instant now) throws DrpException;

    /** @return the number of rows per (instrument, state, status code) */
    List<StatusCount> counts() throws DrpException;

    /**
     * One line of {@link #counts()}.
     *
     * @param instrument the instrument
     * @param status     the state
     * @param statusCode the status code, or null
     * @param rows       how many rows
     */
    record StatusCount(String instrument, ProcessingStatus status, String statusCode, long rows) {
    }

    /** Closes the connections. */
    @Override
    void close();
}
