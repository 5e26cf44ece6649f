package org.drpkit.archive.almanac;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.drpkit.core.instrument.ExposureFacts;

/**
 * One runlist of a night: the exposures a rule picked, and every exposure of its image types it left out with all
 * its reasons. {@link #build} is a pure function of the night's exposures, the rules and the bad-exposure list.
 *
 * <pre>{@code
 * List<Runlist> lists = Runlist.build(Exposure.group(almanac.night("60000", Optional.of("APOGEE"))),
 *         RunlistRules.forInstrument("APOGEE"), BadExposures.read(badFile));
 * lists.get(0).excluded().get(0);   // apo/60000/0001: no previous exposure (persistence unknown)
 * }</pre>
 *
 * @param rule     the rule
 * @param night    the night
 * @param selected the exposures picked, in night order
 * @param excluded the exposures of the rule's image types left out, with their reasons, in night order
 */
public record Runlist(RunlistRule rule, String night, List<Exposure> selected, List<Exclusion> excluded) {

    /**
     * An exposure left out of a runlist.
     *
     * @param exposure the exposure
     * @param reasons  every condition it failed, one line each
     */
    public record Exclusion(Exposure exposure, List<String> reasons) {
        /** Copies the list. */
        public Exclusion {
            Objects.requireNonNull(exposure, "exposure");
            reasons = List.copyOf(reasons);
        }

        @Override
        public String toString() {
            return exposure.exposure() + ": " + String.join("; ", reasons);
        }
    }

    /** Copies the lists. */
    public Runlist {
        Objects.requireNonNull(rule, "rule");
        selected = List.copyOf(selected);
        excluded = List.copyOf(excluded);
    }

    /**
     * Builds every runlist of the rules over one instrument's night. Exposures no rule takes are listed by
     * {@link #unassigned}.
     *
     * @param night the night's exposures of one instrument, in night order ({@link Exposure#group})
     * @return one runlist per rule, in the rules' order
     */
    public static List<Runlist> build(List<Exposure> night, RunlistRules rules, BadExposures bad) {
        List<Runlist> out = new ArrayList<>();
        String nightName = night.isEmpty() ? "" : night.get(0).night();
        for (RunlistRule rule : rules.rules()) {
            List<Exposure> selected = new ArrayList<>();
            List<Exclusion> excluded = new ArrayList<>();
            for (int i = 0; i < night.size(); i++) {
                Exposure e = night.get(i);
                if (!rule.imageTypes().contains(e.imageType())) {
                    continue;
                }
                List<String> reasons = reasons(rule, e, i == 0 ? null : night.get(i - 1), bad);
                if (reasons.isEmpty()) {
                    selected.add(e);
                } else {
                    excluded.add(new Exclusion(e, reasons));
                }
            }
            out.add(new Runlist(rule, nightName, selected, excluded));
        }
        return out;
    }

    /** @return the exposures of the night whose image type no rule takes (so nothing is dropped unseen) */
    public static List<Exposure> unassigned(List<Exposure> night, RunlistRules rules) {
        List<Exposure> out = new ArrayList<>();
        for (Exposure e : night) {
            if (rules.rules().stream().noneMatch(r -> r.imageTypes().contains(e.imageType()))) {
                out.add(e);
            }
        }
        return out;
    }

    private static List<String> reasons(RunlistRule rule, Exposure e, Exposure previous, BadExposures bad) {
        List<String> r = new ArrayList<>(e.problems());
        List<String> keys = new ArrayList<>();
        for (AlmanacEntry f : e.files()) {
            keys.add(f.key());
        }
        bad.find(e.exposure(), keys).ifPresent(b -> r.add("on the bad-exposure list (version " + b.version() + ", "
                + b.stage() + "): " + b.reason()));
        if (rule.minReads() > 0) {
            if (e.reads().isEmpty()) {
                r.add("read count unknown (needs " + rule.minReads() + ")");
            } else if (e.reads().getAsInt() < rule.minReads()) {
                r.add(e.reads().getAsInt() + " reads (needs " + rule.minReads() + ")");
            }
        }
        for (String lamp : new java.util.TreeSet<>(rule.lampsOn())) {
            if (e.lamp(lamp) != 1) {
                r.add(lamp + " lamp " + state(e.lamp(lamp)) + " (must be on)");
            }
        }
        for (String lamp : new java.util.TreeSet<>(rule.lampsOff())) {
            if (e.lamp(lamp) != 0) {
                r.add(lamp + " lamp " + state(e.lamp(lamp)) + " (must be off)");
            }
        }
        if (!rule.anyLampOn().isEmpty() && rule.anyLampOn().stream().noneMatch(l -> e.lamp(l) == 1)) {
            r.add("none of the lamps " + new java.util.TreeSet<>(rule.anyLampOn()) + " on");
        }
        if (rule.previousSameType()) {
            if (previous == null) {
                r.add("no previous exposure in the night (persistence unknown)");
            } else if (!previous.imageType().equals(e.imageType())) {
                r.add("previous exposure " + previous.exposure() + " is " + (previous.imageType().isEmpty() ? "of "
                        + "unknown type" : previous.imageType()) + ", not " + e.imageType());
            }
        }
        return r;
    }

    private static String state(int s) {
        return s == 1 ? "on" : s == 0 ? "off" : "state unknown";
    }

    /** @return the exposure ids picked, for a runlist file */
    public List<String> exposureIds() {
        List<String> out = new ArrayList<>();
        for (Exposure e : selected) {
            out.add(e.exposure());
        }
        return out;
    }

    /** @return the keys of the files of the exposures picked (APOGEE: the three chip files of each) */
    public List<String> fileKeys() {
        List<String> out = new ArrayList<>();
        for (Exposure e : selected) {
            for (AlmanacEntry f : e.files()) {
                out.add(f.facts().map(ExposureFacts::fileKey).orElse(""));
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return rule.name() + " " + night + ": " + selected.size() + " picked " + exposureIds() + ", " + excluded.size()
                + " left out";
    }
}
