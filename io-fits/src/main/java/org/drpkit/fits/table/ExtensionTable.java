package org.drpkit.fits.table;

import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.BinaryTable;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.TableHDU;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.image.SizeGuard;
import org.drpkit.fits.FitsErrorCode;
import org.drpkit.fits.FitsHeaders;
import org.drpkit.fits.HduInfo;

/**
 * The archive's extension metadata file {@code KOAID.ext{N}.{EXTNAME}.tbl} (koa-dep section 4.10): the content of one
 * named table HDU as a fixed-width text table.
 *
 * <p>Layout: a comment line {@code \ Extended Header Name: EXTNAME}; four {@code |}-separated rows with the same
 * column widths (the column names; {@code char} for every column; blank; blank); then one line per table row, each
 * cell a space followed by the value's text left-justified to the column width. A column is as wide as its name or
 * its format width, whichever is larger: the digits after the first character of TFORM ({@code A20}, {@code F12.5}
 * in ASCII tables), else the digits before its last character ({@code 20A} in binary tables), else 24, and at least
 * 16. Values print as Python/numpy print them: integers in decimal, doubles as {@code str(float)}, floats by their
 * shortest text, logicals {@code True}/{@code False}, strings without trailing blanks, arrays as
 * {@code [v1 v2 ...]}.
 *
 * <p>The file name replaces spaces in EXTNAME by {@code _} (as the archive does) and, so that a hostile EXTNAME can
 * never leave the output folder, every other character outside {@code [A-Za-z0-9._+-]} too, and a leading dot.
 *
 * <pre>{@code
 * for (ExtensionTable t : ExtensionTable.read(Path.of("raw.fits"))) {
 *     Files.write(lev0.resolve(t.fileName("KP.20240101.01234.56")), t.bytes());
 * }
 * }</pre>
 *
 * @param hdu     the HDU index in the file
 * @param extname the table's EXTNAME, trimmed
 * @param text    the table text, each line ending with a newline
 */
public record ExtensionTable(int hdu, String extname, String text) {

    /** Tables whose text would exceed this many bytes are refused before they are built. */
    public static final long MAX_BYTES = 256L << 20;

    private static final Pattern AFTER_FIRST = Pattern.compile("^[A-Za-z](\\d+)");
    private static final Pattern BEFORE_LAST = Pattern.compile("^(\\d+)[A-Za-z]$");

    /** @return {@code KOAID.ext{hdu}.{EXTNAME}.tbl} with EXTNAME made safe for a file name */
    public String fileName(String koaid) {
        return koaid + ".ext" + hdu + "." + safeName(extname) + ".tbl";
    }

