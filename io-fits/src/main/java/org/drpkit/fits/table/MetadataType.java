package org.drpkit.fits.table;

import java.util.Locale;

/** The metadata data types of the archive's keyword tables, as written in the IPAC type row. */
public enum MetadataType {
    /** Text ({@code char}). */
    CHAR,
    /** Whole numbers ({@code integer}). */
    INTEGER,
    /** Floating point ({@code double}), written with Python's float repr. */
    DOUBLE,
    /** A calendar date {@code YYYY-MM-DD} ({@code date}). */
    DATE;

    /** @return the name in the table: {@code char}, {@code integer}, {@code double}, {@code date} */
    public String ipacName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the type for a table name, or null when unknown */
    public static MetadataType fromName(String name) {
        for (MetadataType t : values()) {
            if (t.ipacName().equals(name.trim())) {
                return t;
            }
        }
        return null;
    }
}
