package org.drpkit.fits.checksum;

/** The state of one stored checksum keyword ({@code CHECKSUM} or {@code DATASUM}) of one HDU. */
public enum ChecksumStatus {
    /** The keyword is present and agrees with the bytes. */
    OK,
    /** The keyword is present and disagrees with the bytes (or cannot be read as a checksum). */
    BAD,
    /** The keyword is absent. */
    MISSING
}
