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
}
