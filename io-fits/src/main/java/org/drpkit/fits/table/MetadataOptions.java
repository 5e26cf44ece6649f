package org.drpkit.fits.table;

import java.util.Set;

/**
 * Options of the metadata writer.
 *
 * <pre>{@code
 * MetadataOptions dev = new MetadataOptions(true, Set.of("CCDGAIN"));   // developer warnings, one keyword skipped
 * }</pre>
 *
 * @param developerWarnings also return {@code MD_HEADER_KEYWORD_MISSING} and {@code MD_KEYWORD_FORMAT_UNDEFINED}
 *                          (the archive emits them in developer mode only)
 * @param skipUndefined     header keywords never reported as undefined (an instrument's "keyskips"), in addition
 *                          to SIMPLE, COMMENT, HISTORY and PROGTL1-3
 */
public record MetadataOptions(boolean developerWarnings, Set<String> skipUndefined) {

    /** Production behaviour: no developer warnings, no extra skips. */
    public static final MetadataOptions DEFAULTS = new MetadataOptions(false, Set.of());

    /** Copies the set. */
    public MetadataOptions {
        skipUndefined = Set.copyOf(skipUndefined);
    }
}
