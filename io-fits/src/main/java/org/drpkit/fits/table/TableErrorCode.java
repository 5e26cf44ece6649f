package org.drpkit.fits.table;

import org.drpkit.core.error.ErrorCode;

/**
 * Error codes raised while loading keyword tables and reading or writing archive tables. The four specific
 * keyword-table codes are each a case of {@link #KEYWORD_TABLE_INVALID} ({@link #kind()}), so a caller may test
 * {@code e.code().isA(TableErrorCode.KEYWORD_TABLE_INVALID)} for any malformed keyword table.
 */
public enum TableErrorCode implements ErrorCode {
    /** A keyword-definition table is malformed: a bad number, a row longer than the header, a first row other than KOAID. */
    KEYWORD_TABLE_INVALID(false),
    /** A keyword table lacks a column the archive needs (FITSKeyword, MetadataDatatype, ...). */
    KEYWORD_TABLE_COLUMN_MISSING(true),
    /** A keyword table defines one FITS keyword (FITSKeyword) or one database column (DBKeyword) twice. */
    KEYWORD_DEFINED_TWICE(true),
    /** A keyword table gives a MetadataDatatype other than char, integer, double or date. */
    KEYWORD_TYPE_UNKNOWN(true),
    /**
     * A keyword table gives a column too narrow for its type name, its null row, or its format (a date needs 10
     * characters, a time 8, a datetime 19).
     */
    KEYWORD_WIDTH_TOO_SMALL(true),
    /** An IPAC or md5sum table cannot be parsed. */
    TABLE_MALFORMED(false),
    /**
     * A metadata value breaks its column's definition in a way the archive treats as fatal (the archive's
     * {@code METADATA_ERROR}): a null in a column without nulls, a value that does not cast to the column's type.
     */
    METADATA_VALUE_INVALID(false);

    private final boolean keywordTableCase;

    TableErrorCode(boolean keywordTableCase) {
        this.keywordTableCase = keywordTableCase;
    }

    @Override
    public ErrorCode kind() {
        return keywordTableCase ? KEYWORD_TABLE_INVALID : this;
    }
}
