package org.drpkit.core.status;

import java.time.Instant;

/**
 * One event in a file's processing history.
 *
 * @param statusId the ledger row
 * @param attempt  the processing attempt (1 for the first run, +1 per reprocess)
 * @param time     when it happened (UTC)
 * @param severity how much it matters
 * @param code     stable code, e.g. {@code MD_TRUNCATE} or {@code MISMATCHED_FILENAME}
 * @param step     the step that raised it, e.g. {@code validate}
 * @param text     what happened, for a person
 */
public record LedgerEvent(long statusId, int attempt, Instant time, Severity severity, String code, String step,
        String text) {

    @Override
    public String toString() {
        return time + " " + severity + " " + code + " [" + step + "] " + text;
    }
}
