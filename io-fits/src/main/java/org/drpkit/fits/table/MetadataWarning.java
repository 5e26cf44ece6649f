package org.drpkit.fits.table;

import java.util.Objects;

/**
 * One warning of the metadata value pipeline.
 *
 * @param code    the archive's warning code
 * @param keyword the keyword (column) concerned
 * @param message what happened, for a person
 */
public record MetadataWarning(MetadataWarningCode code, String keyword, String message) {

    /** Checks the fields. */
    public MetadataWarning {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(keyword, "keyword");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return code + " " + keyword + ": " + message;
    }
}
