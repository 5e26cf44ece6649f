package org.drpkit.archive.almanac;

import java.util.Objects;
import java.util.Set;

/**
 * One runlist's rule, as data: the image types it takes, the fewest reads, the lamps that must be on, off, or of
 * which one must be on, and whether the exposure before it in the night must be of the same image type (upstream's
 * darks: a dark after a bright exposure carries persistence). Every runlist also requires a complete exposure (every
 * chip, every read, every file sound) that is not on the bad-exposure list.
 *
 * <pre>{@code
 * RunlistRule darks = RunlistRule.of("darks", "dark").withMinReads(30).withPreviousSameType();
 * }</pre>
 *
 * @param name             the runlist's name ({@code darks}, {@code quartzflats}, ...)
 * @param imageTypes       the image types it takes
 * @param minReads         the fewest reads (0: any)
 * @param lampsOn          lamps that must be on (state 1)
 * @param lampsOff         lamps that must be off (state 0)
 * @param anyLampOn        lamps of which at least one must be on (empty: no such condition)
 * @param previousSameType the previous exposure of the night must have the same image type
 */
public record RunlistRule(String name, Set<String> imageTypes, int minReads, Set<String> lampsOn, Set<String> lampsOff,
        Set<String> anyLampOn, boolean previousSameType) {

    /** Copies the sets. */
    public RunlistRule {
        Objects.requireNonNull(name, "name");
        imageTypes = Set.copyOf(imageTypes);
        lampsOn = Set.copyOf(lampsOn);
        lampsOff = Set.copyOf(lampsOff);
        anyLampOn = Set.copyOf(anyLampOn);
    }

    /** @return a rule taking these image types, without further conditions */
    public static RunlistRule of(String name, String... imageTypes) {
        return new RunlistRule(name, Set.of(imageTypes), 0, Set.of(), Set.of(), Set.of(), false);
    }

    /** @return this rule with the fewest reads */
    public RunlistRule withMinReads(int reads) {
        return new RunlistRule(name, imageTypes, reads, lampsOn, lampsOff, anyLampOn, previousSameType);
    }

    /** @return this rule with lamps that must be on */
    public RunlistRule withLampsOn(String... lamps) {
        return new RunlistRule(name, imageTypes, minReads, Set.of(lamps), lampsOff, anyLampOn, previousSameType);
    }

    /** @return this rule with lamps that must be off */
    public RunlistRule withLampsOff(String... lamps) {
        return new RunlistRule(name, imageTypes, minReads, lampsOn, Set.of(lamps), anyLampOn, previousSameType);
    }

    /** @return this rule with lamps of which one must be on */
    public RunlistRule withAnyLampOn(String... lamps) {
        return new RunlistRule(name, imageTypes, minReads, lampsOn, lampsOff, Set.of(lamps), previousSameType);
    }

    /** @return this rule requiring the previous exposure to be of the same image type */
    public RunlistRule withPreviousSameType() {
        return new RunlistRule(name, imageTypes, minReads, lampsOn, lampsOff, anyLampOn, true);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name).append(": ").append(new java.util.TreeSet<>(imageTypes));
        if (minReads > 0) {
            sb.append(", reads >= ").append(minReads);
        }
        if (!lampsOn.isEmpty()) {
            sb.append(", on ").append(new java.util.TreeSet<>(lampsOn));
        }
        if (!lampsOff.isEmpty()) {
            sb.append(", off ").append(new java.util.TreeSet<>(lampsOff));
        }
        if (!anyLampOn.isEmpty()) {
            sb.append(", one of ").append(new java.util.TreeSet<>(anyLampOn)).append(" on");
        }
        if (previousSameType) {
            sb.append(", after the same type");
        }
        return sb.toString();
    }
}
