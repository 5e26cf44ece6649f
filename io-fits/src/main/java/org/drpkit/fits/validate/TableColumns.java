package org.drpkit.fits.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The column definitions of a table extension (FITS 4.0 sections 7.2 and 7.3): TFORMn parsed into type, repeat and
 * byte width; TBCOLn, TDIMn, TSCALn/TZEROn and TNULLn checked against them; the row width against NAXIS1.
 */
final class TableColumns {

    /**
     * One binary-table column.
     *
     * @param index  1-based column number
     * @param type   the TFORM type letter (L X B I J K A E D C M P Q)
     * @param repeat the repeat count
     * @param offset byte offset of the field in a row
     * @param width  bytes in a row
     * @param heapType the element type of a variable-length column (P/Q), else 0
     */
    record Column(int index, char type, long repeat, long offset, long width, char heapType) {
    }

    private static final Pattern BIN = Pattern.compile("([0-9]*)([LXBIJKAEDCMPQ])(.*)");
    private static final Pattern VLA = Pattern.compile("([LXBIJKAEDCM])(\\([0-9]*\\))?");
    private static final Pattern ASCII = Pattern.compile("(A|I)([0-9]+)|(F|E|D)([0-9]+)\\.([0-9]+)(E[0-9]+)?");
    private static final Pattern TDIM = Pattern.compile("\\(\\s*[0-9]+\\s*(,\\s*[0-9]+\\s*)*\\)");

    private TableColumns() {
    }

    /** @return bytes per element of a binary-table type (X counts bits, so 1 here and rounded up by the caller) */
    static int elementBytes(char t) {
        return switch (t) {
            case 'L', 'X', 'B', 'A' -> 1;
            case 'I' -> 2;
            case 'J', 'E' -> 4;
            case 'K', 'D', 'C', 'P' -> 8;
            case 'M', 'Q' -> 16;
            default -> 0;
        };
    }

    /**
     * Checks the column keywords of a table HDU.
     *
     * @return the binary-table columns (empty for ASCII tables or when a TFORM is unusable)
     */
    static List<Column> check(int hdu, List<RawCard> cards, HduStructure s, Findings f) {
        List<Column> out = new ArrayList<>();
        if (s.tfields < 0) {
            return out;
        }
        HduStructure.Cards c = new HduStructure.Cards(cards);
        long naxis1 = s.axes != null && s.axes.length > 0 ? s.axes[0] : -1;
        long offset = 0;
        boolean usable = true;
        for (int n = 1; n <= s.tfields; n++) {
            String key = "TFORM" + n;
            RawCard form = c.first(key);
            if (form == null) {
                f.add(ValidationCode.MANDATORY_MISSING, hdu, 0, key, key + " is missing (TFIELDS = " + s.tfields + ")");
                usable = false;
                continue;
            }
            if (form.type != RawCard.Type.STRING) {
                usable = false;
                continue; // reported as a wrong type
            }
            String tform = form.value.trim();
            if (s.isBinaryTable()) {
                Column col = binaryColumn(n, tform, offset);
                if (col == null) {
                    f.add(ValidationCode.TABLE_BAD_COLUMN, hdu, form.number, key,
                            "'" + tform + "' is not a binary-table format (rT[a], T in L X B I J K A E D C M P Q)");
                    usable = false;
                    continue;
                }
                out.add(col);
                offset += col.width();
                checkBinaryOptions(hdu, c, col, f);
            } else {
                checkAscii(hdu, c, n, tform, form, naxis1, f);
            }
        }
        if (s.isBinaryTable() && usable && naxis1 >= 0 && offset != naxis1) {
            f.add(ValidationCode.TABLE_BAD_COLUMN, hdu, c.numberOf("NAXIS1"), "NAXIS1",
                    "NAXIS1 = " + naxis1 + " but the columns' widths sum to " + offset + " bytes");
            usable = false;
        }
        return usable ? out : List.of();
    }

