package org.drpkit.fits;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nom.tam.fits.HeaderCard;
import nom.tam.util.ArrayDataInput;
import nom.tam.util.FitsInputStream;
import org.drpkit.core.error.CoreErrorCode;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.header.Card;
import org.drpkit.core.header.Header;

/**
 * Reads the headers of every HDU of a FITS file into core {@link Header}s, keeping card order, comments and
 * duplicated keywords exactly as written. Data units are skipped, not read. Bytes after the last HDU that do not
 * begin an extension are ignored here (the validator reports them).
 *
 * <p>Every header is bounded before it is held: at most {@link #maxCards()} cards per HDU (system property
 * {@value #MAX_CARDS_PROPERTY}, default {@value #DEFAULT_MAX_CARDS}; or {@link #scan(Path, int)}), so a file
 * whose END card is gone is refused after that many cards, not read to its end as cards. Parsing is linear in the
 * number of cards, CONTINUE long strings included.
 *
 * <pre>{@code
 * List<Header> hdus = FitsHeaders.readAll(Path.of("n0051.fits"));
 * hdus.get(0).duplicates();   // {TELESCOP=2}
 * }</pre>
 */
public final class FitsHeaders {

    static final int BLOCK = 2880;
    static final int CARD = 80;

    /** System property for the largest number of cards one header may have ({@code -Ddrpkit.fits.maxHeaderCards=1000000}). */
    public static final String MAX_CARDS_PROPERTY = "drpkit.fits.maxHeaderCards";
    /** Default largest number of cards in one header (a header of 4 MB; real headers have at most a few thousand). */
    public static final int DEFAULT_MAX_CARDS = 50_000;

    private FitsHeaders() {
    }

    /**
     * @return the header of each HDU, primary first; each header's origin names the file and HDU
     * @throws DrpException {@code FITS_NOT_FOUND}, {@code FITS_EMPTY}, {@code FITS_UNREADABLE},
     *                      {@code FITS_TRUNCATED} or {@code FITS_BAD_HEADER}
     */
    public static List<Header> readAll(Path file) throws DrpException {
        List<Header> out = new ArrayList<>();
        for (HduInfo h : scan(file)) {
            out.add(h.header());
        }
        return out;
    }

    /**
     * Reads every header and computes where each data unit lies, without reading data.
     *
     * @return one entry per HDU, primary first
     * @throws DrpException {@code FITS_NOT_FOUND}, {@code FITS_EMPTY}, {@code FITS_UNREADABLE},
     *                      {@code FITS_TRUNCATED} or {@code FITS_BAD_HEADER}
     */
    public static List<HduInfo> scan(Path file) throws DrpException {
        return scan(file, maxCards());
    }

