package org.drpkit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.drpkit.archive.AlertThrottle;
import org.drpkit.archive.IngestService;
import org.drpkit.archive.Monitor;
import org.drpkit.archive.config.ArchiveConfig;
import org.drpkit.archive.ledger.JdbcLedger;
import org.drpkit.archive.notify.Notifications;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.status.Severity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code drpkit monitor DIR... --out ROOT}: watches folders and keeps their FITS files ingested until stopped
 * (SIGTERM or Ctrl-C: files in flight finish within the grace period, or go back to the queue).
 */
@Command(name = "monitor", description = {"Watch folders (and rescan them at start-up and periodically) and archive"
        + " every new FITS file with a pool of workers, until stopped with SIGTERM or Ctrl-C.",
    "Alerts for INVALID and ERROR files go to the log and to the e-mail and webhook of the --config file, at most"
            + " one per instrument and code per --alert-every.",
    "Renamed files are INVALID unless --renamed warn."})
final class MonitorCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "DIR", description = "folders to watch (recursively; default: folders.in"
            + " of the --config file)")
    List<Path> dirs;

    @Mixin
    LedgerOptions ledger;

    @Mixin
    IngestSettings settings;

    @Mixin
    ConfigOption config;

    @Option(names = "--rescan-every", paramLabel = "SECONDS", defaultValue = "60",
            description = "full rescan interval (default: ${DEFAULT-VALUE})")
    long rescanSeconds;

    @Option(names = "--settle", paramLabel = "SECONDS", defaultValue = "2",
            description = "a file is queued once unchanged this long (default: ${DEFAULT-VALUE})")
    double settleSeconds;

    @Option(names = "--alert-every", paramLabel = "MINUTES",
            description = "least time between two alerts of one instrument and code (default: notify.throttleMinutes"
                    + " of the --config file, else 60)")
    Long alertMinutes;

    @Option(names = "--grace", paramLabel = "SECONDS", defaultValue = "30",
            description = "on stop, time for files in flight to finish (default: ${DEFAULT-VALUE})")
    long graceSeconds;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws DrpException {
        PrintWriter err = spec.commandLine().getErr();
        ArchiveConfig c = config.load(); // a bad file: the CLI's DrpException handler, exit 2
        ledger.defaults(c);
        settings.defaults(c);
        List<Path> watched = dirs != null && !dirs.isEmpty() ? dirs : c.folders().in();
        if (watched.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing required parameter: 'DIR' (or"
                    + " folders.in in the --config file)");
        }
        Notifications notify = Notifications.of(c.notifications());
        Duration throttle = alertMinutes != null ? Duration.ofMinutes(alertMinutes) : c.notifications().throttle();
        try (JdbcLedger l = ledger.open()) {
            IngestService s = new IngestService(l, settings.context(ledger.root(), Severity.INVALID, l),
                    settings.transfer(), settings.api(spec.commandLine()));
            Monitor m = new Monitor(s, watched, new Monitor.Options(settings.workers(),
                    Duration.ofSeconds(rescanSeconds), Duration.ofMillis((long) (settleSeconds * 1000))),
                    new AlertThrottle(notify, throttle, Clock.systemUTC()));
            Termination.onStop(() -> {
                m.stop(Duration.ofSeconds(graceSeconds));
                l.close(); // the JVM may halt before the main thread gets to close it
            });
            m.start();
            err.printf("monitoring %s (ledger %s, %s); stop with SIGTERM or Ctrl-C%n", watched, ledger.url(), notify);
            err.flush();
            m.awaitStopped();
            return 0;
        } catch (DrpException | IOException e) {
            err.println(e.getMessage());
            err.flush();
            return Drpkit.EXIT_BAD_INPUT;
        }
    }
}
