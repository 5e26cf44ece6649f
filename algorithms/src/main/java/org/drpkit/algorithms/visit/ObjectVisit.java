package org.drpkit.algorithms.visit;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.drpkit.algorithms.resample.LogGrid;

/**
 * One object's visit spectrum: its fibre's row of a {@link Visit}, with the target it saw.
 *
 * <pre>{@code
 * ObjectVisit o = VisitCombine.split(visit, targets).get(0);
 * o.flux()[4000];   // at o.grid().wavelength(4000) Angstrom
 * }</pre>
 *
 * @param target    what the fibre saw
 * @param grid      the wavelength grid of every array
 * @param flux      flux, the exposures' unit (new array of {@code grid.count()})
 * @param ivar      inverse variance, 1/unit^2 (0 where no exposure had data)
 * @param mask      flags: the OR of the flags of the exposures used, plus {@code VISIT_REJECTED} or
 *                  {@code NOT_COVERED}
 * @param used      exposures combined at each pixel
 * @param exposures exposures in the visit
 */
public record ObjectVisit(VisitTarget target, LogGrid grid, float[] flux, float[] ivar, int[] mask, int[] used,
        int exposures) {

    /** Checks the shapes. */
    public ObjectVisit {
        Objects.requireNonNull(target, "target");
        int n = grid.count();
        if (flux.length != n || ivar.length != n || mask.length != n || used.length != n) {
            throw new IllegalArgumentException("arrays must hold the grid's " + n + " pixels");
        }
    }

    /** @return the median signal-to-noise ratio per pixel over the pixels with data (0 when none) */
    public double medianSnr() {
        float[] s = new float[flux.length];
        int k = 0;
        for (int i = 0; i < flux.length; i++) {
            if (ivar[i] > 0) {
                s[k++] = (float) (flux[i] * Math.sqrt(ivar[i]));
            }
        }
        if (k == 0) {
            return 0;
        }
        float[] a = Arrays.copyOf(s, k);
        Arrays.sort(a);
        return k % 2 == 1 ? a[k / 2] : 0.5 * (a[k / 2 - 1] + a[k / 2]);
    }

    @Override
    public String toString() {
        int covered = 0;
        for (float v : ivar) {
            covered += v > 0 ? 1 : 0;
        }
        return String.format(Locale.ROOT, "ObjectVisit[%s: %d exposures, %d of %d px with data, median S/N %.1f]",
                target, exposures, covered, flux.length, medianSnr());
    }
}
