package org.drpkit.fits.table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares metadata tables the way the archive's {@code compare_meta_files} does (koa-dep section 5.5), for
 * reprocessing reports and regression tests: every table after the first is compared with the first; columns
 * missing on either side, KOAIDs missing on either side, and differing values of KOAIDs present in both are
 * reported with the archive's messages. {@code DQA_DATE} and {@code DQA_VERS} are never compared.
 *
 * <p>Values are equal when both are null or empty (any text pandas reads as NaN counts as empty), when both are numbers that are equal (or equal once printed
 * with {@link Options#decimals} decimals, the archive's tolerance of 1 decimal when asked for), or when they are
 * equal ignoring case, or once HTML-escaped. Unlike the archive (an archive quirk), PROGTITL differences are reported.
 *
 * <pre>{@code
 * List<MetadataCompare.Comparison> c = MetadataCompare.compare(List.of(gold, mine), MetadataCompare.Options.EXACT);
 * c.get(0).warnings();   // [] when the tables agree
 * }</pre>
 */
public final class MetadataCompare {

    private static final Set<String> IGNORED = Set.of("DQA_DATE", "DQA_VERS");
    /** The texts pandas reads as NaN by default; the archive then treats them as empty. */
    private static final Set<String> PANDAS_NA = Set.of("#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN",
            "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null");

    /**
     * @param skipColumnWarnings do not report columns present on one side only
     * @param decimals           compare numbers printed with this many decimals (the archive uses 1), or -1 to
     *                           compare them exactly
     */
    public record Options(boolean skipColumnWarnings, int decimals) {
        /** Exact numbers, column differences reported. */
        public static final Options EXACT = new Options(false, -1);
        /** The archive's tolerance: numbers equal at 1 decimal. */
        public static final Options ARCHIVE = new Options(false, 1);
    }

    /**
     * The comparison of table {@code i} with table 0.
     *
     * @param title    {@code ==> comparing (0)NAME0 to (i)NAMEi:}
     * @param warnings the differences, in the archive's wording
     */
    public record Comparison(String title, List<String> warnings) {
        /** Copies the list. */
        public Comparison {
            warnings = List.copyOf(warnings);
        }
    }

    /** A table with the name used in titles. */
    public record Named(String name, IpacTable table) {
    }

    private MetadataCompare() {
    }

    /** @return one comparison per table after the first */
    public static List<Comparison> compare(List<Named> tables, Options options) {
        List<Comparison> out = new ArrayList<>();
        Named base = tables.get(0);
        for (int i = 1; i < tables.size(); i++) {
            out.add(compare(base, tables.get(i), i, options));
        }
        return out;
    }

    private static Comparison compare(Named t0, Named ti, int i, Options o) {
        List<String> w = new ArrayList<>();
        List<String> cols0 = names(t0.table());
        List<String> colsI = names(ti.table());
        if (!o.skipColumnWarnings()) {
            for (String c : colsI) {
                if (!cols0.contains(c) && !IGNORED.contains(c)) {
                    w.add("Meta compare: MD" + i + " col \"" + c + "\" not in MD0 col list.");
                }
            }
            for (String c : cols0) {
                if (!colsI.contains(c) && !IGNORED.contains(c)) {
                    w.add("Meta compare: MD0 col \"" + c + "\" not in MD" + i + " col list.");
                }
            }
        }
        Map<String, Integer> rows0 = byKoaid(t0.table());
        Map<String, Integer> rowsI = byKoaid(ti.table());
        for (String k : rowsI.keySet()) {
            if (!rows0.containsKey(k)) {
                w.add("Meta compare: CANNOT FIND KOAID \"" + k + "\" in MD0");
            }
        }
        for (String k : rows0.keySet()) {
            if (!rowsI.containsKey(k)) {
                w.add("Meta compare: CANNOT FIND KOAID \"" + k + "\" in MD" + i);
                continue;
            }
            for (String c : cols0) {
                if (IGNORED.contains(c) || !colsI.contains(c)) {
                    continue;
                }
                String v0 = t0.table().value(rows0.get(k), c);
                String v1 = ti.table().value(rowsI.get(k), c);
                if (!same(v0, v1, o.decimals())) {
                    w.add("Meta compare: " + k + ": col \"" + c + "\": (0)\"" + v0 + "\" != (" + i + ")\"" + v1 + "\"");
                }
            }
        }
        return new Comparison("==> comparing (0)" + t0.name() + " to (" + i + ")" + ti.name() + ":", w);
    }

    /** @return true when two cells hold the same value (see the class comment) */
    static boolean same(String a, String b, int decimals) {
        String x = blankIfNull(a);
        String y = blankIfNull(b);
        Double dx = x.isEmpty() ? null : PyValues.toFloat(x);
        Double dy = y.isEmpty() ? null : PyValues.toFloat(y);
        if (dx != null && dy != null) {
            return decimals < 0 ? dx.equals(dy) || dx.doubleValue() == dy.doubleValue()
                    : PyFloat.fixed(dx, decimals).equals(PyFloat.fixed(dy, decimals));
        }
        return x.equalsIgnoreCase(y) || escape(x).equalsIgnoreCase(y) || x.equalsIgnoreCase(escape(y));
    }

    private static String blankIfNull(String v) {
        String t = v == null ? "" : v.trim();
        return PANDAS_NA.contains(t) ? "" : t;
    }

    /** Python's {@code html.escape(s)}: {@code & < > " '}. */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#x27;");
    }

    private static List<String> names(IpacTable t) {
        List<String> out = new ArrayList<>();
        for (IpacColumn c : t.columns()) {
            out.add(c.name());
        }
        return out;
    }

    private static Map<String, Integer> byKoaid(IpacTable t) {
        Map<String, Integer> m = new LinkedHashMap<>();
        int k = t.indexOf("KOAID");
        for (int r = 0; r < t.rows().size(); r++) {
            m.putIfAbsent(k < 0 ? "" : t.rows().get(r).get(k), r);
        }
        return m;
    }
}
