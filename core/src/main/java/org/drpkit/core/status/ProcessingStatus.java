package org.drpkit.core.status;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.drpkit.core.error.CoreErrorCode;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;

/**
 * The state of one file in the archive processing ledger, with the table of allowed transitions.
 *
 * <pre>
 * QUEUED -claim-> PROCESSING -> PROCESSED | INVALID | ERROR
 *                 PROCESSING -> TRANSFERRING -> TRANSFERRED -> COMPLETE
 * PROCESSING -> QUEUED            (a crashed worker's claim is released on recovery)
 * PROCESSED, TRANSFERRED, COMPLETE, INVALID, ERROR -> QUEUED   (reprocess)
 * ERROR -> TRANSFERRING           (a failed delivery sent again; the caller checks the code says so)
 * </pre>
 *
 * <p>{@code PROCESSED} (done, not transferred) is the explicit final state the Keck archive lacked: a run without
 * transfer used to leave its row in {@code PROCESSING}. Warnings are events, never states.
 *
 * <pre>{@code
 * ProcessingStatus.QUEUED.canMoveTo(ProcessingStatus.PROCESSING);   // true
 * ProcessingStatus.QUEUED.requireMoveTo(ProcessingStatus.COMPLETE); // throws STATUS_ILLEGAL_TRANSITION
 * }</pre>
 */
public enum ProcessingStatus {
    /** Waiting for a worker. */
    QUEUED,
    /** Claimed by a worker and being processed. */
    PROCESSING,
    /** Processed successfully; not transferred (final unless transferred later). */
    PROCESSED,
    /** Being copied to the archive. */
    TRANSFERRING,
    /** Copied to the archive; awaiting the archive's ingest confirmation. */
    TRANSFERRED,
    /** The archive confirmed ingestion. */
    COMPLETE,
    /** The file must not be archived (bad or rejected input). */
    INVALID,
    /** Processing failed because of a fault. */
    ERROR;

    private static final Map<ProcessingStatus, Set<ProcessingStatus>> NEXT = Map.of(
            QUEUED, EnumSet.of(PROCESSING, INVALID, ERROR),
            PROCESSING, EnumSet.of(PROCESSED, TRANSFERRING, INVALID, ERROR, QUEUED),
            PROCESSED, EnumSet.of(TRANSFERRING, QUEUED),
            TRANSFERRING, EnumSet.of(TRANSFERRED, ERROR),
            TRANSFERRED, EnumSet.of(COMPLETE, ERROR, QUEUED),
            COMPLETE, EnumSet.of(QUEUED),
            INVALID, EnumSet.of(QUEUED),
            ERROR, EnumSet.of(QUEUED, TRANSFERRING));

    /** @return the states this one may move to */
    public Set<ProcessingStatus> next() {
        return EnumSet.copyOf(NEXT.get(this));
    }

    /** @return true when the transition table allows moving to {@code target} */
    public boolean canMoveTo(ProcessingStatus target) {
        return NEXT.get(this).contains(target);
    }

    /**
     * @return {@code target}
     * @throws DrpException {@code STATUS_ILLEGAL_TRANSITION} when the move is not allowed
     */
    public ProcessingStatus requireMoveTo(ProcessingStatus target) throws DrpException {
        if (!canMoveTo(target)) {
            throw new DrpException(CoreErrorCode.STATUS_ILLEGAL_TRANSITION, Location.NOWHERE,
                    this + " cannot move to " + target + " (allowed: " + NEXT.get(this) + ")");
        }
        return target;
    }

    /**
     * @return true for the states a finished run may end in: PROCESSED, TRANSFERRED, COMPLETE, INVALID, ERROR
     */
    public boolean isFinal() {
        return this == PROCESSED || this == TRANSFERRED || this == COMPLETE || this == INVALID || this == ERROR;
    }
}
