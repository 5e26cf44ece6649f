package org.drpkit.algorithms.visit;

import java.util.Locale;
import java.util.Objects;

/**
 * What one row of a visit saw, from the exposure's fibre map: the instrument-neutral part of a map's row that a
 * per-object product carries.
 *
 * <pre>{@code
 * VisitTarget t = new VisitTarget(11, 12, "2M05353235-0522017", "science", 83.8848, -5.3671);
 * }</pre>
 *
 * @param row      the 0-based spectrum row of the fibre in the exposures
 * @param fibre    the fibre number (1..300 on APOGEE)
 * @param id       the target's id (e.g. a 2MASS designation), not blank
 * @param category the map's category ({@code science}, {@code standard_apogee}, {@code sky_apogee}, ...)
 * @param ra       right ascension, degrees (NaN when unknown)
 * @param dec      declination, degrees (NaN when unknown)
 */
public record VisitTarget(int row, int fibre, String id, String category, double ra, double dec) {

    /** Validates. */
    public VisitTarget {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(category, "category");
        if (row < 0 || id.isBlank()) {
            throw new IllegalArgumentException("a target needs a row >= 0 and an id: row " + row + ", id '" + id + "'");
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (fibre %d, row %d, %s%s)", id, fibre, row, category,
                Double.isNaN(ra) ? "" : String.format(Locale.ROOT, ", %.5f %+.5f", ra, dec));
    }
}
