package org.drpkit.core.status;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * Selects ledger rows, for reports and reprocessing. Unset criteria match everything; set criteria are combined
 * with AND.
 *
 * <pre>{@code
 * LedgerQuery.all().status(ProcessingStatus.ERROR).instrument("NIRC2")
 * LedgerQuery.all().observedBetween(LocalDateTime.parse("2017-07-25T00:00"), LocalDateTime.parse("2017-07-26T00:00"))
 * }</pre>
 *
 * @param statuses       states to match (empty = any)
 * @param statusCode     exact status code, or null
 * @param instrument     exact instrument, or null
 * @param ofname         exact original path, or null
 * @param ofnameContains substring of the original path, or null
 * @param archiveId      exact archive id, or null
 * @param observedFrom   inclusive lower bound on the observation time, or null
 * @param observedUntil  exclusive upper bound on the observation time, or null
 * @param queuedFrom     inclusive lower bound on the time the row was queued, or null
 * @param queuedUntil    exclusive upper bound on the time the row was queued, or null
 * @param id             one row id, or null
 */
public record LedgerQuery(Set<ProcessingStatus> statuses, String statusCode, String instrument, String ofname,
        String ofnameContains, String archiveId, LocalDateTime observedFrom, LocalDateTime observedUntil, Instant queuedFrom,
        Instant queuedUntil, Long id) {

    /** Copies the state set. */
    public LedgerQuery {
        statuses = statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
    }

    /** @return a query matching every row */
    public static LedgerQuery all() {
        return new LedgerQuery(Set.of(), null, null, null, null, null, null, null, null, null, null);
    }

    /** @return this query restricted to these states */
    public LedgerQuery status(ProcessingStatus... s) {
        return new LedgerQuery(Set.of(s), statusCode, instrument, ofname, ofnameContains, archiveId, observedFrom,
                observedUntil, queuedFrom, queuedUntil, id);
    }

    /** @return this query restricted to a status code */
    public LedgerQuery statusCode(String code) {
        return new LedgerQuery(statuses, code, instrument, ofname, ofnameContains, archiveId, observedFrom,
                observedUntil, queuedFrom, queuedUntil, id);
    }

    /** @return this query restricted to an instrument */
    public LedgerQuery instrument(String name) {
        return new LedgerQuery(statuses, statusCode, name, ofname, ofnameContains, archiveId, observedFrom,
                observedUntil, queuedFrom, queuedUntil, id);
    }

    /** @return this query restricted to one original path (exact) */
    public LedgerQuery ofname(String path) {
        return new LedgerQuery(statuses, statusCode, instrument, path, ofnameContains, archiveId, observedFrom,
                observedUntil, queuedFrom, queuedUntil, id);
    }

    /** @return this query restricted to original paths containing {@code part} */
    public LedgerQuery ofnameContains(String part) {
        return new LedgerQuery(statuses, statusCode, instrument, ofname, part, archiveId, observedFrom,
                observedUntil, queuedFrom, queuedUntil, id);
    }

    /** @return this query restricted to one archive id */
    public LedgerQuery archiveId(String value) {
        return new LedgerQuery(statuses, statusCode, instrument, ofname, ofnameContains, value, observedFrom,
                observedUntil, queuedFrom, queuedUntil, id);
    }

    /** @return this query restricted to observations in {@code [from, until)} (either may be null) */
    public LedgerQuery observedBetween(LocalDateTime from, LocalDateTime until) {
        return new LedgerQuery(statuses, statusCode, instrument, ofname, ofnameContains, archiveId, from, until,
                queuedFrom, queuedUntil, id);
    }

    /** @return this query restricted to rows queued in {@code [from, until)} (either may be null) */
    public LedgerQuery queuedBetween(Instant from, Instant until) {
        return new LedgerQuery(statuses, statusCode, instrument, ofname, ofnameContains, archiveId, observedFrom,
                observedUntil, from, until, id);
    }

    /** @return this query restricted to one row */
    public LedgerQuery id(long rowId) {
        return new LedgerQuery(statuses, statusCode, instrument, ofname, ofnameContains, archiveId, observedFrom,
                observedUntil, queuedFrom, queuedUntil, rowId);
    }
}
