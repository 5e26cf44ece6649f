package org.drpkit.core.error;

/**
 * Where a problem was found: a file, an HDU index (0 = primary) and a header keyword, each optional.
 *
 * <pre>{@code
 * Location.file("n0051.fits").hdu(0).keyword("TELESCOP")   // n0051.fits, HDU 0, keyword TELESCOP
 * }</pre>
 *
 * @param file    file name or path, or {@code null} when the data did not come from a file
 * @param hdu     HDU index (0 = primary), or {@code null}
 * @param keyword header keyword, or {@code null}
 */
public record Location(String file, Integer hdu, String keyword) {

    /** No location at all. */
    public static final Location NOWHERE = new Location(null, null, null);

    /** @return a location naming only a file */
    public static Location file(String file) {
        return new Location(file, null, null);
    }

    /** @return a location naming only a keyword */
    public static Location ofKeyword(String keyword) {
        return new Location(null, null, keyword);
    }

    /** @return this location with the given HDU index */
    public Location hdu(int index) {
        return new Location(file, index, keyword);
    }

    /** @return this location with the given keyword */
    public Location keyword(String name) {
        return new Location(file, hdu, name);
    }

    /** @return true when nothing is known about the location */
    public boolean isEmpty() {
        return file == null && hdu == null && keyword == null;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (file != null) {
            sb.append(file);
        }
        if (hdu != null) {
            sb.append(sb.length() > 0 ? ", " : "").append("HDU ").append(hdu);
        }
        if (keyword != null) {
            sb.append(sb.length() > 0 ? ", " : "").append("keyword ").append(keyword);
        }
        return sb.toString();
    }
}
