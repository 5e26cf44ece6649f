package org.drpkit.core.status;

import java.time.Instant;
import java.util.Objects;

/**
 * An event about to be recorded on a ledger row (the row and attempt are supplied by the ledger): what a processing
 * step observed, with its severity and stable code.
 *
 * <pre>{@code
 * new StatusEvent(Instant.now(), Severity.WARN, "IMAGE_TYPE_UNDEFINED", "imageType", "no rule matched")
 * }</pre>
 *
 * @param time     when it happened (UTC)
 * @param severity how much it matters
 * @param code     stable code, e.g. {@code MD_TRUNCATE}
 * @param step     the step that raised it, e.g. {@code validate}
 * @param text     what happened, for a person
 */
public record StatusEvent(Instant time, Severity severity, String code, String step, String text) {

    /** Checks for nulls. */
    public StatusEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(text, "text");
    }

    /** Reads like a log line: {@code 2017-07-25T14:17:50Z WARN IMAGE_TYPE_UNDEFINED [imageType] no rule matched}. */
    @Override
    public String toString() {
        return time + " " + severity + " " + code + " [" + step + "] " + text;
    }
}
