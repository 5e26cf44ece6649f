package org.drpkit.fits;

import org.drpkit.core.error.ErrorCode;

/** Error codes raised while reading and writing FITS files. */
public enum FitsErrorCode implements ErrorCode {
    /** The file does not exist. */
    FITS_NOT_FOUND,
    /** The file exists but has no bytes. */
    FITS_EMPTY,
    /** The file cannot be read (permissions, I/O error). */
    FITS_UNREADABLE,
    /** The file ends inside a header or a data unit. */
    FITS_TRUNCATED,
    /** A header is malformed: no END card, a bad card, a missing or invalid mandatory keyword. */
    FITS_BAD_HEADER
}
