package org.drpkit.fits.validate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Small FITS files built byte by byte, each with one known defect (or none), for the validator tests and the
 * comparison with fitsverify. The defect is the truth: {@link Case#expected} is the code it must produce.
 */
final class MalformedFits {

    /**
     * @param name     file name stem
     * @param bytes    the file
     * @param expected the finding the defect must produce, or null for a valid file
     */
    record Case(String name, byte[] bytes, ValidationCode expected) {
        Path write(Path dir) throws IOException {
            Path f = dir.resolve(name + ".fits");
            Files.write(f, bytes);
            return f;
        }
    }

    static final String[] PRIMARY = {"SIMPLE  =                    T", "BITPIX  =                    8",
        "NAXIS   =                    2", "NAXIS1  =                   10", "NAXIS2  =                   10"};
    static final String[] EMPTY_PRIMARY = {"SIMPLE  =                    T", "BITPIX  =                    8",
        "NAXIS   =                    0", "EXTEND  =                    T"};
    static final String[] IMAGE = {"XTENSION= 'IMAGE   '", "BITPIX  =                   16",
        "NAXIS   =                    1", "NAXIS1  =                    4", "PCOUNT  =                    0",
        "GCOUNT  =                    1"};
    static final String[] BINTABLE = {"XTENSION= 'BINTABLE'", "BITPIX  =                    8",
        "NAXIS   =                    2", "NAXIS1  =                    8", "NAXIS2  =                    3",
        "PCOUNT  =                    0", "GCOUNT  =                    1", "TFIELDS =                    2",
        "TFORM1  = 'J       '", "TFORM2  = 'E       '", "TTYPE1  = 'A       '", "TTYPE2  = 'B       '"};

    private MalformedFits() {
    }

    static byte[] card(String s) {
        byte[] b = Arrays.copyOf(s.getBytes(StandardCharsets.ISO_8859_1), 80);
        for (int i = Math.min(s.length(), 80); i < 80; i++) {
            b[i] = ' ';
        }
        return b;
    }

    /** @return the cards, END, and blank fill to a 2880-byte boundary */
    static byte[] header(String... cards) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String c : cards) {
            out.writeBytes(card(c));
        }
        out.writeBytes(card("END"));
        while (out.size() % 2880 != 0) {
            out.write(' ');
        }
        return out.toByteArray();
    }

    /** @return the cards and blank fill without an END card */
    static byte[] headerWithoutEnd(String... cards) {
        byte[] h = header(cards);
        System.arraycopy(card(""), 0, h, cards.length * 80, 80);
        return h;
    }

    /** @return {@code n} bytes counting 0, 1, 2, ... followed by {@code fill} to a 2880-byte boundary */
    static byte[] data(int n, byte fill) {
        byte[] b = new byte[(n + 2879) / 2880 * 2880];
        for (int i = 0; i < b.length; i++) {
            b[i] = i < n ? (byte) i : fill;
        }
        return b;
    }

    static byte[] data(int n) {
        return data(n, (byte) 0);
    }

    static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static String[] plus(String[] base, String... more) {
        String[] out = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, out, base.length, more.length);
        return out;
    }

    static String[] replace(String[] base, int i, String with) {
        String[] out = base.clone();
        out[i] = with;
        return out;
    }

    private static Case c(String name, byte[] bytes, ValidationCode expected) {
        return new Case(name, bytes, expected);
    }

    /** @return every built case, valid ones first */
    static List<Case> all() {
        byte[] prim = header(PRIMARY);
        byte[] ok = cat(prim, data(100));
        Random r = new Random(1);
        byte[] garbage = new byte[5760];
        r.nextBytes(garbage);
        byte[] junk = new byte[2880];
        r.nextBytes(junk);
        List<Case> out = new ArrayList<>();
        out.add(c("ok", ok, null));
        out.add(c("ext_ok", cat(header(EMPTY_PRIMARY), header(IMAGE), data(8)), null));
        out.add(c("bintable_ok", cat(header(EMPTY_PRIMARY), header(BINTABLE), data(24)), null));
        out.add(c("hierarch_and_continue_ok", cat(header(plus(PRIMARY, "HIERARCH ESO DET DIT = 1.0",
                "LONG    = 'abc&'", "CONTINUE  'def'")), data(100)), null));
        // the five defects the issue names
        out.add(c("truncated_data", Arrays.copyOf(ok, 2880 + 50), ValidationCode.DATA_TRUNCATED));
        out.add(c("wrong_block_size", Arrays.copyOf(ok, 2880 + 200), ValidationCode.DATA_FILL_MISSING));
        out.add(c("extra_bytes", cat(ok, new byte[100]), ValidationCode.TRAILING_BYTES));
        out.add(c("naxis_before_bitpix", cat(header(PRIMARY[0], PRIMARY[2], PRIMARY[1], PRIMARY[3], PRIMARY[4]),
                data(100)), ValidationCode.MANDATORY_OUT_OF_ORDER));
        out.add(c("naxis1_2pow31", cat(header(replace(PRIMARY, 3, "NAXIS1  =           2147483648")), data(100)),
                ValidationCode.DATA_TRUNCATED));
        out.add(c("no_end", cat(headerWithoutEnd(PRIMARY), data(100)), ValidationCode.HEADER_NO_END));
        out.add(c("no_end_at_eof", headerWithoutEnd(PRIMARY), ValidationCode.HEADER_NO_END));
        out.add(c("binary_garbage", garbage, ValidationCode.NOT_FITS));
        out.add(c("empty", new byte[0], ValidationCode.FILE_EMPTY));
        out.add(c("header_block_cut_after_end", Arrays.copyOf(header(EMPTY_PRIMARY), 1000),
                ValidationCode.DATA_FILL_MISSING));
        // header syntax
        out.add(c("non_ascii_comment", cat(header(plus(PRIMARY, "OBJECT  = 'M13'               / caf\u00e9")),
                data(100)), ValidationCode.CARD_ILLEGAL_CHARACTER));
        out.add(c("tab_in_string", cat(header(plus(PRIMARY, "OBJECT  = 'a\tb'")), data(100)),
                ValidationCode.CARD_ILLEGAL_CHARACTER));
        out.add(c("nul_in_card", cat(header(plus(PRIMARY, "OBJECT  = 'x'\0")), data(100)),
                ValidationCode.CARD_ILLEGAL_CHARACTER));
        out.add(c("lower_case_keyword", cat(header(plus(PRIMARY, "object  = 'M13'")), data(100)),
                ValidationCode.KEYWORD_ILLEGAL_NAME));
        out.add(c("keyword_not_left_justified", cat(header(plus(PRIMARY, " ABCD   =                    1")),
                data(100)), ValidationCode.KEYWORD_ILLEGAL_NAME));
        out.add(c("bad_number", cat(header(plus(PRIMARY, "FOO     = 1.2.3")), data(100)),
                ValidationCode.VALUE_BAD_SYNTAX));
        out.add(c("unterminated_string", cat(header(plus(PRIMARY, "FOO     = 'abc")), data(100)),
                ValidationCode.VALUE_BAD_SYNTAX));
        out.add(c("lower_case_exponent", cat(header(plus(PRIMARY, "FOO     = 1.0e5")), data(100)),
                ValidationCode.VALUE_BAD_SYNTAX));
        byte[] endText = cat(prim, data(100));
        endText[PRIMARY.length * 80 + 10] = 'x';
        out.add(c("end_card_with_text", endText, ValidationCode.END_NOT_BLANK));
        byte[] fillText = cat(prim, data(100));
        fillText[2879] = 'x';
        out.add(c("header_fill_not_blank", fillText, ValidationCode.HEADER_FILL_NOT_BLANK));
        // mandatory keywords
        out.add(c("bitpix_17", cat(header(replace(PRIMARY, 1, "BITPIX  =                   17")), data(100)),
                ValidationCode.MANDATORY_BAD_VALUE));
        out.add(c("naxis_1000", cat(header(replace(PRIMARY, 2, "NAXIS   =                 1000")), data(100)),
                ValidationCode.MANDATORY_BAD_VALUE));
        out.add(c("negative_naxis1", cat(header(replace(PRIMARY, 3, "NAXIS1  =                  -10")), data(100)),
                ValidationCode.MANDATORY_BAD_VALUE));
        out.add(c("naxis2_missing", cat(header(Arrays.copyOf(PRIMARY, 4)), data(100)),
                ValidationCode.MANDATORY_MISSING));
        out.add(c("naxis_repeated", cat(header(plus(PRIMARY, "NAXIS   =                    2")), data(100)),
                ValidationCode.MANDATORY_OUT_OF_ORDER));
        out.add(c("no_simple", cat(header(Arrays.copyOfRange(PRIMARY, 1, 5)), data(100)),
                ValidationCode.MANDATORY_MISSING));
        out.add(c("ext_without_pcount", cat(header(EMPTY_PRIMARY), header(IMAGE[0], IMAGE[1], IMAGE[2], IMAGE[3],
                IMAGE[5]), data(8)), ValidationCode.MANDATORY_MISSING));
        out.add(c("image_gcount_2", cat(header(EMPTY_PRIMARY), header(replace(IMAGE, 5,
                "GCOUNT  =                    2")), data(16)), ValidationCode.MANDATORY_BAD_VALUE));
        out.add(c("unregistered_xtension", cat(header(EMPTY_PRIMARY), header(replace(IMAGE, 0, "XTENSION= 'FOO     '")),
                data(8)), ValidationCode.MANDATORY_BAD_VALUE));
        // reserved keywords
        out.add(c("cd_matrix_as_string", cat(header(plus(PRIMARY, "CD1_1   = '-0.000002764418'")), data(100)),
                ValidationCode.KEYWORD_WRONG_TYPE));
        out.add(c("ctype_as_number", cat(header(plus(PRIMARY, "CTYPE1  =                  1.0")), data(100)),
                ValidationCode.KEYWORD_WRONG_TYPE));
        out.add(c("extend_in_extension", cat(header(EMPTY_PRIMARY), header(plus(IMAGE,
                "EXTEND  =                    T")), data(8)), ValidationCode.KEYWORD_NOT_ALLOWED));
        out.add(c("bscale_in_table", cat(header(EMPTY_PRIMARY), header(plus(BINTABLE,
                "BSCALE  =                  1.0")), data(24)), ValidationCode.KEYWORD_NOT_ALLOWED));
        out.add(c("blank_with_float_data", cat(header(replace(plus(PRIMARY, "BLANK   =                    0"), 1,
                "BITPIX  =                  -32")), data(400)), ValidationCode.KEYWORD_NOT_ALLOWED));
        out.add(c("bad_date", cat(header(plus(PRIMARY, "DATE-OBS= '2020-13-01'")), data(100)),
                ValidationCode.DATE_BAD_FORMAT));
        // tables
        out.add(c("bad_tform", cat(header(EMPTY_PRIMARY), header(replace(BINTABLE, 8, "TFORM1  = 'Q9      '")),
                data(24)), ValidationCode.TABLE_BAD_COLUMN));
        out.add(c("naxis1_not_row_width", cat(header(EMPTY_PRIMARY), header(replace(BINTABLE, 3,
                "NAXIS1  =                   12")), data(36)), ValidationCode.TABLE_BAD_COLUMN));
        out.add(c("tform_beyond_tfields", cat(header(EMPTY_PRIMARY), header(plus(BINTABLE, "TFORM3  = 'J       '")),
                data(24)), ValidationCode.KEYWORD_NOT_ALLOWED));
        out.add(c("conflicting_tform", cat(header(EMPTY_PRIMARY), header(plus(BINTABLE, "TFORM1  = 'I       '")),
                data(24)), ValidationCode.DUPLICATE_CONFLICT));
        out.add(c("non_ascii_text_column", cat(header(EMPTY_PRIMARY), header(replace(BINTABLE, 8,
                "TFORM1  = '4A      '")), data(24)), ValidationCode.TABLE_BAD_DATA));
        // data units and what follows them
        out.add(c("data_fill_not_zero", cat(prim, data(100, (byte) 1)), ValidationCode.DATA_FILL_INVALID));
        out.add(c("trailing_zero_block", cat(ok, new byte[2880]), ValidationCode.TRAILING_BYTES));
        out.add(c("trailing_junk_block", cat(ok, junk), ValidationCode.TRAILING_BYTES));
        out.add(c("second_primary_after_last_hdu", cat(ok, ok), ValidationCode.TRAILING_BYTES));
        return out;
    }
}
