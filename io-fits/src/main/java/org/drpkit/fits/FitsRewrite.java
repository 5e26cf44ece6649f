package org.drpkit.fits;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.header.Card;
import org.drpkit.core.header.Header;
import org.drpkit.fits.checksum.Checksum32;
import org.drpkit.fits.checksum.ChecksumText;

/**
 * Writes a copy of a FITS file in which one HDU's header is replaced and every data byte is copied verbatim: the
 * archive's "fixed header, data unchanged" product.
 *
 * <p>The new header is formatted card by card (long strings as CONTINUE cards); every other HDU's header records
 * are copied byte for byte. The new header must describe the same data: the structural keywords (SIMPLE, XTENSION,
 * BITPIX, NAXIS, NAXISn, PCOUNT, GCOUNT, GROUPS, the table column formats and scalings, BSCALE, BZERO, BLANK and
 * the tile-compression Z keywords) must keep their values, else {@code FITS_BAD_HEADER}. When the new header holds
 * {@code CHECKSUM} or {@code DATASUM}, both are recomputed for the written bytes (the old ones would be stale); the
 * other HDUs' checksums stay valid because their bytes are unchanged.
 *
 * <p>Two repairs are made and reported in the {@link Result}: the fill after each data unit is written as the
 * standard requires (zeros; blanks after an ASCII table), whatever the source held, and bytes after the last HDU
 * that do not form an extension are not copied. Data units themselves are never touched.
 *
 * <pre>{@code
 * Header fixed = plugin.fix(primary, ctx);
 * FitsRewrite.rewrite(Path.of("n0051.fits"), 0, fixed, Path.of("lev0/N2.20170725.51470.75.fits"), false);
 * }</pre>
 */
public final class FitsRewrite {

    private static final int BLOCK = 2880;
    private static final int CARD = 80;
    private static final Set<String> STRUCTURAL = Set.of("SIMPLE", "XTENSION", "BITPIX", "NAXIS", "PCOUNT", "GCOUNT",
            "GROUPS", "TFIELDS", "THEAP", "BSCALE", "BZERO", "BLANK");
    private static final Pattern INDEXED = Pattern.compile("(NAXIS|TFORM|TBCOL|TDIM|TSCAL|TZERO|TNULL)\\d+");
    private static final Pattern COMPRESSION = Pattern.compile("Z(IMAGE|SIMPLE|TENSION|BITPIX|NAXIS\\d*|TILE\\d+|CMPTYPE"
            + "|NAME\\d+|VAL\\d+|MASKCMP|QUANTIZ|DITHER0|SCALE|ZERO|BLANK|PCOUNT|GCOUNT|EXTEND)");

    private FitsRewrite() {
    }

    /**
     * What a rewrite wrote.
     *
     * @param bytes                the size of the written file
     * @param hdus                 the number of HDUs written
     * @param headerBytes          the size of the new header (with END and fill)
     * @param checksumUpdated      true when CHECKSUM/DATASUM of the rewritten HDU were recomputed
     * @param fillRepaired         the number of data units whose fill in the source was not the standard fill
     * @param droppedTrailingBytes bytes after the last HDU of the source that were not copied
     */
    public record Result(long bytes, int hdus, long headerBytes, boolean checksumUpdated, int fillRepaired,
            long droppedTrailingBytes) {
    }

    /**
     * Writes the copy atomically ({@link AtomicFiles}).
     *
     * @param hdu       the HDU whose header is replaced (0 = primary)
     * @param header    its new header
     * @param overwrite replace an existing target
     * @throws DrpException {@code FITS_BAD_HEADER} when the new header changes the data's structure or holds a card
     *                      that cannot be written as FITS; the source's read errors; {@code OUTPUT_EXISTS},
     *                      {@code WRITE_FAILED}. The target is untouched on failure.
     */
    public static Result rewrite(Path source, int hdu, Header header, Path target, boolean overwrite)
            throws DrpException {
        Result[] out = new Result[1];
        AtomicFiles.write(target, overwrite, o -> out[0] = write(source, hdu, header, o));
        return out[0];
    }

    /**
     * Streams the copy to {@code out} (not closed), for callers that stage or digest the bytes themselves.
     *
     * @throws DrpException as {@link #rewrite}
     * @throws IOException  when {@code out} fails
     */
    public static Result write(Path source, int hdu, Header header, OutputStream out) throws DrpException, IOException {
        return write(source, FitsHeaders.scan(source), hdu, header, out);
    }

