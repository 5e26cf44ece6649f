package org.drpkit.archive;

import org.drpkit.core.error.ErrorCode;

/** Error codes of {@link ArchiveCompare}: the input is not two archive trees that can be compared. */
public enum CompareCode implements ErrorCode {
    /** A root is missing or is not a folder. */
    COMPARE_ROOT_NOT_FOUND,
    /** A root cannot be listed, or both roots are the same folder. */
    COMPARE_ROOT_INVALID
}
