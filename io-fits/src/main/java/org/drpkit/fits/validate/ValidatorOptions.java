package org.drpkit.fits.validate;

/**
 * What the validator reads beyond the headers. Both default to on; turning them off keeps validation to headers,
 * sizes and fill (the last block of each data unit), which is fast on any file size.
 *
 * <pre>{@code
 * FitsValidator.validate(path, new ValidatorOptions(false, false));   // headers and layout only
 * }</pre>
 *
 * @param verifyChecksums sum every HDU that carries CHECKSUM or DATASUM (reads those data units once)
 * @param checkTableData  read binary-table rows to check A, L and P/Q columns (reads those tables once)
 */
public record ValidatorOptions(boolean verifyChecksums, boolean checkTableData) {

    /** Everything on. */
    public static final ValidatorOptions DEFAULTS = new ValidatorOptions(true, true);
}
