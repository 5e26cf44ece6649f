package org.drpkit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.drpkit.algorithms.calib.Calibrate;
import org.drpkit.algorithms.calib.CalibratedImage;
import org.drpkit.cli.demo.ReductionFiles;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Card;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Mask;
import org.drpkit.core.image.MaskedImage;
import org.drpkit.core.instrument.Chip;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code drpkit calibrate RATE.fits --dark DARK.fits --flat FLAT.fits --out CAL.fits}: subtracts the dark (adding
 * its variance), divides by the flat on the light-sensitive area and ORs the masks; writes FLUX, IVAR, FLAGS.
 *
 * <pre>
 * drpkit calibrate apR-rate.fits --dark dark.fits --flat flat.fits --out cal.fits
 * </pre>
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Apply a dark and a flat to a rate image (writes FLUX, IVAR, FLAGS).")
final class CalibrateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RATE.fits", description = "a rate product (RATE/IVAR/FLAGS) or a plain "
            + "image (ivar unknown)")
    Path rate;

    @Option(names = "--dark", paramLabel = "DARK.fits", description = "dark product (DARK/IVAR/FLAGS)")
    Path dark;

    @Option(names = "--flat", paramLabel = "FLAT.fits", description = "flat product (FLAT/IVAR/MODEL/FLAGS)")
    Path flat;

    @Option(names = "--mask", paramLabel = "FILE", description = "further bad-pixel masks (their FLAGS extension), "
            + "repeatable")
    List<Path> masks = new ArrayList<>();

    @CommandLine.Mixin
    OutputOptions output;

    @Option(names = "--chip", defaultValue = "auto", paramLabel = "LAYOUT",
            description = "auto, simple, apogee or h2rg:SIZE,REFCOLS,AMPS,BORDER (default: ${DEFAULT-VALUE})")
    String chip;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        if (dark == null && flat == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give --dark, --flat or both");
        }
        try {
            CalibFiles.Input in = CalibFiles.readInput(rate);
            Chip c;
            try {
                c = CalibFiles.chip(chip, in.image().width(), in.image().height(), rate.toString());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            MaskedImage d = dark == null ? null : CalibFiles.readProduct(dark, "DARK");
            MaskedImage f = flat == null ? null : CalibFiles.readProduct(flat, "FLAT");
            List<Mask> extra = new ArrayList<>();
            for (Path m : masks) {
                extra.add(CalibFiles.readFlags(m));
            }
            CalibratedImage cal = Calibrate.apply(in.image(), c, d, f, extra);
            Header.Builder h = Header.builder();
            for (Card card : in.primary()) {
                h.add(card);
            }
            for (String dup : in.primary().duplicates().keySet()) {
                // keep the first card, as look-ups do: a FITS header may not repeat a keyword
                h.removeDuplicates(dup, "drpkit.calibrate").history("drpkit: dropped repeated " + dup + " cards");
            }
            h.set("PRODTYPE", "CAL", "calibration product type");
            if (dark != null) {
                h.set("CALDARK", dark.getFileName().toString(), "dark subtracted, its variance added");
            }
            if (flat != null) {
                h.set("CALFLAT", flat.getFileName().toString(), "pixel flat divided out");
            }
            h.history("drpkit calibrate " + rate.getFileName());
            MaskedImage m = cal.image();
            ReductionFiles.writeCalibrated(output.out, h.build(), CalibCommand.unit(in.rate()), m, output.overwrite);
            o.println(cal);
            o.println("wrote " + output.out);
            return 0;
        } catch (DrpException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return Drpkit.EXIT_BAD_INPUT;
        }
    }
}
