package org.drpkit.algorithms.refcorr;

import org.drpkit.core.error.ErrorCode;

/** Stable error codes of the reference-pixel corrections. */
public enum ReferenceErrorCode implements ErrorCode {
    /** The reference output of one read spreads beyond the range the streaming median can hold (8192 DN each way). */
    REFERENCE_LEVEL_RANGE,
    /** A mask or the data do not have the chip's shape. */
    REFERENCE_SHAPE_MISMATCH
}
