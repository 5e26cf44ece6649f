package org.drpkit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.drpkit.core.error.DrpException;
import org.drpkit.fits.checksum.ChecksumReport;
import org.drpkit.fits.checksum.FitsChecksums;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code drpkit checksum FILE... [--update]}: verifies or writes FITS CHECKSUM/DATASUM, like astropy's fitscheck. */
@Command(name = "checksum", description = {"Verify the CHECKSUM and DATASUM of every HDU (like astropy's fitscheck),"
        + " or write them with --update.", "Prints each HDU's stored and computed values, then OK, BAD or MISSING.",
    "Exit status: 0 when every file is OK, 2 when a value is bad (or missing, unless --ignore-missing) or a file"
            + " cannot be read."})
final class ChecksumCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "FITS files")
    List<Path> files;

    @Option(names = {"-w", "--update"}, description = "write fresh CHECKSUM/DATASUM cards into every HDU (atomically;"
            + " header cards only, data bytes untouched)")
    boolean update;

    @Option(names = {"-f", "--force"}, description = "with --update, overwrite stored values even when they are bad")
    boolean force;

    @Option(names = {"-i", "--ignore-missing"}, description = "absent CHECKSUM/DATASUM keywords are not errors")
    boolean ignoreMissing;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int failures = 0;
        for (Path f : files) {
            try {
                ChecksumReport r = FitsChecksums.verify(f);
                out.print(r);
                if (update) {
                    r = FitsChecksums.update(f, Clock.systemUTC(), force);
                    out.print("updated " + f + ":\n" + r);
                }
                if (!r.isValid() || (!ignoreMissing && !r.isComplete())) {
                    failures++;
                }
            } catch (DrpException e) {
                err.println(e.getMessage());
                failures++;
            }
        }
        if (files.size() > 1) {
            out.printf("%d of %d files failed%n", failures, files.size());
        }
        out.flush();
        err.flush();
        return failures == 0 ? 0 : Drpkit.EXIT_BAD_INPUT;
    }
}
