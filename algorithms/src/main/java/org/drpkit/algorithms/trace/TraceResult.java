package org.drpkit.algorithms.trace;

import org.drpkit.core.trace.Traces;
/**
 * What {@link TraceFinder} found.
 *
 * @param traces         the smoothed traces (heights: the per-column fitted integrated flux of the flat)
 * @param identification how the fibres were identified
 * @param columnFits     per-trace column fits made
 * @param failedFits     of those, fits that failed (too few good pixels, singular, not finite) or were clipped
 * @param centreChi2     median over live traces of the reduced chi-square of the centres about their smooth
 *                       curve (about 1 when the per-column errors are right and the curve fits)
 * @param lampLevel      half-width of the 16..84% range of good-pixel flux in the central columns (lamp test)
 */
public record TraceResult(Traces traces, Identification identification, long columnFits, long failedFits,
        double centreChi2, double lampLevel) {

    @Override
    public String toString() {
        return String.format("TraceResult[%s, %s, %d column fits (%d failed or clipped), centre chi2/n %.2f, "
                + "lamp %.1f]",
                traces, identification, columnFits, failedFits, centreChi2, lampLevel);
    }
}
