package org.drpkit.algorithms.ramp;

import org.drpkit.core.error.ErrorCode;

/** Stable error codes of the up-the-ramp stages ({@code org.drpkit.algorithms.ramp} and {@code .refcorr}). */
public enum RampErrorCode implements ErrorCode {
    /** The ramp has too few reads for any rate (fewer than two). */
    RAMP_TOO_SHORT,
    /** A map or mask does not have the shape of the ramp or of the chip layout. */
    RAMP_SHAPE_MISMATCH,
    /** A per-read time keyword (DATE-OBS, INTOFF, EXPTIME) is missing or cannot be parsed. */
    RAMP_BAD_TIME,
    /** A readout pattern (frames per read, skipped frames, frame time) is impossible. */
    RAMP_BAD_PATTERN
}
