package org.drpkit.spark;

import java.nio.file.Path;
import org.drpkit.algorithms.ramp.RampResult;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.fits.FitsWriter;
import org.drpkit.fits.PixelType;

/**
 * The rate product (ar2D) as the demo night writes it: the raw primary header with NDIFF, then RATE, IVAR, CHI2,
 * FLAGS, JUMPS, LASTDIFF, VAR_POISSON and VAR_RNOISE.
 */
final class RateFiles {

    private RateFiles() {
    }

    static void write(Path out, Header rawPrimary, RampResult r) throws DrpException {
        FitsWriter.create().primary(rawPrimary.toBuilder().add("NDIFF", (long) r.plan().differences(),
                        "read differences used").build())
                .image("RATE", Header.builder().add("BUNIT", "DN/read").build(), r.rate(), PixelType.FLOAT32)
                .image("IVAR", Header.builder().add("BUNIT", "(DN/read)^-2").build(), r.ivar(), PixelType.FLOAT32)
                .image("CHI2", Header.empty(), r.chi2(), PixelType.FLOAT32)
                .mask("FLAGS", Header.builder().add("COMMENT", "PixelFlag bits; bit 15: non-finite read").build(),
                        r.flags())
                .mask("JUMPS", Header.empty(), r.jumps())
                .mask("LASTDIFF", Header.empty(), r.lastDiff())
                .image("VAR_POISSON", Header.builder().add("BUNIT", "(DN/read)^2").build(), r.varPoisson(),
                        PixelType.FLOAT32)
                .image("VAR_RNOISE", Header.builder().add("BUNIT", "(DN/read)^2").build(), r.varRead(),
                        PixelType.FLOAT32)
                .write(out, true);
    }
}
