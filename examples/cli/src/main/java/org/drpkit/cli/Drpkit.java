package org.drpkit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.drpkit.core.error.DrpException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code drpkit} command: one entry point whose subcommands compose the library's public API.
 *
 * <pre>
 * drpkit --help
 * drpkit header FILE
 * </pre>
 */
@Command(name = "drpkit", mixinStandardHelpOptions = true, versionProvider = Drpkit.Version.class,
        description = "Reduce and archive the data of astronomical instruments.",
        subcommands = {DemoCommand.class, HeaderCommand.class, VerifyCommand.class, ChecksumCommand.class, SimulateCommand.class,
                RampCommand.class, CalibCommand.class, CalibrateCommand.class, MasksCommand.class, TracesCommand.class,
                ExtractCommand.class, LsfCommand.class, LsfDiffCommand.class, FibreFlatCommand.class,
                WavecalCommand.class, ResampleCommand.class, FluxCommand.class, VisitCommand.class,
                IngestCommand.class, ReprocessCommand.class, StatusCommand.class, ReportCommand.class,
                MonitorCommand.class, TransferCommand.class, WatchdogCommand.class, DigestCommand.class,
                AlmanacCommand.class, FpackCommand.class, CompareCommand.class, KeywordTablesCommand.class,
                DrpCommand.class,
                CommandLine.HelpCommand.class})
public final class Drpkit implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Exit code for bad input (a malformed file, a missing keyword). */
    public static final int EXIT_BAD_INPUT = 2;

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** @return the exit status of running {@code drpkit} with these arguments (for tests and embedding) */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /**
     * The command line with every subcommand and drpkit's handling of bad input: a {@link DrpException} escaping a
     * command prints its message (code, file, HDU, keyword) to the error stream and ends with {@link #EXIT_BAD_INPUT};
     * anything else is picocli's (a stack trace, exit 1).
     *
     * <pre>{@code
     * int status = Drpkit.commandLine().execute("header", "n0051.fits");
     * }</pre>
     *
     * @return a new command line
     */
    public static CommandLine commandLine() {
        return new CommandLine(new Drpkit()).setExecutionExceptionHandler((e, cl, parsed) -> {
            if (e instanceof DrpException) {
                cl.getErr().println(e.getMessage());
                cl.getErr().flush();
                return EXIT_BAD_INPUT;
            }
            throw e;
        });
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Reads the version from the jar's filtered properties. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Drpkit.class.getResourceAsStream("/drpkit-version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"drpkit " + p.getProperty("version", "unknown"),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
