package org.drpkit.instruments.corrections;

import org.drpkit.core.error.ErrorCode;

/** Errors of the data-driven header corrections. */
public enum CorrectionErrorCode implements ErrorCode {
    /** A correction file cannot be read or holds a line that is not a header card. */
    CORRECTION_INVALID
}
