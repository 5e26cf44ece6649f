package org.drpkit.fits.table;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.image.SizeGuard;
import org.drpkit.fits.FitsErrorCode;

/** Reads a table file whole, after checking its size, with io-fits' error codes. */
final class TableFiles {

    /** Table files larger than this are refused before they are read (archive tables are kilobytes). */
    static final long MAX_BYTES = 256L << 20;

    private TableFiles() {
    }

    static String read(Path file, Charset cs) throws DrpException {
        Location where = Location.file(file.toString());
        try {
            SizeGuard.requireWithin(Files.size(file), MAX_BYTES, where);
            return Files.readString(file, cs);
        } catch (NoSuchFileException e) {
            throw new DrpException(FitsErrorCode.FITS_NOT_FOUND, where, "no such file");
        } catch (IOException e) {
            throw new DrpException(FitsErrorCode.FITS_UNREADABLE, where, e.toString(), e);
        }
    }
}
