package org.drpkit.fits.table;

import org.drpkit.core.error.ErrorCode;

/** Error codes raised while loading keyword tables and reading or writing archive tables. */
public enum TableErrorCode implements ErrorCode {
    /** A keyword-definition table is malformed: a missing column, a bad width or type, a first row other than KOAID. */
    KEYWORD_TABLE_INVALID,
    /** An IPAC or md5sum table cannot be parsed. */
    TABLE_MALFORMED,
    /**
     * A metadata value breaks its column's definition in a way the archive treats as fatal (the archive's
     * {@code METADATA_ERROR}): a null in a column without nulls, a value that does not cast to the column's type.
     */
    METADATA_VALUE_INVALID
}
