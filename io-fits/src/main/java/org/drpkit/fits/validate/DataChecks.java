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
 * inside the heap). A data unit is streamed at most once for both; nothing large is held.
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

    /** @return the CHECKSUM and DATASUM cards (either may be null) */
    static RawCard[] checksumCards(List<RawCard> cards) {
        RawCard[] out = new RawCard[2];
        for (RawCard c : cards) {
            if (c.keyword.equals("CHECKSUM") && out[0] == null && !c.isCommentary()) {
                out[0] = c;
            } else if (c.keyword.equals("DATASUM") && out[1] == null && !c.isCommentary()) {
                out[1] = c;
            }
        }
        return out;
    }

    /** Compares the stored CHECKSUM and DATASUM (either may be null) with the sums of the HDU. */
    static void checksums(int hdu, RawCard checksum, RawCard datasum, byte[] header, long data, Findings f) {
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

    /** The rows of a binary table whose A, L and P/Q columns are to be checked while the data unit is streamed. */
    record TableScan(List<TableColumns.Column> cols, long rowBytes, long rows, long heapSize) {
        boolean worthReading() {
            boolean any = false;
            for (TableColumns.Column c : cols) {
                any |= c.type() == 'A' || c.type() == 'L' || c.type() == 'P' || c.type() == 'Q';
            }
            return any && rowBytes > 0 && rows > 0 && rowBytes <= CHUNK;
        }
    }

    /**
     * Streams one data unit once, summing it and checking table rows as asked. The piece size is a multiple of 4
     * (checksum words) and of the row length (so every row lies in one piece).
     *
     * @param length bytes to stream (the data unit with its fill, as far as the file has it)
     * @param table  the table rows to check, or null
     * @return the ones'-complement sum of the bytes streamed
     */
    static long stream(FileChannel ch, int hdu, long dataStart, long length, TableScan table, Findings f)
            throws IOException {
        long unit = table == null ? 4 : lcm(4, table.rowBytes());
        int piece = (int) (Math.max(1, CHUNK / unit) * unit);
        ByteBuffer buf = ByteBuffer.allocateDirect(piece).order(ByteOrder.BIG_ENDIAN);
        long tableBytes = table == null ? 0 : table.rowBytes() * table.rows();
        int ncol = table == null ? 0 : table.cols().size();
        long[] bad = new long[ncol];
        long[] firstBad = new long[ncol];
        long sum = 0;
        for (long p = 0; p < length; p += piece) {
            int n = (int) Math.min(piece, length - p);
            buf.clear();
            buf.limit(n);
            readFully(ch, buf, dataStart + p);
            buf.flip();
            sum = Checksum32.add(sum, buf);
            for (long row = p / (table == null ? 1 : table.rowBytes()); table != null
                    && (row + 1) * table.rowBytes() <= Math.min(p + n, tableBytes); row++) {
                int base = (int) (row * table.rowBytes() - p);
                for (int k = 0; k < ncol; k++) {
                    TableColumns.Column c = table.cols().get(k);
                    if (!cellOk(buf, base + (int) c.offset(), c, table.heapSize()) && bad[k]++ == 0) {
                        firstBad[k] = row + 1;
                    }
                }
            }
        }
        for (int k = 0; k < ncol; k++) {
            if (bad[k] > 0) {
                TableColumns.Column c = table.cols().get(k);
                String what = switch (c.type()) {
                    case 'A' -> "hold characters outside printable ASCII before the first NUL";
                    case 'L' -> "hold logicals other than 'T', 'F' or 0";
                    default -> "hold array descriptors pointing outside the heap (" + table.heapSize() + " bytes)";
                };
                f.add(ValidationCode.TABLE_BAD_DATA, hdu, 0, "TFORM" + c.index(), bad[k] + " of " + table.rows()
                        + " rows of column " + c.index() + " (" + c.repeat() + c.type() + ") " + what
                        + "; first at row " + firstBad[k]);
            }
        }
        return sum;
    }

    private static long lcm(long a, long b) {
        long x = a;
        long y = b;
        while (y != 0) {
            long t = x % y;
            x = y;
            y = t;
        }
        return a / x * b;
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
