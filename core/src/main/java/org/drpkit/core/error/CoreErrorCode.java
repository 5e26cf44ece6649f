package org.drpkit.core.error;

/** Error codes raised by the core module. */
public enum CoreErrorCode implements ErrorCode {
    /** A required header keyword is absent or has no value. */
    HEADER_MISSING_KEYWORD,
    /** A header keyword has a value of the wrong type or an unparsable value. */
    HEADER_BAD_VALUE,
    /** A text is not a valid archive id ({@code PREFIX.YYYYMMDD.SSSSS.hh}). */
    ARCHIVE_ID_INVALID,
    /** A text or a set of values is not a valid APOGEE exposure key. */
    EXPOSURE_KEY_INVALID,
    /** A processing-status change that the transition table forbids. */
    STATUS_ILLEGAL_TRANSITION,
    /** No instrument plugin matches a name or a header. */
    INSTRUMENT_UNKNOWN,
    /** More than one instrument plugin matches a name or a header. */
    INSTRUMENT_AMBIGUOUS,
    /** An instrument plugin cannot derive a chip layout from the headers it was given. */
    LAYOUT_UNAVAILABLE,
    /** The file's original name cannot be found in its header (nor in the keywords an instrument reads it from). */
    HEADER_ORIGINAL_NAME_MISSING,
    /** A header fix rule cannot repair a header (a required value is missing or malformed). */
    HEADER_FIX_FAILED,
    /** The processing ledger (database) cannot be reached or failed a statement. */
    LEDGER_UNAVAILABLE,
    /** A ledger row is not in the state a transition expected (another worker moved it first). */
    LEDGER_CONFLICT,
    /** A requested array would exceed the configured or the JVM's size limit. */
    SIZE_LIMIT_EXCEEDED
}
