package org.drpkit.archive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.fits.checksum.Md5;

/**
 * Copies of incoming files kept in a staging area, so that processing and every reprocess read a copy the summit
 * disk cannot wipe or overwrite (the archive's {@code copy_raw_fits}, done before processing instead of after
 * transfer). A file {@code /sdata/nirc2/n0051.fits} queued on UT day 2026-12-06 is kept as
 * {@code STAGE/20261206/sdata/nirc2/n0051.fits}; when that name is taken (the same path arrived again with other
 * content), {@code _ver2}, {@code _ver3}, ... is inserted before the last dot, up to {@link #MAX_VERSION}; a name
 * holding the same bytes is the same version and is used again, never copied twice. A copy is
 * written to a hidden temporary, forced to disk and linked to its name, which never replaces an existing file: a
 * failure leaves nothing under a staged name.
 */
final class StageCopies {

    /** The highest {@code _verN} tried (the archive's limit, {@code _ver19}). */
    static final int MAX_VERSION = 19;

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int COPY_BUFFER = 1 << 20;

    /**
     * A staged copy.
     *
     * @param path the copy
     * @param md5  its MD5 (hex), computed while copying
     * @param size its size in bytes
     * @param created true when this call made the copy, false when an identical copy was there (the same version
     *                queued before, or a copy a killed queuer left without a row)
     */
    record Staged(Path path, String md5, long size, boolean created) {
        @Override
        public String toString() {
            return path + " (" + size + " bytes, md5 " + md5 + ")";
        }
    }

    private StageCopies() {
    }

    /**
     * Copies {@code source} (absolute, normalised) into {@code stage/YYYYMMDD/}, mirroring its path.
     *
     * @throws DrpException {@code STAGE_ERROR} when the source cannot be read, the copy cannot be written or every
     *                      version name is taken by other content; nothing is left behind
     */
    static Staged stage(Path source, Path stage, LocalDate day, boolean fsync) throws DrpException {
        Path dir = folderFor(source, stage, day);
        Path tmp = null;
        try {
            ProductPaths.createUnder(stage, dir);
        } catch (DrpException e) {
            throw new DrpException(IngestCode.STAGE_ERROR, Location.file(source.toString()),
                    "cannot create the stage folder " + dir + ": " + e.getMessage(), e);
        }
        try {
            tmp = dir.resolve("." + source.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36)
                    + ".tmp");
            MessageDigest md = md5();
            long size;
            try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
                    FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                size = copy(in, ch, md);
                if (fsync) {
                    ch.force(true);
                }
            }
            String name = source.getFileName().toString();
            String md5 = HexFormat.of().formatHex(md.digest());
            for (int v = 1; v <= MAX_VERSION; v++) {
                Path target = dir.resolve(versioned(name, v));
                try {
                    Files.createLink(target, tmp); // never replaces: the first free name wins
                    return new Staged(target, md5, size, true);
                } catch (FileAlreadyExistsException taken) {
                    if (Files.size(target) == size && Md5.hex(target).equals(md5)) {
                        return new Staged(target, md5, size, false); // this version is staged already
                    }
                }
            }
            throw new DrpException(IngestCode.STAGE_ERROR, Location.file(source.toString()), "every stage name "
                    + name + " to " + versioned(name, MAX_VERSION) + " in " + dir + " is taken");
        } catch (IOException | DrpException e) {
            throw new DrpException(IngestCode.STAGE_ERROR, Location.file(source.toString()),
                    "cannot copy into the staging area " + dir + ": " + e, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // a hidden temporary in the stage folder is harmless and never read
                }
            }
        }
    }

    /** Copies {@code in} to {@code out} through one 1 MiB buffer, digesting the bytes on the way. */
    private static long copy(FileChannel in, FileChannel out, MessageDigest md) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(COPY_BUFFER, Math.max(8192, in.size())));
        long size = 0;
        while (in.read(buf) >= 0) {
            buf.flip();
            md.update(buf.array(), 0, buf.limit());
            size += buf.limit();
            while (buf.hasRemaining()) {
                out.write(buf);
            }
            buf.clear();
        }
        return size;
    }

    /**
     * @return the name of version {@code v} of a file: {@code name} itself for 1, else {@code _verN} inserted before
     *         the last dot ({@code kb190509_00001_ver2.fits}), or appended when there is none
     */
    static String versioned(String name, int v) {
        if (v <= 1) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? name + "_ver" + v : name.substring(0, dot) + "_ver" + v + name.substring(dot);
    }

    /** @return {@code stage/YYYYMMDD/} followed by the source's folders (its root left out) */
    static Path folderFor(Path source, Path stage, LocalDate day) throws DrpException {
        Path dir = stage.resolve(day.format(DAY));
        Path parent = source.getParent();
        if (parent != null) {
            for (Path part : parent) {
                String p = part.toString();
                if (p.equals("..") || p.equals(".") || p.isEmpty()) {
                    throw new DrpException(IngestCode.OUTPUT_OUTSIDE_ROOT, Location.file(source.toString()),
                            "a staged path cannot contain '" + p + "'");
                }
                dir = dir.resolve(p);
            }
        }
        return dir;
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides MD5", e);
        }
    }
}
