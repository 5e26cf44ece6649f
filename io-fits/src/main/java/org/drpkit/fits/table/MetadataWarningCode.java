package org.drpkit.fits.table;

/** The archive's metadata warning codes (koa-dep section 5.4), returned as values, never printed. */
public enum MetadataWarningCode {
    /** A header card could not be read (a card present without a usable value). */
    MD_HEADER_KEYWORD_UNREADABLE,
    /** A keyword of the table is neither in the header nor in the extra values (developer mode only). */
    MD_HEADER_KEYWORD_MISSING,
    /** A header keyword has no definition in the keyword table (developer mode only). */
    MD_KEYWORD_FORMAT_UNDEFINED,
    /** A value longer than its column was cut to the column width. */
    MD_TRUNCATE,
    /** A value is below the column's minimum or above its maximum. */
    MD_RANGE_ERROR,
    /** A value is not one of the column's discrete values. */
    MD_DISCRETE_VAL_ERROR
}