    /**
     * As {@link #write(Path, int, Header, OutputStream)} for a file already scanned (by {@link FitsHeaders#scan} or
     * {@link FitsReader#hdus()}), so that its headers are not parsed again.
     *
     * @param hdus the file's HDUs as scanned; the file must not have changed since
     * @throws DrpException as {@link #rewrite}
     * @throws IOException  when {@code out} fails
     */
    public static Result write(Path source, List<HduInfo> hdus, int hdu, Header header, OutputStream out)
            throws DrpException, IOException {
        Objects.requireNonNull(header, "header");
        if (hdu < 0 || hdu >= hdus.size()) {
            throw new DrpException(FitsErrorCode.FITS_NO_SUCH_HDU, Location.file(source.toString()).hdu(hdu),
                    "the file has " + hdus.size() + " HDUs");
        }
        HduInfo target = hdus.get(hdu);
        Location where = Location.file(source.toString()).hdu(hdu);
        requireSameStructure(target.header(), header, where);
        try (FileChannel ch = open(source)) {
            byte[] newHeader = format(header, where);
            boolean checksum = header.contains("CHECKSUM") || header.contains("DATASUM");
            if (checksum) {
                newHeader = withChecksums(newHeader, dataSum(ch, target), where);
            }
            long written = 0;
            int repaired = 0;
            for (HduInfo h : hdus) {
                if (h.index() == hdu) {
                    out.write(newHeader);
                    written += newHeader.length;
                } else {
                    written += copy(ch, h.headerOffset(), h.dataOffset() - h.headerOffset(), out);
                }
                written += copy(ch, h.dataOffset(), h.dataBytes(), out);
                long fill = padded(h.dataBytes()) - h.dataBytes();
                byte fillByte = h.xtension().map("TABLE"::equals).orElse(false) ? (byte) ' ' : 0;
                if (!fillIs(ch, h.dataOffset() + h.dataBytes(), fill, fillByte)) {
                    repaired++;
                }
                byte[] f = new byte[(int) fill];
                java.util.Arrays.fill(f, fillByte);
                out.write(f);
                written += fill;
            }
            HduInfo last = hdus.get(hdus.size() - 1);
            long end = last.dataOffset() + padded(last.dataBytes());
            return new Result(written, hdus.size(), newHeader.length, checksum, repaired, Math.max(0, ch.size() - end));
        } catch (java.io.EOFException e) {
            throw new DrpException(FitsErrorCode.FITS_TRUNCATED, Location.file(source.toString()), e.getMessage(), e);
        }
    }

