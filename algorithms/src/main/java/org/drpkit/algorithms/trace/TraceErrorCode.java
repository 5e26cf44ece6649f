package org.drpkit.algorithms.trace;

import org.drpkit.core.error.ErrorCode;

/** Error codes raised by trace finding and tweaking ({@code org.drpkit.algorithms.trace}). */
public enum TraceErrorCode implements ErrorCode {
    /** The flat has too little light to trace: its lamp was off (the message gives the level and the threshold). */
    TRACE_LAMP_OFF,
    /** The peaks of the flat cannot be matched to the nominal geometry (too few fibres found at any offset). */
    TRACE_IDENTIFICATION_FAILED,
    /** Image, area and traces do not fit together (shape, columns, or a trace file for another chip). */
    TRACE_SHAPE_MISMATCH,
    /** The exposure has too little trace signal to fit a shift to it. */
    TRACE_TWEAK_FAILED
}
