package org.drpkit.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.drpkit.fits.validate.Finding;
import org.drpkit.fits.validate.FitsValidator;
import org.drpkit.fits.validate.HduSummary;
import org.drpkit.fits.validate.ValidationReport;
import org.drpkit.fits.validate.ValidatorOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code drpkit verify FILE... [--json]}: checks FITS files against the standard, like {@code fitsverify}. */
@Command(name = "verify", description = {"Check FITS files against the FITS standard and report every problem,"
        + " like fitsverify.", "Exit status: 0 when no file has errors (warnings allowed), 2 otherwise."})
final class VerifyCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "FITS files")
    List<Path> files;

    @Option(names = "--json", description = "print one JSON document for machines instead of the report")
    boolean json;

    @Option(names = "--headers-only", description = "skip CHECKSUM/DATASUM and binary-table content (fast on big files)")
    boolean headersOnly;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws JsonProcessingException {
        PrintWriter out = spec.commandLine().getOut();
        ValidatorOptions options = headersOnly ? new ValidatorOptions(false, false) : ValidatorOptions.DEFAULTS;
        List<ValidationReport> reports = new ArrayList<>();
        int bad = 0;
        for (Path f : files) {
            ValidationReport r = FitsValidator.validate(f, options);
            reports.add(r);
            bad += r.isValid() ? 0 : 1;
            if (!json) {
                out.print(r);
            }
        }
        if (json) {
            List<Map<String, Object>> docs = new ArrayList<>();
            for (ValidationReport r : reports) {
                docs.add(toJson(r));
            }
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(docs));
        } else if (files.size() > 1) {
            out.printf("%d of %d files have errors%n", bad, files.size());
        }
        out.flush();
        return bad == 0 ? 0 : Drpkit.EXIT_BAD_INPUT;
    }

    static Map<String, Object> toJson(ValidationReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", r.file());
        m.put("size", r.size());
        m.put("valid", r.isValid());
        m.put("errors", r.errorCount());
        m.put("warnings", r.warnings().size());
        List<Map<String, Object>> hdus = new ArrayList<>();
        for (HduSummary h : r.hdus()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("index", h.index());
            x.put("type", h.type());
            x.put("description", h.description());
            x.put("cards", h.cards());
            x.put("headerStart", h.headerStart());
            x.put("dataStart", h.dataStart());
            x.put("dataBytes", h.dataBytes());
            hdus.add(x);
        }
        m.put("hdus", hdus);
        List<Map<String, Object>> findings = new ArrayList<>();
        for (Finding f : r.findings()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("code", f.code().name());
            x.put("severity", f.severity().name());
            x.put("hdu", f.hdu());
            x.put("card", f.card());
            x.put("keyword", f.keyword());
            x.put("message", f.message());
            findings.add(x);
        }
        m.put("findings", findings);
        return m;
    }
}
