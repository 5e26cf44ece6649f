package org.drpkit.core.instrument;

/** The fast-scan direction in which an amplifier clocks out its pixels, in image coordinates. */
public enum ReadoutDirection {
    /** Pixels come out with increasing x. */
    PLUS_X,
    /** Pixels come out with decreasing x (the amplifier's data must be flipped to match a +x output). */
    MINUS_X,
    /** Pixels come out with increasing y. */
    PLUS_Y,
    /** Pixels come out with decreasing y. */
    MINUS_Y
}
