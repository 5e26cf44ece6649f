package org.drpkit.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.drpkit.core.error.DrpException;
import org.drpkit.fits.FitsRamps;

/** Raw ramp files opened together for a calibration builder, closed together. */
final class OpenRamps implements AutoCloseable {

    private final List<FitsRamps.Source> sources;

    private OpenRamps(List<FitsRamps.Source> sources) {
        this.sources = sources;
    }

    /**
     * Opens every file; on failure closes those already open.
     *
     * @throws DrpException what opening a file raises
     */
    static OpenRamps open(List<Path> files) throws DrpException {
        List<FitsRamps.Source> s = new ArrayList<>();
        try {
            for (Path f : files) {
                s.add(FitsRamps.open(f));
            }
        } catch (DrpException e) {
            new OpenRamps(s).close();
            throw e;
        }
        return new OpenRamps(List.copyOf(s));
    }

    /** @return the sources, in the order of the files */
    List<FitsRamps.Source> sources() {
        return sources;
    }

    @Override
    public void close() {
        for (FitsRamps.Source s : sources) {
            s.close();
        }
    }
}
