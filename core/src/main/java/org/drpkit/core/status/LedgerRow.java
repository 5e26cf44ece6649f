package org.drpkit.core.status;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * One input file version's row in a processing ledger, at one processing level.
 *
 * @param id               row id
 * @param level            processing level (e.g. 0 = raw, 1 = quick-look product, 2 = science product)
 * @param instrument       upper-case instrument name
 * @param ofname           the original path of the file
 * @param fileMd5          MD5 of the file when queued (hex), or null
 * @param fileSize         size in bytes when queued, or null
 * @param archiveId        the archive id the file was given (text), or null until assigned
 * @param status           the processing state
 * @param statusCode       the code that decided a final INVALID/ERROR state, or null
 * @param attempt          1 for the first run, incremented by each reprocess
 * @param worker           who claimed the row (host:pid), or null
 * @param observed         the observation time (UTC), once known
 * @param creationTime     when the row was queued
 * @param processStartTime when the current attempt was claimed
 * @param processEndTime   when the current attempt reached a final state
 * @param lastModified     when the row last changed
 * @param attributes       the pipeline's own values (see {@link LedgerAttribute}), never null
 */
public record LedgerRow(long id, int level, String instrument, String ofname, String fileMd5, Long fileSize,
        String archiveId, ProcessingStatus status, String statusCode, int attempt, String worker,
        LocalDateTime observed, Instant creationTime, Instant processStartTime, Instant processEndTime,
        Instant lastModified, LedgerAttributes attributes) {

    /** Checks the required fields. */
    public LedgerRow {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(attributes, "attributes");
    }

    /** @return the value of one of the pipeline's attributes, or null when the row has none */
    public <T> T attribute(LedgerAttribute<T> attribute) {
        return attributes.orNull(attribute);
    }

    @Override
    public String toString() {
        return "#" + id + " " + status + (statusCode != null ? " (" + statusCode + ")" : "") + " attempt " + attempt
                + " " + instrument + " " + (archiveId != null ? archiveId + " " : "") + ofname;
    }
}
