package org.drpkit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.drpkit.archive.almanac.BadExposures;
import org.drpkit.core.error.DrpException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code drpkit almanac bad [EXPOSURE --stage S --reason TEXT] --out ALMANAC}: lists the bad-exposure list, or adds
 * an exposure (or one file's key) to it as a new version.
 *
 * <pre>
 * drpkit almanac bad apo/60000/0012 --stage operator --reason "appears dark" --out ALMANAC
 * drpkit almanac bad --out ALMANAC
 * </pre>
 */
@Command(name = "bad", mixinStandardHelpOptions = true,
        description = "List the bad-exposure list, or add an exposure to it (a new version).")
final class AlmanacBadCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "EXPOSURE", description = "exposure id or file key to add")
    String exposure;

    @Option(names = "--stage", defaultValue = "operator", paramLabel = "STAGE",
            description = "stage that found it (default: ${DEFAULT-VALUE})")
    String stage;

    @Option(names = "--reason", paramLabel = "TEXT", description = "why (required when adding)")
    String reason;

    @Mixin
    AlmanacOptions almanac;

    @Option(names = "--bad", paramLabel = "FILE", description = "bad-exposure list (default: ALMANAC/bad-exposures.csv)")
    Path bad;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws DrpException {
        if (almanac.folder == null && bad == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--out ALMANAC (or --bad FILE) is required");
        }
        Path file = bad != null ? bad : almanac.folder.resolve("bad-exposures.csv");
        PrintWriter out = spec.commandLine().getOut();
        BadExposures list = BadExposures.read(file);
        if (exposure != null) {
            if (reason == null || reason.isBlank()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--reason is required when adding");
            }
            try {
                list = list.with(exposure, stage, reason, Instant.now());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            list.write(file);
            out.println("added " + list.entries().get(list.entries().size() - 1) + " to " + file);
        }
        out.println(file + ": version " + list.version() + ", " + list.entries().size() + " entries");
        for (BadExposures.Entry e : list.entries()) {
            out.println("  " + e + " added " + e.added());
        }
        out.flush();
        return 0;
    }
}
