package org.drpkit.archive.almanac;

import org.drpkit.core.error.ErrorCode;

/** Error codes of the almanac. */
public enum AlmanacErrorCode implements ErrorCode {
    /** A folder to index does not exist or cannot be listed. */
    ALMANAC_ROOT_UNREADABLE,
    /** A bad-exposure list file is not in the documented format. */
    BAD_LIST_INVALID,
    /** A bad-exposure list changed on disk since it was read (another writer); nothing was written. */
    BAD_LIST_CONFLICT,
    /** A fibre-map file is not in the documented format (names the line and column). */
    FIBRE_MAP_INVALID,
    /** An exposure's header names a configuration or plate whose fibre-map file does not exist. */
    FIBRE_MAP_MISSING
}
