package org.drpkit.fits.table;

import java.util.Objects;

/**
 * One column of an IPAC fixed-width table.
 *
 * @param name     the name in the first header row
 * @param type     the type row text ({@code char}, {@code integer}, {@code double}, {@code date}, ...)
 * @param width    characters between the bars (at least the name's length)
 * @param nullable the null row says {@code null}
 * @param unit     the unit row text ({@code ""} in archive metadata tables)
 */
public record IpacColumn(String name, String type, int width, boolean nullable, String unit) {

    /** Checks the fields. */
    public IpacColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        unit = unit == null ? "" : unit;
        if (width < name.length() || width < type.length() || width < unit.length() || (nullable && width < 4)) {
            throw new IllegalArgumentException("column " + name + " of width " + width + " cannot hold its headers");
        }
    }
}