    /**
     * Formats a header as FITS header records: each card's 80-character images, END, blank fill to 2880 bytes.
     *
     * @throws DrpException {@code FITS_BAD_HEADER} naming the keyword of a card that cannot be written (a value
     *                      the FITS formatter refuses, or characters outside printable ASCII)
     */
    public static byte[] format(Header header, Location where) throws DrpException {
        StringBuilder sb = new StringBuilder((header.size() + 37) * CARD);
        for (Card c : header) {
            if (c.keyword().trim().equals("END")) {
                continue;
            }
            List<String> images;
            try {
                images = CardFormatter.format(c);
            } catch (RuntimeException e) {
                throw new DrpException(FitsErrorCode.FITS_BAD_HEADER, where.keyword(c.keyword()),
                        "the card cannot be written as FITS: " + e.getMessage(), e);
            }
            for (String image : images) {
                for (int i = 0; i < image.length(); i++) {
                    char ch = image.charAt(i);
                    if (ch < 32 || ch > 126) {
                        throw new DrpException(FitsErrorCode.FITS_BAD_HEADER, where.keyword(c.keyword()),
                                "character " + (i + 1) + " of the card is not printable ASCII (0x"
                                        + Integer.toHexString(ch) + ")");
                    }
                }
                sb.append(image);
            }
        }
        sb.append(String.format("%-80s", "END"));
        while (sb.length() % BLOCK != 0) {
            sb.append(' ');
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void requireSameStructure(Header old, Header neu, Location where) throws DrpException {
        List<String> changed = new ArrayList<>();
        for (Header h : List.of(old, neu)) {
            for (Card c : h) {
                String k = c.key();
                if (!c.isCommentary() && isStructural(k) && !changed.contains(k)
                        && !sameValue(old.value(k).orElse(null), neu.value(k).orElse(null))) {
                    changed.add(k);
                }
            }
        }
        if (!changed.isEmpty()) {
            StringBuilder sb = new StringBuilder("the new header describes other data: ");
            for (int i = 0; i < changed.size(); i++) {
                String k = changed.get(i);
                sb.append(i > 0 ? ", " : "").append(k).append(' ').append(old.value(k).orElse("(absent)"))
                        .append(" -> ").append(neu.value(k).orElse("(absent)"));
            }
            throw new DrpException(FitsErrorCode.FITS_BAD_HEADER, where.keyword(changed.get(0)), sb.toString());
        }
        String first = neu.size() == 0 ? "" : neu.card(0).key();
        if (!first.equals(old.size() == 0 ? "" : old.card(0).key())) {
            throw new DrpException(FitsErrorCode.FITS_BAD_HEADER, where.keyword(first),
                    "the new header must begin with " + old.card(0).key() + ", not " + first);
        }
    }

    static boolean isStructural(String key) {
        return STRUCTURAL.contains(key) || INDEXED.matcher(key).matches() || COMPRESSION.matcher(key).matches();
    }

    private static boolean sameValue(Object a, Object b) {
        if (a instanceof String s && b instanceof String t) {
            return s.stripTrailing().equals(t.stripTrailing());
        }
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        return Objects.equals(a, b);
    }

    /** @return header records with CHECKSUM and DATASUM set so that the HDU sums to negative zero */
    private static byte[] withChecksums(byte[] header, long datasum, Location where) throws DrpException {
        byte[] h = header.clone();
        int c = find(h, "CHECKSUM");
        int d = find(h, "DATASUM");
        if (c < 0 || d < 0) {
            throw new DrpException(FitsErrorCode.FITS_BAD_HEADER, where.keyword(c < 0 ? "CHECKSUM" : "DATASUM"),
                    "CHECKSUM and DATASUM must be written together");
        }
        put(h, d, String.format("%-8s= '%s'", "DATASUM", Long.toString(datasum)), "data unit checksum");
        put(h, c, String.format("%-8s= '%s'", "CHECKSUM", ChecksumText.ZEROS), "HDU checksum");
        long sum = Checksum32.combine(Checksum32.add(0, h, 0, h.length), datasum);
        byte[] value = ChecksumText.encode(sum, true).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(value, 0, h, c * CARD + 11, 16);
        return h;
    }

    private static int find(byte[] header, String keyword) {
        String k = String.format("%-8s", keyword);
        for (int i = 0; i * CARD + CARD <= header.length; i++) {
            String key = new String(header, i * CARD, 8, StandardCharsets.US_ASCII);
            if (key.equals(k)) {
                return i;
            }
            if (key.equals("END     ")) {
                return -1;
            }
        }
        return -1;
    }

    private static void put(byte[] header, int card, String valuePart, String comment) {
        String image = String.format("%-30s / %s", valuePart, comment);
        byte[] b = String.format("%-80s", image).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, header, card * CARD, CARD);
    }

    private static long dataSum(FileChannel ch, HduInfo h) throws IOException {
        return Checksum32.of(ch, h.dataOffset(), h.dataBytes()); // the fill written is standard: zeros add nothing
    }

    private static long copy(FileChannel ch, long from, long length, OutputStream out) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(1 << 20, Math.max(1, length)));
        long p = from;
        long end = from + length;
        while (p < end) {
            buf.clear();
            buf.limit((int) Math.min(buf.capacity(), end - p));
            int n = ch.read(buf, p);
            if (n < 0) {
                throw new java.io.EOFException("the file shrank while being copied");
            }
            out.write(buf.array(), 0, n);
            p += n;
        }
        return length;
    }

    private static boolean fillIs(FileChannel ch, long from, long length, byte expected) throws IOException {
        if (length == 0) {
            return true;
        }
        if (from + length > ch.size()) {
            return false;
        }
        ByteBuffer buf = ByteBuffer.allocate((int) length);
        while (buf.hasRemaining()) {
            if (ch.read(buf, from + buf.position()) < 0) {
                return false;
            }
        }
        for (byte b : buf.array()) {
            if (b != expected) {
                return false;
            }
        }
        return true;
    }

    private static long padded(long n) {
        return (n + BLOCK - 1) / BLOCK * BLOCK;
    }

    private static FileChannel open(Path file) throws DrpException {
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new DrpException(FitsErrorCode.FITS_NOT_FOUND, Location.file(file.toString()), "no such file");
        } catch (IOException e) {
            throw new DrpException(FitsErrorCode.FITS_UNREADABLE, Location.file(file.toString()), e.toString(), e);
        }
    }
}
