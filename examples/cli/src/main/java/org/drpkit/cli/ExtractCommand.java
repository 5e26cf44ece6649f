package org.drpkit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.drpkit.algorithms.extract.ExtractParams;
import org.drpkit.algorithms.extract.Extraction;
import org.drpkit.algorithms.extract.ExtractionResult;
import org.drpkit.algorithms.extract.VarianceModel;
import org.drpkit.algorithms.trace.TraceTweak;
import org.drpkit.cli.demo.ReductionFiles;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.core.instrument.Region;
import org.drpkit.core.trace.Traces;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code drpkit extract CAL.fits --traces TRACES.fits --out SPEC.fits [--method optimal|boxcar]}: extracts the
 * spectra of every traced fibre.
 *
 * <pre>
 * drpkit extract cal.fits --traces traces.fits --out spec.fits --tweak
 * </pre>
 */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = "Extract spectra from a calibrated image (writes FLUX, IVAR, MASK, FIBRE; MODEL and RESID "
                + "with --residual).")
final class ExtractCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CAL.fits", description = "calibrated image (FLUX/IVAR/FLAGS) or rate "
            + "(RATE/IVAR/FLAGS)")
    Path input;

    @Option(names = "--traces", required = true, paramLabel = "TRACES.fits", description = "from drpkit traces")
    Path tracesFile;

    @CommandLine.Mixin
    OutputOptions output;

    @Option(names = "--method", defaultValue = "optimal", paramLabel = "optimal|boxcar",
            description = "optimal (all fibres of a column solved together) or boxcar (default: ${DEFAULT-VALUE})")
    String method;

    @Option(names = "--tweak", description = "fit a shift of the traces to this exposure first (flexure)")
    boolean tweak;

    @Option(names = "--variance", defaultValue = "model", paramLabel = "model|image",
            description = "weights from a variance model fitted to the image (read + photon + flat terms; unbiased) "
                    + "or each pixel's own IVAR (default: ${DEFAULT-VALUE})")
    String variance;

    @Option(names = "--fibremap", paramLabel = "MAP.par", description = "fibre map (confSummary/plPlugMapM-like, "
            + "see the README): adds a FIBERMAP table naming each row's target and type")
    Path fibreMap;

    @Option(names = "--imagetype", defaultValue = "object", paramLabel = "TYPE", description = "with --fibremap: the "
            + "exposure's image type (not object: every fibre is typed calibration); default object")
    String imageType;

    @Option(names = "--residual", description = "also write the 2D MODEL and RESID images (optimal only)")
    boolean residual;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws DrpException {
        PrintWriter o = spec.commandLine().getOut();
        String m = method.trim().toLowerCase(Locale.ROOT);
        if (!m.equals("optimal") && !m.equals("boxcar")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--method must be optimal or boxcar, not "
                    + method);
        }
        String weights = variance.trim().toLowerCase(Locale.ROOT);
        if (!weights.equals("model") && !weights.equals("image")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--variance must be model or image, not "
                    + variance);
        }
        // read first: a bad map stops the command before any work
        org.drpkit.archive.almanac.FibreMap map = fibreMap == null ? null
                : org.drpkit.archive.almanac.FibreMap.read(fibreMap);
        SpectrumFiles.Input in = SpectrumFiles.read(input);
        Traces traces = SpectrumFiles.tracesFor(in, input, tracesFile);
        double shift = 0;
        if (tweak) {
            TraceTweak.Result t = TraceTweak.fit(in.image(), traces, TraceTweak.Params.defaults());
            traces = t.traces();
            shift = t.shift();
            o.println(t);
        }
        ExtractParams params = ExtractParams.defaults();
        if (m.equals("optimal") && weights.equals("model")) {
            Region area = Region.of(traces.x0(), 0, traces.x1() - traces.x0(), in.image().height());
            Optional<VarianceModel> v = VarianceModel.estimate(in.image(), area, params.rejectBits(), 2);
            o.println(v.map(Object::toString).orElse("no variance model fits the image's IVAR: using it as is"));
            params = v.map(params::withVariance).orElse(params);
        }
        ExtractionResult r = m.equals("optimal") ? Extraction.optimal(in.image(), traces, params)
                : Extraction.boxcar(in.image(), traces, params);
        Header.Builder h = Header.builder().add("ORIGIN", "drpkit", "written by drpkit")
                .add("PRODTYPE", "SPEC", "product type").add("CHIP", traces.chip(), "chip")
                .add("INPUT", input.getFileName().toString(), "extracted image")
                .add("TRACES", tracesFile.getFileName().toString(), "traces used")
                .add("EXTRACT", m, "extraction method")
                .add("WEIGHTS", params.variance().map(v -> "model").orElse("ivar"), "pixel weights")
                .add("TRSHIFT", shift, "trace tweak shift, px")
                .add("NFIBRE", (long) traces.count(), "spectra (rows)");
        in.primary().getString("BUNIT").ifPresent(u -> h.add("BUNIT", u, "flux unit per fibre and column"));
        java.util.List<org.drpkit.archive.almanac.FibreMap.Fibre> rows = java.util.List.of();
        if (map != null) {
            rows = map.forRows(traces.fibres(), imageType.trim().toLowerCase(Locale.ROOT));
            h.add("FIBREMAP", fibreMap.getFileName().toString(), "fibre map of FIBERMAP").add("CONFIGID", map.id(),
                    "configuration or plate id");
        }
        ReductionFiles.writeSpectra(output.out, h.build(), r, traces.fibres(), residual, rows, output.overwrite);
        o.println(r);
        o.println("wrote " + output.out);
        return 0;
    }
}
