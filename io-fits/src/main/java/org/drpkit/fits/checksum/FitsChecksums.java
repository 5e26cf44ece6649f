package org.drpkit.fits.checksum;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.image.SizeGuard;
import org.drpkit.fits.AtomicFiles;
import org.drpkit.fits.FitsErrorCode;
import org.drpkit.fits.FitsHeaders;
import org.drpkit.fits.HduInfo;

/**
 * Verifies and writes the FITS {@code CHECKSUM} and {@code DATASUM} keywords of every HDU.
 *
 * <p>Verification follows the convention: {@code DATASUM} is the decimal ones'-complement sum of the data records
 * (fill included), and {@code CHECKSUM} is valid when the whole HDU sums to negative zero. Writing replaces the two
 * cards in place (or appends them before END, reusing trailing blank cards, adding a header block only when
 * needed) and copies every data byte verbatim, so nothing is re-encoded; the comment carries the time, as astropy
 * and CFITSIO write it. The file is replaced atomically ({@link AtomicFiles}).
 *
 * <pre>{@code
 * ChecksumReport r = FitsChecksums.verify(Path.of("x.fits"));       // r.verdict() -> "OK 'x.fits'"
 * FitsChecksums.update(Path.of("x.fits"), Clock.systemUTC(), false); // write CHECKSUM/DATASUM in every HDU
 * }</pre>
 */
public final class FitsChecksums {

    /** Headers larger than this are refused before they are read into memory. */
    static final long MAX_HEADER_BYTES = 256L << 20;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private FitsChecksums() {
    }

    /**
     * Computes and compares the checksums of every HDU.
     *
     * @throws DrpException {@code FITS_NOT_FOUND}, {@code FITS_EMPTY}, {@code FITS_UNREADABLE},
     *                      {@code FITS_TRUNCATED} or {@code FITS_BAD_HEADER} when the file cannot be walked HDU by
     *                      HDU (the validator reports such files in detail)
     */
    public static ChecksumReport verify(Path file) throws DrpException {
        List<HduInfo> hdus = FitsHeaders.scan(file);
        List<HduChecksum> out = new ArrayList<>();
        try (FileChannel ch = open(file)) {
            for (HduInfo h : hdus) {
                out.add(verify(ch, h, file.toString()));
            }
        } catch (IOException e) {
            throw unreadable(file, e);
        }
        return new ChecksumReport(file.toString(), out);
    }

    /**
     * Writes fresh {@code CHECKSUM} and {@code DATASUM} cards into every HDU of a file, replacing it atomically.
     *
     * @param clock gives the time written in the cards' comments (UTC)
     * @param force write even when a stored value is bad (which would certify bytes that may be corrupt)
     * @return the checksums of the rewritten file
     * @throws DrpException {@code CHECKSUM_MISMATCH} when a stored value is bad and {@code force} is false; the
     *                      codes of {@link #verify}; {@code WRITE_FAILED}. On failure the file is untouched.
     */
    public static ChecksumReport update(Path file, Clock clock, boolean force) throws DrpException {
        return update(file, file, true, clock, force);
    }

    /**
     * Writes a copy of {@code source} with fresh checksum cards in every HDU to {@code target} (may be the same
     * path), atomically.
     *
     * @param overwrite replace an existing target
     * @return the checksums of the written file
     * @throws DrpException as {@link #update(Path, Clock, boolean)}, and {@code OUTPUT_EXISTS}
     */
    public static ChecksumReport update(Path source, Path target, boolean overwrite, Clock clock, boolean force)
            throws DrpException {
        List<HduInfo> hdus = FitsHeaders.scan(source);
        String stamp = LocalDateTime.now(clock.withZone(java.time.ZoneOffset.UTC)).format(STAMP);
        try (FileChannel ch = open(source)) {
            List<byte[]> headers = new ArrayList<>();
            for (HduInfo h : hdus) {
                HduChecksum before = verify(ch, h, source.toString());
                if (!force && !before.isValid()) {
                    throw new DrpException(ChecksumErrorCode.CHECKSUM_MISMATCH,
                            Location.file(source.toString()).hdu(h.index()),
                            "stored " + (before.checksum() == ChecksumStatus.BAD ? "CHECKSUM" : "DATASUM")
                                    + " disagrees with the bytes; not overwriting it (force to override): " + before);
                }
                headers.add(withChecksums(readHeader(ch, h, source.toString()), before.computedDatasum(), stamp));
            }
            long size = ch.size();
            AtomicFiles.write(target, overwrite, out -> {
                for (int i = 0; i < hdus.size(); i++) {
                    out.write(headers.get(i));
                    long from = hdus.get(i).dataOffset();
                    long to = i + 1 < hdus.size() ? hdus.get(i + 1).headerOffset() : size;
                    copy(ch, from, to, out);
                }
            });
        } catch (IOException e) {
            throw unreadable(source, e);
        }
        return verify(target);
    }

