package org.drpkit.algorithms.resample;

import org.drpkit.core.error.ErrorCode;

/** Error codes raised by resampling ({@code org.drpkit.algorithms.resample}). */
public enum ResampleErrorCode implements ErrorCode {
    /** The chips given for one exposure disagree in their number of fibres, or a fibre index is out of range. */
    RESAMPLE_SHAPE_MISMATCH,
    /** A chip carries no wavelength array, so it cannot be placed on the grid. */
    RESAMPLE_NO_WAVELENGTH,
    /** A grid's cards are missing, not log-linear, not finite, or describe an impossible number of pixels. */
    RESAMPLE_BAD_GRID
}
