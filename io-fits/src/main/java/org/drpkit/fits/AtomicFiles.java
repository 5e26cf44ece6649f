package org.drpkit.fits;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;

/**
 * Writes files so that a reader (or a crash) never sees a partial product: the bytes go to a temporary file in the
 * target folder, are forced to disk, and the temporary file is then moved into place in one atomic step. Without
 * {@code overwrite} the final step is a hard link, which fails if the target appeared in the meantime, so an
 * existing product is never replaced by accident. A crash can leave a stray {@code .NAME.*.tmp}, never a partial
 * {@code NAME}.
 *
 * <pre>{@code
 * AtomicFiles.write(Path.of("out/x.txt"), false, out -> out.write("hello\n".getBytes()));
 * }</pre>
 */
public final class AtomicFiles {

    /** Writes the content of a file to a stream. */
    @FunctionalInterface
    public interface Body {
        /**
         * @param out the temporary file's stream (buffered; do not close it)
         * @throws IOException  on I/O failure
         * @throws DrpException when the content cannot be produced; nothing is left behind
         */
        void write(OutputStream out) throws IOException, DrpException;
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {
    }

    /**
     * @param target    the final path; its folder is created if needed
     * @param overwrite replace an existing target when true
     * @throws DrpException {@code OUTPUT_EXISTS} when the target exists and {@code overwrite} is false;
     *                      {@code WRITE_FAILED} on I/O errors; or the body's own exception. In every failure the
     *                      temporary file is removed and the target is untouched.
     */
    public static void write(Path target, boolean overwrite, Body body) throws DrpException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Location where = Location.file(target.toString());
        if (!overwrite && Files.exists(abs)) {
            throw new DrpException(FitsErrorCode.OUTPUT_EXISTS, where, "output exists (overwrite not requested)");
        }
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            // a new file with the permissions the user's umask gives (createTempFile would make it owner-only)
            tmp = dir.resolve("." + abs.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 20)) {
                body.write(out);
                out.flush();
                ch.force(true);
            }
            if (overwrite) {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.createLink(abs, tmp); // fails if the target exists: never replaces
                Files.delete(tmp);
            }
            tmp = null;
            forceDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            throw new DrpException(FitsErrorCode.OUTPUT_EXISTS, where, "output appeared while writing (not replaced)");
        } catch (IOException e) {
            throw new DrpException(FitsErrorCode.WRITE_FAILED, where, e.toString(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // the write already failed and is being reported; a stray .tmp is the documented worst case
                }
            }
        }
    }

    /**
     * Checks, before any work is done, that {@link #write} could publish {@code target}: it does not exist (unless
     * {@code overwrite}), and its folder, or the nearest existing folder above it (write creates the rest), is a
     * writable directory. Touches nothing. A later write can still fail (a full disk, a file appearing meanwhile);
     * this catches the usual mistakes before an hour of processing.
     *
     * <pre>{@code
     * AtomicFiles.requireWritable(out, overwrite);   // then read and process the inputs
     * }</pre>
     *
     * @param target    the final path
     * @param overwrite whether an existing target may be replaced
     * @throws DrpException {@code OUTPUT_EXISTS} when the target exists and {@code overwrite} is false;
     *                      {@code WRITE_FAILED} when the target is a folder, or its folder cannot be created or
     *                      written
     */
    public static void requireWritable(Path target, boolean overwrite) throws DrpException {
        Path abs = target.toAbsolutePath();
        Location where = Location.file(target.toString());
        if (Files.isDirectory(abs)) {
            throw new DrpException(FitsErrorCode.WRITE_FAILED, where, "the output is a folder");
        }
        if (!overwrite && Files.exists(abs)) {
            throw new DrpException(FitsErrorCode.OUTPUT_EXISTS, where, "output exists (overwrite not requested)");
        }
        Path dir = abs.getParent();
        while (dir != null && !Files.exists(dir)) {
            dir = dir.getParent();
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw new DrpException(FitsErrorCode.WRITE_FAILED, where,
                    "cannot create the output folder: " + (dir == null ? "no existing parent" : dir + " is not a folder"));
        }
        if (!Files.isWritable(dir)) {
            throw new DrpException(FitsErrorCode.WRITE_FAILED, where, "folder " + dir + " is not writable");
        }
    }

    /** Makes the rename durable (best effort: some file systems cannot sync a directory). */
    private static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // directory sync is not supported everywhere; the file itself was forced before the move
        }
    }
}
