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
import org.drpkit.archive.almanac.DropFlow;
import org.drpkit.archive.almanac.ExpectedProduct;
import org.drpkit.archive.almanac.NightCheck;
import org.drpkit.archive.almanac.ProductRules;
import org.drpkit.cli.demo.QaFigures;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code drpkit almanac flow --night N --out ALMANAC [--products DIR] [--json] [--figure FILE.png]}: the night's drop
 * flow, counts entering and leaving each stage (indexing, exposures, runlists, then each product stage of the final
 * QA pass and the spectra extracted) with every drop's reason, as a table or JSON, and optionally as a PNG figure.
 *
 * <pre>
 * drpkit almanac flow --night 60690 --out demo-out/almanac --figure flow.png
 * </pre>
 */
@Command(name = "flow", mixinStandardHelpOptions = true,
        description = "Counts of files, exposures, products and spectra entering and leaving each stage, and why.")
final class AlmanacFlowCommand implements Callable<Integer> {

    @Option(names = "--night", required = true, paramLabel = "N", description = "the night (APOGEE SJD)")
    String night;

    @Mixin
    AlmanacOptions almanac;

    @Mixin
    RunlistSelection selection;

    @Option(names = "--products", paramLabel = "DIR",
            description = "products folder (default: the folder holding ALMANAC); --no-products: almanac stages only")
    Path products;

    @Option(names = "--no-products", description = "only the almanac's stages (indexing, exposures, runlists)")
    boolean noProducts;

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
        List<AlmanacNight> nights = selection.load(almanac, night);
        List<Map<String, Object>> docs = new ArrayList<>();
        for (AlmanacNight n : nights) {
            DropFlow f = flow(n, night, noProducts ? null : root);
            figure.write(n.instrument(), nights.size(), png -> QaFigures.flow(png, f));
            if (json) {
                docs.add(json(f));
            } else {
                out.print(f.table());
            }
        }
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(docs));
        } else if (nights.isEmpty()) {
            out.println("night " + night + ": the almanac holds no file of this night");
        }
        out.flush();
        return 0;
    }

    /** @return the night's flow, with the product stages when {@code root} is given */
    static DropFlow flow(AlmanacNight n, String night, Path root) {
        DropFlow f = DropFlow.of(night, n.instrument(), n.entries(), n.exposures(), n.runlists());
        ProductRules rules = ProductRules.forInstrument(n.instrument());
        if (root == null || rules.rules().isEmpty()) {
            return f;
        }
        return f.withProducts(NightCheck.run(root, night, ExpectedProduct.of(n.runlists(), rules)));
    }

    /** @return a flow as JSON: night, instrument and each stage with its counts and reasons */
    static Map<String, Object> json(DropFlow f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("night", f.night());
        m.put("instrument", f.instrument());
        List<Map<String, Object>> stages = new ArrayList<>();
        for (DropFlow.Stage s : f.stages()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("stage", s.name());
            x.put("unit", s.unit());
            x.put("in", s.in());
            x.put("out", s.out());
            x.put("dropped", s.dropped());
            stages.add(x);
        }
        m.put("stages", stages);
        return m;
    }
}
