package org.drpkit.fits;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.drpkit.core.error.DrpException;

/**
 * What {@link FitsHeaders#scanReadable} could read of a file: the HDUs whose headers it read (the last may have a
 * data unit the file cuts short) and the problem that stopped it, if any.
 *
 * <pre>{@code
 * HeaderScan s = FitsHeaders.scanReadable(path);
 * if (s.isComplete()) { ... } else { s.problem().get().code(); }   // e.g. FITS_TRUNCATED
 * }</pre>
 *
 * @param hdus    the HDUs read, primary first
 * @param problem the domain error that stopped the scan, naming the file and HDU; empty for a sound file
 */
public record HeaderScan(List<HduInfo> hdus, Optional<DrpException> problem) {

    /** Copies the list. */
    public HeaderScan {
        hdus = List.copyOf(hdus);
        Objects.requireNonNull(problem, "problem");
    }

    /** @return a scan that read nothing */
    public static HeaderScan failed(DrpException problem) {
        return new HeaderScan(List.of(), Optional.of(problem));
    }

    /** @return true when every HDU and its data unit were found */
    public boolean isComplete() {
        return problem.isEmpty();
    }

    @Override
    public String toString() {
        return "HeaderScan[" + hdus.size() + " HDUs" + problem.map(p -> ", " + p.getMessage()).orElse("") + "]";
    }
}
