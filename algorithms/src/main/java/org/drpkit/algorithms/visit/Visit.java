package org.drpkit.algorithms.visit;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.drpkit.algorithms.resample.LogGrid;
import org.drpkit.core.image.Spectra;

/**
 * A visit: every fibre's exposures combined on one log-uniform grid, with what the rejection did.
 *
 * <pre>{@code
 * Visit v = VisitCombine.combine(resampledExposures, VisitParams.defaults(), 2);
 * v.spectra().fluxOf(12);          // fibre row 12 on v.grid()
 * v.rejectedPerExposure()[2];      // pixels of exposure 2 rejected as outliers
 * }</pre>
 *
 * @param grid                the common grid (pixel i at {@code grid.wavelength(i)} Angstrom)
 * @param spectra             fibres x grid pixels: flux (the exposures' unit) as the inverse-variance weighted mean of
 *                            the exposures kept, ivar the sum of their ivars (0 where none had data), flags the OR of
 *                            the flags of the exposures kept plus {@code VISIT_REJECTED} where one was rejected, or
 *                            {@code NOT_COVERED} (flux 0) where none had data
 * @param used                exposures combined at each pixel, fibres x pixels (shared: treat as read-only)
 * @param exposures           exposures given
 * @param rejectedPerExposure pixels of each exposure rejected as outliers, all fibres
 * @param goodPerExposure     usable pixels of each exposure (before rejection), all fibres
 */
public record Visit(LogGrid grid, Spectra spectra, int[] used, int exposures, long[] rejectedPerExposure,
        long[] goodPerExposure) {

    /** Checks the shapes. */
    public Visit {
        Objects.requireNonNull(grid, "grid");
        if (spectra.pixels() != grid.count() || used.length != spectra.flux().length
                || rejectedPerExposure.length != exposures || goodPerExposure.length != exposures) {
            throw new IllegalArgumentException("a visit's arrays must match its grid and exposures");
        }
    }

    /** @return pixels rejected, all exposures and fibres */
    public long rejected() {
        return Arrays.stream(rejectedPerExposure).sum();
    }

    @Override
    public String toString() {
        long good = Arrays.stream(goodPerExposure).sum();
        return String.format(Locale.ROOT, "Visit[%d fibres x %d px from %d exposures: %d of %d exposure pixels "
                + "rejected (%.4f%%), per exposure %s]", spectra.fibres(), grid.count(), exposures, rejected(), good,
                good == 0 ? 0.0 : 100.0 * rejected() / good, Arrays.toString(rejectedPerExposure));
    }
}
