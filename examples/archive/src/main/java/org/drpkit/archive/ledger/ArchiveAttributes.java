package org.drpkit.archive.ledger;

import java.time.Instant;
import org.drpkit.core.status.LedgerAttribute;

/**
 * The values the archive ingest records on a ledger row beyond the neutral contract, as typed attributes. The
 * archive's schema stores each in a column of its {@code drp_status} table (named as in the archive's own status
 * table, e.g. {@code koaimtyp} for {@link #IMAGE_TYPE}).
 *
 * <pre>{@code
 * ledger.update(id, ProcessingStatus.PROCESSING, LedgerFields.none().with(ArchiveAttributes.IMAGE_TYPE, "object"),
 *         Instant.now());
 * String type = row.attribute(ArchiveAttributes.IMAGE_TYPE);
 * }</pre>
 */
public final class ArchiveAttributes {

    /** The archive image type ({@code object}, {@code flatlamp}, ...). */
    public static final LedgerAttribute<String> IMAGE_TYPE = LedgerAttribute.of("imageType", String.class);
    /** The semester and program id ({@code 2017B_U098}). */
    public static final LedgerAttribute<String> PROGRAM = LedgerAttribute.of("program", String.class);
    /** The proprietary period in months. */
    public static final LedgerAttribute<Integer> PROPRIETARY_MONTHS =
            LedgerAttribute.of("proprietaryMonths", Integer.class);
    /** The folder the products were written to. */
    public static final LedgerAttribute<String> PROCESS_DIR = LedgerAttribute.of("processDir", String.class);
    /** Size of the archived FITS file in MB. */
    public static final LedgerAttribute<Double> FILE_SIZE_MB = LedgerAttribute.of("fileSizeMb", Double.class);
    /** Size of all archived products of the file in MB. */
    public static final LedgerAttribute<Double> ARCHIVE_SIZE_MB = LedgerAttribute.of("archiveSizeMb", Double.class);
    /** When the transfer to the archive began (UTC). */
    public static final LedgerAttribute<Instant> TRANSFER_START = LedgerAttribute.of("transferStart", Instant.class);
    /** When the transfer to the archive ended (UTC). */
    public static final LedgerAttribute<Instant> TRANSFER_END = LedgerAttribute.of("transferEnd", Instant.class);

    /**
     * The stage copy the file is processed from ({@code STAGE/YYYYMMDD/<original path>}, {@code _verN} for a later
     * version of the same path); kept across reprocessing.
     */
    public static final LedgerAttribute<String> STAGE_FILE = LedgerAttribute.of("stageFile", String.class);
    /** The copy of a rejected (INVALID) file in the {@code anc/} area, beside its log; kept across reprocessing. */
    public static final LedgerAttribute<String> ANC_FILE = LedgerAttribute.of("ancFile", String.class);

    /**
     * The keyword table that described the attempt's metadata table, by file name and content version
     * ({@code KOA_NIRES_Keyword_Table.txt sha256:3f1c0be2a9d45e77}, see {@code KeywordTable#label()}); absent when the
     * instrument has no table and the metadata columns are the header's own.
     */
    public static final LedgerAttribute<String> KEYWORD_TABLE = LedgerAttribute.of("keywordTable", String.class);
    /**
     * Who queued the row (the archive's {@code service}): {@link #SERVICE_DRP} for a pipeline's level-1/2 products,
     * {@link #SERVICE_RTI} for a level-1 run the ingest queued itself, null for files queued by the monitor or the
     * command line; kept across reprocessing.
     */
    public static final LedgerAttribute<String> SERVICE = LedgerAttribute.of("service", String.class);
    /**
     * The MD5 of what the row processes, the column {@link org.drpkit.core.status.LedgerRow#fileMd5()} reads: set
     * when a level-1/2 row is queued again because its products changed (for those rows it is the product folder's
     * content digest).
     */
    public static final LedgerAttribute<String> SOURCE_MD5 = LedgerAttribute.of("sourceMd5", String.class);
    /** {@link #SERVICE} of rows holding a data-reduction pipeline's products. */
    public static final String SERVICE_DRP = "DRP";
    /** {@link #SERVICE} of level-1 rows the ingest queued after archiving a frame (the archive's {@code run_lev1}). */
    public static final String SERVICE_RTI = "RTI";

    private ArchiveAttributes() {
    }
}
