package org.drpkit.core.error;

/**
 * A stable, machine-readable error code carried by every {@link DrpException}.
 *
 * <p>Codes are upper-case identifiers such as {@code FITS_TRUNCATED} or {@code HEADER_MISSING_KEYWORD}.
 * They never change once released, so callers (and archive status tables) can switch on them. Each
 * module declares its codes in its own enum implementing this interface, e.g. {@link CoreErrorCode}.
 */
public interface ErrorCode {

    /** @return the stable code, e.g. {@code "HEADER_MISSING_KEYWORD"} */
    String name();

    /**
     * The core code this code is a case of, so a caller that composes modules can test for a kind of failure
     * without knowing the enum that raised it: an instrument's "no original file name" code is a case of
     * {@link CoreErrorCode#HEADER_ORIGINAL_NAME_MISSING}. The code itself by default.
     *
     * <pre>{@code
     * if (e.code().isA(CoreErrorCode.HEADER_ORIGINAL_NAME_MISSING)) { ... }
     * }</pre>
     *
     * @return the more general code, or this one
     */
    default ErrorCode kind() {
        return this;
    }

    /** @return true when this code is {@code general} or a case of it (see {@link #kind()}) */
    default boolean isA(ErrorCode general) {
        return this == general || kind() == general;
    }
}
