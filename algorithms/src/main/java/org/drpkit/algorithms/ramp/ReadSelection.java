package org.drpkit.algorithms.ramp;

import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.image.SizeGuard;

/**
 * Read selection, the first step of the ramp chain: which reads to fit.
 *
 * <p>By default the first {@code dropFirst} reads are dropped (2 upstream, a crude guard against the reset
 * anomaly) and the rest is fitted up the ramp. Short ramps fall back to DCS: with {@code totalReads <= dcsMaxReads}
 * (3 upstream), or when the caller forces it (upstream does for APOGEE dome flats of 5 reads, whose lamp switches
 * off early), DCS uses reads {@code min(dropFirst - 1, total - 2) .. total - 1}, i.e. one read fewer is dropped, as
 * upstream's {@code firstind = 2}. A ramp whose reads left after dropping are fewer than {@link #MIN_READS} also falls
 * back to DCS. Exposures of fewer than {@link #MIN_USABLE_READS} reads can still be planned, but upstream's run
 * lists leave them out, and compositions do the same.
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

    /** The fewest reads any rate comes from: two reads make one difference. Shorter ramps are {@code RAMP_TOO_SHORT}. */
    public static final int MIN_READS = 2;

    /**
     * The fewest reads of an exposure worth reducing (upstream's run-list rule, like stcal's
     * {@code LIKELY_MIN_NGROUPS}): after the reset-anomaly reads are dropped, shorter ramps leave one or two
     * differences, too few for jump detection. {@link #plan} still plans them (by DCS); a composition that reduces a
     * night skips them, e.g. {@code if (reads < ReadSelection.MIN_USABLE_READS) skip}.
     */
    public static final int MIN_USABLE_READS = 4;

    /** Ceiling on the fit tables a plan may need (they grow as the square of the read count): 1 GiB. */
    public static final long TABLE_LIMIT_BYTES = 1L << 30;

    /**
     * @param totalReads reads in the exposure
     * @param params     the selection rule. Not modified (immutable).
     * @return the plan
     * @throws DrpException {@code RAMP_TOO_SHORT} for fewer than {@link #MIN_READS} reads; {@code SIZE_LIMIT_EXCEEDED} for a read
     *                      count whose fit tables would pass {@link #TABLE_LIMIT_BYTES} (about 11,000 reads)
     */
    public static ReadPlan plan(int totalReads, Params params) throws DrpException {
        if (totalReads < MIN_READS) {
            throw new DrpException(RampErrorCode.RAMP_TOO_SHORT, Location.NOWHERE,
                    "a ramp of " + totalReads + " read(s) has no read difference");
        }
        SizeGuard.requireWithin(RowFitter.Tables.bytes(totalReads - 1), TABLE_LIMIT_BYTES,
                Location.ofKeyword("NREAD"));
        int last = totalReads - 1;
        boolean dcs = params.forceDcs() || totalReads <= params.dcsMaxReads() || totalReads - params.dropFirst() < MIN_READS;
        if (dcs) {
            int first = Math.max(0, Math.min(params.dropFirst() - 1, totalReads - 2));
            return new ReadPlan(totalReads, first, last, ReadPlan.Method.DCS);
        }
        return new ReadPlan(totalReads, params.dropFirst(), last, ReadPlan.Method.SUTR);
    }
}
