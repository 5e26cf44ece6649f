package org.drpkit.algorithms.ramp;

import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.image.SizeGuard;

/**
 * Stage 1: which reads to fit (spec section 2.1).
 *
 * <p>By default the first {@code dropFirst} reads are dropped (2 upstream, a crude guard against the reset
 * anomaly) and the rest is fitted up the ramp. Short ramps fall back to DCS: with {@code totalReads <= dcsMaxReads}
 * (3 upstream), or when the caller forces it (upstream does for APOGEE dome flats of 5 reads, whose lamp switches
 * off early), DCS uses reads {@code min(dropFirst - 1, total - 2) .. total - 1}, i.e. one read fewer is dropped, as
 * upstream's {@code firstind = 2}. A ramp whose reads left after dropping are fewer than two also falls back to DCS.
 *
 * <pre>{@code
 * ReadSelection.plan(47, ReadSelection.Params.UPSTREAM);   // SUTR on reads 2..46
 * ReadSelection.plan(3, ReadSelection.Params.UPSTREAM);    // DCS on reads 1..2
 * }</pre>
 */
public final class ReadSelection {

    private ReadSelection() {
    }

    /**
     * @param dropFirst   reads dropped at the start (at least 0)
     * @param dcsMaxReads ramps with at most this many reads use DCS
     * @param forceDcs    use DCS whatever the length (e.g. APOGEE dome flats)
     */
    public record Params(int dropFirst, int dcsMaxReads, boolean forceDcs) {

        /** Upstream's defaults: drop 2 reads, DCS for 3 reads or fewer. */
        public static final Params UPSTREAM = new Params(2, 3, false);

        /** Fit every read up the ramp (for simulations without a reset anomaly, and tests). */
        public static final Params ALL_READS = new Params(0, 1, false);

        /** Checks the values. */
        public Params {
            if (dropFirst < 0 || dcsMaxReads < 0) {
                throw new IllegalArgumentException("negative read counts: " + dropFirst + ", " + dcsMaxReads);
            }
        }

        /** @return these parameters forcing DCS */
        public Params withForcedDcs() {
            return new Params(dropFirst, dcsMaxReads, true);
        }
    }

    /** Ceiling on the fit tables a plan may need (they grow as the square of the read count): 1 GiB. */
    public static final long TABLE_LIMIT_BYTES = 1L << 30;

    /**
     * @param totalReads reads in the exposure
     * @throws DrpException {@code RAMP_TOO_SHORT} for fewer than two reads; {@code SIZE_LIMIT_EXCEEDED} for a read
     *                      count whose fit tables would pass {@link #TABLE_LIMIT_BYTES} (about 11,000 reads)
     */
    public static ReadPlan plan(int totalReads, Params params) throws DrpException {
        if (totalReads < 2) {
            throw new DrpException(RampErrorCode.RAMP_TOO_SHORT, Location.NOWHERE,
                    "a ramp of " + totalReads + " read(s) has no read difference");
        }
        SizeGuard.requireWithin(RowFitter.Tables.bytes(totalReads - 1), TABLE_LIMIT_BYTES,
                Location.ofKeyword("NREAD"));
        int last = totalReads - 1;
        boolean dcs = params.forceDcs() || totalReads <= params.dcsMaxReads() || totalReads - params.dropFirst() < 2;
        if (dcs) {
            int first = Math.max(0, Math.min(params.dropFirst() - 1, totalReads - 2));
            return new ReadPlan(totalReads, first, last, ReadPlan.Method.DCS);
        }
        return new ReadPlan(totalReads, params.dropFirst(), last, ReadPlan.Method.SUTR);
    }
}
