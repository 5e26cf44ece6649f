package org.drpkit.fits.validate;

/**
 * The stable codes of validator findings, each with its severity. Codes never change once released, so callers can
 * switch on them and archives can store them.
 */
public enum ValidationCode {
    /** The file does not exist. */
    FILE_NOT_FOUND(FindingSeverity.ERROR),
    /** The file exists but cannot be read. */
    FILE_UNREADABLE(FindingSeverity.ERROR),
    /** The file has no bytes. */
    FILE_EMPTY(FindingSeverity.ERROR),
    /** The file does not begin with a {@code SIMPLE} card: it is not FITS. */
    NOT_FITS(FindingSeverity.ERROR),
    /** A header has no END card before the end of the file. */
    HEADER_NO_END(FindingSeverity.ERROR),
    /** The END card has characters after {@code END}. */
    END_NOT_BLANK(FindingSeverity.ERROR),
    /** The rest of the header block after END is not all blanks. */
    HEADER_FILL_NOT_BLANK(FindingSeverity.ERROR),
    /** A card holds a byte outside printable ASCII (32-126): a NUL, a tab, a non-ASCII character. */
    CARD_ILLEGAL_CHARACTER(FindingSeverity.ERROR),
    /** A keyword name has characters other than upper-case letters, digits, hyphen and underscore, or is not left-justified. */
    KEYWORD_ILLEGAL_NAME(FindingSeverity.ERROR),
    /** A value cannot be parsed: a bad number, an unterminated string, an unknown token. */
    VALUE_BAD_SYNTAX(FindingSeverity.ERROR),
    /** A keyword has a value indicator but no value. */
    VALUE_UNDEFINED(FindingSeverity.WARNING),
    /** A keyword appears more than once (the first one wins for most readers). */
    KEYWORD_DUPLICATED(FindingSeverity.WARNING),
    /**
     * A keyword that says how the data are read (TFORMn, TBCOLn, TSCALn, TZEROn, TNULLn, TDIMn, BSCALE, BZERO, BLANK,
     * THEAP) is repeated with a different value: readers disagree on which one wins.
     */
    DUPLICATE_CONFLICT(FindingSeverity.ERROR),
    /** A mandatory keyword (SIMPLE, XTENSION, BITPIX, NAXIS, NAXISn, PCOUNT, GCOUNT, TFIELDS, TFORMn, TBCOLn) is absent. */
    MANDATORY_MISSING(FindingSeverity.ERROR),
    /** A mandatory keyword is not where the standard puts it, or is repeated. */
    MANDATORY_OUT_OF_ORDER(FindingSeverity.ERROR),
    /** A mandatory keyword has an illegal value (BITPIX 17, NAXIS 1000, a negative NAXISn, an unknown XTENSION). */
    MANDATORY_BAD_VALUE(FindingSeverity.ERROR),
    /** {@code SIMPLE = F}: the file says it does not conform to the standard. */
    SIMPLE_FALSE(FindingSeverity.WARNING),
    /** A reserved keyword has a value of the wrong type (e.g. {@code CD1_1} written as a string). */
    KEYWORD_WRONG_TYPE(FindingSeverity.ERROR),
    /** A reserved keyword is used where the standard forbids it (EXTEND in an extension, BSCALE in a table). */
    KEYWORD_NOT_ALLOWED(FindingSeverity.ERROR),
    /** A date keyword (DATE, DATE-OBS, ...) is not {@code YYYY-MM-DD[Thh:mm:ss[.s]]} or the old {@code DD/MM/YY}. */
    DATE_BAD_FORMAT(FindingSeverity.ERROR),
    /** A deprecated keyword (BLOCKED, EPOCH, RADECSYS). */
    KEYWORD_DEPRECATED(FindingSeverity.WARNING),
    /** A table column is ill-defined: illegal TFORMn, widths not summing to NAXIS1, TBCOLn outside the row, bad TDIMn. */
    TABLE_BAD_COLUMN(FindingSeverity.ERROR),
    /** Table data break the column formats: non-ASCII text in A columns, logicals other than T/F/0, descriptors outside the heap. */
    TABLE_BAD_DATA(FindingSeverity.ERROR),
    /** The data unit is described by keywords the validator could not read, so the HDUs after it cannot be located. */
    HDU_UNLOCATABLE(FindingSeverity.ERROR),
    /** The file ends inside a data unit. */
    DATA_TRUNCATED(FindingSeverity.ERROR),
    /** The file ends inside the fill of the last data unit (its size is not a multiple of 2880). */
    DATA_FILL_MISSING(FindingSeverity.ERROR),
    /** The fill after a data unit is not zeros (blanks for ASCII tables). */
    DATA_FILL_INVALID(FindingSeverity.ERROR),
    /** The stored CHECKSUM disagrees with the HDU's bytes. */
    CHECKSUM_MISMATCH(FindingSeverity.ERROR),
    /** The stored DATASUM disagrees with the data unit's bytes. */
    DATASUM_MISMATCH(FindingSeverity.ERROR),
    /** A CHECKSUM or DATASUM value is not in the form the convention prescribes. */
    CHECKSUM_MALFORMED(FindingSeverity.ERROR),
    /** Bytes follow the last HDU that do not form an extension. */
    TRAILING_BYTES(FindingSeverity.ERROR),
    /**
     * A check failed on something in this HDU that the validator did not foresee; the finding names the failure, the
     * HDU's other findings stand, and the HDUs after it are not checked. Always a defect of the validator too.
     */
    CHECK_FAILED(FindingSeverity.ERROR);

    private final FindingSeverity severity;

    ValidationCode(FindingSeverity severity) {
        this.severity = severity;
    }

    /** @return the severity of findings with this code */
    public FindingSeverity severity() {
        return severity;
    }
}
