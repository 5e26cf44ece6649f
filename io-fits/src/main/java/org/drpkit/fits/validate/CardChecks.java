package org.drpkit.fits.validate;

/**
 * Card-level rules (FITS 4.0 section 4): bytes are printable ASCII, keywords use {@code A-Z 0-9 - _} and are
 * left-justified, values parse.
 */
final class CardChecks {

    private CardChecks() {
    }

    /** @return the first byte outside printable ASCII in the card, or -1 */
    static int firstIllegal(String image) {
        for (int i = 0; i < image.length(); i++) {
            char c = image.charAt(i);
            if (c < 32 || c > 126) {
                return i;
            }
        }
        return -1;
    }

    static void check(int hdu, RawCard c, Findings f) {
        String key = c.keyword.isEmpty() ? null : c.keyword;
        int bad = firstIllegal(c.image);
        if (bad >= 0) {
            String where = bad < 8 ? "keyword" : c.isCommentary() ? "text"
                    : c.commentStart >= 0 && bad >= c.commentStart ? "comment" : "value";
            f.add(ValidationCode.CARD_ILLEGAL_CHARACTER, hdu, c.number, key,
                    "byte " + (bad + 1) + " (in the " + where + ") is " + describe(c.image.charAt(bad))
                            + "; header cards hold printable ASCII only");
        }
        if (!c.image.startsWith("HIERARCH")) {
            checkName(hdu, c, f, bad);
        }
        if (c.problem != null) {
            f.add(ValidationCode.VALUE_BAD_SYNTAX, hdu, c.number, key, c.problem);
        }
        if (c.type == RawCard.Type.UNDEFINED) {
            f.add(ValidationCode.VALUE_UNDEFINED, hdu, c.number, key, key + " has a value indicator but no value");
        }
    }

    private static void checkName(int hdu, RawCard c, Findings f, int illegal) {
        String field = c.image.substring(0, 8);
        int end = 8;
        while (end > 0 && field.charAt(end - 1) == ' ') {
            end--;
        }
        for (int i = 0; i < end; i++) {
            char ch = field.charAt(i);
            boolean ok = (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_';
            if (ok || i == illegal) {
                continue;
            }
            if (ch < 32 || ch > 126) {
                return; // already reported as an illegal character
            }
            String msg = ch == ' ' && i == 0 ? "the keyword '" + field.trim() + "' is not left-justified"
                    : "the keyword '" + field.substring(0, end) + "' contains '" + ch
                            + "'; keywords use upper-case letters, digits, '-' and '_' only";
            f.add(ValidationCode.KEYWORD_ILLEGAL_NAME, hdu, c.number, field.trim(), msg);
            return;
        }
    }

    static String describe(char c) {
        String hex = String.format("0x%02X", (int) c);
        if (c == 0) {
            return "a NUL (" + hex + ")";
        }
        if (c == '\t') {
            return "a tab (" + hex + ")";
        }
        if (c < 32 || c == 127) {
            return "a control character (" + hex + ")";
        }
        return "the non-ASCII byte " + hex;
    }
}
