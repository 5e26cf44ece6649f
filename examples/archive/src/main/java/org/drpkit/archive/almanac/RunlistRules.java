package org.drpkit.archive.almanac;

import java.util.List;
import java.util.Locale;

/**
 * The runlist rules of an instrument, chosen by its name. APOGEE has upstream's rules (apogee-drp 3): darks of at
 * least 30 reads after a dark; quartz flats of at least 3 reads, quartz on, ThAr and UNe off; dome flats of at least 4
 * reads with every lamp off; internal flats of at least 4 reads; arcs (ThAr or UNe on) and FPI (arc lamps off) of at
 * least 4 reads; science ({@code object}) of at least 4 reads. Any other instrument gets rules by image type alone
 * (the Keck archive's types: {@code dark}, {@code bias}, {@code flatlamp}, {@code arclamp}, {@code object}).
 *
 * <pre>{@code
 * RunlistRules.forInstrument("APOGEE").rules().get(0);   // darks: [dark], reads >= 30, after the same type
 * }</pre>
 *
 * @param instrument the instrument the rules are for ({@code *} for the generic rules)
 * @param rules      the runlists, in the order they are built
 */
public record RunlistRules(String instrument, List<RunlistRule> rules) {

    /** Copies the list. */
    public RunlistRules {
        rules = List.copyOf(rules);
    }

    /** @return the APOGEE rules for {@code APOGEE} (any case), else the generic ones */
    public static RunlistRules forInstrument(String name) {
        return name.toUpperCase(Locale.ROOT).startsWith("APOGEE") ? apogee() : generic();
    }

    /** @return upstream's APOGEE rules */
    public static RunlistRules apogee() {
        return new RunlistRules("APOGEE", List.of(
                RunlistRule.of("darks", "dark").withMinReads(30).withPreviousSameType(),
                RunlistRule.of("quartzflats", "quartzflat").withMinReads(3).withLampsOn("quartz")
                        .withLampsOff("thar", "une"),
                RunlistRule.of("domeflats", "domeflat").withMinReads(4).withLampsOff("quartz", "thar", "une"),
                RunlistRule.of("internalflats", "internalflat").withMinReads(4),
                RunlistRule.of("arcs", "arclamp").withMinReads(4).withAnyLampOn("thar", "une"),
                RunlistRule.of("fpi", "arclamp").withMinReads(4).withLampsOff("thar", "une"),
                RunlistRule.of("science", "object").withMinReads(4)));
    }

    /** @return rules by image type alone */
    public static RunlistRules generic() {
        return new RunlistRules("*", List.of(RunlistRule.of("darks", "dark", "bias"),
                RunlistRule.of("flats", "flatlamp", "flat", "domeflat", "quartzflat", "internalflat"),
                RunlistRule.of("arcs", "arclamp", "arc"), RunlistRule.of("science", "object")));
    }
}
