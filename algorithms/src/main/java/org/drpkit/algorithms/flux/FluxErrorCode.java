package org.drpkit.algorithms.flux;

import org.drpkit.core.error.ErrorCode;

/** Error codes raised by fluxing ({@code org.drpkit.algorithms.flux}). */
public enum FluxErrorCode implements ErrorCode {
    /** Spectra, fibre numbers, throughputs or row lists disagree in size or name rows that do not exist. */
    FLUX_SHAPE_MISMATCH,
    /** Too few usable sky fibres or standards (or pixels) to measure what was asked. */
    FLUX_TOO_FEW_REFERENCES,
    /** A list of standards' magnitudes that cannot be read, or a line of it that is not an id and a magnitude. */
    FLUX_BAD_STANDARDS
}
