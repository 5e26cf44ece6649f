package org.drpkit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.drpkit.archive.almanac.Almanac;
import org.drpkit.archive.almanac.ExpectedProduct;
import org.drpkit.archive.almanac.NightQa;
import org.drpkit.archive.almanac.ProductRules;
import org.drpkit.archive.almanac.QaMetric;
import org.drpkit.archive.almanac.QaTrends;
import org.drpkit.cli.demo.TrendFigure;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code drpkit almanac trends --out ALMANAC [--from N] [--to N] [--json] [--figure FILE.png]}: night QA values followed
 * across the reduced nights the almanac holds (dark level, hot and bad pixels, flat lamp level and response scatter,
 * the arc's wavelength at a reference fibre and its line residuals), read from the primary headers of each night's
 * products (those its runlists call for, as in {@code almanac check}), as a table with each value's change from the
 * first night to the last, or JSON, and optionally a PNG figure.
 *
 * <pre>
 * drpkit almanac trends --out demo-out/almanac --dark-reads 24 --figure trends.png
 * </pre>
 */
@Command(name = "trends", mixinStandardHelpOptions = true,
        description = "Night QA values (dark, hot and bad pixels, flat, wavelengths) across reduced nights.")
final class AlmanacTrendsCommand implements Callable<Integer> {

    @Option(names = "--from", paramLabel = "N", description = "first night (default: the almanac's first)")
    String from;

    @Option(names = "--to", paramLabel = "N", description = "last night (default: the almanac's last)")
    String to;

    @Mixin
    AlmanacOptions almanac;

    @Mixin
    RunlistSelection selection;

    @Option(names = "--products", paramLabel = "DIR", description = "products folder (default: the folder holding ALMANAC)")
    Path products;

    @Option(names = "--json", description = "print one JSON document instead of the table")
    boolean json;


    @Mixin
    FigureOption figure;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        almanac.requireFolder(spec);
        Path root = almanac.productsRoot(products);
        PrintWriter out = spec.commandLine().getOut();
        Map<String, List<String>> all;
        try (Almanac a = almanac.open()) {
            all = a.nights();
        }
        Map<String, List<NightQa>> byInstrument = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> n : all.entrySet()) {
            if (!within(n.getKey())) {
                continue;
            }
            for (AlmanacNight night : selection.load(almanac, n.getKey())) {
                List<QaMetric> metrics = QaMetric.forInstrument(night.instrument());
                if (metrics.isEmpty()) {
                    continue;
                }
                byInstrument.computeIfAbsent(night.instrument(), k -> new ArrayList<>()).add(NightQa.read(root,
                        n.getKey(), night.instrument(), ExpectedProduct.of(night.runlists(),
                                ProductRules.forInstrument(night.instrument())), metrics));
            }
        }
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Map.Entry<String, List<NightQa>> i : byInstrument.entrySet()) {
            QaTrends t = QaTrends.of(i.getKey(), i.getValue());
            figure.write(i.getKey(), byInstrument.size(), png -> TrendFigure.write(png, t));
            if (json) {
                docs.add(json(t, i.getValue()));
            } else {
                out.print(t.table());
                int missing = i.getValue().stream().mapToInt(q -> q.missing().size()).sum();
                if (missing > 0) {
                    out.println("  " + missing + " values missing:");
                    for (NightQa q : i.getValue()) {
                        q.missing().forEach(m -> out.println("    " + q.night() + " " + m));
                    }
                }
            }
        }
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(docs));
        } else if (byInstrument.isEmpty()) {
            out.println("no night in the range holds files of an instrument with QA metrics");
        }
        out.flush();
        return 0;
    }

    /** @return whether a night is within --from and --to (numerically when both are numbers) */
    private boolean within(String night) {
        return (from == null || compare(from, night) <= 0) && (to == null || compare(night, to) <= 0);
    }

    private static int compare(String a, String b) {
        if (a.matches("\\d{1,18}") && b.matches("\\d{1,18}")) {
            return Long.compare(Long.parseLong(a), Long.parseLong(b));
        }
        return a.compareTo(b);
    }

    /** @return the trends as JSON: instrument, nights, each metric and chip with its values and change, and the gaps */
    static Map<String, Object> json(QaTrends t, List<NightQa> nights) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("instrument", t.instrument());
        m.put("nights", t.nights());
        List<Map<String, Object>> trends = new ArrayList<>();
        for (QaTrends.Trend tr : t.trends()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("metric", tr.metric().name());
            x.put("keyword", tr.metric().keyword());
            x.put("unit", tr.metric().unit());
            x.put("description", tr.metric().description());
            x.put("chip", tr.chip());
            List<Double> v = new ArrayList<>();
            for (double d : tr.values()) {
                v.add(Double.isFinite(d) ? d : null);
            }
            x.put("values", v);
            x.put("change", Double.isFinite(tr.change()) ? tr.change() : null);
            trends.add(x);
        }
        m.put("trends", trends);
        Map<String, List<String>> missing = new LinkedHashMap<>();
        for (NightQa q : nights) {
            missing.put(q.night(), q.missing());
        }
        m.put("missing", missing);
        return m;
    }
}
