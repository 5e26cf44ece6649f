package org.drpkit.archive.almanac;

import java.util.Objects;
import java.util.Set;

/**
 * One kind of product a reduced night must hold, as data: the stage that makes it, the runlists whose exposures it is
 * made from, and a path template relative to the products folder. A per-exposure rule expects one file per picked
 * exposure (and chip); a night rule expects one file per chip when its runlists picked anything at all.
 *
 * <p>Template fields: {@code {tele}} (the exposure id's first part, {@code apo}), {@code {night}}, {@code {exp4}} (the
 * exposure number, 4 digits), {@code {chip}} and {@code {type}} (the image type).
 *
 * <pre>{@code
 * ProductRule rate = ProductRule.perExposure("ramp", "apred/{night}/ar2D_{tele}_{night}_{exp4}_{chip}_{type}.fits");
 * ProductRule dark = ProductRule.perNight("dark", "darks/darkRate_{tele}_{chip}_{night}_{night}.fits", "darks");
 * }</pre>
 *
 * @param stage       the stage that makes the product ({@code ramp}, {@code calibrated}, {@code extracted}, ...)
 * @param runlists    the runlists whose exposures it is made from (empty: every runlist)
 * @param template    the path template, {@code /}-separated, relative to the products folder
 * @param perExposure one file per exposure (true) or per night (false)
 */
public record ProductRule(String stage, Set<String> runlists, String template, boolean perExposure) {

    /** Checks for nulls and copies the set. */
    public ProductRule {
        Objects.requireNonNull(stage, "stage");
        runlists = Set.copyOf(runlists);
        Objects.requireNonNull(template, "template");
    }

    /** @return a rule expecting one file per exposure (and chip) of these runlists (none given: of every runlist) */
    public static ProductRule perExposure(String stage, String template, String... runlists) {
        return new ProductRule(stage, Set.of(runlists), template, true);
    }

    /** @return a rule expecting one file per chip of the night when these runlists picked any exposure */
    public static ProductRule perNight(String stage, String template, String... runlists) {
        return new ProductRule(stage, Set.of(runlists), template, false);
    }

    /** @return true when the rule takes exposures of this runlist */
    public boolean takes(String runlist) {
        return runlists.isEmpty() || runlists.contains(runlist);
    }

    @Override
    public String toString() {
        return stage + ": " + template + (perExposure ? " per exposure" : " per night") + " of "
                + (runlists.isEmpty() ? "every runlist" : new java.util.TreeSet<>(runlists));
    }
}
