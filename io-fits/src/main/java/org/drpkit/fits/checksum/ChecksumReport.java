package org.drpkit.fits.checksum;

import java.util.List;

/**
 * The checksums of every HDU of one file.
 *
 * @param file the file as named by the caller
 * @param hdus one entry per HDU, primary first
 */
public record ChecksumReport(String file, List<HduChecksum> hdus) {

    /** Copies the list. */
    public ChecksumReport {
        hdus = List.copyOf(hdus);
    }

    /** @return true when no stored value disagrees with the bytes (absent values are not errors) */
    public boolean isValid() {
        for (HduChecksum h : hdus) {
            if (!h.isValid()) {
                return false;
            }
        }
        return true;
    }

    /** @return true when every HDU carries both CHECKSUM and DATASUM */
    public boolean isComplete() {
        for (HduChecksum h : hdus) {
            if (h.checksum() == ChecksumStatus.MISSING || h.datasum() == ChecksumStatus.MISSING) {
                return false;
            }
        }
        return true;
    }

    /**
     * A verdict in the words of astropy's {@code fitscheck}: {@code OK 'f'}, {@code BAD 'f' .. Checksum
     * verification failed for HDU #1} or {@code MISSING 'f' .. Datasum not found in HDU #0}.
     *
     * @return one line
     */
    public String verdict() {
        for (HduChecksum h : hdus) {
            if (h.checksum() == ChecksumStatus.BAD) {
                return "BAD '" + file + "' .. Checksum verification failed for HDU #" + h.hdu();
            }
            if (h.datasum() == ChecksumStatus.BAD) {
                return "BAD '" + file + "' .. Datasum verification failed for HDU #" + h.hdu();
            }
        }
        for (HduChecksum h : hdus) {
            if (h.checksum() == ChecksumStatus.MISSING) {
                return "MISSING '" + file + "' .. Checksum not found in HDU #" + h.hdu();
            }
            if (h.datasum() == ChecksumStatus.MISSING) {
                return "MISSING '" + file + "' .. Datasum not found in HDU #" + h.hdu();
            }
        }
        return "OK '" + file + "'";
    }

    /** @return one line per HDU followed by the verdict */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (HduChecksum h : hdus) {
            sb.append(h).append('\n');
        }
        return sb.append(verdict()).append('\n').toString();
    }
}
