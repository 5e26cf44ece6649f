package org.drpkit.fits;

import java.util.Set;
import java.util.regex.Pattern;
import org.drpkit.core.header.Card;
import org.drpkit.core.header.Header;

/**
 * Converts between the header of a tile-compressed HDU (a BINTABLE) and the header of the image it holds, as the
 * tiled-image convention prescribes: {@code ZSIMPLE}/{@code ZTENSION}, {@code ZBITPIX}, {@code ZNAXISn},
 * {@code ZEXTEND}, {@code ZPCOUNT}/{@code ZGCOUNT}, {@code ZHECKSUM}/{@code ZDATASUM} become the image's structural
 * and checksum cards; the table's own keywords and the compression parameters are dropped; every other card keeps
 * its order, comment and duplicates.
 */
final class CompressedHeaders {

    private static final Pattern TABLE_COLUMN = Pattern.compile(
            "(TTYPE|TFORM|TUNIT|TDIM|TNULL|TSCAL|TZERO|TDISP|TBCOL)\\d+|ZNAXIS\\d+|ZTILE\\d+|ZNAME\\d+|ZVAL\\d+");
    private static final Set<String> TABLE_KEYS = Set.of("XTENSION", "BITPIX", "NAXIS", "NAXIS1", "NAXIS2", "PCOUNT",
            "GCOUNT", "TFIELDS", "THEAP", "ZIMAGE", "ZCMPTYPE", "ZSIMPLE", "ZTENSION", "ZBITPIX", "ZNAXIS", "ZEXTEND",
            "ZBLOCKED", "ZPCOUNT", "ZGCOUNT", "ZQUANTIZ", "ZDITHER0", "ZHECKSUM", "ZDATASUM", "CHECKSUM", "DATASUM",
            "ZSCALE", "ZZERO", "ZBLANK");

    private CompressedHeaders() {
    }

    /** @return the header of the image held by a compressed HDU (its origin is kept) */
    static Header imageView(Header table) {
        Header.Builder b = Header.builder().origin(table.origin());
        boolean primary = table.contains("ZSIMPLE");
        if (primary) {
            b.add(Card.of("SIMPLE", true, "file does conform to FITS standard"));
        } else {
            b.add(Card.of("XTENSION", table.getString("ZTENSION").map(String::trim).orElse("IMAGE"),
                    "IMAGE extension"));
        }
        copyOr(b, table, "ZBITPIX", "BITPIX", null);
        int naxis = table.getInt("ZNAXIS").orElse(0);
        copyOr(b, table, "ZNAXIS", "NAXIS", null);
        for (int i = 1; i <= naxis; i++) {
            copyOr(b, table, "ZNAXIS" + i, "NAXIS" + i, null);
        }
        if (primary) {
            copyOr(b, table, "ZEXTEND", "EXTEND", null);
        } else {
            copyOr(b, table, "ZPCOUNT", "PCOUNT", 0L);
            copyOr(b, table, "ZGCOUNT", "GCOUNT", 1L);
        }
        boolean integer = table.getInt("ZBITPIX").orElse(0) > 0;
        for (Card c : table) {
            String k = c.key();
            if (!c.isCommentary() && (TABLE_KEYS.contains(k) || TABLE_COLUMN.matcher(k).matches())) {
                if (k.equals("ZBLANK") && integer && !table.contains("BLANK")) {
                    b.add(new Card("BLANK", c.value(), c.comment()));
                }
                continue;
            }
            b.add(c);
        }
        copyOr(b, table, "ZHECKSUM", "CHECKSUM", null);
        copyOr(b, table, "ZDATASUM", "DATASUM", null);
        return b.build();
    }

    private static void copyOr(Header.Builder b, Header table, String from, String to, Object dflt) {
        table.find(from).ifPresentOrElse(c -> b.add(new Card(to, c.value(), c.comment())), () -> {
            if (dflt != null) {
                b.add(Card.of(to, dflt));
            }
        });
    }
}
