package org.drpkit.fits.validate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a FITS file against the standard (FITS 4.0) and reports every problem it can find in one
 * {@link ValidationReport}, the way CFITSIO's {@code fitsverify} does: block structure and truncation, mandatory
 * keywords and their order, value syntax and the types of reserved keywords, BITPIX/NAXIS consistency, END and header
 * fill, non-ASCII bytes, duplicated keywords, data size against file size, data fill, extension types with their
 * PCOUNT/GCOUNT, table columns, CHECKSUM/DATASUM when present, and bytes after the last HDU.
 *
 * <p>It parses the raw 2880-byte blocks itself and keeps going after a problem: a file whose first header is out of
 * order is still walked to its last HDU. It only stops where the next HDU cannot be located (a header without END,
 * an unreadable BITPIX or NAXISn, a truncated data unit). It never throws: a missing or unreadable file is a finding
 * too, and a check that fails unexpectedly on an HDU is caught and reported as {@link ValidationCode#CHECK_FAILED}
 * for that HDU. The file is read once: headers fully, and data units only where a check needs them (the fill; and, in one
 * pass, the checksums and the binary-table content when present and {@link ValidatorOptions} asks). Thread-safe
 * (stateless).
 *
 * <pre>{@code
 * ValidationReport r = FitsValidator.validate(Path.of("n0051.fits"));
 * r.isValid();          // false
 * r.errors();           // [ERROR CARD_ILLEGAL_CHARACTER HDU 0 card 197: byte 1 ... is a NUL (0x00) ..., ...]
 * }</pre>
 */
public final class FitsValidator {

    private static final int BLOCK = 2880;
    private static final int CARD = 80;
    /** A header longer than this without END is reported as having no END (a binary file read as cards). */
    private static final long MAX_HEADER_BYTES = 64L << 20;

    private FitsValidator() {
    }

    /** @return the findings for a file, with every check on ({@link ValidatorOptions#DEFAULTS}) */
    public static ValidationReport validate(Path file) {
        return validate(file, ValidatorOptions.DEFAULTS);
    }

    /** @return the findings for a file */
    public static ValidationReport validate(Path file, ValidatorOptions options) {
        String name = file.toString();
        Findings f = new Findings();
        List<HduSummary> hdus = new ArrayList<>();
        long size = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            size = ch.size();
            walk(ch, size, options, f, hdus);
        } catch (NoSuchFileException e) {
            f.add(ValidationCode.FILE_NOT_FOUND, -1, "no such file");
        } catch (IOException e) {
            f.add(ValidationCode.FILE_UNREADABLE, -1, "cannot read the file: " + e);
        } catch (RuntimeException e) { // outside any HDU's checks (walk catches its own per HDU)
            f.add(ValidationCode.CHECK_FAILED, -1, "the file could not be walked: " + e);
        }
        return new ValidationReport(name, size, hdus, f.finish());
    }

    private static void walk(FileChannel ch, long size, ValidatorOptions options, Findings f, List<HduSummary> hdus)
            throws IOException {
        if (size == 0) {
            f.add(ValidationCode.FILE_EMPTY, -1, "the file has no bytes");
            return;
        }
        long pos = 0;
        for (int hdu = 0;; hdu++) {
            long next;
            try {
                next = checkHdu(ch, size, pos, hdu, options, f, hdus);
            } catch (RuntimeException e) {
                f.add(ValidationCode.CHECK_FAILED, hdu, "a check failed on this HDU (" + e
                        + "); the HDUs after it are not checked");
                return;
            }
            if (next < 0) {
                return;
            }
            pos = next;
        }
    }

    /** Checks one HDU. @return the position of the next HDU, or -1 when the walk ends here */
    private static long checkHdu(FileChannel ch, long size, long pos, int hdu, ValidatorOptions options, Findings f,
            List<HduSummary> hdus) throws IOException {
        if (hdu == 0 && !looksLikeHeader(ch, size)) {
            f.add(ValidationCode.NOT_FITS, -1, "the file does not begin with a FITS header card (SIMPLE  = T)");
            return -1;
        }
        if (hdu > 0) {
            if (pos >= size) {
                return -1;
            }
            if (!startsWith(ch, pos, size, "XTENSION")) {
                trailing(ch, pos, size, f);
                return -1;
            }
        }
        HeaderRead h = readHeader(ch, pos, size, hdu, f);
        if (!h.endFound) {
            return -1;
        }
        for (RawCard c : h.cards) {
            CardChecks.check(hdu, c, f);
        }
        HduStructure s = HduStructure.check(hdu, h.cards, f);
        KeywordRules.check(hdu, h.cards, s, f);
        List<TableColumns.Column> cols = s.isTable() ? TableColumns.check(hdu, h.cards, s, f) : List.of();
        long dataStart = h.next;
        hdus.add(new HduSummary(hdu, s.type, describe(s), h.cards.size(), pos, dataStart, s.dataBytes));
        if (s.dataBytes < 0) {
            f.add(ValidationCode.HDU_UNLOCATABLE, hdu, s.unknownReason
                    + ": the size of the data unit is unknown, so the rest of the file cannot be walked");
            return -1;
        }
        if (dataStart > size) {
            if (s.dataBytes > 0) {
                f.add(ValidationCode.DATA_TRUNCATED, hdu, "the file ends inside the header; the data unit of "
                        + s.dataBytes + " bytes is missing");
            }
            return -1;
        }
        if (s.dataBytes > size - dataStart) {
            f.add(ValidationCode.DATA_TRUNCATED, hdu, "the data unit needs " + s.dataBytes + " bytes from byte "
                    + dataStart + " but the file ends " + (size - dataStart) + " bytes after the header");
            return -1;
        }
        long dataEnd = dataStart + s.dataBytes;
        long paddedEnd = dataStart + (s.dataBytes + BLOCK - 1) / BLOCK * BLOCK;
        if (paddedEnd > size) {
            f.add(ValidationCode.DATA_FILL_MISSING, hdu, "the file ends " + (paddedEnd - size)
                    + " bytes before the end of the last data block (size " + size
                    + " is not a multiple of 2880)");
        }
        DataChecks.fill(ch, hdu, dataEnd, Math.min(paddedEnd, size), s.type.equals("TABLE"), f);
        RawCard[] sums = options.verifyChecksums() ? DataChecks.checksumCards(h.cards) : new RawCard[2];
        DataChecks.TableScan table = null;
        if (options.checkTableData() && s.isBinaryTable() && !cols.isEmpty() && s.axes != null
                && s.axes.length == 2 && s.axes[0] >= 0 && s.axes[1] >= 0) {
            long rowBytes = s.axes[0];
            long rows = s.axes[1];
            long heapStart = theap(h.cards, rowBytes * rows);
            table = new DataChecks.TableScan(cols, rowBytes, rows,
                    Math.max(0, s.pcount - (heapStart - rowBytes * rows)));
            table = table.worthReading() ? table : null;
        }
        if (sums[0] != null || sums[1] != null || table != null) {
            long data = DataChecks.stream(ch, hdu, dataStart, Math.min(paddedEnd, size) - dataStart, table, f);
            DataChecks.checksums(hdu, sums[0], sums[1], h.raw, data, f);
        }
        if (paddedEnd >= size) {
            return -1;
        }
        return paddedEnd;
    }

    /** One header as read: its cards (before END), its raw bytes, and where its data unit starts. */
    private record HeaderRead(List<RawCard> cards, byte[] raw, boolean endFound, long next) {
    }

    private static HeaderRead readHeader(FileChannel ch, long pos, long size, int hdu, Findings f) throws IOException {
        List<RawCard> cards = new ArrayList<>();
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        ByteBuffer block = ByteBuffer.allocate(BLOCK);
        long p = pos;
        String why = "before the end of the file";
        while (p < size) {
            if (p - pos >= MAX_HEADER_BYTES) {
                why = "in the first " + MAX_HEADER_BYTES + " bytes of the header";
                break;
            }
            block.clear();
            int n = 0;
            while (block.hasRemaining()) {
                int k = ch.read(block, p + block.position());
                if (k < 0) {
                    break;
                }
                n += k;
            }
            String text = new String(block.array(), 0, n, StandardCharsets.ISO_8859_1);
            int end = endCard(text);
            if (end < 0 && isBinary(text)) {
                why = "before binary bytes at byte " + p + " (a data unit read as header?)";
                break;
            }
            raw.write(block.array(), 0, n);
            for (int i = 0; i + CARD <= text.length() && (end < 0 || i < end); i += CARD) {
                cards.add(RawCard.parse(cards.size() + 1, text.substring(i, i + CARD)));
            }
            if (end >= 0) {
                String image = text.substring(end, end + CARD);
                if (!image.substring(8).isBlank()) {
                    f.add(ValidationCode.END_NOT_BLANK, hdu, cards.size() + 1, "END",
                            "the END card has characters after END: '" + printable(image.substring(8).trim()) + "'");
                }
                checkHeaderFill(text, end + CARD, hdu, f);
                if (n < BLOCK) {
                    f.add(ValidationCode.DATA_FILL_MISSING, hdu, "the file ends inside the last header block (size "
                            + size + " is not a multiple of 2880)");
                }
                return new HeaderRead(cards, raw.toByteArray(), true, p + BLOCK);
            }
            p += BLOCK;
        }
        for (RawCard c : cards) {
            CardChecks.check(hdu, c, f);
        }
        f.add(ValidationCode.HEADER_NO_END, hdu, "no END card " + why + " (header starts at byte " + pos + ", "
                + cards.size() + " cards read)");
        return new HeaderRead(cards, raw.toByteArray(), false, size);
    }

    /** @return the offset of the END card in a block, or -1 */
    private static int endCard(String block) {
        for (int i = 0; i + CARD <= block.length(); i += CARD) {
            if (block.startsWith("END     ", i)) {
                return i;
            }
        }
        return -1;
    }

    /** A block of binary data rather than cards: more than a quarter of its bytes outside printable ASCII. */
    private static boolean isBinary(String block) {
        int n = 0;
        for (int i = 0; i < block.length(); i++) {
            char c = block.charAt(i);
            if (c < 32 || c > 126) {
                n++;
            }
        }
        return n > block.length() / 4;
    }

    private static void checkHeaderFill(String block, int from, int hdu, Findings f) {
        for (int i = from; i < block.length(); i++) {
            if (block.charAt(i) != ' ') {
                f.add(ValidationCode.HEADER_FILL_NOT_BLANK, hdu, "the header block after END must be all blanks; byte "
                        + (i - from + 1) + " after the END card is " + describeByte(block.charAt(i)));
                return;
            }
        }
    }

    private static void trailing(FileChannel ch, long pos, long size, Findings f) throws IOException {
        ByteBuffer b = DataChecks.read(ch, pos, (int) Math.min(size - pos, 1 << 16));
        boolean zeros = true;
        for (int i = 0; i < b.limit() && zeros; i++) {
            zeros = b.get(i) == 0;
        }
        String head = new String(b.array(), 0, Math.min(8, b.limit()), StandardCharsets.ISO_8859_1);
        String what = zeros && size - pos <= b.limit() ? "all zeros"
                : head.chars().allMatch(c -> c >= 32 && c < 127) ? "beginning with '" + head + "', not XTENSION"
                : "not a header";
        f.add(ValidationCode.TRAILING_BYTES, -1, (size - pos) + " bytes after the last HDU (from byte " + pos + ") are "
                + what + "; they do not form an extension");
    }

    private static boolean looksLikeHeader(FileChannel ch, long size) throws IOException {
        if (size < CARD) {
            return false;
        }
        ByteBuffer b = DataChecks.read(ch, 0, CARD);
        for (int i = 0; i < 8; i++) {
            int c = b.get(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == ' ';
            if (!ok) {
                return false;
            }
        }
        return b.get(8) == '=' && b.get(0) != ' ';
    }

    private static boolean startsWith(FileChannel ch, long pos, long size, String prefix) throws IOException {
        if (size - pos < prefix.length()) {
            return false;
        }
        ByteBuffer b = DataChecks.read(ch, pos, prefix.length());
        return new String(b.array(), StandardCharsets.ISO_8859_1).equals(prefix);
    }

    private static long theap(List<RawCard> cards, long dflt) {
        for (RawCard c : cards) {
            if (c.keyword.equals("THEAP") && c.asLong() != null) {
                return c.asLong();
            }
        }
        return dflt;
    }

    private static String describe(HduStructure s) {
        if (s.isTable() && s.axes != null && s.axes.length == 2) {
            return (s.tfields < 0 ? "?" : s.tfields) + " columns x " + s.axes[1] + " rows";
        }
        StringBuilder sb = new StringBuilder("BITPIX=").append(s.bitpix == 0 ? "?" : s.bitpix);
        if (s.axes == null) {
            return sb.append(" NAXIS=?").toString();
        }
        if (s.groups) {
            sb.append(" random groups");
        }
        for (int i = 0; i < s.axes.length; i++) {
            sb.append(i == 0 ? " " : "x").append(s.axes[i] < 0 ? "?" : s.axes[i]);
        }
        return s.axes.length == 0 ? sb.append(" no data").toString() : sb.toString();
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c >= 32 && c < 127 ? String.valueOf(c) : String.format("\\x%02X", (int) c));
        }
        return sb.toString();
    }

    private static String describeByte(char c) {
        return c >= 32 && c < 127 ? "'" + c + "'" : CardChecks.describe(c);
    }
}
