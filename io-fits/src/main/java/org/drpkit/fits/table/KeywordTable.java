package org.drpkit.fits.table;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;

/**
 * The archive's keyword definitions for one instrument, loaded from {@code KOA_{INSTR}_Keyword_Table.txt}
 * (KeckObservatoryArchive/KeywordTables): tab-separated, one row per keyword, in metadata-column order.
 *
 * <p>Loading applies the archive's preprocessing (koa-dep section 5.1): rows without a keyword and rows whose
 * {@code Source} is {@code NExScI} (columns computed at IPAC) are dropped, widths are integers, the first row must
 * be {@code KOAID}, and the columns FITSKeyword, MetadataDatatype, MetadataWidth, NullsAllowed, ValidateFormat,
 * CheckValues, InputFormat, MinValue, MaxValue and DiscreteValues must exist. Windows line ends, spreadsheet quoting
 * ({@code "NUMBER(*,0)"}) and rows shorter than the header (missing trailing cells are blank) are accepted.
 *
 * <pre>{@code
 * KeywordTable t = KeywordTable.load(Path.of("KOA_NIRES_Keyword_Table.txt"));
 * t.definitions().size();                 // 223
 * t.find("AIRMASS").get().width();        // 24
 * }</pre>
 */
public final class KeywordTable {

    private static final List<String> REQUIRED = List.of("FITSKeyword", "MetadataDatatype", "MetadataWidth",
            "NullsAllowed", "ValidateFormat", "CheckValues", "InputFormat", "MinValue", "MaxValue", "DiscreteValues");

    private final String name;
    private final List<KeywordDefinition> definitions;
    private final Map<String, KeywordDefinition> byKeyword;

    private KeywordTable(String name, List<KeywordDefinition> definitions) {
        this.name = name;
        this.definitions = List.copyOf(definitions);
        Map<String, KeywordDefinition> m = new LinkedHashMap<>();
        for (KeywordDefinition d : this.definitions) {
            m.putIfAbsent(d.keyword().toUpperCase(Locale.ROOT), d);
        }
        this.byKeyword = m;
    }

    /** @return a table of these definitions, in column order (for tests and hand-made schemas) */
    public static KeywordTable of(String name, List<KeywordDefinition> definitions) {
        return new KeywordTable(name, definitions);
    }

    /**
     * @return the definitions in the file
     * @throws DrpException {@code KEYWORD_TABLE_INVALID} naming the file, row and column; {@code FITS_NOT_FOUND} or
     *                      {@code FITS_UNREADABLE} (io-fits' codes for any missing or unreadable file)
     */
    public static KeywordTable load(Path file) throws DrpException {
        return parse(file.getFileName().toString(), TableFiles.read(file, StandardCharsets.ISO_8859_1));
    }

