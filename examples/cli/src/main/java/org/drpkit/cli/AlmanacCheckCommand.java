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
import org.drpkit.archive.almanac.ExpectedProduct;
import org.drpkit.archive.almanac.NightCheck;
import org.drpkit.archive.almanac.ProductRules;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code drpkit almanac check --night N --out ALMANAC [--products DIR] [--json]}: the final QA pass over a reduced
 * night. The products the night must hold follow from its runlists ({@code ProductRules}); each must exist, validate
 * (checksums verified where present), open and agree with the md5 tables of its folder. Every problem is listed with
 * its reason; exits {@value #EXIT_PROBLEMS} when anything is wrong.
 *
 * <pre>
 * drpkit almanac check --night 60690 --out demo-out/almanac
 * </pre>
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Final QA pass: every product the night's runlists call for exists, validates, opens and its "
                + "checksums agree; exit 3 when not.")
final class AlmanacCheckCommand implements Callable<Integer> {

    /** Exit status when a product is missing, truncated, corrupt or invalid, or an md5 table disagrees. */
    static final int EXIT_PROBLEMS = 3;

    @Option(names = "--night", required = true, paramLabel = "N", description = "the night (APOGEE SJD)")
    String night;

    @Mixin
    AlmanacOptions almanac;

    @Mixin
    RunlistSelection selection;

    @Option(names = "--products", paramLabel = "DIR",
            description = "products folder holding apred/, darks/, flats/ (default: the folder holding ALMANAC, "
                    + "upstream's layout)")
    Path products;

    @Option(names = "--json", description = "print one JSON document instead of the text")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        almanac.requireFolder(spec);
        Path root = almanac.productsRoot(products);
        PrintWriter out = spec.commandLine().getOut();
        List<AlmanacNight> nights = selection.load(almanac, night);
        boolean ok = !nights.isEmpty();
        List<Map<String, Object>> docs = new ArrayList<>();
        if (nights.isEmpty() && !json) {
            out.println("night " + night + ": the almanac holds no file of this night");
        }
        for (AlmanacNight n : nights) {
            ProductRules rules = ProductRules.forInstrument(n.instrument());
            NightCheck c = NightCheck.run(root, night, ExpectedProduct.of(n.runlists(), rules));
            ok &= c.ok();
            if (json) {
                docs.add(json(n.instrument(), c));
                continue;
            }
            out.printf("%s %s (products in %s)%n", n.instrument(), c, root);
            if (rules.rules().isEmpty()) {
                out.println("  no product rules for " + n.instrument() + ": nothing to check");
            }
            for (NightCheck.ProductCheck p : c.problems()) {
                out.printf("  %-9s %s%n", p.status(), p.product().path());
                for (String r : p.reasons()) {
                    out.println("            " + r);
                }
            }
            for (String m : c.md5()) {
                out.println("  md5       " + m);
            }
            long ok2 = c.count(NightCheck.Status.OK);
            out.printf("  %d of %d products OK; %d carry CHECKSUM/DATASUM in every HDU; %d spectra in the "
                    + "extracted products%n", ok2, c.products().size(), c.withChecksums(),
                    c.products().stream().mapToInt(NightCheck.ProductCheck::spectra).sum());
        }
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("night", night);
            doc.put("products", root.toString());
            doc.put("ok", ok);
            doc.put("instruments", docs);
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
        }
        out.flush();
        return ok ? 0 : EXIT_PROBLEMS;
    }

    private static Map<String, Object> json(String instrument, NightCheck c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("instrument", instrument);
        m.put("ok", c.ok());
        Map<String, Long> counts = new LinkedHashMap<>();
        for (NightCheck.Status s : NightCheck.Status.values()) {
            counts.put(s.name(), c.count(s));
        }
        m.put("counts", counts);
        m.put("withChecksums", c.withChecksums());
        m.put("md5Entries", c.md5Files());
        m.put("md5Problems", c.md5());
        List<Map<String, Object>> ps = new ArrayList<>();
        for (NightCheck.ProductCheck p : c.products()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("path", p.product().path());
            x.put("stage", p.product().stage());
            x.put("exposure", p.product().exposure());
            x.put("chip", p.product().chip());
            x.put("runlist", p.product().runlist());
            x.put("status", p.status().name());
            x.put("reasons", p.reasons());
            x.put("checksums", p.checksums());
            x.put("spectra", p.spectra());
            ps.add(x);
        }
        m.put("products", ps);
        return m;
    }
}
