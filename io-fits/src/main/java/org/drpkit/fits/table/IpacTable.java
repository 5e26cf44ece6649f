package org.drpkit.fits.table;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.fits.AtomicFiles;

/**
 * An IPAC fixed-width table as the archive writes its {@code metadata.table}: four header rows (names, types,
 * units, nulls), each {@code |}-separated with a closing {@code |}, then one data row per file, each cell a space
 * followed by the value left-justified to the column width, with no closing {@code |} (koa-dep section 5.2, quirk
 * Q4). Lines end with {@code \n}; the text is ASCII.
 *
 * <p>Cells are kept as text, exactly as written, so reading then writing a table reproduces its bytes. A cell holds
 * {@code null} for a null value and is blank for an empty string.
 *
 * <pre>{@code
 * IpacTable t = IpacTable.read(Path.of("KB.20190509.07554.57.metadata.table"));
 * t.value(0, "KOAIMTYP");          // "bias"
 * t.write(Path.of("copy.table"), false);   // byte-identical
 * }</pre>
 */
public final class IpacTable {

    /** The text of a null cell. */
    public static final String NULL = "null";

    private final List<String> preamble;
    private final List<IpacColumn> columns;
    private final List<List<String>> rows;
    private final Map<String, Integer> index;

    private IpacTable(List<String> preamble, List<IpacColumn> columns, List<List<String>> rows) {
        this.preamble = List.copyOf(preamble);
        this.columns = List.copyOf(columns);
        List<List<String>> r = new ArrayList<>();
        for (List<String> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("a row has " + row.size() + " cells for " + columns.size()
                        + " columns");
            }
            r.add(List.copyOf(row));
        }
        this.rows = Collections.unmodifiableList(r);
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            m.putIfAbsent(columns.get(i).name(), i);
        }
        this.index = m;
    }

    /** @return a table of these columns and rows of cell text (each row one cell per column) */
    public static IpacTable of(List<IpacColumn> columns, List<List<String>> rows) {
        return new IpacTable(List.of(), columns, rows);
    }

    /**
     * @throws DrpException {@code TABLE_MALFORMED} naming the file and line; {@code FITS_NOT_FOUND},
     *                      {@code FITS_UNREADABLE}, or {@code SIZE_LIMIT_EXCEEDED} above 256 MiB
     */
    public static IpacTable read(Path file) throws DrpException {
        return parse(file.toString(), TableFiles.read(file, StandardCharsets.ISO_8859_1));
    }

    /**
     * Parses table text. Column widths come from the {@code |} segments of the name row; lines before it that start
     * with a backslash (IPAC keywords and comments) are kept as they are.
     *
     * @param name used in messages
     */
    public static IpacTable parse(String name, String text) throws DrpException {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        List<String> preamble = new ArrayList<>();
        int at = 0;
        while (at < lines.size() && lines.get(at).startsWith("\\")) {
            preamble.add(lines.get(at++));
        }
        if (lines.size() - at < 4) {
            throw malformed(name, at + 1, "an IPAC table needs four header rows (names, types, units, nulls)");
        }
        String names = lines.get(at);
        if (!names.startsWith("|") || !names.endsWith("|")) {
            throw malformed(name, at + 1, "the name row must begin and end with '|'");
        }
        List<int[]> spans = new ArrayList<>(); // [start of text, width]
        int start = 1;
        for (int i = 1; i < names.length(); i++) {
            if (names.charAt(i) == '|') {
                spans.add(new int[] {start, i - start});
                start = i + 1;
            }
        }
        List<IpacColumn> cols = new ArrayList<>();
        for (int c = 0; c < spans.size(); c++) {
            int[] s = spans.get(c);
            String n = names.substring(s[0], s[0] + s[1]).trim();
            String type = segment(lines.get(at + 1), s, name, at + 2);
            String unit = segment(lines.get(at + 2), s, name, at + 3);
            String nul = segment(lines.get(at + 3), s, name, at + 4);
            if (!nul.isEmpty() && !nul.equals(NULL)) {
                throw malformed(name, at + 4, "the null row holds '" + nul + "' for column " + n);
            }
            try {
                cols.add(new IpacColumn(n, type, s[1], nul.equals(NULL), unit));
            } catch (IllegalArgumentException e) {
                throw malformed(name, at + 1, e.getMessage());
            }
        }
        for (int k = 1; k <= 3; k++) {
            if (lines.get(at + k).length() != names.length()) {
                throw malformed(name, at + k + 1, "the header rows differ in length");
            }
        }
        List<List<String>> rows = new ArrayList<>();
        for (int ln = at + 4; ln < lines.size(); ln++) {
            String line = lines.get(ln);
            List<String> row = new ArrayList<>();
            for (int[] s : spans) {
                int from = Math.min(s[0], line.length());
                int to = Math.min(s[0] + s[1], line.length());
                if (s[0] - 1 < line.length() && line.charAt(s[0] - 1) != ' ') {
                    throw malformed(name, ln + 1, "a data cell must begin with a space at column " + s[0]);
                }
                row.add(line.substring(from, to).stripTrailing());
            }
            rows.add(row);
        }
        return new IpacTable(preamble, cols, rows);
    }

    private static String segment(String line, int[] s, String name, int ln) throws DrpException {
        if (line.length() < s[0] + s[1] || line.charAt(s[0] - 1) != '|') {
            throw malformed(name, ln, "a header row is not aligned with the name row");
        }
        return line.substring(s[0], s[0] + s[1]).trim();
    }

    /** @return the columns, in order */
    public List<IpacColumn> columns() {
        return columns;
    }

    /** @return the data rows, each one cell text per column */
    public List<List<String>> rows() {
        return rows;
    }

    /** @return the index of a column, or -1 */
    public int indexOf(String column) {
        return index.getOrDefault(column, -1);
    }

    /**
     * @return the cell text of a row in a column ({@code null} cells read as {@code "null"})
     * @throws IllegalArgumentException when there is no such column
     */
    public String value(int row, String column) {
        int i = indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException("no column " + column);
        }
        return rows.get(row).get(i);
    }

    /** @return a table with the same columns and these rows */
    public IpacTable withRows(List<List<String>> newRows) {
        return new IpacTable(preamble, columns, newRows);
    }

    /** @return the table text: preamble, four header rows, data rows, each line ending with a newline */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (String p : preamble) {
            sb.append(p).append('\n');
        }
        headerRow(sb, 0);
        headerRow(sb, 1);
        headerRow(sb, 2);
        headerRow(sb, 3);
        for (List<String> row : rows) {
            for (int i = 0; i < columns.size(); i++) {
                sb.append(' ');
                pad(sb, row.get(i), columns.get(i).width());
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** @return {@link #text()} as ASCII bytes (other characters become {@code ?}) */
    public byte[] bytes() {
        return text().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Writes the table atomically.
     *
     * @throws DrpException {@code OUTPUT_EXISTS} or {@code WRITE_FAILED}; nothing is left at the target on failure
     */
    public void write(Path target, boolean overwrite) throws DrpException {
        byte[] b = bytes();
        AtomicFiles.write(target, overwrite, out -> out.write(b));
    }

    private void headerRow(StringBuilder sb, int which) {
        for (IpacColumn c : columns) {
            sb.append('|');
            String t = switch (which) {
                case 0 -> c.name();
                case 1 -> c.type();
                case 2 -> c.unit();
                default -> c.nullable() ? NULL : "";
            };
            pad(sb, t, c.width());
        }
        sb.append("|\n");
    }

    /** Left-justifies like Python's {@code str.ljust}: longer text is kept whole. */
    private static void pad(StringBuilder sb, String s, int width) {
        sb.append(s);
        for (int k = s.length(); k < width; k++) {
            sb.append(' ');
        }
    }

    @Override
    public String toString() {
        return "IpacTable[" + columns.size() + " columns, " + rows.size() + " rows]";
    }

    private static DrpException malformed(String name, int line, String detail) {
        return new DrpException(TableErrorCode.TABLE_MALFORMED, Location.file(name), "line " + line + ": " + detail);
    }
}
