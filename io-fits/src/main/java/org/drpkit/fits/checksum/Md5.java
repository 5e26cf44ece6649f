package org.drpkit.fits.checksum;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.fits.FitsErrorCode;

/**
 * MD5 digests of files, as lower-case hex (what {@code md5sum} prints), streamed in 1 MiB pieces.
 *
 * <pre>{@code
 * Md5.hex(Path.of("KB.20190509.07554.57.fits"));   // "821a10c2c511855c5eee41ae31f954d0"
 * }</pre>
 */
public final class Md5 {

    private Md5() {
    }

    /**
     * @return the 32 lower-case hex digits of the file's MD5
     * @throws DrpException {@code FITS_NOT_FOUND} or {@code FITS_UNREADABLE} (the codes io-fits uses for any file)
     */
    public static String hex(Path file) throws DrpException {
        MessageDigest md = newDigest();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(1 << 20);
            while (ch.read(buf) >= 0) {
                buf.flip();
                md.update(buf);
                buf.clear();
            }
        } catch (NoSuchFileException e) {
            throw new DrpException(FitsErrorCode.FITS_NOT_FOUND, Location.file(file.toString()), "no such file");
        } catch (IOException e) {
            throw new DrpException(FitsErrorCode.FITS_UNREADABLE, Location.file(file.toString()), e.toString(), e);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** @return the 32 lower-case hex digits of the MD5 of {@code bytes} */
    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(newDigest().digest(bytes));
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides MD5", e);
        }
    }
}
