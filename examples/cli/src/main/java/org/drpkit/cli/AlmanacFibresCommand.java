package org.drpkit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.drpkit.archive.almanac.BadExposures;
import org.drpkit.archive.almanac.Exposure;
import org.drpkit.archive.almanac.FibreMap;
import org.drpkit.archive.almanac.FibreMaps;
import org.drpkit.archive.almanac.RunlistRules;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code drpkit almanac fibres --night N --out ALMANAC [--maps DIR] [--exposure ID] [--json]}: each exposure of a night
 * linked to its fibre map (by {@code CONFIGID}, else {@code PLATEID}, in its header) or why it has none; with
 * {@code --exposure}, that exposure's fibres: number, type (as its image type makes them: every fibre of a
 * non-object exposure is a calibration fibre), upstream's code, category, target and position.
 *
 * <pre>
 * drpkit almanac fibres --night 60690 --out demo-out/almanac --exposure apo/60690/0010
 * </pre>
 */
@Command(name = "fibres", aliases = "fibers", mixinStandardHelpOptions = true,
        description = "Each exposure's fibre map (which fibre saw which target, of which type).")
final class AlmanacFibresCommand implements Callable<Integer> {

    @Option(names = "--night", required = true, paramLabel = "N", description = "the night (APOGEE SJD)")
    String night;

    @Mixin
    AlmanacOptions almanac;

    @Option(names = "--maps", paramLabel = "DIR",
            description = "folder of the maps, confSummary-<CONFIGID>.par or plPlugMapM-<PLATEID>.par (default: "
                    + "fibremaps/ beside ALMANAC, the demo's layout)")
    Path maps;

    @Option(names = "--exposure", paramLabel = "ID", description = "list this exposure's fibres (e.g. apo/60690/0010)")
    String exposure;

    @Option(names = "--instrument", paramLabel = "NAME", description = "only this instrument")
    String instrument;

    @Option(names = "--json", description = "print one JSON document instead of the text")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        almanac.requireFolder(spec);
        Path folder = maps != null ? maps
                : almanac.folder.toAbsolutePath().normalize().getParent().resolve("fibremaps");
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Exposure> exposures = new ArrayList<>();
        for (AlmanacNight n : AlmanacNight.load(almanac, night, instrument,
                BadExposures.read(almanac.folder.resolve("bad-exposures.csv")), RunlistRules::forInstrument)) {
            exposures.addAll(n.exposures());
        }
        if (exposure != null) {
            exposures.removeIf(e -> !e.exposure().equals(exposure));
            if (exposures.isEmpty()) {
                err.println("night " + night + " has no exposure " + exposure);
                err.flush();
                return Drpkit.EXIT_BAD_INPUT;
            }
        }
        List<FibreMaps.Link> links = FibreMaps.link(exposures, folder);
        List<Object> docs = new ArrayList<>();
        for (int i = 0; i < links.size(); i++) {
            FibreMaps.Link l = links.get(i);
            Exposure e = exposures.get(i);
            if (json) {
                docs.add(json(l, e, exposure != null));
                continue;
            }
            out.printf("%-18s %-13s %s%n", l.exposure(), e.imageType(), l.map().isPresent()
                    ? l.keyword() + " " + l.map().get().id() + ": " + FibreMaps.fileName(l.keyword(),
                            l.map().get().id()) + ", " + l.map().get().fibres().size() + " fibres "
                            + l.map().get().counts() : l.problem());
            if (exposure != null && l.map().isPresent()) {
                out.printf("  %5s %-12s %-13s %-16s %-24s %11s %11s%n", "fibre", "type", "code", "category",
                        "target", "ra", "dec");
                for (FibreMap.Fibre f : rows(l.map().get(), e)) {
                    out.printf(Locale.ROOT, "  %5d %-12s %-13s %-16s %-24s %11.5f %11.5f%n", f.fibre(), f.type(),
                            f.type().code(), f.category(), f.target(), f.ra(), f.dec());
                }
            }
        }
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(docs));
        } else if (links.isEmpty()) {
            out.println("night " + night + ": the almanac holds no exposure of this night");
        }
        out.flush();
        return 0;
    }

    /** @return the map's fibres as the exposure's image type makes them ({@link FibreMap#forRows}) */
    private static List<FibreMap.Fibre> rows(FibreMap m, Exposure e) {
        int[] numbers = m.fibres().keySet().stream().mapToInt(Integer::intValue).toArray();
        return m.forRows(numbers, e.imageType());
    }

    private static Map<String, Object> json(FibreMaps.Link l, Exposure e, boolean fibres) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("exposure", l.exposure());
        m.put("imageType", e.imageType());
        m.put("keyword", l.keyword());
        m.put("map", l.map().map(x -> FibreMaps.fileName(l.keyword(), x.id())).orElse(null));
        m.put("id", l.map().map(FibreMap::id).orElse(null));
        m.put("problem", l.problem());
        l.map().ifPresent(x -> {
            Map<String, Integer> counts = new LinkedHashMap<>();
            x.counts().forEach((k, v) -> counts.put(k.name(), v));
            m.put("counts", counts);
            if (fibres) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (FibreMap.Fibre f : rows(x, e)) {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("fibre", f.fibre());
                    r.put("type", f.type().name());
                    r.put("code", f.type().code());
                    r.put("category", f.category());
                    r.put("target", f.target());
                    r.put("ra", Double.isFinite(f.ra()) ? f.ra() : null);
                    r.put("dec", Double.isFinite(f.dec()) ? f.dec() : null);
                    rows.add(r);
                }
                m.put("fibres", rows);
            }
        });
        return m;
    }
}
