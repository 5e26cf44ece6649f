package org.drpkit.archive;

import org.drpkit.core.error.ErrorCode;

/**
 * The codes the ingest workflow itself records (the stages it composes add theirs: the validator's, the plugins',
 * the metadata writer's {@code MD_*}). Names follow the Keck archive's where it has one.
 */
public enum IngestCode implements ErrorCode {
    /** The file does not exist (ERROR: the file was announced but is gone). */
    FITS_NOT_FOUND,
    /** The path is not a regular file (INVALID). */
    NOT_A_FILE,
    /** The path contains one of the rejected parts ({@code mira}, {@code /subtracted}, ...) (INVALID). */
    FILEPATH_REJECT,
    /** The original file name cannot be determined from the header (INVALID). */
    BAD_OFNAME,
    /** OFNAME differs from the original file name (INVALID, or WARN when renamed files are accepted). */
    MISMATCHED_FILENAME,
    /**
     * The archive id is held by another file: INVALID when that file has the same original name and content (a
     * duplicate), WARN when the id was made unique by the repair rule.
     */
    DUPLICATE_KOAID,
    /**
     * No free archive id is left for a file whose id another file holds (INVALID: the file's observation time is
     * taken a hundred times over; the archive's code).
     */
    KOAID_CREATE_FAIL,
    /** The instrument plugin gives no archive id: its files are not archived (INVALID). */
    NOT_ARCHIVED,
    /** No instrument plugin accepts the file (INVALID). */
    INSTRUMENT_UNKNOWN,
    /**
     * The file's instrument is switched off in the service's configuration (INVALID; no {@code anc/} copy, no
     * alert).
     */
    INSTRUMENT_DISABLED,
    /** An output path would leave the output root (ERROR; never expected: every name is checked). */
    OUTPUT_OUTSIDE_ROOT,
    /** Writing or publishing a product failed (ERROR). */
    WRITE_ERROR,
    /**
     * The metadata table could not be made: INVALID when the file's own values make it impossible (a value of the
     * wrong type for its column), ERROR when the system failed (disk, keyword tables).
     */
    METADATA_ERROR,
    /** The preview could not be made (WARN). */
    MAKE_PREVIEW_ERROR,
    /** An extension metadata file could not be made (WARN; the remaining extensions are skipped). */
    EXT_HEADER_FILE_ERROR,
    /** The image statistics could not be computed (WARN). */
    IMAGE_STATISTICS_ERROR,
    /**
     * A file could not be copied into the staging area (ERROR when the copy is missing at processing time; at queue
     * time the file is not queued and the monitor tries again), or every {@code _verN} name up to
     * {@link StageCopies#MAX_VERSION} is taken.
     */
    STAGE_ERROR,
    /** A rejected (INVALID) file could not be copied to the {@code anc/} area (WARN: the row stays INVALID). */
    ANC_ERROR,
    /** The watchdog cannot list the archive's folders. */
    WATCHDOG_UNREADABLE,
    /** Copying the products to the archive failed (ERROR). */
    TRANSFER_ERROR,
    /**
     * The archive's ingest API did not accept a delivered file (ERROR): it refused it (HTTP 4xx, or an
     * {@code APIStatus} other than {@code COMPLETE}), answered without {@code APIStatus}, or could not be reached
     * after every retry; the event holds its answer.
     */
    IPAC_NOTIFY_ERROR,
    /** Some calls to the ingest API failed before one succeeded (WARN; the event lists them). */
    IPAC_NOTIFY_RETRY,
    /** The night's {@code xfr.table} could not be updated (WARN: the files were delivered). */
    TRANSFER_TABLE_ERROR,
    /**
     * A level-1/2 row names no archive id, or one that does not parse (ERROR; the archive's code); also refused when
     * pipeline products are queued for such an id.
     */
    INVALID_KOAID,
    /** A pipeline's product folder (or the level-0 file of a level-1 run) is missing or unreadable (ERROR). */
    DRP_FILES_MISSING,
    /** The pipeline's folder holds no product of the frame and level (ERROR: nothing to archive). */
    NO_DRP_FILES,
    /** Copying a pipeline product into {@code lev{N}/} failed, or a copy's MD5 differs from its source (ERROR). */
    FILE_COPY_ERROR,
    /** Products were queued at a level the archive does not have (only 1 and 2). */
    DRP_LEVEL_INVALID,
    /**
     * The FCS reference image a DEIMOS science frame names ({@code FCSIMGFI}) does not exist (WARN: the frame is
     * archived without {@code FCSKOAID}; the event names the file).
     */
    FCS_FILE_MISSING,
    /** The FCS reference image could not be read or given an archive id (WARN: no {@code FCSKOAID}). */
    FCS_KOAID_ERROR,
    /** Queueing the level-1 run of an archived frame failed (WARN: the frame stays archived; the archive's code). */
    LEV1_INSERT_ERROR,
    /** Information: pipeline products were queued (or queued again) at level 1 or 2. */
    DRP_QUEUED,
    /** Information: pipeline products were copied into {@code lev{N}/} (how many, how many were unchanged). */
    DRP_COPIED,
    /** Information: the FCS reference image of a science frame was found, its archive id written as FCSKOAID. */
    FCS_REFERENCE,
    /** Something unexpected escaped a step: a bug (ERROR, with the stack trace in the event). */
    CODE_ERROR,
    /** Information: a processing attempt started. */
    STARTED,
    /** Information: the products were published and the run ended PROCESSED. */
    PROCESSED,
    /** Information: the products were copied to the archive. */
    TRANSFERRED,
    /** Information: the ingest API is being called (the URL), or accepted the file (its answer). */
    IPAC_NOTIFY,
    /** Information: a delivery is sent again ({@code drpkit transfer}). */
    TRANSFER_RETRY,
    /** Information: the same file (original path and content) was queued again and skipped. */
    DUPLICATE_FILE,
    /** Information: the file was copied into the staging area (the event names the copy). */
    STAGED,
    /** Information: a rejected file and its log were copied to the {@code anc/} area. */
    REJECTED_COPIED,
    /** Information: a rejected file was delivered to the archive, as the rejected-delivery rule asks. */
    REJECTED_DELIVERED,
    /** Information: a worker stopping released its claim, the file is queued again. */
    RELEASED,
    /** Information: a step's summary (validation, plugin, archive id, statistics, outputs). */
    STEP
}
