package org.drpkit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.drpkit.archive.almanac.Almanac;
import org.drpkit.archive.almanac.AlmanacEntry;
import org.drpkit.archive.almanac.AlmanacExport;
import org.drpkit.archive.almanac.IndexOptions;
import org.drpkit.archive.almanac.IndexResult;
import org.drpkit.core.instrument.ExposureFacts;
import org.drpkit.fits.AtomicFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code drpkit almanac DIR... --out ALMANAC [--json] [--csv FILE] [--fits FILE]}: indexes raw folders into the
 * exposure table (incrementally: unchanged files are not read again) and lists every file found with its key, image
 * type, reads, state and reason. Subcommands work on the table: {@code runlist}, {@code bad}, {@code drift},
 * {@code check}, {@code flow}, {@code fibres}, {@code trends}.
 *
 * <pre>
 * drpkit almanac ../shared/data/keck/nirc2 --out ALMANAC
 * drpkit almanac /raw/apo/60000 --out ALMANAC --csv night.csv --json
 * </pre>
 */
@Command(name = "almanac", mixinStandardHelpOptions = true,
        description = "Index raw files into the exposure table and list them (runlists, bad exposures, drift, final "
                + "check, drop flow, fibre maps, QA trends below).",
        subcommands = {AlmanacRunlistCommand.class, AlmanacBadCommand.class, AlmanacDriftCommand.class,
            AlmanacCheckCommand.class, AlmanacFlowCommand.class, AlmanacFibresCommand.class, AlmanacTrendsCommand.class,
            CommandLine.HelpCommand.class})
final class AlmanacCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "DIR", description = "raw folders (or files) to index")
    List<Path> dirs = new ArrayList<>();

    @Mixin
    AlmanacOptions almanac;

    @Option(names = "--json", description = "print one JSON document (the run and every file) instead of the table")
    boolean json;

    @Option(names = "--csv", paramLabel = "FILE", description = "also write the files listed as CSV")
    Path csv;

    @Option(names = "--fits", paramLabel = "FILE", description = "also write the files listed as a FITS table")
    Path fits;

    @Option(names = "--overwrite", description = "replace existing --csv and --fits files")
    boolean overwrite;

    @Option(names = "--threads", paramLabel = "N", description = "files read at once (default: up to 4)")
    Integer threads;

    @Option(names = "--no-md5", description = "do not compute MD5s (headers only; the md5 column stays empty)")
    boolean noMd5;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (dirs.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give the raw folders to index (DIR...)");
        }
        almanac.requireFolder(spec);
        PrintWriter out = spec.commandLine().getOut();
        for (Path p : new Path[] {csv, fits}) {
            if (p != null) {
                AtomicFiles.requireWritable(p, overwrite);
            }
        }
        IndexOptions options = IndexOptions.defaults().withMd5(!noMd5);
        if (threads != null) {
            options = options.withThreads(threads);
        }
        List<AlmanacEntry> entries;
        IndexResult r;
        try (Almanac a = almanac.open()) {
            r = a.index(dirs, options);
            entries = a.under(dirs);
        }
        if (csv != null) {
            AlmanacExport.csv(entries, csv, overwrite);
        }
        if (fits != null) {
            AlmanacExport.fits(entries, fits, overwrite);
        }
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("index", Map.of("files", r.files(), "added", r.added(), "changed", r.changed(),
                    "unchanged", r.unchanged(), "gone", r.gone(), "seconds", r.wallNanos() / 1e9,
                    "readSeconds", r.readNanos() / 1e9, "databaseSeconds", r.databaseNanos() / 1e9));
            List<Map<String, Object>> files = new ArrayList<>();
            for (AlmanacEntry e : entries) {
                files.add(json(e));
            }
            doc.put("files", files);
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
        } else {
            print(out, r, entries);
        }
        out.flush();
        return 0;
    }

    private static void print(PrintWriter out, IndexResult r, List<AlmanacEntry> entries) {
        out.println(r);
        out.printf("%-24s %-9s %-13s %-7s %-12s %s%n", "key", "instrument", "image type", "reads", "state", "file");
        Map<String, Integer> states = new TreeMap<>();
        for (AlmanacEntry e : entries) {
            String reads = e.facts().filter(f -> f.readsPresent().isPresent() || f.readsExpected().isPresent())
                    .map(AlmanacCommand::reads).orElse("");
            out.printf("%-24s %-9s %-13s %-7s %-12s %s%n", e.key().isEmpty() ? "-" : e.key(),
                    e.instrument().isEmpty() ? "-" : e.instrument(), e.imageType().isEmpty() ? "-" : e.imageType(),
                    reads, e.state(), e.path().getFileName());
            if (!e.reason().isEmpty()) {
                out.println("    " + e.reason());
            }
            states.merge(e.state().name(), 1, Integer::sum);
        }
        StringBuilder sb = new StringBuilder().append(entries.size()).append(" files:");
        states.forEach((s, n) -> sb.append(' ').append(s).append(' ').append(n));
        out.println(sb);
    }

    private static String reads(ExposureFacts f) {
        return (f.readsPresent().isPresent() ? Integer.toString(f.readsPresent().getAsInt()) : "?") + "/"
                + (f.readsExpected().isPresent() ? Integer.toString(f.readsExpected().getAsInt()) : "?");
    }

    /** @return one entry as a JSON object */
    static Map<String, Object> json(AlmanacEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", e.path().toString());
        m.put("size", e.size());
        m.put("modified", e.modified().toString());
        m.put("md5", e.md5());
        m.put("instrument", e.instrument());
        m.put("key", e.key());
        m.put("imageType", e.imageType());
        e.facts().ifPresent(f -> {
            m.put("exposure", f.exposure());
            m.put("night", f.night());
            m.put("chip", f.chip());
            m.put("chips", f.chips());
            m.put("nread", f.readsExpected().isPresent() ? f.readsExpected().getAsInt() : null);
            m.put("nreadPresent", f.readsPresent().isPresent() ? f.readsPresent().getAsInt() : null);
            m.put("exptime", f.exposureTime().isPresent() ? f.exposureTime().getAsDouble() : null);
            m.put("lamps", f.lamps());
        });
        m.put("state", e.state().name());
        m.put("reason", e.reason());
        m.put("warnings", e.warnings());
        m.put("summary", e.summary());
        return m;
    }
}
