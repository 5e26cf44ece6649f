package org.drpkit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.drpkit.archive.almanac.Almanac;
import org.drpkit.archive.almanac.NightSchema;
import org.drpkit.archive.almanac.SchemaDrift;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code drpkit almanac drift --from NIGHT --to NIGHT --out ALMANAC [--instrument I] [--allow KEY]... [--json]}: the
 * keywords added, removed or retyped between two nights (and presence rates that moved beyond
 * {@code --presence}), per instrument; exits {@value #EXIT_DRIFT} when a change is not allowed, so a CI job fails.
 *
 * <pre>
 * drpkit almanac drift --from 60000 --to 60001 --out ALMANAC --allow SEEING
 * </pre>
 */
@Command(name = "drift", mixinStandardHelpOptions = true,
        description = "Compare the header keyword schema of two nights; exit 3 on an unexpected change.")
final class AlmanacDriftCommand implements Callable<Integer> {

    /** Exit status when the schema changed in a way not allowed. */
    static final int EXIT_DRIFT = 3;

    @Option(names = "--from", required = true, paramLabel = "NIGHT", description = "the earlier night")
    String from;

    @Option(names = "--to", required = true, paramLabel = "NIGHT", description = "the later night")
    String to;

    @Mixin
    AlmanacOptions almanac;

    @Option(names = "--instrument", paramLabel = "NAME", description = "only this instrument (default: each in both)")
    String instrument;

    @Option(names = "--allow", paramLabel = "KEYWORD", split = ",", description = "keywords expected to change")
    List<String> allow = new ArrayList<>();

    @Option(names = "--presence", defaultValue = "0.1", paramLabel = "FRACTION",
            description = "report presence rates that moved by more than this (default: ${DEFAULT-VALUE}; 1 = off)")
    double presence;

    @Option(names = "--json", description = "print one JSON document instead of the text")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (almanac.folder == null && almanac.db == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--out ALMANAC (or --db URL) is required");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Almanac a = almanac.open()) {
            Map<String, List<String>> nights = a.nights();
            Set<String> instruments = new TreeSet<>(nights.getOrDefault(from, List.of()));
            instruments.retainAll(new HashSet<>(nights.getOrDefault(to, List.of())));
            if (instrument != null) {
                instruments.retainAll(Set.of(instrument));
            }
            if (instruments.isEmpty()) {
                spec.commandLine().getErr().println("no instrument has files in both night " + from + " and night " + to
                        + (instrument == null ? "" : " for " + instrument) + "; nights held: " + nights.keySet());
                return Drpkit.EXIT_BAD_INPUT;
            }
            Set<String> allowed = new HashSet<>();
            for (String k : allow) {
                allowed.add(k.trim().toUpperCase(java.util.Locale.ROOT));
            }
            int unexpected = 0;
            List<Map<String, Object>> docs = new ArrayList<>();
            for (String inst : instruments) {
                SchemaDrift d = SchemaDrift.between(NightSchema.of(inst, from, a.schemas(inst, from)),
                        NightSchema.of(inst, to, a.schemas(inst, to)), presence, allowed);
                unexpected += d.unexpected().size();
                if (json) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("instrument", inst);
                    m.put("from", Map.of("night", from, "files", d.from().files(), "keywords", d.from().types().size()));
                    m.put("to", Map.of("night", to, "files", d.to().files(), "keywords", d.to().types().size()));
                    List<Map<String, Object>> ch = new ArrayList<>();
                    for (SchemaDrift.Change c : d.changes()) {
                        ch.add(Map.of("keyword", c.keyword(), "kind", c.kind().name(), "detail", c.detail(),
                                "expected", c.expected()));
                    }
                    m.put("changes", ch);
                    docs.add(m);
                } else {
                    out.printf("%s: night %s (%d files, %d keywords) -> night %s (%d files, %d keywords)%n", inst, from,
                            d.from().files(), d.from().types().size(), to, d.to().files(), d.to().types().size());
                    for (SchemaDrift.Change c : d.changes()) {
                        out.println("  " + c);
                    }
                    out.println("  " + d.changes().size() + " changes, " + d.unexpected().size() + " unexpected");
                }
            }
            if (json) {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(docs));
            }
            out.flush();
            return unexpected > 0 ? EXIT_DRIFT : 0;
        }
    }
}
