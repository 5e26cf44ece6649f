package org.drpkit.fits.table;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.drpkit.core.error.DrpException;

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
 * <p>Loading also checks the table ({@link #check}: keywords defined twice, unknown types, widths too small, missing
 * columns) and fails fast on the first problem with its own code and {@code file:line}; {@link #check} lists them
 * all. Each table carries a {@link #version()} (a content hash) that the ingest records.
 *
 * <pre>{@code
 * KeywordTable t = KeywordTable.load(Path.of("KOA_NIRES_Keyword_Table.txt"));
 * t.definitions().size();                 // 223
 * t.find("AIRMASS").get().width();        // 24
 * t.version();                            // sha256:... (the start of sha256sum's digest of the file)
 * }</pre>
 */
public final class KeywordTable {

    private static final List<String> REQUIRED = List.of("FITSKeyword", "MetadataDatatype", "MetadataWidth",
            "NullsAllowed", "ValidateFormat", "CheckValues", "InputFormat", "MinValue", "MaxValue", "DiscreteValues");

    private final String name;
    private final List<KeywordDefinition> definitions;
    private final Map<String, KeywordDefinition> byKeyword;
    private final String version;

    private KeywordTable(String name, List<KeywordDefinition> definitions, String version) {
        this.name = name;
        this.version = version;
        this.definitions = List.copyOf(definitions);
        Map<String, KeywordDefinition> m = new LinkedHashMap<>();
        for (KeywordDefinition d : this.definitions) {
            m.putIfAbsent(d.keyword().toUpperCase(Locale.ROOT), d);
        }
        this.byKeyword = m;
    }

    /** @return a table of these definitions, in column order (for tests and hand-made schemas) */
    public static KeywordTable of(String name, List<KeywordDefinition> definitions) {
        return new KeywordTable(name, definitions, definitionsVersion(definitions));
    }

    /**
     * @return the definitions in the file
     * @throws DrpException the code of the first {@link #check problem} (each a case of
     *                      {@code KEYWORD_TABLE_INVALID}), naming {@code file:line} and the keyword, and counting the
     *                      others; {@code FITS_NOT_FOUND} or {@code FITS_UNREADABLE} (io-fits' codes for any missing
     *                      or unreadable file)
     */
    public static KeywordTable load(Path file) throws DrpException {
        return parse(file.getFileName().toString(), TableFiles.read(file, StandardCharsets.ISO_8859_1));
    }

    /**
     * @return the definitions in the text of a keyword table; {@code name} is used in messages
     * @throws DrpException as {@link #load}
     */
    public static KeywordTable parse(String name, String text) throws DrpException {
        Parsed p = read(name, text);
        if (!p.findings().isEmpty()) {
            List<KeywordTableFinding> f = p.findings();
            StringBuilder more = new StringBuilder();
            if (f.size() > 1) {
                more.append(" (and ").append(f.size() - 1).append(" more: ");
                for (int i = 1; i < Math.min(f.size(), 4); i++) {
                    more.append(i > 1 ? "; " : "").append(f.get(i));
                }
                more.append(f.size() > 4 ? "; ...)" : ")");
            }
            throw f.get(0).toException(more.toString());
        }
        return new KeywordTable(name, p.definitions(), textVersion(text));
    }

    /**
     * Every problem of a keyword table, for a person fixing it (a load stops at the first): a missing required
     * column, a keyword defined twice (FITSKeyword, or DBKeyword when the table has that column; case-insensitive),
     * an unknown MetadataDatatype, a width too small for the column's type name, its null row or its format (date 10
     * characters, time 8, datetime 19; from the type or InputFormat), a number that is not one, a row longer than the
     * header, a first keyword other than KOAID. The IPAC-side OutputFormat ({@code 18.8f}) is not compared with the
     * width: the archive's own tables give wider output formats than widths on most double columns.
     *
     * <pre>{@code
     * List<KeywordTableFinding> problems = KeywordTable.check("KOA_X_Keyword_Table.txt", text); // empty: valid
     * }</pre>
     *
     * @return the problems in line order, empty when the table loads
     */
    public static List<KeywordTableFinding> check(String name, String text) {
        return read(name, text).findings();
    }

    /**
     * @return the problems of a table file, as {@link #check(String, String)}
     * @throws DrpException {@code FITS_NOT_FOUND} or {@code FITS_UNREADABLE}
     */
    public static List<KeywordTableFinding> check(Path file) throws DrpException {
        return check(file.getFileName().toString(), TableFiles.read(file, StandardCharsets.ISO_8859_1));
    }

    private record Parsed(List<KeywordDefinition> definitions, List<KeywordTableFinding> findings) {
    }

    private static Parsed read(String name, String text) {
        String[] lines = text.split("\r?\n", -1);
        List<KeywordDefinition> defs = new ArrayList<>();
        List<KeywordTableFinding> found = new ArrayList<>();
        if (lines.length == 0 || lines[0].isBlank()) {
            found.add(new KeywordTableFinding(TableErrorCode.KEYWORD_TABLE_INVALID, name, 1, null,
                    "the table is empty"));
            return new Parsed(defs, found);
        }
        List<String> header = fields(lines[0]);
        Map<String, Integer> col = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            col.putIfAbsent(header.get(i).trim(), i);
        }
        for (String r : REQUIRED) {
            if (!col.containsKey(r)) {
                found.add(new KeywordTableFinding(TableErrorCode.KEYWORD_TABLE_COLUMN_MISSING, name, 1, null,
                        "the column " + r + " is missing (the archive fails with METADATA_ERROR)"));
            }
        }
        if (!found.isEmpty()) {
            return new Parsed(defs, found);
        }
        Map<String, Integer> fitsLine = new HashMap<>();
        Map<String, Integer> dbLine = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                continue;
            }
            int ln = i + 1;
            List<String> f = fields(lines[i]);
            if (f.size() > header.size()) {
                found.add(new KeywordTableFinding(TableErrorCode.KEYWORD_TABLE_INVALID, name, ln,
                        f.get(0).isEmpty() ? null : f.get(0), "the row has " + f.size() + " cells, the header "
                        + header.size()));
                continue;
            }
            String keyword = cell(f, col, "FITSKeyword");
            String db = cell(f, col, "DBKeyword");
            boolean kept = !keyword.isEmpty() && !cell(f, col, "Source").equals("NExScI");
            if (kept) {
                Integer first = fitsLine.putIfAbsent(keyword.toUpperCase(Locale.ROOT), ln);
                if (first != null) {
                    found.add(new KeywordTableFinding(TableErrorCode.KEYWORD_DEFINED_TWICE, name, ln, keyword,
                            "FITSKeyword " + keyword + " is defined twice (first at line " + first + ")"));
                    continue;
                }
            }
            if (!db.isEmpty()) {
                Integer first = dbLine.putIfAbsent(db.toUpperCase(Locale.ROOT), ln);
                if (first != null) {
                    found.add(new KeywordTableFinding(TableErrorCode.KEYWORD_DEFINED_TWICE, name, ln,
                            keyword.isEmpty() ? null : keyword, "DBKeyword " + db + " is defined twice (first at line "
                            + first + ")"));
                    continue;
                }
            }
            if (!kept) {
                continue;
            }
            KeywordDefinition d = definition(name, ln, keyword, f, col, found);
            if (d != null) {
                if (defs.isEmpty() && !d.keyword().equals("KOAID")) {
                    found.add(new KeywordTableFinding(TableErrorCode.KEYWORD_TABLE_INVALID, name, ln, d.keyword(),
                            "the first keyword must be KOAID, not " + d.keyword()));
                }
                defs.add(d);
            }
        }
        if (defs.isEmpty() && found.isEmpty()) {
            found.add(new KeywordTableFinding(TableErrorCode.KEYWORD_TABLE_INVALID, name, 2, null,
                    "the first keyword must be KOAID, not nothing"));
        }
        return new Parsed(defs, found);
    }

    /** @return the row's definition, or null after adding its problems to {@code found} */
    private static KeywordDefinition definition(String name, int row, String keyword, List<String> f,
            Map<String, Integer> col, List<KeywordTableFinding> found) {
        int before = found.size();
        MetadataType type = MetadataType.fromName(cell(f, col, "MetadataDatatype"));
        if (type == null) {
            found.add(new KeywordTableFinding(TableErrorCode.KEYWORD_TYPE_UNKNOWN, name, row, keyword,
                    "MetadataDatatype '" + cell(f, col, "MetadataDatatype") + "' is not char, integer, double or date"));
        }
        int size = -1;
        try {
            size = Integer.parseInt(cell(f, col, "MetadataWidth"));
        } catch (NumberFormatException e) {
            found.add(new KeywordTableFinding(TableErrorCode.KEYWORD_TABLE_INVALID, name, row, keyword,
                    "MetadataWidth '" + cell(f, col, "MetadataWidth") + "' is not an integer"));
        }
        boolean nullable = yes(cell(f, col, "NullsAllowed"));
        String inputFormat = cell(f, col, "InputFormat");
        if (type != null && found.size() == before) {
            int width = Math.max(size, keyword.length());
            int need = Math.max(type.ipacName().length(), nullable ? 4 : 0);
            String why = "its type name " + type.ipacName() + (nullable ? " and null row" : "");
            int format = formatWidth(type, inputFormat);
            if (format > need) {
                need = format;
                why = "a " + (inputFormat.isEmpty() ? type.ipacName() : inputFormat) + " value";
            }
            if (size < 0 || width < need) {
                found.add(new KeywordTableFinding(TableErrorCode.KEYWORD_WIDTH_TOO_SMALL, name, row, keyword,
                        "width " + width + " cannot hold " + why + " (" + need + " characters)"));
            }
        }
        double min = number(name, row, keyword, "MinValue", cell(f, col, "MinValue"), found);
        double max = number(name, row, keyword, "MaxValue", cell(f, col, "MaxValue"), found);
        if (found.size() > before) {
            return null;
        }
        return new KeywordDefinition(keyword, type, size, nullable, yes(cell(f, col, "ValidateFormat")),
                yes(cell(f, col, "CheckValues")), inputFormat, min, max, discrete(cell(f, col, "DiscreteValues")));
    }

    /** The characters a value of a type or input format needs: {@code YYYY-MM-DD}, {@code HH:MM:SS}, both. */
    private static int formatWidth(MetadataType type, String inputFormat) {
        return switch (inputFormat.toLowerCase(Locale.ROOT)) {
            case "date" -> 10;
            case "time" -> 8;
            case "datetime" -> 19;
            default -> type == MetadataType.DATE ? 10 : 0;
        };
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

    /**
     * The table's version: {@code sha256:} and the first 16 hex digits of the SHA-256 of the file's bytes, which
     * {@code sha256sum KOA_X_Keyword_Table.txt} prints in full (the archive's tables carry no version line). A table
     * made in code ({@link #of}, {@link #replace}) hashes its definitions instead. The ingest records it in the
     * ledger and in each file's log, so a metadata table can be traced to the definitions that made it.
     *
     * @return e.g. {@code sha256:3f1c0be2a9d45e77}
     */
    public String version() {
        return version;
    }

    /** @return the file name and version, as the ledger and the logs record them: {@code NAME sha256:...} */
    public String label() {
        return name + " " + version;
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
                return new KeywordTable(name, out, definitionsVersion(out));
            }
        }
        throw new IllegalArgumentException(d.keyword() + " is not in " + name);
    }

    @Override
    public String toString() {
        return "KeywordTable[" + name + ", " + definitions.size() + " keywords, " + version + "]";
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

    private static double number(String name, int row, String keyword, String what, String s,
            List<KeywordTableFinding> found) {
        if (s.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            found.add(new KeywordTableFinding(TableErrorCode.KEYWORD_TABLE_INVALID, name, row, keyword,
                    what + " '" + s + "' is not a number"));
            return Double.NaN;
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

    /** The version of a table's text: the first 16 hex digits of the SHA-256 of its bytes (as {@code sha256sum}). */
    private static String textVersion(String text) {
        java.nio.charset.CharsetEncoder latin1 = StandardCharsets.ISO_8859_1.newEncoder();
        byte[] b = text.getBytes(latin1.canEncode(text) ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        return sha256(b);
    }

    private static String definitionsVersion(List<KeywordDefinition> definitions) {
        StringBuilder sb = new StringBuilder();
        for (KeywordDefinition d : definitions) {
            sb.append(d).append('\n');
        }
        return sha256(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] b) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(b);
            return "sha256:" + HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