    /**
     * @param header    the raw header records of one HDU
     * @param datasum   the sum of its data records
     * @param timestamp the time for the comments, {@code yyyy-MM-ddTHH:mm:ss}
     * @return the header records with {@code CHECKSUM} and {@code DATASUM} set so that the HDU sums to -0
     */
    static byte[] withChecksums(byte[] header, long datasum, String timestamp) {
        RawHeader h = RawHeader.parse(header);
        h.put("CHECKSUM", RawHeader.stringCard("CHECKSUM", ChecksumText.ZEROS, "HDU checksum updated " + timestamp));
        h.put("DATASUM", RawHeader.stringCard("DATASUM", Long.toString(datasum),
                "data unit checksum updated " + timestamp));
        int at = h.find("CHECKSUM");
        byte[] zeroed = h.toBytes();
        long sum = Checksum32.combine(Checksum32.add(0, zeroed, 0, zeroed.length), datasum);
        h.set(at, h.withChecksumValue(at, ChecksumText.encode(sum, true)));
        return h.toBytes();
    }

    private static HduChecksum verify(FileChannel ch, HduInfo h, String file) throws IOException, DrpException {
        byte[] header = readHeader(ch, h, file);
        long padded = (h.dataBytes() + RawHeader.BLOCK - 1) / RawHeader.BLOCK * RawHeader.BLOCK;
        long datasum = Checksum32.of(ch, h.dataOffset(), padded);
        long headerSum = Checksum32.add(0, header, 0, header.length);
        long hduSum = Checksum32.combine(headerSum, datasum);
        RawHeader raw = RawHeader.parse(header);

        int c = raw.find("CHECKSUM");
        String storedChecksum = c < 0 ? null : raw.value(c);
        String computedChecksum = null;
        ChecksumStatus checksum = ChecksumStatus.MISSING;
        if (c >= 0) {
            checksum = hduSum == Checksum32.NEGATIVE_ZERO ? ChecksumStatus.OK : ChecksumStatus.BAD;
            if (raw.hasStandardChecksumLayout(c)) {
                byte[] zeroed = header.clone();
                int off = RawHeader.offset(c) + 11;
                for (int k = 0; k < 16; k++) {
                    zeroed[off + k] = '0';
                }
                computedChecksum = ChecksumText.encode(
                        Checksum32.combine(Checksum32.add(0, zeroed, 0, zeroed.length), datasum), true);
            }
        }
        int d = raw.find("DATASUM");
        String storedDatasum = d < 0 ? null : raw.value(d);
        ChecksumStatus ds = d < 0 ? ChecksumStatus.MISSING
                : parseUnsigned(storedDatasum) == datasum ? ChecksumStatus.OK : ChecksumStatus.BAD;
        return new HduChecksum(h.index(), storedChecksum, computedChecksum, checksum, storedDatasum, datasum, ds,
                hduSum);
    }

    /** @return the value of a DATASUM text, or -1 when it is not an unsigned 32-bit decimal */
    static long parseUnsigned(String text) {
        if (text == null) {
            return -1;
        }
        String t = text.trim();
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

    private static byte[] readHeader(FileChannel ch, HduInfo h, String file) throws IOException, DrpException {
        SizeGuard.requireWithin(h.dataOffset() - h.headerOffset(), MAX_HEADER_BYTES,
                Location.file(file).hdu(h.index()));
        int n = (int) (h.dataOffset() - h.headerOffset());
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (ch.read(b, h.headerOffset() + b.position()) < 0) {
                throw new java.io.EOFException("file ended inside a header");
            }
        }
        return b.array();
    }

    private static void copy(FileChannel ch, long from, long to, OutputStream out) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(1 << 20);
        long p = from;
        while (p < to) {
            buf.clear();
            buf.limit((int) Math.min(buf.capacity(), to - p));
            int n = ch.read(buf, p);
            if (n < 0) {
                throw new java.io.EOFException("file shrank while being copied");
            }
            out.write(buf.array(), 0, n);
            p += n;
        }
    }

    private static FileChannel open(Path file) throws DrpException {
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new DrpException(FitsErrorCode.FITS_NOT_FOUND, Location.file(file.toString()), "no such file");
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    private static DrpException unreadable(Path file, IOException e) {
        return new DrpException(FitsErrorCode.FITS_UNREADABLE, Location.file(file.toString()), e.toString(), e);
    }
}
