package org.drpkit.core.error;

import java.util.Objects;

/**
 * The checked exception for bad input: a malformed file, a missing keyword, an impossible size.
 *
 * <p>It carries a stable {@link ErrorCode} and a {@link Location} naming the file, HDU and keyword, and
 * its message reads {@code [CODE] file, HDU n, keyword K: what is wrong}. Programming errors (a negative
 * array size passed by code, a null argument) stay unchecked exceptions.
 *
 * <pre>{@code
 * throw new DrpException(CoreErrorCode.HEADER_MISSING_KEYWORD,
 *         Location.file("a.fits").hdu(0).keyword("DATE-OBS"), "required keyword is absent");
 * }</pre>
 */
public class DrpException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient ErrorCode code;
    private final Location location;
    private final String detail;

    /**
     * @param code     stable error code
     * @param location where the problem is (never null; use {@link Location#NOWHERE})
     * @param detail   what is wrong, for a person
     */
    public DrpException(ErrorCode code, Location location, String detail) {
        this(code, location, detail, null);
    }

    /**
     * @param code     stable error code
     * @param location where the problem is
     * @param detail   what is wrong, for a person
     * @param cause    the underlying exception, or null
     */
    public DrpException(ErrorCode code, Location location, String detail, Throwable cause) {
        super(format(code, location, detail), cause);
        this.code = Objects.requireNonNull(code, "code");
        this.location = location == null ? Location.NOWHERE : location;
        this.detail = detail;
    }

    /** @return the stable error code */
    public ErrorCode code() {
        return code;
    }

    /** @return where the problem was found */
    public Location location() {
        return location;
    }

    /** @return the description without code and location */
    public String detail() {
        return detail;
    }

    private static String format(ErrorCode code, Location location, String detail) {
        String where = location == null || location.isEmpty() ? "" : " " + location;
        return "[" + code.name() + "]" + where + ": " + detail;
    }
}
