package org.drpkit.archive.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drpkit.core.status.LedgerAttribute;
import org.drpkit.core.status.LedgerAttributes;
import org.drpkit.core.status.LedgerRow;
import org.drpkit.core.status.ProcessingStatus;

/**
 * The archive's {@code drp_status} table as the ledger reads and writes it: which column stores which attribute,
 * the column list of a row and its mapping to {@link LedgerRow}. Column names follow the archive's own status table
 * ({@code koaid}, {@code koaimtyp}, {@code semid}, ...) so existing ledgers stay readable.
 */
final class LedgerSchema {

    /** The row's contract fields, in the order {@link #row} reads them. */
    static final String CORE_COLUMNS = "id, level, instrument, ofname, file_md5, file_size, koaid, status, status_code, "
            + "attempt, worker, utdatetime, creation_time, process_start_time, process_end_time, last_mod";
    private static final int CORE_COUNT = 16;

    /** Attribute to column, for every attribute this schema stores (contract ones first). */
    private static final Map<LedgerAttribute<?>, String> COLUMN = columns();

    /** The archive's own attributes, read into {@link LedgerRow#attributes()} after the contract fields. */
    private static final List<LedgerAttribute<?>> ARCHIVE = List.of(ArchiveAttributes.TRANSFER_START,
            ArchiveAttributes.TRANSFER_END, ArchiveAttributes.IMAGE_TYPE, ArchiveAttributes.PROGRAM,
            ArchiveAttributes.PROPRIETARY_MONTHS, ArchiveAttributes.PROCESS_DIR, ArchiveAttributes.FILE_SIZE_MB,
            ArchiveAttributes.ARCHIVE_SIZE_MB, ArchiveAttributes.STAGE_FILE, ArchiveAttributes.ANC_FILE,
            ArchiveAttributes.KEYWORD_TABLE, ArchiveAttributes.SERVICE, ArchiveAttributes.SOURCE_MD5);

    /** Every column {@link #row} reads. */
    static final String COLUMNS = CORE_COLUMNS + ", " + String.join(", ", ARCHIVE.stream().map(COLUMN::get).toList());

    /** Columns that belong to one attempt and are cleared when a row is queued again. */
    static final String PER_ATTEMPT_RESET = "status_code = NULL, worker = NULL, process_start_time = NULL, "
            + "process_end_time = NULL, xfr_start_time = NULL, xfr_end_time = NULL, koaimtyp = NULL, semid = NULL, "
            + "propint = NULL, filesize_mb = NULL, archsize_mb = NULL, process_dir = NULL, keyword_table = NULL";

    /** Columns of a row copied to {@code drp_status_history} before it is queued again. */
    static final String HISTORY_COLUMNS = "attempt, level, instrument, ofname, file_md5, koaid, status, status_code, "
            + "worker, creation_time, process_start_time, process_end_time, koaimtyp, semid";

    private LedgerSchema() {
    }

    private static Map<LedgerAttribute<?>, String> columns() {
        Map<LedgerAttribute<?>, String> m = new LinkedHashMap<>();
        m.put(LedgerAttribute.ARCHIVE_ID, "koaid");
        m.put(LedgerAttribute.INSTRUMENT, "instrument");
        m.put(LedgerAttribute.STATUS_CODE, "status_code");
        m.put(LedgerAttribute.OBSERVED, "utdatetime");
        m.put(LedgerAttribute.WORKER, "worker");
        m.put(ArchiveAttributes.TRANSFER_START, "xfr_start_time");
        m.put(ArchiveAttributes.TRANSFER_END, "xfr_end_time");
        m.put(ArchiveAttributes.IMAGE_TYPE, "koaimtyp");
        m.put(ArchiveAttributes.PROGRAM, "semid");
        m.put(ArchiveAttributes.PROPRIETARY_MONTHS, "propint");
        m.put(ArchiveAttributes.PROCESS_DIR, "process_dir");
        m.put(ArchiveAttributes.FILE_SIZE_MB, "filesize_mb");
        m.put(ArchiveAttributes.ARCHIVE_SIZE_MB, "archsize_mb");
        m.put(ArchiveAttributes.STAGE_FILE, "stage_file");
        m.put(ArchiveAttributes.ANC_FILE, "anc_file");
        m.put(ArchiveAttributes.KEYWORD_TABLE, "keyword_table");
        m.put(ArchiveAttributes.SERVICE, "service");
        m.put(ArchiveAttributes.SOURCE_MD5, "file_md5");
        return Map.copyOf(m);
    }

    /**
     * @return the column storing {@code attribute}
     * @throws IllegalArgumentException when this schema does not store it (a programming error of the caller)
     */
    static String column(LedgerAttribute<?> attribute) {
        String c = COLUMN.get(attribute);
        if (c == null) {
            throw new IllegalArgumentException("the archive ledger stores no attribute " + attribute
                    + "; it stores " + COLUMN.keySet());
        }
        return c;
    }

    /** @return the row at the result set's cursor, read from {@link #COLUMNS} */
    static LedgerRow row(ResultSet rs) throws SQLException {
        Map<LedgerAttribute<?>, Object> attributes = new LinkedHashMap<>();
        for (int i = 0; i < ARCHIVE.size(); i++) {
            LedgerAttribute<?> a = ARCHIVE.get(i);
            attributes.put(a, read(rs, CORE_COUNT + 1 + i, a.type()));
        }
        return new LedgerRow(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
                read(rs, 6, Long.class), rs.getString(7), ProcessingStatus.valueOf(rs.getString(8)), rs.getString(9),
                rs.getInt(10), rs.getString(11), rs.getObject(12, LocalDateTime.class), read(rs, 13, Instant.class),
                read(rs, 14, Instant.class), read(rs, 15, Instant.class), read(rs, 16, Instant.class),
                LedgerAttributes.of(attributes));
    }

    /** @return a column's value as {@code type} (timestamps are UTC), or null */
    static <T> T read(ResultSet rs, int col, Class<T> type) throws SQLException {
        Object v;
        if (type == Instant.class) {
            LocalDateTime t = rs.getObject(col, LocalDateTime.class);
            v = t == null ? null : t.toInstant(ZoneOffset.UTC);
        } else if (type == Integer.class) {
            int i = rs.getInt(col);
            v = rs.wasNull() ? null : i;
        } else if (type == Long.class) {
            long l = rs.getLong(col);
            v = rs.wasNull() ? null : l;
        } else if (type == Double.class) {
            double d = rs.getDouble(col);
            v = rs.wasNull() ? null : d;
        } else if (type == Boolean.class) {
            boolean b = rs.getBoolean(col);
            v = rs.wasNull() ? null : b;
        } else {
            v = rs.getObject(col, type);
        }
        return type.cast(v);
    }

    /** @return an instant as the UTC wall-clock time the schema stores */
    static LocalDateTime utc(Instant t) {
        return LocalDateTime.ofInstant(t, ZoneOffset.UTC);
    }
}
