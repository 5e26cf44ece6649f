package org.drpkit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.drpkit.algorithms.extract.ExtractParams;
import org.drpkit.algorithms.extract.Extraction;
import org.drpkit.algorithms.trace.LineSpread;
import org.drpkit.cli.demo.ReductionFiles;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Spectra;
import org.drpkit.core.trace.Traces;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code drpkit lsf ARC.fits --traces TRACES.fits --out LSF.fits}: extracts an arc exposure and measures the
 * line-spread function of every fibre in equal column regions.
 *
 * <pre>
 * drpkit lsf arc-cal.fits --traces traces.fits --out lsf.fits --regions 4
 * </pre>
 */
@Command(name = "lsf", mixinStandardHelpOptions = true,
        description = "Measure the line-spread function per fibre and chip region from an arc (writes SIGMA, ERROR, "
                + "NLINES, FIBRE).")
final class LsfCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "ARC.fits", description = "calibrated (FLUX/IVAR/FLAGS) or rate "
            + "(RATE/IVAR/FLAGS) arc or comb exposure")
    Path arc;

    @Option(names = "--traces", required = true, paramLabel = "TRACES.fits", description = "from drpkit traces")
    Path tracesFile;

    @CommandLine.Mixin
    OutputOptions output;

    @Option(names = "--regions", defaultValue = "4", paramLabel = "N",
            description = "equal column regions per fibre (default: ${DEFAULT-VALUE})")
    int regions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws DrpException {
        PrintWriter o = spec.commandLine().getOut();
        if (regions < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--regions must be at least 1");
        }
        SpectrumFiles.Input in = SpectrumFiles.read(arc);
        Traces traces = SpectrumFiles.tracesFor(in, arc, tracesFile);
        Spectra spectra = Extraction.optimal(in.image(), traces, ExtractParams.defaults()).spectra();
        LineSpread.Result r = LineSpread.measure(spectra, traces.fibres(),
                LineSpread.Params.defaults().withRegions(regions));
        ReductionFiles.writeLsf(output.out, Header.builder().add("ORIGIN", "drpkit", "written by drpkit")
                .add("PRODTYPE", "LSF", "product type").add("CHIP", traces.chip(), "chip")
                .add("ARC", arc.getFileName().toString(), "measured exposure")
                .add("TRACES", tracesFile.getFileName().toString(), "traces used").build(), r, output.overwrite);
        o.println(r);
        o.println("wrote " + output.out);
        return 0;
    }
}
