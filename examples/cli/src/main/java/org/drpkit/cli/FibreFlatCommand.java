package org.drpkit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.drpkit.algorithms.calib.CalibFlag;
import org.drpkit.algorithms.extract.FibreFlat;
import org.drpkit.cli.demo.ReductionFiles;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code drpkit fibreflat SPEC.fits --out FIBREFLAT.fits}: the relative throughput of every fibre of one chip from
 * an extracted quartz (or dome) flat, a product of {@code drpkit extract} ({@link FibreFlat}: each fibre against a
 * reference spectrum column by column, relative to the mean of the middle half of the lit fibres). Run it once per chip (upstream uses the B chip's throughputs for all three).
 *
 * <pre>
 * drpkit extract quartz.fits --traces traces.fits --out quartz-spec.fits
 * drpkit fibreflat quartz-spec.fits --out fibreflat.fits
 * </pre>
 */
@Command(name = "fibreflat", mixinStandardHelpOptions = true,
        description = "Relative fibre throughputs of one chip from an extracted flat (writes RELATIVE, ERROR, FIBRE).")
final class FibreFlatCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SPEC.fits", description = "extracted quartz or dome flat (drpkit extract)")
    Path input;

    @CommandLine.Mixin
    OutputOptions output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws DrpException {
        PrintWriter o = spec.commandLine().getOut();
        ReductionFiles.ExtractedSpectra in = ReductionFiles.readSpectra(input);
        FibreFlat.Throughput t = FibreFlat.of(in.spectra(), in.fibres(), CalibFlag.BAD_BITS);
        Header.Builder h = Header.builder().add("ORIGIN", "drpkit", "written by drpkit")
                .add("PRODTYPE", "FIBREFLAT", "product type")
                .add("INPUT", input.getFileName().toString(), "extracted flat");
        in.primary().getString("CHIP").ifPresent(c -> h.add("CHIP", c, "chip"));
        ReductionFiles.writeFibreFlat(output.out, h.build(), t, output.overwrite);
        o.println(t);
        o.println("wrote " + output.out);
        return 0;
    }
}
