package org.drpkit.core.instrument;

import java.util.Objects;

/**
 * A warning raised while fixing a header: the fix went on, but something is worth an event in the ledger (a default
 * was used, a service failed, a keyword was repeated). Warnings are part of a {@link FixResult}, never of the
 * header, so nothing of them reaches a written file.
 *
 * <pre>{@code
 * FixWarning w = FixWarning.of("IMAGE_TYPE_UNDEFINED", "lab.imageType", "IMAGETYP", "no image-type rule matched");
 * w.code();       // "IMAGE_TYPE_UNDEFINED"
 * }</pre>
 *
 * @param code    a stable, upper-case code the plugin declares (e.g. {@code IMAGE_TYPE_UNDEFINED})
 * @param rule    the fix rule that raised it, e.g. {@code lab.imageType}
 * @param keyword the keyword concerned, or {@code ""}
 * @param text    what happened, for a person
 */
public record FixWarning(String code, String rule, String keyword, String text) {

    /** Checks for nulls; a null keyword becomes {@code ""}. */
    public FixWarning {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(rule, "rule");
        keyword = keyword == null ? "" : keyword;
        Objects.requireNonNull(text, "text");
    }

    /** @return a warning */
    public static FixWarning of(String code, String rule, String keyword, String text) {
        return new FixWarning(code, rule, keyword, text);
    }

    /** @return a warning whose code is an enum constant's name (a plugin's declared warning codes) */
    public static FixWarning of(Enum<?> code, String rule, String keyword, String text) {
        return new FixWarning(code.name(), rule, keyword, text);
    }

    @Override
    public String toString() {
        return "WARN " + code + " (" + rule + (keyword.isEmpty() ? "" : ", " + keyword) + "): " + text;
    }
}
