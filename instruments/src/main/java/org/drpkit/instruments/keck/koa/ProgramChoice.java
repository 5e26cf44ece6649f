package org.drpkit.instruments.keck.koa;

import java.util.Objects;

/**
 * A program id and where it came from, so the choice can be audited (stored with the file's status).
 *
 * @param progid the program id as found, e.g. {@code C257} or {@code 2019A_C257}
 * @param source how it was found, e.g. {@code header PROGNAME} or {@code schedule time window}
 */
public record ProgramChoice(String progid, String source) {

    /** Checks for nulls. */
    public ProgramChoice {
        Objects.requireNonNull(progid, "progid");
        Objects.requireNonNull(source, "source");
    }
}
