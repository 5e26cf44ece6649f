package org.drpkit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.drpkit.algorithms.ramp.ResetAnomaly;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Image;
import org.drpkit.core.instrument.Chip;
import org.drpkit.fits.AtomicFiles;
import org.drpkit.fits.FitsRamps;
import org.drpkit.fits.FitsReader;
import org.drpkit.fits.FitsWriter;
import org.drpkit.fits.PixelType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code drpkit calib reset DARKS... --out FILE}: the first-read (reset) anomaly measured from raw dark ramps
 * ({@link ResetAnomaly#measure}), written as {@code EXCESS1} .. {@code EXCESS<N>} (float32, DN, the excess of
 * difference k from the reset) and {@code ERROR1} .. {@code ERROR<N>}; {@code drpkit ramp --reset-anomaly FILE}
 * subtracts it (then fit every read: {@code --drop 0}).
 */
@Command(name = "reset", mixinStandardHelpOptions = true,
        description = "Measure the first-read (reset) anomaly from raw dark ramps (EXCESSk, ERRORk per difference k).")
final class ResetAnomalyCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "DARKS", description = "raw dark ramps of one shape")
    List<Path> files;

    @CommandLine.Mixin
    OutputOptions output;

    @Option(names = "--differences", defaultValue = "4", paramLabel = "N",
            description = "first differences measured (default: ${DEFAULT-VALUE})")
    int differences;

    @Option(names = "--scope", defaultValue = "pixel", paramLabel = "pixel|amplifier",
            description = "per pixel, or one value per amplifier (default: ${DEFAULT-VALUE})")
    String scope;

    @Option(names = "--no-zeropoint", description = "measure on raw reads (for a chain run with --no-zeropoint)")
    boolean noZeropoint;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws DrpException {
        PrintWriter o = spec.commandLine().getOut();
        AtomicFiles.requireWritable(output.out, output.overwrite);
        ResetAnomaly.Scope sc = switch (scope.trim().toLowerCase(Locale.ROOT)) {
            case "pixel" -> ResetAnomaly.Scope.PIXEL;
            case "amplifier" -> ResetAnomaly.Scope.AMPLIFIER;
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "--scope must be pixel or amplifier, not " + scope);
        };
        try (OpenRamps darks = OpenRamps.open(files)) {
            write(darks.sources(), sc, o);
        }
        return 0;
    }

    private void write(List<FitsRamps.Source> darks, ResetAnomaly.Scope sc, PrintWriter o) throws DrpException {
        FitsRamps.Source first = darks.get(0);
        Chip chip = RampCommand.layout(first.width(), first.height(),
                first.primaryHeader().getString("CHIP").orElse("R"));
        boolean zeropoint = !noZeropoint && chip.referenceOutput().isPresent();
        ResetAnomaly.Correction c = ResetAnomaly.measure(darks, chip,
                new ResetAnomaly.Params(differences, sc, zeropoint));
        Header h = CalibFiles.productHeader("RESETANOMALY", first.primaryHeader(), files)
                .add("NDARKS", (long) c.darks(), "darks measured")
                .add("NDIFFS", (long) c.differences(), "first differences corrected")
                .add("SCOPE", c.scope().name(), "per pixel or per amplifier")
                .add("ZEROPNT", zeropoint, "measured after the reference zeropoint").build();
        FitsWriter w = FitsWriter.create().primary(h);
        for (int k = 0; k < c.differences(); k++) {
            w.image("EXCESS" + (k + 1), Header.builder().add("BUNIT", "DN").build(), c.excess().get(k),
                    PixelType.FLOAT32);
        }
        for (int k = 0; k < c.differences(); k++) {
            w.image("ERROR" + (k + 1), Header.builder().add("BUNIT", "DN").build(), c.error().get(k),
                    PixelType.FLOAT32);
        }
        w.write(output.out, output.overwrite);
        o.println(c);
        o.println("wrote " + output.out);
    }

    /** Reads a product of this command. */
    static ResetAnomaly.Correction read(Path file) throws DrpException {
        try (FitsReader r = FitsReader.open(file)) {
            Header h = r.hdu(0).header();
            int n = (int) (long) h.getLong("NDIFFS").orElse(0L);
            List<Image> excess = new ArrayList<>();
            List<Image> error = new ArrayList<>();
            for (int k = 1; k <= Math.max(1, n); k++) {
                excess.add(r.readImage("EXCESS" + k));
                error.add(r.readImage("ERROR" + k));
            }
            return new ResetAnomaly.Correction(excess, error, (int) (long) h.getLong("NDARKS").orElse(0L),
                    ResetAnomaly.Scope.valueOf(h.getString("SCOPE").orElse("PIXEL").trim()));
        }
    }
}
