package org.drpkit.core.trace;

/** What trace finding made of a fibre the nominal geometry expects on the chip. */
public enum TraceStatus {
    /** Found in the flat and fitted column by column. */
    LIVE,
    /**
     * No light where the nominal geometry (shifted by the flat's offset) puts the fibre: a dead or unplugged fibre.
     * Its centre and width are interpolated from the neighbouring live fibres and its height is 0; the fibres around
     * it keep their own identities (nothing is shifted to fill the hole).
     */
    DEAD
}
