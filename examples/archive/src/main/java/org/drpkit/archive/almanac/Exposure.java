package org.drpkit.archive.almanac;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.TreeSet;
import org.drpkit.core.instrument.ExposureFacts;

/**
 * One exposure of a night: the chip files the almanac holds for it, grouped by {@link ExposureFacts#exposure()}, with
 * what makes it usable or not. An exposure is complete when every chip is present and every chip file is
 * {@link FileState#OK} (all reads present).
 *
 * <pre>{@code
 * List<Exposure> night = Exposure.group(almanac.night("60000", Optional.of("APOGEE")));
 * night.get(0).problems();   // [chip B missing]
 * }</pre>
 *
 * @param instrument    the plugin's name
 * @param exposure      the exposure id ({@code apo/60000/0012}, or an archive id)
 * @param night         the night
 * @param imageType     the image type the chip files agree on ({@code ""} when unknown; a disagreement is a problem)
 * @param files         the chip files present (GONE ones left out), by chip
 * @param chipsMissing  the chips a complete exposure has and the almanac does not hold
 * @param reads         the fewest reads any chip file holds, when the instrument reads up the ramp
 * @param lamps         the lamps of the first chip file
 * @param problems      why the exposure is not complete, one line each (empty when it is)
 */
public record Exposure(String instrument, String exposure, String night, String imageType, List<AlmanacEntry> files,
        List<String> chipsMissing, OptionalInt reads, Map<String, Integer> lamps, List<String> problems) {

    /** Copies the collections. */
    public Exposure {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(exposure, "exposure");
        files = List.copyOf(files);
        chipsMissing = List.copyOf(chipsMissing);
        Objects.requireNonNull(reads, "reads");
        lamps = Map.copyOf(lamps);
        problems = List.copyOf(problems);
    }

    /**
     * Groups entries into exposures (entries without exposure facts and GONE entries are left out: list them with
     * {@link AlmanacEntry#state()}), in the order of their exposure ids.
     *
     * @return the exposures
     */
    public static List<Exposure> group(List<AlmanacEntry> entries) {
        Map<String, List<AlmanacEntry>> by = new LinkedHashMap<>();
        List<AlmanacEntry> sorted = new ArrayList<>(entries);
        sorted.sort((a, b) -> {
            int c = a.instrument().compareTo(b.instrument());
            c = c != 0 ? c : exposureOf(a).compareTo(exposureOf(b));
            return c != 0 ? c : a.facts().get().chips().indexOf(a.facts().get().chip())
                    - b.facts().get().chips().indexOf(b.facts().get().chip());
        });
        for (AlmanacEntry e : sorted) {
            if (e.facts().isPresent() && e.state() != FileState.GONE) {
                by.computeIfAbsent(e.instrument() + "\u0000" + e.facts().get().exposure(), k -> new ArrayList<>()).add(e);
            }
        }
        List<Exposure> out = new ArrayList<>();
        for (List<AlmanacEntry> files : by.values()) {
            out.add(of(files));
        }
        return out;
    }

    private static String exposureOf(AlmanacEntry e) {
        return e.facts().map(ExposureFacts::exposure).orElse("");
    }

    private static Exposure of(List<AlmanacEntry> files) {
        ExposureFacts first = files.get(0).facts().orElseThrow();
        List<String> problems = new ArrayList<>();
        List<String> missing = new ArrayList<>(first.chips());
        TreeSet<String> types = new TreeSet<>();
        int reads = Integer.MAX_VALUE;
        boolean anyReads = false;
        for (AlmanacEntry e : files) {
            ExposureFacts f = e.facts().orElseThrow();
            if (!missing.remove(f.chip())) {
                problems.add("chip " + f.chip() + " held twice: " + e.path().getFileName());
            }
            types.add(e.imageType());
            if (f.readsPresent().isPresent()) {
                reads = Math.min(reads, f.readsPresent().getAsInt());
                anyReads = true;
            }
            if (e.state() != FileState.OK) {
                problems.add((f.chip().isEmpty() ? "" : "chip " + f.chip() + " ") + e.path().getFileName() + " "
                        + e.state() + ": " + e.reason());
            }
        }
        for (String c : missing) {
            problems.add("chip " + c + " missing");
        }
        if (types.size() > 1) {
            problems.add("chip files disagree on the image type: " + types);
        }
        return new Exposure(files.get(0).instrument(), first.exposure(), first.night(),
                types.size() == 1 ? types.first() : "", files, missing, anyReads ? OptionalInt.of(reads)
                        : OptionalInt.empty(), first.lamps(), problems);
    }

    /** @return true when every chip is present and OK */
    public boolean complete() {
        return problems.isEmpty();
    }

    /** @return a lamp's state: 1 on, 0 off, -1 unknown or not recorded */
    public int lamp(String name) {
        return lamps.getOrDefault(name, -1);
    }

    @Override
    public String toString() {
        return exposure + " " + instrument + " " + (imageType.isEmpty() ? "?" : imageType) + " " + files.size()
                + (files.size() == 1 ? " file" : " files") + (reads.isPresent() ? ", " + reads.getAsInt() + " reads" : "")
                + (problems.isEmpty() ? ", complete" : ", " + String.join("; ", problems));
    }
}
