package org.drpkit.fits;

import org.drpkit.core.error.ErrorCode;

/** Error codes raised while reading line lists ({@link LineListFiles}). */
public enum LineListErrorCode implements ErrorCode {
    /** The file cannot be read (missing, unreadable). */
    LINELIST_UNREADABLE,
    /** The header line lacks a column the format needs (the message names it). */
    LINELIST_BAD_HEADER,
    /** A row has too few fields, a number that does not parse, or a value out of range (the message gives the line). */
    LINELIST_BAD_ROW,
    /** The file holds no lines. */
    LINELIST_EMPTY
}
