package org.drpkit.instruments.keck.service;

/**
 * An outside service (schedule, proposals, weather, night staff, twilight) could not answer. Fix rules turn it into
 * the archive's WARN code and fall back to their offline behaviour; it never stops a fix.
 */
public class ServiceException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message what failed, e.g. {@code "schedule: HTTP 503"} */
    public ServiceException(String message) {
        super(message);
    }

    /**
     * @param message what failed
     * @param cause   the underlying exception
     */
    public ServiceException(String message, Throwable cause) {
        super(message, cause);
    }
}
