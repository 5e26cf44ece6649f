package org.drpkit.fits;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * One column of a binary table that {@link FitsWriter#table} writes: a name, a unit and its values, 64-bit integers
 * ({@code K}), doubles ({@code D}) or ASCII text ({@code nA}, as wide as the longest value; a null is written as
 * blanks). Integer and double columns take a null-value marker through {@link #nullable}: a {@code null} long is
 * written as {@link #NULL_LONG} with {@code TNULLn}, a missing double as NaN.
 *
 * <pre>{@code
 * FitsWriter.create().table("FILES", Header.empty(), List.of(
 *         TableColumn.texts("PATH", "", List.of("a.fits", "b.fits")),
 *         TableColumn.longs("SIZE", "byte", new long[] {2880, 5760})))
 *     .write(Path.of("files.fits"), false);
 * }</pre>
 *
 * @param name   the column name (TTYPEn)
 * @param unit   the unit (TUNITn), or {@code ""} for none
 * @param values a {@code long[]}, {@code double[]} or {@code List<String>}
 */
public record TableColumn(String name, String unit, Object values) {

    /** The value written for a null in a nullable integer column (its TNULLn). */
    public static final long NULL_LONG = Long.MIN_VALUE;

    /** Checks the name and the kind of values. */
    public TableColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        if (!(values instanceof long[] || values instanceof double[] || values instanceof List<?>)) {
            throw new IllegalArgumentException("column " + name + ": values must be long[], double[] or List<String>");
        }
        if (values instanceof List<?> l) {
            for (Object o : l) {
                if (o != null && !(o instanceof String)) {
                    throw new IllegalArgumentException("column " + name + ": a text column holds strings, not " + o);
                }
            }
            values = List.copyOf(l.stream().map(o -> o == null ? "" : (String) o).toList());
        }
    }

    /** @return a 64-bit integer column */
    public static TableColumn longs(String name, String unit, long[] values) {
        return new TableColumn(name, unit, values.clone());
    }

    /** @return a 64-bit integer column whose nulls are written as {@link #NULL_LONG} (TNULLn) */
    public static TableColumn nullable(String name, String unit, List<Long> values) {
        long[] v = new long[values.size()];
        for (int i = 0; i < v.length; i++) {
            Long x = values.get(i);
            v[i] = x == null ? NULL_LONG : x;
        }
        return new TableColumn(name, unit, v);
    }

    /** @return a double column (NaN for a missing value) */
    public static TableColumn doubles(String name, String unit, double[] values) {
        return new TableColumn(name, unit, values.clone());
    }

    /** @return an ASCII text column (a null is written as blanks) */
    public static TableColumn texts(String name, String unit, List<String> values) {
        return new TableColumn(name, unit, values);
    }

    /** @return the number of rows */
    public int rows() {
        if (values instanceof long[] l) {
            return l.length;
        }
        if (values instanceof double[] d) {
            return d.length;
        }
        return ((List<?>) values).size();
    }

    /** @return the TFORMn code: {@code K}, {@code D} or {@code nA} */
    public String form() {
        return values instanceof long[] ? "K" : values instanceof double[] ? "D" : textWidth() + "A";
    }

    /** @return bytes per row */
    int width() {
        return values instanceof List<?> ? textWidth() : 8;
    }

    int textWidth() {
        int w = 1;
        for (Object s : (List<?>) values) {
            w = Math.max(w, ((String) s).getBytes(StandardCharsets.ISO_8859_1).length);
        }
        return w;
    }

    @Override
    public String toString() {
        return "TableColumn[" + name + " " + form() + (unit.isEmpty() ? "" : " [" + unit + "]") + ", " + rows()
                + " rows]";
    }
}
