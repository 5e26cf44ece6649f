package org.drpkit.fits.table;

import java.util.List;

/**
 * The cells of one metadata row and the warnings met while making them.
 *
 * @param cells    one text per column, as written (before padding)
 * @param warnings the warnings, in column order
 */
public record MetadataRow(List<String> cells, List<MetadataWarning> warnings) {

    /** Copies the lists. */
    public MetadataRow {
        cells = List.copyOf(cells);
        warnings = List.copyOf(warnings);
    }
}
