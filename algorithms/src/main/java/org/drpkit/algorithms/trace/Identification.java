package org.drpkit.algorithms.trace;

import java.util.Arrays;

/**
 * How the peaks of a flat were matched to the nominal geometry.
 *
 * @param offset     the flat's shift from the nominal positions, px (median of matched peak - nominal)
 * @param peaks      peaks found in the cross-section
 * @param live       fibres found with light
 * @param dead       fibres expected on the chip without light at their place (dead, unplugged), by fibre number
 * @param offChip    fibres the shifted nominal geometry puts off the usable rows, by fibre number
 * @param unmatched  peaks that match no fibre
 */
public record Identification(double offset, int peaks, int live, int[] dead, int[] offChip, int unmatched) {

    @Override
    public boolean equals(Object o) {
        return o instanceof Identification i && i.offset == offset && i.peaks == peaks && i.live == live
                && Arrays.equals(i.dead, dead) && Arrays.equals(i.offChip, offChip) && i.unmatched == unmatched;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(offset) + 31 * Arrays.hashCode(dead);
    }

    @Override
    public String toString() {
        String off = offChip.length == 0 ? "none" : offChip.length <= 4 ? Arrays.toString(offChip)
                : offChip.length + " fibres (" + offChip[0] + ", " + offChip[1] + " .. " + offChip[offChip.length - 1]
                        + ")";
        return String.format("Identification[offset %+.2f px, %d peaks, %d live, dead %s, off chip %s, %d unmatched]",
                offset, peaks, live, Arrays.toString(dead), off, unmatched);
    }
}
