package org.drpkit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.drpkit.archive.almanac.Almanac;
import org.drpkit.archive.almanac.AlmanacEntry;
import org.drpkit.archive.almanac.BadExposures;
import org.drpkit.archive.almanac.Exposure;
import org.drpkit.archive.almanac.Runlist;
import org.drpkit.archive.almanac.RunlistRules;
import org.drpkit.core.error.DrpException;
import org.drpkit.fits.AtomicFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code drpkit almanac runlist --night N --out ALMANAC [--instrument I] [--bad FILE] [--json]}: the night's runlists
 * from the exposure table, every exclusion with its reasons, honouring the bad-exposure list; writes
 * {@code ALMANAC/runlists/runlist_<instrument>_<night>_<name>.txt} (one file key per line) for each runlist.
 *
 * <pre>
 * drpkit almanac runlist --night 60000 --out ALMANAC
 * </pre>
 */
@Command(name = "runlist", mixinStandardHelpOptions = true,
        description = "Pick a night's darks, flats, arcs, FPI and science exposures; list every exclusion with its reasons.")
final class AlmanacRunlistCommand implements Callable<Integer> {

    /** Exit status when the night has no usable exposure at all (upstream's empty runlist, which it exits 16 on). */
    static final int EXIT_EMPTY = 16;

    @Option(names = "--night", required = true, paramLabel = "N", description = "the night (APOGEE SJD, Keck YYYYMMDD)")
    String night;

    @Mixin
    AlmanacOptions almanac;

    @Mixin
    RunlistSelection selection;

    @Option(names = "--json", description = "print one JSON document instead of the text")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        almanac.requireFolder(spec);
        PrintWriter out = spec.commandLine().getOut();
        BadExposures badList = selection.badList(almanac);
        List<AlmanacEntry> entries;
        try (Almanac a = almanac.open()) {
            entries = a.night(night, Optional.ofNullable(selection.instrument));
        }
        Map<String, List<AlmanacEntry>> byInstrument = new LinkedHashMap<>();
        for (AlmanacEntry e : entries) {
            byInstrument.computeIfAbsent(e.instrument(), k -> new ArrayList<>()).add(e);
        }
        List<Map<String, Object>> docs = new ArrayList<>();
        int picked = 0;
        for (Map.Entry<String, List<AlmanacEntry>> inst : byInstrument.entrySet()) {
            List<Exposure> exposures = Exposure.group(inst.getValue());
            RunlistRules rules = selection.rules(inst.getKey());
            List<Runlist> lists = Runlist.build(exposures, rules, badList);
            List<Exposure> unassigned = Runlist.unassigned(exposures, rules);
            if (!json) {
                out.printf("%s night %s: %d exposures, bad-exposure list version %d%n", inst.getKey(), night,
                        exposures.size(), badList.version());
            }
            for (Runlist r : lists) {
                picked += r.selected().size();
                writeList(inst.getKey(), r);
                if (json) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("instrument", inst.getKey());
                    m.put("night", night);
                    m.put("runlist", r.rule().name());
                    m.put("rule", r.rule().toString());
                    m.put("selected", r.exposureIds());
                    List<Map<String, Object>> ex = new ArrayList<>();
                    for (Runlist.Exclusion x : r.excluded()) {
                        ex.add(Map.of("exposure", x.exposure().exposure(), "reasons", x.reasons()));
                    }
                    m.put("excluded", ex);
                    docs.add(m);
                } else {
                    out.printf("  %-14s %2d picked: %s%n", r.rule().name(), r.selected().size(),
                            String.join(" ", r.exposureIds()));
                    for (Runlist.Exclusion x : r.excluded()) {
                        out.printf("  %-14s    left out %s: %s%n", "", x.exposure().exposure(),
                                String.join("; ", x.reasons()));
                    }
                }
            }
            for (Exposure e : unassigned) {
                if (!json) {
                    out.printf("  no runlist takes %s (image type %s)%n", e.exposure(),
                            e.imageType().isEmpty() ? "unknown" : e.imageType());
                }
            }
        }
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(docs));
        } else if (byInstrument.isEmpty()) {
            out.println("night " + night + ": the almanac holds no file of this night");
        }
        out.flush();
        return picked == 0 ? EXIT_EMPTY : 0;
    }

    private void writeList(String inst, Runlist r) throws DrpException {
        String name = ("runlist_" + inst + "_" + night + "_" + r.rule().name() + ".txt").replaceAll("[^A-Za-z0-9._-]", "_");
        Path file = almanac.folder.resolve("runlists").resolve(name);
        AtomicFiles.write(file, true, o -> {
            Writer w = new OutputStreamWriter(o, StandardCharsets.UTF_8);
            w.write("# " + r.rule() + "\n");
            for (String k : r.fileKeys()) {
                w.write(k + "\n");
            }
            w.flush();
        });
    }
}