    /** @return the text as ASCII bytes (other characters become {@code ?}) */
    public byte[] bytes() {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** @return EXTNAME with spaces and every character outside {@code [A-Za-z0-9._+-]} as {@code _}, no leading dot */
    public static String safeName(String extname) {
        StringBuilder sb = new StringBuilder();
        for (char c : extname.trim().toCharArray()) {
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.'
                    || c == '_' || c == '+' || c == '-';
            sb.append(ok ? c : '_');
        }
        while (sb.length() > 0 && sb.charAt(0) == '.') {
            sb.setCharAt(0, '_');
        }
        return sb.length() == 0 ? "_" : sb.toString();
    }

    /**
     * Reads every table HDU (ASCII or binary, not tile-compressed images) that has an EXTNAME.
     *
     * @return one table per such HDU, in file order
     * @throws DrpException {@code FITS_NOT_FOUND}, {@code FITS_UNREADABLE}, {@code TABLE_MALFORMED} when a table
     *                      cannot be read, {@code SIZE_LIMIT_EXCEEDED} for a table whose data unit (rows and heap)
     *                      exceeds {@link SizeGuard#defaultLimitBytes()} or whose text would exceed {@link #MAX_BYTES}
     */
    public static List<ExtensionTable> read(Path file) throws DrpException {
        List<HduInfo> hdus = FitsHeaders.scan(file);
        List<ExtensionTable> out = new ArrayList<>();
        List<Integer> wanted = new ArrayList<>();
        for (HduInfo h : hdus) {
            String x = h.xtension().orElse("");
            boolean table = x.equals("TABLE") || (x.equals("BINTABLE") && !h.isCompressedImage());
            if (h.index() > 0 && table && h.extname().filter(n -> !n.isEmpty()).isPresent()) {
                // nom-tam holds the table's rows and heap in memory: they are bounded by the limit before it reads
                SizeGuard.requireWithin(h.dataBytes(), SizeGuard.defaultLimitBytes(),
                        Location.file(file.toString()).hdu(h.index()).keyword("NAXIS2"));
                requireSingleStructure(h, Location.file(file.toString()).hdu(h.index()));
                wanted.add(h.index());
            }
        }
        if (wanted.isEmpty()) {
            return out;
        }
        try (Fits fits = new Fits(file.toFile())) {
            for (int i : wanted) {
                out.add(of(i, hdus.get(i), fits.getHDU(i), file.toString()));
            }
        } catch (IOException | RuntimeException e) {
            throw new DrpException(TableErrorCode.TABLE_MALFORMED, Location.file(file.toString()),
                    "a table extension cannot be read: " + e, e);
        }
        return out;
    }

    private static ExtensionTable of(int index, HduInfo info, BasicHDU<?> hdu, String file)
            throws FitsException, DrpException {
        if (!(hdu instanceof TableHDU<?> t)) {
            throw new DrpException(FitsErrorCode.FITS_WRONG_DATA, Location.file(file).hdu(index),
                    "HDU " + index + " is not a table");
        }
        String name = info.extname().orElse("");
        int cols = t.getNCols();
        int rows = t.getNRows();
        int[] widths = new int[cols];
        long rowBytes = 1;
        for (int c = 0; c < cols; c++) {
            String tform = info.header().getString("TFORM" + (c + 1)).map(String::trim).orElse("");
            widths[c] = Math.max(formatWidth(tform), columnName(t, c).length());
            rowBytes += widths[c] + 1;
        }
        SizeGuard.requireWithin(rowBytes * (rows + 5L), MAX_BYTES, Location.file(file).hdu(index));
        StringBuilder sb = new StringBuilder("\\ Extended Header Name: ").append(name).append('\n');
        for (int line = 0; line < 4; line++) {
            for (int c = 0; c < cols; c++) {
                sb.append('|');
                pad(sb, line == 0 ? columnName(t, c) : line == 1 ? "char" : "", widths[c]);
            }
            sb.append("|\n");
        }
        BinaryTable binary = hdu instanceof BinaryTableHDU b ? b.getData() : null;
        long heapBytes = binary == null ? 0 : heapBytes(hdu.getHeader());
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (binary != null && binary.getDescriptor(c).isVariableSize()) {
                    requireInHeap(binary, r, c, heapBytes, Location.file(file).hdu(index));
                }
                Object v = binary != null ? binary.get(r, c) : t.getElement(r, c);
                sb.append(' ');
                pad(sb, text(v), widths[c]);
            }
            sb.append('\n');
            if (sb.length() > MAX_BYTES) { // variable-length arrays print longer than their column width
                SizeGuard.requireWithin(sb.length(), MAX_BYTES, Location.file(file).hdu(index));
            }
        }
        return new ExtensionTable(index, name, sb.toString());
    }

    /**
     * Refuses a table whose header gives a keyword that sizes or lays out its data more than once: drpkit takes the
     * first card and nom-tam the last, so the checks here would not be about the table nom-tam reads.
     *
     * @throws DrpException {@code TABLE_MALFORMED} naming the keyword
     */
    private static void requireSingleStructure(HduInfo h, Location where) throws DrpException {
        for (Map.Entry<String, Integer> d : h.header().duplicates().entrySet()) {
            if (STRUCTURE.matcher(d.getKey()).matches()) {
                throw new DrpException(TableErrorCode.TABLE_MALFORMED, where.keyword(d.getKey()), d.getKey()
                        + " is given " + d.getValue() + " times; readers disagree on which one lays out the table");
            }
        }
    }

    private static final Pattern STRUCTURE = Pattern.compile("NAXIS\\d*|PCOUNT|GCOUNT|THEAP|TFIELDS|TFORM\\d+|TDIM\\d+"
            + "|TBCOL\\d+");

    /** @return the heap's size in bytes as nom-tam reads the header (PCOUNT less any gap before THEAP) */
    private static long heapBytes(nom.tam.fits.Header h) {
        long table = h.getLongValue("NAXIS1", 0) * h.getLongValue("NAXIS2", 0);
        return h.getLongValue("PCOUNT", 0) - Math.max(0, h.getLongValue("THEAP", table) - table);
    }

    /**
     * Checks a variable-length array's descriptor against the heap before nom-tam, which sizes the array from the
     * descriptor's count, reads it (a count of 2^31 would be an OutOfMemoryError).
     *
     * @throws DrpException {@code TABLE_MALFORMED} naming the row and the column's TFORM
     */
    private static void requireInHeap(BinaryTable binary, int r, int c, long heapBytes, Location where)
            throws FitsException, DrpException {
        Object raw = binary.getRawElement(r, c);
        long count;
        long start;
        if (raw instanceof int[] d && d.length == 2) {
            count = d[0] & 0xFFFF_FFFFL;
            start = d[1] & 0xFFFF_FFFFL;
        } else if (raw instanceof long[] d && d.length == 2) {
            count = d[0];
            start = d[1];
        } else {
            throw new DrpException(TableErrorCode.TABLE_MALFORMED, where.keyword("TFORM" + (c + 1)),
                    "row " + (r + 1) + ": no array descriptor for a variable-length column");
        }
        BinaryTable.ColumnDesc desc = binary.getDescriptor(c);
        long width = Math.max(1, desc.getElementWidth());
        long bytes = desc.isBits() ? (count + 7) / 8 : count > heapBytes ? Long.MAX_VALUE : count * width;
        if (count < 0 || start < 0 || start > heapBytes || bytes > heapBytes - start) {
            throw new DrpException(TableErrorCode.TABLE_MALFORMED, where.keyword("TFORM" + (c + 1)),
                    "row " + (r + 1) + ": the array descriptor (" + count + " elements at heap byte " + start
                            + ") lies outside the " + Math.max(0, heapBytes) + "-byte heap");
        }
    }

    private static String columnName(TableHDU<?> t, int c) {
        String n = t.getColumnName(c);
        return n == null || n.isBlank() ? "col" + (c + 1) : n.trim();
    }

    /** @return the column width a TFORM gives (koa-dep 4.10), at least 16 */
    static int formatWidth(String tform) {
        Matcher m = AFTER_FIRST.matcher(tform);
        int w = 24;
        if (m.find()) {
            w = Integer.parseInt(m.group(1));
        } else {
            m = BEFORE_LAST.matcher(tform);
            if (m.matches()) {
                w = Integer.parseInt(m.group(1));
            }
        }
        return Math.max(w, 16);
    }

    /** @return the value as numpy prints it */
    static String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v.getClass().isArray()) {
            int n = Array.getLength(v);
            if (n == 1) {
                return text(Array.get(v, 0));
            }
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < n; i++) {
                sb.append(i > 0 ? " " : "").append(text(Array.get(v, i)));
            }
            return sb.append(']').toString();
        }
        if (v instanceof Double d) {
            return PyFloat.repr(d);
        }
        if (v instanceof Float f) {
            return f.isNaN() || f.isInfinite() ? PyFloat.repr(f) : PyFloat.repr(Double.parseDouble(Float.toString(f)));
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof String s) {
            return s.stripTrailing();
        }
        return String.valueOf(v);
    }

    private static void pad(StringBuilder sb, String s, int width) {
        sb.append(s);
        for (int k = s.length(); k < width; k++) {
            sb.append(' ');
        }
    }

    @Override
    public String toString() {
        return "ExtensionTable[HDU " + hdu + " '" + extname + "', " + (text.lines().count() - 5) + " rows]";
    }
}
