package org.drpkit.fits.table;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.header.Card;
import org.drpkit.core.header.Header;

/**
 * Writes the archive's {@code metadata.table} for headers, driven by a {@link KeywordTable}: one column per
 * keyword definition, one row per header, each cell made by the archive's value pipeline (koa-dep section 5.3) so
 * that the bytes equal what the archive writes.
 *
 * <p>For each column: the value is the header card's (first card), else the caller's {@link MetadataValues}, else
 * null. Undefined values, {@code 'NaN'}, {@code '-NaN'} and {@code '#### Error ###'} are null ({@code EQUINOX} null
 * is 0). A null or empty value in a column without nulls is an error. With ValidateFormat the value must cast to the
 * InputFormat, or to the column type when InputFormat is blank (the archive skips the check then, an archive quirk; drpkit
 * checks, which changes no output bytes and only rejects values the conversion would fail on anyway, or dates that
 * are not dates). Char logicals are {@code T}/{@code F}. A value longer than its column is cut (doubles on the
 * mantissa, keeping the exponent, silently; others with {@code MD_TRUNCATE}). Integers print as Python
 * {@code int()}, doubles as Python {@code str(float())} ({@link PyFloat}). With CheckValues, values outside
 * min/max give {@code MD_RANGE_ERROR} and values outside the discrete list {@code MD_DISCRETE_VAL_ERROR} (the
 * archive raises on a non-string value here; drpkit compares its text).
 *
 * <p>Warnings are returned, never printed. Errors (the archive's {@code METADATA_ERROR}) are all collected and thrown
 * together as one {@link DrpException}. Stateless and thread-safe.
 *
 * <pre>{@code
 * MetadataWriter w = MetadataWriter.of(KeywordTable.load(Path.of("KOA_NIRES_Keyword_Table.txt")));
 * MetadataResult r = w.write(fixed.header(), MetadataValues.of(fixed.facts()).with("FILESIZE_MB", 10.16));
 * r.write(Path.of("lev0/NR.20190615.12571.36.metadata.table"), false);
 * }</pre>
 */
public final class MetadataWriter {

    private static final Set<String> NEVER_UNDEFINED = Set.of("SIMPLE", "COMMENT", "HISTORY", "PROGTL1", "PROGTL2",
            "PROGTL3");
    private static final Set<String> NULL_TEXTS = Set.of("NaN", "-NaN", "#### Error ###");

    private final KeywordTable table;
    private final MetadataOptions options;

    private MetadataWriter(KeywordTable table, MetadataOptions options) {
        this.table = table;
        this.options = options;
    }

    /** @return a writer with production options */
    public static MetadataWriter of(KeywordTable table) {
        return new MetadataWriter(table, MetadataOptions.DEFAULTS);
    }

    /** @return a writer with these options */
    public static MetadataWriter of(KeywordTable table, MetadataOptions options) {
        return new MetadataWriter(table, options);
    }

    /** @return a one-row table for one header whose every value is a card */
    public MetadataResult write(Header header) throws DrpException {
        return write(header, MetadataValues.none());
    }

    /**
     * @return a one-row table for one header and the values that are not its cards
     * @throws DrpException {@code METADATA_VALUE_INVALID} listing every fatal problem
     */
    public MetadataResult write(Header header, MetadataValues values) throws DrpException {
        List<String> errors = new ArrayList<>();
        MetadataRow r = row(header, values, errors);
        fail(errors, header.origin());
        return new MetadataResult(IpacTable.of(table.columns(), List.of(r.cells())), r.warnings());
    }

