package org.drpkit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.drpkit.algorithms.ramp.Nonlinearity;
import org.drpkit.algorithms.ramp.NonlinearityBuilder;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Image;
import org.drpkit.fits.AtomicFiles;
import org.drpkit.fits.FitsReader;
import org.drpkit.fits.FitsWriter;
import org.drpkit.fits.PixelType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code drpkit calib nonlinearity RAMPS... --out FILE}: the per-pixel nonlinearity correction from raw lamp-flat
 * ramps ({@link NonlinearityBuilder}), written as a product that {@code drpkit ramp --nonlinearity FILE} reads:
 * extensions {@code A2} .. {@code A<degree>} (float32, the correction coefficients, DN^(1-j)), {@code B2}, {@code B2ERR},
 * {@code B3} (the fitted forward response), {@code NFLATS} (int32, flats fitted per pixel; 0: no correction) and
 * {@code MAXLEVEL} (DN, the highest signal fitted), with the QA in the primary header.
 *
 * <pre>
 * drpkit calib nonlinearity apR-a-flat-*.fits --saturation sat.fits --out nonlin.fits
 * drpkit ramp apR-a-00001234.fits rate.fits --nonlinearity nonlin.fits
 * </pre>
 */
@Command(name = "nonlinearity", mixinStandardHelpOptions = true,
        description = "Build per-pixel nonlinearity corrections from raw lamp-flat ramps (A2..A5, B2, B2ERR, B3, "
                + "NFLATS, MAXLEVEL).")
final class NonlinearityCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "RAMPS", description = "raw flat ramps of one shape, constant light")
    List<Path> files;

    @CommandLine.Mixin
    OutputOptions output;

    @Option(names = "--saturation", paramLabel = "FILE",
            description = "saturation map (raw DN, first image HDU); without it every read is fitted")
    Path saturation;

    @Option(names = "--fraction", defaultValue = "0.9", paramLabel = "F",
            description = "fit reads up to this fraction of the saturation level (default: ${DEFAULT-VALUE})")
    double fraction;

    @Option(names = "--degree", defaultValue = "5", paramLabel = "D",
            description = "highest power of the correction, 2..5 (default: ${DEFAULT-VALUE})")
    int degree;

    @Option(names = "--forward", defaultValue = "2", paramLabel = "D",
            description = "highest power of the fitted response, 2 or 3 (default: ${DEFAULT-VALUE})")
    int forward;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws DrpException {
        PrintWriter o = spec.commandLine().getOut();
        AtomicFiles.requireWritable(output.out, output.overwrite);
        NonlinearityBuilder.Params p;
        try {
            p = NonlinearityBuilder.Params.DEFAULTS.withDegrees(degree, forward).withFraction(fraction);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (saturation != null) {
            p = p.withSaturationMap(RampCommand.readMap(saturation));
        }
        try (OpenRamps ramps = OpenRamps.open(files)) {
            write(NonlinearityBuilder.build(ramps.sources(), p), ramps.sources().get(0).primaryHeader(), o);
        }
        return 0;
    }

    private void write(NonlinearityBuilder.Result r, Header firstPrimary, PrintWriter o) throws DrpException {
        Header.Builder h = CalibFiles.productHeader("NONLINEARITY", firstPrimary, files)
                .add("NFLATS", (long) r.qa().flats(), "flats given")
                .add("NFITTED", r.qa().fitted(), "pixels with a correction")
                .add("DEGREE", (long) degree, "highest power of the correction")
                .add("FORWARD", (long) forward, "highest power of the fitted response")
                .add("FRACTION", fraction, "reads fitted up to this fraction of saturation")
                .add("RESETRDS", 1.0, "read intervals from the reset to read 0")
                .add("B2MED", r.qa().medianB2(), "median quadratic response [1/DN]")
                .add("B2SIG", r.qa().sigmaB2(), "IQR-sigma of B2 over pixels [1/DN]")
                .add("B2ERRMED", r.qa().medianB2Error(), "median error of B2 [1/DN]")
                .add("TOPMED", r.qa().medianMaxLevel(), "median highest signal fitted [DN]");
        FitsWriter w = FitsWriter.create().primary(h.build());
        for (int j = 0; j < r.corrections().size(); j++) {
            w.image("A" + (j + 2), Header.builder().add("BUNIT", "DN^" + (-1 - j)).build(), r.corrections().get(j),
                    PixelType.FLOAT32);
        }
        w.image("B2", Header.builder().add("BUNIT", "1/DN").build(), r.b2(), PixelType.FLOAT32)
                .image("B2ERR", Header.builder().add("BUNIT", "1/DN").build(), r.b2Error(), PixelType.FLOAT32)
                .image("B3", Header.builder().add("BUNIT", "DN^-2").build(), r.b3(), PixelType.FLOAT32)
                .mask("NFLATS", Header.empty(), r.flats())
                .image("MAXLEVEL", Header.builder().add("BUNIT", "DN").build(), r.maxLevel(), PixelType.FLOAT32)
                .write(output.out, output.overwrite);
        o.println(r.qa());
        o.println("wrote " + output.out);
    }

    /**
     * Reads a product of this command into the chain's parameters: the coefficient extensions A2, A3, ... in order.
     *
     * @throws DrpException when the file has no A2 extension, or what reading raises
     */
    static Nonlinearity.Params read(Path file) throws DrpException {
        List<Image> maps = new ArrayList<>();
        double reset = 1;
        try (FitsReader r = FitsReader.open(file)) {
            reset = r.hdu(0).header().getDouble("RESETRDS").orElse(1.0);
            for (int j = 2; CalibFiles.hasExtension(r, "A" + j); j++) {
                maps.add(r.readImage("A" + j));
            }
            if (maps.isEmpty()) {
                r.hdu("A2"); // raises the reader's own error naming the file and the missing extension
            }
        }
        return new Nonlinearity.Params(Nonlinearity.Coefficients.perPixel(maps.toArray(new Image[0])), reset,
                java.util.Optional.empty());
    }
}
