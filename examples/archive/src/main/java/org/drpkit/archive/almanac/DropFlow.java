package org.drpkit.archive.almanac;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A night's drop flow: for each stage, how many files, exposures, chip products or spectra entered and left it, and
 * how many were dropped for each reason. Built from the almanac (indexing: files by state; exposures: complete or
 * not; runlists: picked by a rule or left out, and why), then from the final QA pass ({@link #withProducts}: one stage
 * per product stage, dropped by status) and from whatever a caller knows ({@link #with}). Pure; nothing is dropped
 * unseen: every stage's dropped counts sum to {@code in - out}.
 *
 * <pre>{@code
 * DropFlow f = DropFlow.of("60000", "APOGEE", entries, exposures, runlists).withProducts(check);
 * f.stages().get(2);   // runlists (exposures): 13 in, 9 out; too few reads (needs 4) 1, ...
 * f.table();           // the text table
 * }</pre>
 *
 * @param night      the night
 * @param instrument the instrument
 * @param stages     the stages, in pipeline order
 */
public record DropFlow(String night, String instrument, List<Stage> stages) {

    /**
     * One stage of the flow.
     *
     * @param name    the stage ({@code indexing}, {@code exposures}, {@code runlists}, {@code ramp}, ...)
     * @param unit    what is counted ({@code files}, {@code exposures}, {@code chip files}, {@code spectra})
     * @param in      how many entered
     * @param out     how many left it to the next stage
     * @param dropped reason to count, in the order first met; the counts sum to {@code in - out}
     */
    public record Stage(String name, String unit, int in, int out, Map<String, Integer> dropped) {
        /** Checks the counts and copies the map (keeping its order). */
        public Stage {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(unit, "unit");
            dropped = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(dropped));
            int sum = dropped.values().stream().mapToInt(Integer::intValue).sum();
            if (out < 0 || out > in || sum != in - out) {
                throw new IllegalArgumentException(name + ": " + in + " in, " + out + " out, but " + sum
                        + " dropped " + dropped);
            }
        }

        /** @return a stage where each item dropped is given with its reason */
        public static Stage of(String name, String unit, int in, List<String> droppedReasons) {
            Map<String, Integer> d = new LinkedHashMap<>();
            for (String r : droppedReasons) {
                d.merge(r, 1, Integer::sum);
            }
            return new Stage(name, unit, in, in - droppedReasons.size(), d);
        }

        @Override
        public String toString() {
            return name + " (" + unit + "): " + in + " in, " + out + " out" + (dropped.isEmpty() ? "" : "; "
                    + String.join(", ", dropped.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                            .toList()));
        }
    }

    /** Copies the list. */
    public DropFlow {
        Objects.requireNonNull(night, "night");
        Objects.requireNonNull(instrument, "instrument");
        stages = List.copyOf(stages);
    }

    /**
     * The almanac's stages of one instrument's night: indexing (every file; those not OK dropped by state and problem),
     * exposures (the exposures the files make; incomplete ones dropped by their first problem) and runlists (complete
     * exposures; those no rule picked dropped by their first reason, or because no runlist takes their image type).
     *
     * @param entries   every file of the night ({@link Almanac#night}), any state
     * @param exposures the night's exposures ({@link Exposure#group} of the entries)
     * @param runlists  the night's runlists ({@link Runlist#build} of the exposures)
     */
    public static DropFlow of(String night, String instrument, List<AlmanacEntry> entries, List<Exposure> exposures,
            List<Runlist> runlists) {
        List<String> files = new ArrayList<>();
        for (AlmanacEntry e : entries) {
            if (e.state() != FileState.OK) {
                files.add(e.state() + ": " + fileProblem(e));
            }
        }
        List<String> incomplete = new ArrayList<>();
        int complete = 0;
        for (Exposure e : exposures) {
            if (e.complete()) {
                complete++;
            } else {
                incomplete.add(!e.chipsMissing().isEmpty() ? "chip file missing"
                        : e.files().stream().anyMatch(f -> f.state() != FileState.OK) ? "chip file not OK"
                        : category(e.problems().get(0)));
            }
        }
        Set<String> picked = new LinkedHashSet<>();
        Map<String, String> firstReason = new LinkedHashMap<>();
        for (Runlist r : runlists) {
            for (Exposure e : r.selected()) {
                picked.add(e.exposure());
            }
            for (Runlist.Exclusion x : r.excluded()) {
                if (x.exposure().complete()) {
                    firstReason.putIfAbsent(x.exposure().exposure(), category(x.reasons().get(0)));
                }
            }
        }
        List<String> left = new ArrayList<>();
        for (Exposure e : exposures) {
            if (e.complete() && !picked.contains(e.exposure())) {
                left.add(firstReason.getOrDefault(e.exposure(), "no runlist takes image type "
                        + (e.imageType().isEmpty() ? "unknown" : e.imageType())));
            }
        }
        return new DropFlow(night, instrument, List.of(
                Stage.of("indexing", "files", entries.size(), files),
                Stage.of("exposures", "exposures", exposures.size(), incomplete),
                Stage.of("runlists", "exposures", complete, left)));
    }

    /**
     * This flow with one stage per product stage of the final QA pass, in the order the check lists them (its
     * {@link ExpectedProduct#stage()}, counted in chip files; a product not OK is dropped by its status), and a
     * {@code spectra} stage counting the rows of the extracted products when there are any.
     */
    public DropFlow withProducts(NightCheck check) {
        Map<String, List<NightCheck.ProductCheck>> by = new LinkedHashMap<>();
        for (NightCheck.ProductCheck c : check.products()) {
            by.computeIfAbsent(c.product().stage(), k -> new ArrayList<>()).add(c);
        }
        DropFlow f = this;
        int spectra = 0;
        for (Map.Entry<String, List<NightCheck.ProductCheck>> e : by.entrySet()) {
            List<String> bad = new ArrayList<>();
            for (NightCheck.ProductCheck c : e.getValue()) {
                spectra += c.spectra();
                if (c.status() != NightCheck.Status.OK) {
                    bad.add("product " + c.status());
                }
            }
            f = f.with(Stage.of(e.getKey(), "chip files", e.getValue().size(), bad));
        }
        return spectra > 0 ? f.with(Stage.of("spectra", "spectra", spectra, List.of())) : f;
    }

    /** @return this flow with one more stage at the end */
    public DropFlow with(Stage stage) {
        List<Stage> s = new ArrayList<>(stages);
        s.add(stage);
        return new DropFlow(night, instrument, s);
    }

    /** @return the stage of a name */
    public java.util.Optional<Stage> stage(String name) {
        return stages.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** @return every reason any stage dropped something for, sorted */
    public Set<String> reasons() {
        Set<String> all = new java.util.TreeSet<>();
        for (Stage s : stages) {
            all.addAll(s.dropped().keySet());
        }
        return all;
    }

    /** @return the flow as a text table: stage, unit, in, out, dropped, then one line per reason */
    public String table() {
        StringBuilder sb = new StringBuilder(String.format("%s night %s: drop flow%n%-12s %-11s %6s %6s %8s  %s%n",
                instrument, night, "stage", "unit", "in", "out", "dropped", "why"));
        for (Stage s : stages) {
            sb.append(String.format("%-12s %-11s %6d %6d %8d", s.name(), s.unit(), s.in(), s.out(), s.in() - s.out()));
            boolean first = true;
            for (Map.Entry<String, Integer> d : s.dropped().entrySet()) {
                sb.append(first ? "  " : String.format("%n%47s", "")).append(d.getValue()).append(" ").append(d.getKey());
                first = false;
            }
            sb.append(String.format("%n"));
        }
        return sb.toString();
    }

    /** @return a file's problem without its details: the validator or error code, else the reason's first clause */
    static String fileProblem(AlmanacEntry e) {
        String r = e.reason();
        if (e.state() == FileState.INCOMPLETE) {
            return "fewer reads than NREAD";
        }
        if (e.state() == FileState.GONE) {
            return "no longer on disk";
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\[?([A-Z][A-Z0-9_]{3,})\\b").matcher(r);
        if (m.find()) {
            return m.group(1);
        }
        int cut = r.indexOf(':');
        return cut > 0 ? r.substring(0, cut) : r.isEmpty() ? "unknown" : r;
    }

    /** @return a runlist reason without the exposure's own numbers, so equal causes count together */
    static String category(String reason) {
        if (reason.matches("\\d+ reads \\(needs \\d+\\)")) {
            return "too few reads" + reason.substring(reason.indexOf(" ("));
        }
        if (reason.startsWith("on the bad-exposure list")) {
            return "on the bad-exposure list";
        }
        if (reason.startsWith("previous exposure ")) {
            return "previous exposure of another type";
        }
        if (reason.startsWith("chip ") && reason.endsWith(" missing")) {
            return "chip file missing";
        }
        return reason;
    }

    @Override
    public String toString() {
        return "DropFlow[" + instrument + " " + night + ": " + String.join(" -> ", stages.stream()
                .map(s -> s.name() + " " + s.in() + "/" + s.out()).toList()) + "]";
    }
}