    /**
     * As {@link #scan(Path)}, with a limit on the cards of each header.
     *
     * <pre>{@code
     * List<HduInfo> hdus = FitsHeaders.scan(Path.of("huge-header.fits"), 2_000_000);
     * }</pre>
     *
     * @param maxCards the largest number of cards (END not counted) one header may have
     * @throws DrpException as {@link #scan(Path)}, and {@code SIZE_LIMIT_EXCEEDED} for a header with more cards
     */
    public static List<HduInfo> scan(Path file, int maxCards) throws DrpException {
        String name = file.toString();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return scan(ch, name, maxCards);
        } catch (NoSuchFileException e) {
            throw new DrpException(FitsErrorCode.FITS_NOT_FOUND, Location.file(name), "no such file");
        } catch (IOException e) {
            throw new DrpException(FitsErrorCode.FITS_UNREADABLE, Location.file(name), e.toString(), e);
        }
    }

    /**
     * @return {@value #MAX_CARDS_PROPERTY} when set to a positive integer, else {@value #DEFAULT_MAX_CARDS}
     */
    public static int maxCards() {
        String v = System.getProperty(MAX_CARDS_PROPERTY);
        if (v != null) {
            try {
                int n = Integer.parseInt(v.trim());
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // an unreadable setting: the default applies
            }
        }
        return DEFAULT_MAX_CARDS;
    }

    static List<HduInfo> scan(FileChannel ch, String name) throws IOException, DrpException {
        return scan(ch, name, maxCards());
    }

    static List<HduInfo> scan(FileChannel ch, String name, int maxCards) throws IOException, DrpException {
        HeaderScan s = scanReadable(ch, name, maxCards);
        if (s.problem().isPresent()) {
            throw s.problem().get();
        }
        return s.hdus();
    }

    /**
     * Reads every header it can, for callers that file broken files rather than refuse them (an index of raw files):
     * never throws for what is wrong with the file. The scan stops at the first problem; the HDUs before it are
     * listed, and so is an HDU whose header was read but whose data unit the file cuts short.
     *
     * <pre>{@code
     * HeaderScan s = FitsHeaders.scanReadable(Path.of("cut.fits"));
     * s.problem();   // Optional[[FITS_TRUNCATED] cut.fits, HDU 3: data unit needs 8640 bytes but ...]
     * s.hdus();      // HDUs 0..3, headers intact
     * }</pre>
     *
     * @return the headers read and the problem that stopped the scan, if any ({@code FITS_NOT_FOUND},
     *         {@code FITS_EMPTY}, {@code FITS_UNREADABLE}, {@code FITS_TRUNCATED}, {@code FITS_BAD_HEADER},
     *         {@code SIZE_LIMIT_EXCEEDED})
     */
    public static HeaderScan scanReadable(Path file) {
        String name = file.toString();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return scanReadable(ch, name, maxCards());
        } catch (NoSuchFileException e) {
            return HeaderScan.failed(new DrpException(FitsErrorCode.FITS_NOT_FOUND, Location.file(name), "no such file"));
        } catch (IOException e) {
            return HeaderScan.failed(new DrpException(FitsErrorCode.FITS_UNREADABLE, Location.file(name), e.toString(),
                    e));
        }
    }

    static HeaderScan scanReadable(FileChannel ch, String name, int maxCards) throws IOException {
        List<HduInfo> out = new ArrayList<>();
        long size = ch.size();
        if (size == 0) {
            return HeaderScan.failed(new DrpException(FitsErrorCode.FITS_EMPTY, Location.file(name), "file has no bytes"));
        }
        long pos = 0;
        try {
            while (pos < size) {
                if (!out.isEmpty() && !startsWithXtension(ch, pos, size)) {
                    break; // trailing bytes after the last HDU: not an extension (the validator reports them)
                }
                int hdu = out.size();
                Location where = Location.file(name).hdu(hdu);
                List<String> images = new ArrayList<>();
                long dataStart = readCards(ch, pos, size, images, where, maxCards);
                Header h = toHeader(images, where);
                long data = dataBytes(h, where);
                out.add(new HduInfo(hdu, h, pos, dataStart, data));
                if (data > size - dataStart) { // compared without adding: a declared size may be near 2^63
                    throw new DrpException(FitsErrorCode.FITS_TRUNCATED, where,
                            "data unit needs " + data + " bytes but the file ends " + (size - dataStart)
                                    + " bytes after the header");
                }
                pos = dataStart + (data + BLOCK - 1) / BLOCK * BLOCK; // data <= size, so no overflow
            }
        } catch (DrpException e) {
            return new HeaderScan(out, Optional.of(e));
        }
        return new HeaderScan(out, Optional.empty());
    }

    /** @return the primary header */
    public static Header readPrimary(Path file) throws DrpException {
        return readAll(file).get(0);
    }

    private static long readCards(FileChannel ch, long pos, long size, List<String> images, Location where,
            int maxCards) throws IOException, DrpException {
        ByteBuffer block = ByteBuffer.allocate(BLOCK);
        long p = pos;
        while (true) {
            if (p + BLOCK > size) {
                throw new DrpException(FitsErrorCode.FITS_TRUNCATED, where,
                        "file ends inside a header (no END card before byte " + size + ")");
            }
            block.clear();
            while (block.hasRemaining()) {
                if (ch.read(block, p + block.position()) < 0) {
                    throw new EOFException();
                }
            }
            p += BLOCK;
            String text = new String(block.array(), StandardCharsets.ISO_8859_1);
            for (int i = 0; i < BLOCK; i += CARD) {
                String image = text.substring(i, i + CARD);
                if (image.startsWith("END") && image.substring(3).isBlank()) {
                    return p;
                }
                if (images.size() >= maxCards) {
                    throw new DrpException(CoreErrorCode.SIZE_LIMIT_EXCEEDED, where,
                            "no END card in the first " + maxCards + " cards (header from byte " + pos
                                    + "); a longer header needs a higher limit (" + MAX_CARDS_PROPERTY + ")");
                }
                images.add(image);
            }
        }
    }

    private static boolean startsWithXtension(FileChannel ch, long pos, long size) throws IOException {
        if (size - pos < CARD) {
            return false;
        }
        ByteBuffer b = ByteBuffer.allocate(9);
        while (b.hasRemaining() && ch.read(b, pos + b.position()) > 0) {
            // read the first nine bytes of the block
        }
        return new String(b.array(), 0, b.position(), StandardCharsets.ISO_8859_1).equals("XTENSION=");
    }

    static Header toHeader(List<String> images, Location where) throws DrpException {
        return toHeader(images, where, true);
    }

    /**
     * @param shared parse the cards through one stream ({@link Cards}); false: each through
     *               {@link HeaderCard#create(String)}, the reference the tests compare with
     */
    static Header toHeader(List<String> images, Location where, boolean shared) throws DrpException {
        Header.Builder b = Header.builder().origin(where);
        Cards cards = new Cards(images, shared);
        for (int i = 0; i < images.size(); i++) {
            String image = images.get(i);
            String key = image.substring(0, 8).trim();
            if (Card.isCommentaryKeyword(key)) {
                // commentary text is columns 9..80 as written: leading blanks are part of it (no parse needed)
                b.add(new Card(key, null, image.substring(8).stripTrailing()));
                continue;
            }
            HeaderCard hc;
            try {
                hc = cards.parse(i);
            } catch (RuntimeException e) { // nom-tam reports unparsable cards unchecked
                throw new DrpException(FitsErrorCode.FITS_BAD_HEADER, where.keyword(key),
                        "card " + (i + 1) + " cannot be parsed: '" + image.trim() + "'", e);
            }
            if (hc.isCommentStyleCard() || hc.getKey().equals("CONTINUE")) {
                b.add(new Card(hc.getKey(), null, hc.getComment() == null ? "" : hc.getComment()));
                continue;
            }
            Object value = value(hc);
            String comment = hc.getComment();
            // join CONTINUE long-string cards in one builder (linear in the number of cards)
            if (value instanceof String s && s.endsWith("&") && i + 1 < images.size()
                    && images.get(i + 1).startsWith("CONTINUE")) {
                StringBuilder joined = new StringBuilder(s);
                while (joined.length() > 0 && joined.charAt(joined.length() - 1) == '&' && i + 1 < images.size()
                        && images.get(i + 1).startsWith("CONTINUE")) {
                    String[] next = quoted(images.get(i + 1).substring(8));
                    joined.setLength(joined.length() - 1);
                    joined.append(next[0]);
                    if (!next[1].isEmpty()) {
                        comment = next[1];
                    }
                    i++;
                }
                value = joined.toString();
            }
            b.add(new Card(hc.hasHierarchKey() ? hc.getKey().replace("HIERARCH.", "").replace('.', ' ') : hc.getKey(),
                    value, comment));
        }
        return b.build();
    }

    /**
     * Parses the cards of one header with nom-tam-fits through one input stream over all of them, instead of
     * {@link HeaderCard#create(String)}, which wraps each 80-byte card in a new stream with its own buffers (about
     * 13 MB allocated per NIRC2 header, the largest allocation of an archive ingest). {@code create} is that same
     * constructor over a stream of the one card, so the cards parsed are the same; a card that may begin a long
     * string (any card holding {@code &}: a string value ending with it is continued from the following cards) and
     * any card the stream cannot parse go through {@code create}, as before, and the stream is opened again after it.
     * {@code FitsHeadersTest} compares every card of the test files with {@code create}'s.
     */
    private static final class Cards {
        private final List<String> images;
        private final boolean shared;
        private ArrayDataInput in;
        /** The card the stream is at. */
        private int at;

        Cards(List<String> images, boolean shared) {
            this.images = images;
            this.shared = shared;
        }

        /**
         * @return the card {@code i} (at or after the previous one parsed)
         * @throws IllegalArgumentException as {@link HeaderCard#create(String)} for a card it cannot parse
         */
        HeaderCard parse(int i) {
            String image = images.get(i);
            if (!shared || image.indexOf('&') >= 0) {
                return HeaderCard.create(image); // may begin a long string: parsed alone, as before
            }
            try {
                if (in == null || at > i) {
                    in = open(i);
                } else if (at < i) {
                    in.skipAllBytes((long) (i - at) * CARD);
                }
                at = i;
                HeaderCard hc = new HeaderCard(in);
                at = i + 1;
                return hc;
            } catch (IOException | RuntimeException e) {
                in = null; // where the stream stopped is unknown: reopened for the next card
                return HeaderCard.create(image); // its own failure, as before
            }
        }

        private ArrayDataInput open(int from) {
            StringBuilder sb = new StringBuilder((images.size() - from) * CARD);
            for (int k = from; k < images.size(); k++) {
                sb.append(images.get(k));
            }
            byte[] bytes = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
            return new FitsInputStream(new ByteArrayInputStream(bytes));
        }
    }

    /** Parses {@code 'text' / comment} (quotes doubled inside) into {text, comment}; text has trailing blanks removed. */
    static String[] quoted(String field) {
        String t = field.trim();
        if (!t.startsWith("'")) {
            return new String[] {"", ""};
        }
        StringBuilder v = new StringBuilder();
        int i = 1;
        while (i < t.length()) {
            char c = t.charAt(i);
            if (c == '\'') {
                if (i + 1 < t.length() && t.charAt(i + 1) == '\'') {
                    v.append('\'');
                    i += 2;
                    continue;
                }
                i++;
                break;
            }
            v.append(c);
            i++;
        }
        String rest = t.substring(Math.min(i, t.length())).trim();
        String comment = rest.startsWith("/") ? rest.substring(1).trim() : "";
        return new String[] {v.toString().stripTrailing(), comment};
    }

    private static Object value(HeaderCard hc) {
        String v = hc.getValue();
        if (v == null) {
            return null;
        }
        if (hc.isStringValue()) {
            return v;
        }
        String t = v.trim();
        if (t.isEmpty()) {
            return null;
        }
        if (t.equals("T")) {
            return Boolean.TRUE;
        }
        if (t.equals("F")) {
            return Boolean.FALSE;
        }
        if (hc.isIntegerType()) {
            try {
                return Long.parseLong(t);
            } catch (NumberFormatException e) {
                return t; // larger than a long: keep the text
            }
        }
        if (hc.isDecimalType()) {
            try {
                return Double.parseDouble(t.replace('D', 'E').replace('d', 'e'));
            } catch (NumberFormatException e) {
                return t;
            }
        }
        return t;
    }

    /** @return the size in bytes of the data unit described by a header, before padding */
    static long dataBytes(Header h, Location where) throws DrpException {
        long naxisValue = h.getLong("NAXIS").orElse(0L);
        if (naxisValue < 0 || naxisValue > 999) {
            throw new DrpException(FitsErrorCode.FITS_BAD_HEADER, where.keyword("NAXIS"),
                    "NAXIS must be 0 to 999, not " + naxisValue);
        }
        int naxis = (int) naxisValue;
        if (naxis == 0) {
            return 0;
        }
        long signed = h.getLong("BITPIX").orElseThrow(
                () -> new DrpException(FitsErrorCode.FITS_BAD_HEADER, where.keyword("BITPIX"), "BITPIX is missing"));
        if (signed != 8 && signed != 16 && signed != 32 && signed != 64 && signed != -32 && signed != -64) {
            throw new DrpException(FitsErrorCode.FITS_BAD_HEADER, where.keyword("BITPIX"),
                    "BITPIX must be 8, 16, 32, 64, -32 or -64, not " + signed);
        }
        long bitpix = Math.abs(signed);
        boolean groups = h.getBoolean("GROUPS").orElse(false) && h.getLong("NAXIS1").orElse(-1L) == 0;
        long n = 1;
        for (int k = groups ? 2 : 1; k <= naxis; k++) {
            String key = "NAXIS" + k;
            long len = h.getLong(key).orElseThrow(
                    () -> new DrpException(FitsErrorCode.FITS_BAD_HEADER, where.keyword(key), key + " is missing"));
            if (len < 0) {
                throw new DrpException(FitsErrorCode.FITS_BAD_HEADER, where.keyword(key), key + " is negative: " + len);
            }
            try {
                n = Math.multiplyExact(n, len);
            } catch (ArithmeticException e) {
                throw new DrpException(FitsErrorCode.FITS_TRUNCATED, where.keyword(key),
                        "the data unit would exceed 2^63 bytes (NAXIS product overflows): no file holds it");
            }
        }
        long pcount = h.getLong("PCOUNT").orElse(0L);
        long gcount = h.getLong("GCOUNT").orElse(1L);
        if (pcount < 0 || gcount < 0) {
            throw new DrpException(FitsErrorCode.FITS_BAD_HEADER, where.keyword(pcount < 0 ? "PCOUNT" : "GCOUNT"),
                    "negative PCOUNT or GCOUNT: " + pcount + ", " + gcount);
        }
        try {
            return Math.multiplyExact(bitpix / 8, Math.multiplyExact(gcount, Math.addExact(n, pcount)));
        } catch (ArithmeticException e) {
            throw new DrpException(FitsErrorCode.FITS_TRUNCATED, where.keyword("NAXIS"),
                    "the data unit would exceed 2^63 bytes: no file holds it");
        }
    }

}
