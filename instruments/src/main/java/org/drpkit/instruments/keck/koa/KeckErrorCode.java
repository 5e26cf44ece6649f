package org.drpkit.instruments.keck.koa;

import org.drpkit.core.error.CoreErrorCode;
import org.drpkit.core.error.ErrorCode;

/**
 * Errors of the Keck plugins, named after the archive's ERROR codes (koa-dep section 2.3) where one exists, so an
 * ingest stage can store them unchanged.
 */
public enum KeckErrorCode implements ErrorCode {
    /** The archive id cannot be made: no prefix, no usable DATE-OBS or UTC, a guider without CAMNAME. */
    KOAID_CREATE_FAIL,
    /** A KOAID card already in the header is not a valid archive id. */
    INVALID_KOAID,
    /** The header does not belong to the instrument (INSTRUME, CURRINST, OUTDIR all disagree). */
    SET_INSTR_ERROR,
    /**
     * The original file name (OFNAME and its per-instrument sources) cannot be determined; a case of
     * {@link CoreErrorCode#HEADER_ORIGINAL_NAME_MISSING}.
     */
    SET_OFNAME_ERROR {
        @Override
        public ErrorCode kind() {
            return CoreErrorCode.HEADER_ORIGINAL_NAME_MISSING;
        }
    },
    /** The semester cannot be computed: DATE-OBS or UTC missing. */
    SET_SEMESTER_FAIL,
    /** The telescope (Keck I or II) cannot be determined. */
    TELNR_VALUE_ERROR
}
