package org.drpkit.fits.validate;

import java.util.Objects;

/**
 * One problem found in a file.
 *
 * @param code     stable code
 * @param severity {@link FindingSeverity#ERROR} or {@link FindingSeverity#WARNING} (the code's severity)
 * @param hdu      HDU index (0 = primary), or -1 for the file as a whole (trailing bytes, an empty file)
 * @param card     1-based card number within the HDU's header, or 0 when the finding is not about one card
 * @param keyword  the keyword concerned, or {@code null}
 * @param message  what is wrong, for a person
 */
public record Finding(ValidationCode code, FindingSeverity severity, int hdu, int card, String keyword, String message) {

    /** Checks the fields. */
    public Finding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
    }

    /** @return true for an error */
    public boolean isError() {
        return severity == FindingSeverity.ERROR;
    }

    /** Reads like {@code ERROR KEYWORD_WRONG_TYPE HDU 0 card 255 CD1_1: ...}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder().append(severity).append(' ').append(code).append(' ');
        sb.append(hdu < 0 ? "file" : "HDU " + hdu);
        if (card > 0) {
            sb.append(" card ").append(card);
        }
        if (keyword != null) {
            sb.append(' ').append(keyword);
        }
        return sb.append(": ").append(message).toString();
    }
}
