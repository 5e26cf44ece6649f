package org.drpkit.archive.almanac;

/** What the almanac found a raw file to be. Every file found is filed with one of these; none is dropped. */
public enum FileState {
    /** Headers and data units whole, an instrument plugin filed it, every announced read present. */
    OK,
    /** Sound as FITS but holding fewer reads than its header announces (NREAD). */
    INCOMPLETE,
    /** Broken as FITS (truncated, bad fill, no END, not FITS at all) or a header its plugin cannot repair. */
    MALFORMED,
    /** No instrument plugin accepts it, or its plugin files no key for it. */
    UNRECOGNISED,
    /** Indexed before, no longer on disk. */
    GONE;

    /** @return true for the states a reduction may use ({@link #OK}) */
    public boolean usable() {
        return this == OK;
    }
}
