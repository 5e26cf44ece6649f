package org.drpkit.algorithms.visit;

import org.drpkit.core.error.ErrorCode;

/** Error codes raised by visit combination ({@code org.drpkit.algorithms.visit}). */
public enum VisitErrorCode implements ErrorCode {
    /** No exposure was given, or the exposures (or the targets) disagree in fibres or grid pixels. */
    VISIT_SHAPE_MISMATCH
}
