package org.drpkit.fits.checksum;

import org.drpkit.core.error.ErrorCode;

/** Error codes raised while writing checksums. */
public enum ChecksumErrorCode implements ErrorCode {
    /**
     * A stored CHECKSUM or DATASUM disagrees with the bytes, so writing fresh values would certify data that may be
     * corrupt; the update was refused (force it to overwrite).
     */
    CHECKSUM_MISMATCH
}
