package org.drpkit.archive;

import org.drpkit.core.header.Card;
import org.drpkit.core.header.Header;
import org.drpkit.core.header.HeaderFix;

/**
 * Makes a header writable as FITS: characters outside printable ASCII (a NUL, a tab, a non-ASCII letter in a comment)
 * become {@code ?}, as astropy shows them, each change recorded in the fix log (rule {@code ingest.printableAscii}).
 */
final class PrintableHeader {

    private PrintableHeader() {
    }

    /** @return the header with characters outside printable ASCII replaced by {@code ?}, as astropy reads them */
    static Header of(Header h) {
        boolean dirty = false;
        for (Card c : h) {
            dirty |= !isPrintable(c.comment()) || (c.value() instanceof String s && !isPrintable(s));
        }
        if (!dirty) {
            return h;
        }
        Header.Builder b = Header.builder().origin(h.origin());
        for (HeaderFix f : h.fixes()) {
            b.log(f);
        }
        for (Card c : h) {
            Object v = c.value() instanceof String s ? clean(s) : c.value();
            Card n = new Card(c.keyword(), v, clean(c.comment()));
            b.add(n);
            if (!n.equals(c)) {
                b.log(new HeaderFix(c.keyword(), c.value(), v, "ingest.printableAscii"));
            }
        }
        return b.build();
    }

    private static boolean isPrintable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < 32 || ch > 126) {
                return false;
            }
        }
        return true;
    }

    private static String clean(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            sb.append(ch < 32 || ch > 126 ? '?' : ch);
        }
        return sb.toString();
    }

}
