package org.drpkit.algorithms.extract;

import org.drpkit.core.error.ErrorCode;

/** Error codes raised by extraction ({@code org.drpkit.algorithms.extract}). */
public enum ExtractErrorCode implements ErrorCode {
    /** Image, profile and traces do not fit together (width, height). */
    EXTRACT_SHAPE_MISMATCH,
    /** Spectra given to a fibre flat have no usable pixel at all. */
    EXTRACT_NO_GOOD_PIXELS
}