    /** @return the definitions in the text of a keyword table; {@code name} is used in messages */
    public static KeywordTable parse(String name, String text) throws DrpException {
        String[] lines = text.split("\r?\n", -1);
        if (lines.length == 0 || lines[0].isBlank()) {
            throw invalid(name, 1, null, "the table is empty");
        }
        List<String> header = fields(lines[0]);
        Map<String, Integer> col = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            col.putIfAbsent(header.get(i).trim(), i);
        }
        for (String r : REQUIRED) {
            if (!col.containsKey(r)) {
                throw invalid(name, 1, null, "the column " + r + " is missing (the archive fails with METADATA_ERROR)");
            }
        }
        List<KeywordDefinition> defs = new ArrayList<>();
        for (int ln = 1; ln < lines.length; ln++) {
            if (lines[ln].isEmpty()) {
                continue;
            }
            List<String> f = fields(lines[ln]);
            if (f.size() > header.size()) {
                throw invalid(name, ln + 1, null, "the row has " + f.size() + " cells, the header " + header.size());
            }
            String keyword = cell(f, col, "FITSKeyword");
            if (keyword.isEmpty() || cell(f, col, "Source").equals("NExScI")) {
                continue;
            }
            defs.add(definition(name, ln + 1, keyword, f, col));
        }
        if (defs.isEmpty() || !defs.get(0).keyword().equals("KOAID")) {
            throw invalid(name, 2, "FITSKeyword", "the first keyword must be KOAID, not "
                    + (defs.isEmpty() ? "nothing" : defs.get(0).keyword()));
        }
        return new KeywordTable(name, defs);
    }

    private static KeywordDefinition definition(String name, int row, String keyword, List<String> f,
            Map<String, Integer> col) throws DrpException {
        MetadataType type = MetadataType.fromName(cell(f, col, "MetadataDatatype"));
        if (type == null) {
            throw invalid(name, row, keyword, "MetadataDatatype '" + cell(f, col, "MetadataDatatype")
                    + "' is not char, integer, double or date");
        }
        int size;
        try {
            size = Integer.parseInt(cell(f, col, "MetadataWidth"));
        } catch (NumberFormatException e) {
            throw invalid(name, row, keyword, "MetadataWidth '" + cell(f, col, "MetadataWidth") + "' is not an integer");
        }
        boolean nullable = yes(cell(f, col, "NullsAllowed"));
        int width = Math.max(size, keyword.length());
        if (size < 0 || width < type.ipacName().length() || (nullable && width < 4)) {
            throw invalid(name, row, keyword, "width " + width + " cannot hold the column's type or null row");
        }
        return new KeywordDefinition(keyword, type, size, nullable, yes(cell(f, col, "ValidateFormat")),
                yes(cell(f, col, "CheckValues")), cell(f, col, "InputFormat"),
                number(name, row, keyword, "MinValue", cell(f, col, "MinValue")),
                number(name, row, keyword, "MaxValue", cell(f, col, "MaxValue")),
                discrete(cell(f, col, "DiscreteValues")));
    }

    /** @return the definitions, in column order */
    public List<KeywordDefinition> definitions() {
        return definitions;
    }

    /** @return the definition of a keyword (case-insensitive) */
    public Optional<KeywordDefinition> find(String keyword) {
        return Optional.ofNullable(byKeyword.get(keyword.toUpperCase(Locale.ROOT)));
    }

    /** @return the file name the table came from */
    public String name() {
        return name;
    }

    /** @return the IPAC columns of a metadata table built from these definitions */
    public List<IpacColumn> columns() {
        List<IpacColumn> out = new ArrayList<>();
        for (KeywordDefinition d : definitions) {
            out.add(d.column());
        }
        return out;
    }

    /**
     * @return a copy with the definition of the same keyword replaced (an instrument's local override)
     * @throws IllegalArgumentException when the keyword is not in the table
     */
    public KeywordTable replace(KeywordDefinition d) {
        List<KeywordDefinition> out = new ArrayList<>(definitions);
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).keyword().equalsIgnoreCase(d.keyword())) {
                out.set(i, d);
                return new KeywordTable(name, out);
            }
        }
        throw new IllegalArgumentException(d.keyword() + " is not in " + name);
    }

    @Override
    public String toString() {
        return "KeywordTable[" + name + ", " + definitions.size() + " keywords]";
    }

    /** Splits a tab-separated line; a cell wholly in double quotes is unquoted ({@code ""} inside is one quote). */
    static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        for (String f : line.split("\t", -1)) {
            String t = f.trim();
            if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
                t = t.substring(1, t.length() - 1).replace("\"\"", "\"");
            }
            out.add(t);
        }
        return out;
    }

    private static String cell(List<String> f, Map<String, Integer> col, String name) {
        Integer i = col.get(name);
        return i == null || i >= f.size() ? "" : f.get(i).trim();
    }

    private static boolean yes(String s) {
        return s.equalsIgnoreCase("Y");
    }

    private static double number(String name, int row, String keyword, String what, String s) throws DrpException {
        if (s.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw invalid(name, row, keyword, what + " '" + s + "' is not a number");
        }
    }

    /** DiscreteValues: a JSON list ({@code ["a", "b"]}) or a comma-separated list; trimmed and lower-cased. */
    static List<String> discrete(String s) {
        String t = s.trim();
        if (t.isEmpty()) {
            return List.of();
        }
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        List<String> out = new ArrayList<>();
        for (String v : t.split(",")) {
            String x = v.trim();
            if (x.length() >= 2 && (x.startsWith("\"") && x.endsWith("\"") || x.startsWith("'") && x.endsWith("'"))) {
                x = x.substring(1, x.length() - 1).trim();
            }
            out.add(x.toLowerCase(Locale.ROOT));
        }
        return out;
    }

    private static DrpException invalid(String name, int row, String keyword, String detail) {
        return new DrpException(TableErrorCode.KEYWORD_TABLE_INVALID,
                Location.file(name).keyword(keyword), "row " + row + ": " + detail);
    }
}
