package org.drpkit.fits.table;

import java.util.List;
import org.drpkit.core.error.DrpException;
import java.nio.file.Path;

/**
 * A finished metadata table and the warnings of its rows.
 *
 * @param table    the table (columns from the keyword definitions, one row per header)
 * @param warnings every warning, in row then column order
 */
public record MetadataResult(IpacTable table, List<MetadataWarning> warnings) {

    /** Copies the list. */
    public MetadataResult {
        warnings = List.copyOf(warnings);
    }

    /** @return the table's bytes, as the archive writes them */
    public byte[] bytes() {
        return table.bytes();
    }

    /**
     * Writes the table atomically.
     *
     * @throws DrpException {@code OUTPUT_EXISTS} or {@code WRITE_FAILED}
     */
    public void write(Path target, boolean overwrite) throws DrpException {
        table.write(target, overwrite);
    }

    @Override
    public String toString() {
        return "MetadataResult[" + table + ", " + warnings.size() + " warnings]";
    }
}
