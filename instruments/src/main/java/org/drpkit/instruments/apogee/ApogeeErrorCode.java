package org.drpkit.instruments.apogee;

import org.drpkit.core.error.ErrorCode;

/** Errors of the APOGEE plugin. */
public enum ApogeeErrorCode implements ErrorCode {
    /** A file name is not an APOGEE raw or product name. */
    APOGEE_NAME_INVALID,
    /** A per-read header lacks DATE-OBS or INTOFF, or holds an unreadable value. */
    APOGEE_READ_HEADER_INVALID,
    /** The header names no APOGEE site (TELESCOP, FILENAME). */
    APOGEE_SITE_UNKNOWN
}
