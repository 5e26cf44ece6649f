package org.drpkit.fits.table;

import java.util.List;
import java.util.Objects;

/**
 * One row of an archive keyword table ({@code KOA_{INSTR}_Keyword_Table.txt}): how a header keyword becomes a
 * metadata column and how its values are checked.
 *
 * @param keyword        the FITS keyword and column name (e.g. {@code DATE-OBS})
 * @param type           the metadata type
 * @param size           the column size (MetadataWidth); the column is at least as wide as the keyword
 * @param nullable       NullsAllowed = Y
 * @param validateFormat ValidateFormat = Y: values must cast to the input format or the type
 * @param checkValues    CheckValues = Y: values are checked against min, max and discrete values
 * @param inputFormat    InputFormat ({@code date}, {@code time}, {@code datetime}, {@code angle}), or {@code ""}
 * @param min            MinValue, or NaN when blank
 * @param max            MaxValue, or NaN when blank
 * @param discrete       DiscreteValues, trimmed and lower-cased; empty when blank
 */
public record KeywordDefinition(String keyword, MetadataType type, int size, boolean nullable, boolean validateFormat,
        boolean checkValues, String inputFormat, double min, double max, List<String> discrete) {

    /** Checks the fields and copies the list. */
    public KeywordDefinition {
        Objects.requireNonNull(keyword, "keyword");
        Objects.requireNonNull(type, "type");
        inputFormat = inputFormat == null ? "" : inputFormat.trim();
        discrete = List.copyOf(discrete);
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size + " for " + keyword);
        }
    }

    /** @return a plain column: no value checks, no input format, no range */
    public static KeywordDefinition of(String keyword, MetadataType type, int size, boolean nullable) {
        return new KeywordDefinition(keyword, type, size, nullable, false, false, "", Double.NaN, Double.NaN,
                List.of());
    }

    /** @return the column width: the larger of the size and the keyword's length */
    public int width() {
        return Math.max(size, keyword.length());
    }

    /** @return this definition with another size */
    public KeywordDefinition withSize(int newSize) {
        return new KeywordDefinition(keyword, type, newSize, nullable, validateFormat, checkValues, inputFormat, min,
                max, discrete);
    }

    /** @return this definition with another null rule */
    public KeywordDefinition withNullable(boolean allowed) {
        return new KeywordDefinition(keyword, type, size, allowed, validateFormat, checkValues, inputFormat, min, max,
                discrete);
    }

    /** @return the IPAC column this definition produces */
    public IpacColumn column() {
        return new IpacColumn(keyword, type.ipacName(), width(), nullable, "");
    }
}
