package org.drpkit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.drpkit.algorithms.calib.CalibFlag;
import org.drpkit.algorithms.calib.MaskComparison;
import org.drpkit.algorithms.calib.MaskDiff;
import org.drpkit.algorithms.calib.MaskHistory;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.image.Mask;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code drpkit masks diff OLD.fits NEW.fits} and {@code drpkit masks history FILES...}: how the bad pixels of
 * calibration products (their FLAGS extension) evolve, by cause.
 *
 * <pre>
 * drpkit masks diff dark-60001.fits dark-60031.fits --list 20
 * drpkit masks history dark-*.fits
 * </pre>
 */
@Command(name = "masks", mixinStandardHelpOptions = true,
        description = "Compare bad-pixel masks (FLAGS extensions) by cause.",
        subcommands = {MasksCommand.Diff.class, MasksCommand.History.class, CommandLine.HelpCommand.class})
final class MasksCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code drpkit masks diff OLD NEW}. */
    @Command(name = "diff", mixinStandardHelpOptions = true,
            description = "New, gone and persistent bad pixels between two masks, by cause.")
    static final class Diff implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "OLD.fits", description = "older product")
        Path before;

        @Parameters(index = "1", paramLabel = "NEW.fits", description = "newer product")
        Path after;

        @Option(names = "--list", defaultValue = "0", paramLabel = "N",
                description = "also list up to N appeared and N disappeared pixels (1-based FITS x,y)")
        int list;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try {
                MaskComparison c = MaskDiff.compare(CalibFiles.readFlags(before), CalibFiles.readFlags(after));
                out.printf("# %s -> %s (%dx%d)%n", before, after, c.width(), c.height());
                out.print(c.table());
                printPixels(out, "appeared", c.appeared(), c.width());
                printPixels(out, "disappeared", c.disappeared(), c.width());
                out.flush();
                return 0;
            } catch (DrpException e) {
                spec.commandLine().getErr().println(e.getMessage());
                return Drpkit.EXIT_BAD_INPUT;
            }
        }

        private void printPixels(PrintWriter out, String what, int[] indices, int width) {
            int n = Math.min(list, indices.length);
            for (int i = 0; i < n; i++) {
                out.printf("%s %d,%d%n", what, indices[i] % width + 1, indices[i] / width + 1);
            }
        }
    }

    /** {@code drpkit masks history FILES...}. */
    @Command(name = "history", mixinStandardHelpOptions = true,
            description = "Night-by-night evolution of the bad pixels of several masks, in the "
            + "order given.")
    static final class History implements Callable<Integer> {

        @Parameters(arity = "2..*", paramLabel = "FILES", description = "products in time order")
        List<Path> files;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try {
                List<String> labels = new ArrayList<>();
                List<Mask> masks = new ArrayList<>();
                for (Path f : files) {
                    labels.add(f.getFileName().toString());
                    masks.add(CalibFiles.readFlags(f));
                }
                MaskHistory h = MaskHistory.of(labels, masks, CalibFlag.CALIBRATION_CAUSES);
                out.print(h.table());
                out.println(h);
                out.flush();
                return 0;
            } catch (DrpException e) {
                spec.commandLine().getErr().println(e.getMessage());
                return Drpkit.EXIT_BAD_INPUT;
            }
        }
    }
}
