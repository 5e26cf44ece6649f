package org.drpkit.algorithms.calib;

import org.drpkit.core.error.ErrorCode;

/** Error codes raised by the calibration stages ({@code org.drpkit.algorithms.calib}). */
public enum CalibErrorCode implements ErrorCode {
    /** A stack was given no frame at all. */
    CALIB_NO_FRAMES,
    /** Frames, chip or calibrations do not share one shape (stack only like with like). */
    CALIB_SHAPE_MISMATCH,
    /** Every flat frame is below the minimum illumination level (lamp off). */
    CALIB_NO_LAMP,
    /** Inputs of different kinds were mixed, e.g. rate products with plain images in one stack. */
    CALIB_MIXED_INPUTS,
    /** The illumination model cannot be fitted (too few good blocks for the number of terms, or singular). */
    CALIB_FIT_FAILED,
    /** No pixel of the light-sensitive area received a valid estimate. */
    CALIB_NO_GOOD_PIXELS
}
