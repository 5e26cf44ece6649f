package org.drpkit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.drpkit.algorithms.sim.SpectrographModel;
import org.drpkit.algorithms.trace.TraceFinder;
import org.drpkit.algorithms.trace.TraceParams;
import org.drpkit.algorithms.trace.TraceResult;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.core.instrument.Chip;
import org.drpkit.core.trace.ProfileShape;
import org.drpkit.fits.TraceFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code drpkit traces FLAT.fits --out TRACES.fits}: finds the fibre traces on a flat and writes them.
 *
 * <pre>
 * drpkit traces flat-cal.fits --out traces.fits
 * </pre>
 */
@Command(name = "traces", mixinStandardHelpOptions = true,
        description = "Find the fibre traces on a quartz or dome flat (writes CENTRE, SIGMA, HEIGHT, FIBRE).")
final class TracesCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FLAT.fits", description = "calibrated flat (FLUX/IVAR/FLAGS) or rate "
            + "(RATE/IVAR/FLAGS)")
    Path flat;

    @CommandLine.Mixin
    OutputOptions output;

    @Option(names = "--chip", defaultValue = "auto", paramLabel = "LAYOUT",
            description = "auto, simple, apogee or h2rg:SIZE,REFCOLS,AMPS,BORDER (default: ${DEFAULT-VALUE})")
    String chip;

    @Option(names = "--shape", paramLabel = "H3,H4", description = "Gauss-Hermite h3,h4 of the profiles, held "
            + "fixed (default: fitted to the flat)")
    String shape;

    @Option(names = "--min-lamp", defaultValue = "10", paramLabel = "LEVEL",
            description = "lamp-off level of the flat, flux unit (default: ${DEFAULT-VALUE})")
    double minLamp;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws DrpException {
        PrintWriter o = spec.commandLine().getOut();
        SpectrumFiles.Input in = SpectrumFiles.read(flat);
        Chip c;
        TraceParams params = TraceParams.defaults().withMinLampLevel(minLamp);
        try {
            c = CalibFiles.chip(chip, in.image().width(), in.image().height(), flat.toString());
            if (shape != null) {
                String[] h = shape.split(",");
                if (h.length != 2) {
                    throw new IllegalArgumentException("--shape H3,H4, not " + shape);
                }
                params = params.withShape(ProfileShape.constant(Double.parseDouble(h[0].trim()),
                        Double.parseDouble(h[1].trim())));
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        String name = in.chip().isEmpty() ? c.name() : in.chip();
        TraceResult r = TraceFinder.find(in.image(), c.lightSensitive(), name, SpectrographModel.apogeeSlit(c),
                params);
        Header h = Header.builder().add("ORIGIN", "drpkit", "written by drpkit")
                .add("PRODTYPE", "TRACES", "product type").add("FLAT", flat.getFileName().toString(), "traced flat")
                .add("OFFSET", r.identification().offset(), "shift from the nominal slit, px")
                .add("NDEAD", (long) r.identification().dead().length, "dead fibres").build();
        TraceFiles.write(output.out, h, r.traces(), output.overwrite);
        o.println(r);
        o.println("wrote " + output.out);
        return 0;
    }
}
