package org.drpkit.fits.validate;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.List;
import org.drpkit.fits.checksum.Checksum32;
import org.drpkit.fits.checksum.ChecksumText;

/**
 * Rules on data units: the fill after the data, the stored checksums, and the content of binary-table columns
 * whose bytes have a restricted form (A: ASCII text up to a NUL; L: {@code T}, {@code F} or 0; P/Q: descriptors
 * inside the heap). Data are streamed; nothing large is held.
 */
final class DataChecks {

    private static final int CHUNK = 1 << 20;

    private DataChecks() {
    }

    /** Checks the fill bytes between the end of the data and the end of the last 2880-byte block. */
    static void fill(FileChannel ch, int hdu, long dataEnd, long paddedEnd, boolean blanks, Findings f)
            throws IOException {
        int n = (int) (paddedEnd - dataEnd);
        if (n == 0) {
            return;
        }
        ByteBuffer b = read(ch, dataEnd, n);
        byte want = blanks ? (byte) ' ' : 0;
        for (int i = 0; i < b.limit(); i++) {
            if (b.get(i) != want) {
                f.add(ValidationCode.DATA_FILL_INVALID, hdu, "the fill after the data (" + n + " bytes from byte "
                        + dataEnd + ") must be all " + (blanks ? "blanks" : "zeros") + "; byte " + (dataEnd + i)
                        + " is " + String.format("0x%02X", b.get(i) & 0xFF));
                return;
            }
        }
    }

    /** Verifies CHECKSUM and DATASUM when present. */
    static void checksums(FileChannel ch, int hdu, List<RawCard> cards, byte[] header, long dataStart,
            long paddedBytes, Findings f) throws IOException {
        RawCard checksum = null;
        RawCard datasum = null;
        for (RawCard c : cards) {
            if (c.keyword.equals("CHECKSUM") && checksum == null && !c.isCommentary()) {
                checksum = c;
            } else if (c.keyword.equals("DATASUM") && datasum == null && !c.isCommentary()) {
                datasum = c;
            }
        }
        if (checksum == null && datasum == null) {
            return;
        }
        long data = Checksum32.of(ch, dataStart, paddedBytes);
        if (datasum != null) {
            long stored = datasum.type == RawCard.Type.STRING ? parseUnsigned(datasum.value.trim()) : -1;
            if (stored < 0) {
                f.add(ValidationCode.CHECKSUM_MALFORMED, hdu, datasum.number, "DATASUM",
                        "DATASUM must be a string holding an unsigned 32-bit decimal, not " + datasum.shown());
            } else if (stored != data) {
                f.add(ValidationCode.DATASUM_MISMATCH, hdu, datasum.number, "DATASUM",
                        "stored DATASUM " + stored + " but the data unit sums to " + data);
            }
        }
        if (checksum != null) {
            long hduSum = Checksum32.combine(Checksum32.add(0, header, 0, header.length), data);
            if (checksum.type != RawCard.Type.STRING || !ChecksumText.isWellFormed(checksum.value)) {
                f.add(ValidationCode.CHECKSUM_MALFORMED, hdu, checksum.number, "CHECKSUM",
                        "CHECKSUM must be a string of 16 characters 0-9, A-Z, a-z, not " + checksum.shown());
            } else if (hduSum != Checksum32.NEGATIVE_ZERO) {
                f.add(ValidationCode.CHECKSUM_MISMATCH, hdu, checksum.number, "CHECKSUM",
                        "the HDU sums to " + String.format("0x%08X", hduSum) + ", not 0xFFFFFFFF: header or data changed"
                                + " after CHECKSUM '" + checksum.value + "' was written");
            }
        }
    }

