package org.drpkit.algorithms.wave;

import org.drpkit.core.error.ErrorCode;

/** Error codes raised by wavelength calibration ({@code org.drpkit.algorithms.wave}). */
public enum WaveErrorCode implements ErrorCode {
    /** Arrays that belong together differ in length, or a spectrum is too short to search. */
    WAVE_SHAPE_MISMATCH,
    /** A spectrum has no usable pixel, or too few to estimate its noise. */
    WAVE_NO_GOOD_PIXELS,
    /** Too few lines were identified for the asked polynomial degree. */
    WAVE_TOO_FEW_LINES
}