    static Column binaryColumn(int n, String tform, long offset) {
        Matcher m = BIN.matcher(tform);
        if (!m.matches()) {
            return null;
        }
        long repeat;
        try {
            repeat = m.group(1).isEmpty() ? 1 : Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return null;
        }
        char t = m.group(2).charAt(0);
        char heap = 0;
        if (t == 'P' || t == 'Q') {
            Matcher v = VLA.matcher(m.group(3).trim());
            if (!v.matches() || repeat > 1) {
                return null;
            }
            heap = v.group(1).charAt(0);
        }
        long width = t == 'X' ? (repeat + 7) / 8 : repeat * elementBytes(t);
        return new Column(n, t, repeat, offset, width, heap);
    }

    private static void checkBinaryOptions(int hdu, HduStructure.Cards c, Column col, Findings f) {
        int n = col.index();
        char t = col.type();
        for (String k : new String[] {"TSCAL" + n, "TZERO" + n}) {
            RawCard r = c.first(k);
            if (r != null && (t == 'A' || t == 'L' || t == 'X')) {
                f.add(ValidationCode.KEYWORD_NOT_ALLOWED, hdu, r.number, k,
                        k + " is not allowed for a column of type " + t + " (A, L and X are not scaled)");
            }
        }
        RawCard nul = c.first("TNULL" + n);
        if (nul != null && "BIJK".indexOf(t) < 0 && !((t == 'P' || t == 'Q') && "BIJK".indexOf(col.heapType()) >= 0)) {
            f.add(ValidationCode.KEYWORD_NOT_ALLOWED, hdu, nul.number, "TNULL" + n,
                    "TNULL" + n + " is only allowed for integer columns, not type " + t);
        }
        RawCard dim = c.first("TDIM" + n);
        if (dim != null && dim.type == RawCard.Type.STRING) {
            String v = dim.value.trim();
            if (!TDIM.matcher(v).matches()) {
                f.add(ValidationCode.TABLE_BAD_COLUMN, hdu, dim.number, "TDIM" + n, "'" + v + "' is not (n1,n2,...)");
            } else if (t != 'P' && t != 'Q') {
                long product = 1;
                try {
                    for (String p : v.substring(1, v.length() - 1).split(",")) {
                        product = Math.multiplyExact(product, Long.parseLong(p.trim()));
                    }
                } catch (ArithmeticException | NumberFormatException e) {
                    product = Long.MAX_VALUE;
                }
                if (product > col.repeat()) {
                    f.add(ValidationCode.TABLE_BAD_COLUMN, hdu, dim.number, "TDIM" + n,
                            "TDIM" + n + " = '" + v + "' holds " + product + " elements but the repeat count is "
                                    + col.repeat());
                }
            }
        }
    }

    private static void checkAscii(int hdu, HduStructure.Cards c, int n, String tform, RawCard form, long naxis1,
            Findings f) {
        Matcher m = ASCII.matcher(tform);
        if (!m.matches()) {
            f.add(ValidationCode.TABLE_BAD_COLUMN, hdu, form.number, "TFORM" + n,
                    "'" + tform + "' is not an ASCII-table format (Aw, Iw, Fw.d, Ew.d, Dw.d)");
            return;
        }
        long width = Long.parseLong(m.group(2) != null ? m.group(2) : m.group(4));
        RawCard col = c.first("TBCOL" + n);
        if (col == null) {
            f.add(ValidationCode.MANDATORY_MISSING, hdu, 0, "TBCOL" + n, "TBCOL" + n + " is missing");
            return;
        }
        Long start = col.asLong();
        if (start == null) {
            return; // reported as a wrong type
        }
        if (start < 1 || (naxis1 >= 0 && start + width - 1 > naxis1)) {
            f.add(ValidationCode.TABLE_BAD_COLUMN, hdu, col.number, "TBCOL" + n,
                    "column " + n + " (" + tform + " at byte " + start + ") does not fit in a row of NAXIS1 = "
                            + naxis1 + " bytes");
        }
    }
}