    /**
     * Checks A, L and P/Q columns of a binary table row by row.
     *
     * @param heapStart byte offset of the heap within the data unit (THEAP)
     * @param heapSize  bytes of the heap
     */
    static void binaryTable(FileChannel ch, int hdu, List<TableColumns.Column> cols, long dataStart, long rowBytes,
            long rows, long heapStart, long heapSize, Findings f) throws IOException {
        boolean any = false;
        for (TableColumns.Column c : cols) {
            any |= c.type() == 'A' || c.type() == 'L' || c.type() == 'P' || c.type() == 'Q';
        }
        if (!any || rowBytes <= 0 || rows <= 0 || rowBytes > CHUNK) {
            return;
        }
        long[] bad = new long[cols.size()];
        long[] firstBad = new long[cols.size()];
        int perChunk = (int) Math.max(1, CHUNK / rowBytes);
        ByteBuffer buf = ByteBuffer.allocate((int) (perChunk * rowBytes)).order(ByteOrder.BIG_ENDIAN);
        for (long row = 0; row < rows; row += perChunk) {
            int n = (int) Math.min(perChunk, rows - row);
            buf.clear();
            buf.limit((int) (n * rowBytes));
            readFully(ch, buf, dataStart + row * rowBytes);
            for (int r = 0; r < n; r++) {
                int base = (int) (r * rowBytes);
                for (int k = 0; k < cols.size(); k++) {
                    TableColumns.Column c = cols.get(k);
                    if (!cellOk(buf, base + (int) c.offset(), c, heapSize)) {
                        if (bad[k]++ == 0) {
                            firstBad[k] = row + r + 1;
                        }
                    }
                }
            }
        }
        for (int k = 0; k < cols.size(); k++) {
            if (bad[k] > 0) {
                TableColumns.Column c = cols.get(k);
                String what = switch (c.type()) {
                    case 'A' -> "hold characters outside printable ASCII before the first NUL";
                    case 'L' -> "hold logicals other than 'T', 'F' or 0";
                    default -> "hold array descriptors pointing outside the heap (" + heapSize + " bytes)";
                };
                f.add(ValidationCode.TABLE_BAD_DATA, hdu, 0, "TFORM" + c.index(), bad[k] + " of " + rows
                        + " rows of column " + c.index() + " (" + c.repeat() + c.type() + ") " + what
                        + "; first at row " + firstBad[k]);
            }
        }
    }

    private static boolean cellOk(ByteBuffer b, int at, TableColumns.Column c, long heapSize) {
        switch (c.type()) {
            case 'A':
                for (int i = 0; i < c.repeat(); i++) {
                    int v = b.get(at + i) & 0xFF;
                    if (v == 0) {
                        return true;
                    }
                    if (v < 32 || v > 126) {
                        return false;
                    }
                }
                return true;
            case 'L':
                for (int i = 0; i < c.repeat(); i++) {
                    byte v = b.get(at + i);
                    if (v != 'T' && v != 'F' && v != 0) {
                        return false;
                    }
                }
                return true;
            case 'P':
            case 'Q':
                if (c.repeat() == 0) {
                    return true;
                }
                long count = c.type() == 'P' ? b.getInt(at) & 0xFFFF_FFFFL : b.getLong(at);
                long offset = c.type() == 'P' ? b.getInt(at + 4) & 0xFFFF_FFFFL : b.getLong(at + 8);
                long bytes = c.heapType() == 'X' ? (count + 7) / 8 : count * TableColumns.elementBytes(c.heapType());
                return count >= 0 && offset >= 0 && bytes >= 0 && offset + bytes <= heapSize;
            default:
                return true;
        }
    }

    static long parseUnsigned(String t) {
        if (t.isEmpty() || t.length() > 10) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v > 0xFFFF_FFFFL ? -1 : v;
    }

    static ByteBuffer read(FileChannel ch, long at, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        readFully(ch, b, at);
        b.flip();
        return b;
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long at) throws IOException {
        long p = at;
        while (b.hasRemaining()) {
            int k = ch.read(b, p);
            if (k < 0) {
                break;
            }
            p += k;
        }
        if (b.hasRemaining()) {
            throw new java.io.EOFException("file ended at byte " + p);
        }
    }
}
