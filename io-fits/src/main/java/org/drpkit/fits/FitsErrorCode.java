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
    /** The requested HDU does not exist (index out of range or no extension of that name). */
    FITS_NO_SUCH_HDU,
    /** The HDU exists but does not hold the kind of data asked for (e.g. a table where an image was expected). */
    FITS_WRONG_DATA,
    /** The output exists and overwriting was not requested. */
    OUTPUT_EXISTS,
    /** Writing an output failed; nothing was left at the target path. */
    WRITE_FAILED,
    /** A header is malformed: no END card, a bad card, a missing or invalid mandatory keyword. */
    FITS_BAD_HEADER,
    /** Data cannot be decoded: a compressed tile is malformed, or a heap descriptor points outside the data unit. */
    FITS_CORRUPT_DATA,
    /** A valid FITS feature that drpkit does not read (an unknown tile codec, tiles over more than 3 axes). */
    FITS_UNSUPPORTED
}
