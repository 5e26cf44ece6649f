package org.drpkit.core.status;

import java.time.Instant;
import java.time.LocalDateTime;

/**
 * One file's row in the processing ledger (the archive's {@code koa_status}, with an attempt number).
 *
 * @param id               row id
 * @param level            0 = raw, 1 = quick-look product, 2 = science product
 * @param instrument       upper-case instrument name
 * @param ofname           the original path of the file
 * @param fileMd5          MD5 of the file when queued (hex), or null
 * @param fileSize         size in bytes when queued, or null
 * @param koaid            the archive id without {@code .fits}, once assigned
 * @param status           the processing state
 * @param statusCode       the code that decided a final INVALID/ERROR state, or null
 * @param attempt          1 for the first run, incremented by each reprocess
 * @param worker           who claimed the row (host:pid), or null
 * @param utDateTime       the observation time (DATE-OBS + UTC), once known
 * @param creationTime     when the row was queued
 * @param processStartTime when the current attempt was claimed
 * @param processEndTime   when the current attempt reached a final state
 * @param xfrStartTime     when the transfer began
 * @param xfrEndTime       when the transfer ended
 * @param koaimtyp         the image type, once known
 * @param semid            {@code SEMESTER_PROGID}, once known
 * @param propint          proprietary period in months, once known
 * @param processDir       the output folder
 * @param filesizeMb       size of the archived FITS file in MB
 * @param archsizeMb       size of all archived products in MB
 * @param lastModified     when the row last changed
 */
public record LedgerRow(long id, int level, String instrument, String ofname, String fileMd5, Long fileSize,
        String koaid, ProcessingStatus status, String statusCode, int attempt, String worker, LocalDateTime utDateTime,
        Instant creationTime, Instant processStartTime, Instant processEndTime, Instant xfrStartTime,
        Instant xfrEndTime, String koaimtyp, String semid, Integer propint, String processDir, Double filesizeMb,
        Double archsizeMb, Instant lastModified) {

    @Override
    public String toString() {
        return "#" + id + " " + status + (statusCode != null ? " (" + statusCode + ")" : "") + " attempt " + attempt
                + " " + instrument + " " + (koaid != null ? koaid + " " : "") + ofname;
    }
}