    /**
     * @return a table with one row per header (every value a card), and all their warnings
     * @throws DrpException {@code METADATA_VALUE_INVALID} listing every fatal problem of every header
     */
    public MetadataResult write(List<Header> headers) throws DrpException {
        List<List<String>> rows = new ArrayList<>();
        List<MetadataWarning> warnings = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Header h : headers) {
            MetadataRow r = row(h, MetadataValues.none(), errors);
            rows.add(r.cells());
            warnings.addAll(r.warnings());
        }
        fail(errors, headers.isEmpty() ? Location.NOWHERE : headers.get(0).origin());
        return new MetadataResult(IpacTable.of(table.columns(), rows), warnings);
    }

    /**
     * @return the cells of one header's row and its warnings
     * @throws DrpException {@code METADATA_VALUE_INVALID} listing every fatal problem
     */
    public MetadataRow row(Header header) throws DrpException {
        List<String> errors = new ArrayList<>();
        MetadataRow r = row(header, MetadataValues.none(), errors);
        fail(errors, header.origin());
        return r;
    }

    private MetadataRow row(Header header, MetadataValues values, List<String> errors) {
        List<String> cells = new ArrayList<>();
        List<MetadataWarning> warnings = new ArrayList<>();
        for (KeywordDefinition d : table.definitions()) {
            cells.add(cell(d, header, values, warnings, errors));
        }
        if (options.developerWarnings()) {
            for (Card c : header) {
                String k = c.key();
                if (!c.isCommentary() && !NEVER_UNDEFINED.contains(k) && !options.skipUndefined().contains(k)
                        && table.find(k).isEmpty()) {
                    warnings.add(new MetadataWarning(MetadataWarningCode.MD_KEYWORD_FORMAT_UNDEFINED, k,
                            k + " is in the header but has no definition in " + table.name()));
                }
            }
        }
        return new MetadataRow(cells, warnings);
    }

    /** A missing or null value. */
    private static final Object NULL = new Object();

    private String cell(KeywordDefinition d, Header h, MetadataValues values, List<MetadataWarning> warnings,
            List<String> errors) {
        String key = d.keyword();
        Object v = lookup(h, values, key);
        if (v == NULL && options.developerWarnings()) {
            warnings.add(new MetadataWarning(MetadataWarningCode.MD_HEADER_KEYWORD_MISSING, key,
                    key + " is neither in the header nor in the extra values"));
        }
        if (v == null || (v instanceof String s && NULL_TEXTS.contains(s)) || (v instanceof Double x && x.isNaN())) {
            v = NULL;
        }
        if (v == NULL && key.equals("EQUINOX")) {
            v = 0L;
        }
        if (v == NULL || "".equals(v)) {
            if (!d.nullable()) {
                errors.add(key + ": " + (v == NULL ? "null" : "an empty value") + " in a column without nulls");
            }
            return v == NULL ? IpacTable.NULL : "";
        }
        if (d.validateFormat()) {
            String format = d.inputFormat().isEmpty() ? d.type().ipacName() : d.inputFormat();
            if (!casts(v, format)) {
                errors.add(key + ": " + shown(v) + " is not a valid " + format);
                return "";
            }
        }
        if (d.type() == MetadataType.CHAR && v instanceof Boolean b) {
            v = b ? "T" : "F";
        }
        int w = d.width();
        String text = PyValues.str(v);
        if (text.length() > w) {
            if (d.type() == MetadataType.DOUBLE) {
                v = cutMantissa(text, w);
            } else {
                v = text.substring(0, w);
                warnings.add(new MetadataWarning(MetadataWarningCode.MD_TRUNCATE, key,
                        "'" + text + "' cut to " + w + " characters"));
            }
        }
        text = convert(d, v);
        if (text == null) {
            errors.add(key + ": " + shown(v) + " cannot be converted to " + d.type().ipacName());
            return "";
        }
        if (text.length() > w) {
            // only an integral double or a huge integer gets here; the archive would write a cell wider than its column
            warnings.add(new MetadataWarning(MetadataWarningCode.MD_TRUNCATE, key,
                    "'" + text + "' cut to " + w + " characters (it does not fit its column)"));
            text = text.substring(0, w);
        }
        if (d.checkValues()) {
            check(d, text, warnings);
        }
        return text;
    }

    private static Object lookup(Header h, MetadataValues values, String key) {
        Optional<Card> c = h.find(key);
        if (c.isPresent()) {
            Object v = c.get().value();
            return v instanceof String s ? s.stripTrailing() : v;
        }
        if (!values.has(key)) {
            return NULL;
        }
        Object v = values.find(key).orElse(null);
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            return s.stripTrailing();
        }
        if (v instanceof Boolean || v instanceof Long || v instanceof Double || v instanceof Integer
                || v instanceof Short || v instanceof Byte || v instanceof Float) {
            return Card.of(key, v).value();
        }
        return v instanceof Number n ? (Object) n.doubleValue() : v.toString();
    }

    private static boolean casts(Object v, String format) {
        return switch (format) {
            case "integer" -> PyValues.toInt(v) != null;
            case "double" -> PyValues.toFloat(v) != null;
            case "date" -> PyValues.isDate(v);
            case "time" -> PyValues.isTime(v);
            case "datetime" -> PyValues.isDateTime(v);
            case "angle" -> PyValues.toDegrees(v) != null;
            default -> true; // char, or a format the archive does not check
        };
    }

    private static String convert(KeywordDefinition d, Object v) {
        switch (d.type()) {
            case INTEGER: {
                BigInteger i = PyValues.toInt(v);
                return i == null ? null : i.toString();
            }
            case DOUBLE: {
                Double x = PyValues.toFloat(v);
                return x == null ? null : PyFloat.repr(x);
            }
            default:
                return PyValues.str(v);
        }
    }

    /** Cuts a float's text to {@code width}, keeping any exponent whole (the archive's rule for doubles). */
    static String cutMantissa(String text, int width) {
        int e = text.indexOf('e');
        if (e < 0) {
            return text.substring(0, width);
        }
        String exp = text.substring(e);
        int keep = width - exp.length();
        return keep <= 0 ? text.substring(0, width) : text.substring(0, Math.min(keep, e)) + exp;
    }

    private static void check(KeywordDefinition d, String text, List<MetadataWarning> warnings) {
        String key = d.keyword();
        boolean hasRange = !Double.isNaN(d.min()) || !Double.isNaN(d.max());
        if (hasRange) {
            Double x = d.inputFormat().equals("angle") ? PyValues.toDegrees(text) : PyValues.toFloat(text);
            if (x != null && ((!Double.isNaN(d.min()) && x < d.min()) || (!Double.isNaN(d.max()) && x > d.max()))) {
                warnings.add(new MetadataWarning(MetadataWarningCode.MD_RANGE_ERROR, key, "'" + text + "' is outside ["
                        + bound(d.min()) + ", " + bound(d.max()) + "]"));
            }
        }
        if (!d.discrete().isEmpty() && !inDiscrete(text, d.discrete())) {
            warnings.add(new MetadataWarning(MetadataWarningCode.MD_DISCRETE_VAL_ERROR, key,
                    "'" + text + "' is not one of " + d.discrete()));
        }
    }

    private static boolean inDiscrete(String text, List<String> allowed) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Double x = PyValues.toFloat(t);
        for (String a : allowed) {
            if (a.equals(t)) {
                return true;
            }
            Double y = PyValues.toFloat(a);
            if (x != null && y != null && x.equals(y)) {
                return true;
            }
        }
        return false;
    }

    private static String bound(double b) {
        return Double.isNaN(b) ? "" : PyFloat.repr(b);
    }

    private static String shown(Object v) {
        return v instanceof String s ? "'" + s + "'" : PyValues.str(v);
    }

    private static void fail(List<String> errors, Location where) throws DrpException {
        if (!errors.isEmpty()) {
            throw new DrpException(TableErrorCode.METADATA_VALUE_INVALID, where,
                    errors.size() + " metadata value(s) break their definitions: " + String.join("; ", errors));
        }
    }

    @Override
    public String toString() {
        return "MetadataWriter[" + table + ", developer warnings " + options.developerWarnings() + "]";
    }
}
