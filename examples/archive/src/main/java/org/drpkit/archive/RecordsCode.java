package org.drpkit.archive;

import org.drpkit.core.error.ErrorCode;

/**
 * The codes of the archive's bookkeeping after a file is processed ({@link ArchiveRecords}): the headers table and
 * the PI notification. None changes a file's state: the archive ran both as non-critical steps (22 and 24).
 */
public enum RecordsCode implements ErrorCode {
    /** Information: the primary header was stored in the {@code headers} table (inserted, or updated on reprocess). */
    HEADERS_TABLE,
    /** The {@code headers} table could not be written or the product could not be read (WARN). */
    HEADERS_DB_ERROR,
    /** Information: what the {@code koapi_send} rule did for the file's program and date. */
    KOAPI_SEND,
    /** The {@code koapi_send} table could not be read or written (WARN). */
    KOAPI_SEND_ERROR,
    /** The PI notification could not be recorded or sent (WARN; the table holds the row). */
    PI_NOTIFY_ERROR
}
