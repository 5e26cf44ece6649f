package org.drpkit.cli;

import java.nio.file.Path;
import org.drpkit.algorithms.calib.CalibErrorCode;
import org.drpkit.algorithms.trace.TraceErrorCode;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.Mask;
import org.drpkit.core.image.MaskedImage;
import org.drpkit.core.trace.Traces;
import org.drpkit.fits.FitsReader;
import org.drpkit.fits.TraceFiles;

/** The 2D inputs of {@code drpkit traces} and {@code drpkit extract}: a calibrated product or a rate product. */
final class SpectrumFiles {

    private SpectrumFiles() {
    }

    /** A 2D image with its primary header. */
    record Input(MaskedImage image, Header primary) {
        /** @return the CHIP keyword, or empty text */
        String chip() {
            return primary.getString("CHIP").orElse("");
        }
    }

    /**
     * Reads traces for an input image and checks they are of its chip (when the image names one in CHIP).
     *
     * @throws DrpException {@code TRACE_SHAPE_MISMATCH} naming the trace file's CHIP keyword when the chips differ,
     *                      or the trace file's own errors
     */
    static Traces tracesFor(Input in, Path image, Path tracesFile) throws DrpException {
        Traces traces = TraceFiles.read(tracesFile);
        if (!in.chip().isEmpty() && !in.chip().equals(traces.chip())) {
            throw new DrpException(TraceErrorCode.TRACE_SHAPE_MISMATCH, Location.file(tracesFile.toString()).hdu(0)
                    .keyword("CHIP"), "the traces are of chip " + traces.chip() + ", " + image.getFileName()
                    + " is chip " + in.chip());
        }
        return traces;
    }

    /**
     * Reads FLUX/IVAR/FLAGS (a {@code drpkit calibrate} product) or RATE/IVAR/FLAGS (a {@code drpkit ramp} product).
     *
     * @throws DrpException {@code FITS_NO_SUCH_HDU} when the file has neither, {@code CALIB_SHAPE_MISMATCH} when
     *                      the three differ in shape
     */
    static Input read(Path file) throws DrpException {
        try (FitsReader r = FitsReader.open(file)) {
            Header primary = r.hdus().get(0).header();
            String flux = CalibFiles.hasExtension(r, "FLUX") ? "FLUX" : "RATE";
            Image f = r.readImage(flux);
            Image i = r.readImage("IVAR");
            Mask m = r.readMask("FLAGS");
            if (!f.sameShape(i) || !f.sameShape(m)) {
                throw new DrpException(CalibErrorCode.CALIB_SHAPE_MISMATCH, Location.file(file.toString()), flux
                        + " is " + f.width() + "x" + f.height() + ", IVAR " + i.width() + "x" + i.height()
                        + ", FLAGS " + m.width() + "x" + m.height());
            }
            return new Input(MaskedImage.of(f, i, m), primary);
        }
    }
}
