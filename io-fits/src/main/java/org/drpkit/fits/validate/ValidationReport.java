package org.drpkit.fits.validate;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything the validator found in one file: every finding, in file order, and a summary of each HDU it could
 * walk.
 *
 * @param file     the file as named by the caller
 * @param size     file size in bytes (0 when it could not be read)
 * @param hdus     the HDUs walked, in order
 * @param findings every finding, in the order met
 */
public record ValidationReport(String file, long size, List<HduSummary> hdus, List<Finding> findings) {

    /** Copies the lists. */
    public ValidationReport {
        hdus = List.copyOf(hdus);
        findings = List.copyOf(findings);
    }

    /** @return true when there is no error (warnings allowed) */
    public boolean isValid() {
        return errorCount() == 0;
    }

    /** @return the findings of severity ERROR */
    public List<Finding> errors() {
        return bySeverity(FindingSeverity.ERROR);
    }

    /** @return the findings of severity WARNING */
    public List<Finding> warnings() {
        return bySeverity(FindingSeverity.WARNING);
    }

    /** @return the number of errors */
    public int errorCount() {
        return errors().size();
    }

    /** @return true when some finding has this code */
    public boolean has(ValidationCode code) {
        for (Finding f : findings) {
            if (f.code() == code) {
                return true;
            }
        }
        return false;
    }

    /** @return the findings about one HDU (-1 for the file as a whole) */
    public List<Finding> findingsFor(int hdu) {
        List<Finding> out = new ArrayList<>();
        for (Finding f : findings) {
            if (f.hdu() == hdu) {
                out.add(f);
            }
        }
        return out;
    }

    private List<Finding> bySeverity(FindingSeverity s) {
        List<Finding> out = new ArrayList<>();
        for (Finding f : findings) {
            if (f.severity() == s) {
                out.add(f);
            }
        }
        return out;
    }

    /**
     * A report for a person: one line per HDU with its findings below it, then the verdict.
     *
     * <pre>
     * x.fits (1071360 bytes, 1 HDU)
     *   HDU 0 PRIMARY BITPIX=32 512x512 (196 cards, data 1048576 bytes at 20160)
     *     ERROR CARD_ILLEGAL_CHARACTER HDU 0 card 197: byte 1 is a NUL (0x00)
     *   file
     *     ERROR TRAILING_BYTES file: 2880 bytes after the last HDU at byte 1068480 do not form an extension
     * x.fits: 3 errors, 1 warning
     * </pre>
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(file).append(" (").append(size).append(" bytes, ").append(hdus.size())
                .append(hdus.size() == 1 ? " HDU)" : " HDUs)").append('\n');
        for (HduSummary h : hdus) {
            sb.append("  ").append(h).append('\n');
            for (Finding f : findingsFor(h.index())) {
                sb.append("    ").append(f).append('\n');
            }
        }
        for (Finding f : findings) {
            if (f.hdu() < 0 || f.hdu() >= hdus.size()) {
                sb.append("  ").append(f).append('\n');
            }
        }
        int e = errorCount();
        int w = warnings().size();
        sb.append(file).append(": ");
        if (e == 0 && w == 0) {
            sb.append("OK");
        } else {
            sb.append(e).append(e == 1 ? " error, " : " errors, ").append(w).append(w == 1 ? " warning" : " warnings");
        }
        return sb.append('\n').toString();
    }
}
