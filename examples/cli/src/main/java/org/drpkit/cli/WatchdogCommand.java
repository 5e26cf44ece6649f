package org.drpkit.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.drpkit.archive.IngestContext;
import org.drpkit.archive.Notifier;
import org.drpkit.archive.Watchdog;
import org.drpkit.archive.config.ArchiveConfig;
import org.drpkit.archive.notify.Notifications;
import org.drpkit.archive.notify.WatchdogAlerts;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.status.Ledger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code drpkit watchdog --out ROOT [--db URL] [--stuck-minutes N] [--json] [--config FILE --notify]}: the ledger
 * against the disk, from cron.
 * Prints every problem (stuck rows, missing products or copies, files no row owns) and exits 0 when there is none,
 * {@value #EXIT_PROBLEMS} when there is any, {@value Drpkit#EXIT_BAD_INPUT} when the ledger or the root cannot be
 * read. It changes nothing.
 */
@Command(name = "watchdog", description = "Check the ledger against the disk: rows stuck in PROCESSING or"
        + " TRANSFERRING, finished rows whose products are missing, lost stage or anc/ copies, files no row owns."
        + " Exit 0 when all is well, 3 when anything is wrong, 2 when the ledger cannot be read. Changes nothing;"
        + " run it from cron; with --notify the problems also go to the configured e-mail and webhook.")
final class WatchdogCommand implements Callable<Integer> {

    /** The exit status when a problem was found. */
    static final int EXIT_PROBLEMS = 3;

    @Mixin
    LedgerOptions ledger;

    @Option(names = "--stuck-minutes", paramLabel = "N", description = "how long a row may stay PROCESSING or"
            + " TRANSFERRING, and a hidden temporary may live (default: notify.stuckMinutes of the --config file,"
            + " else 60)")
    Long stuckMinutes;

    @Mixin
    ConfigOption config;

    @Option(names = "--notify", description = "also send the problems to the e-mail and webhook of the --config file:"
            + " one alert per instrument and kind of problem (stuck rows, missing products, missing copies, unknown"
            + " files)")
    boolean notify;

    @Option(names = "--stage", paramLabel = "DIR", description = "the staging area the ingest uses (default:"
            + " ROOT/stage)")
    Path stage;

    @Option(names = "--anc", paramLabel = "DIR", description = "the rejected-file area the ingest uses (default:"
            + " ROOT/anc)")
    Path anc;

    @Option(names = "--json", description = "print one JSON document instead of the text")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws DrpException, JsonProcessingException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ArchiveConfig c = config.load();
        ledger.defaults(c);
        if (stage == null) {
            stage = c.folders().stage();
        }
        if (anc == null) {
            anc = c.folders().anc();
        }
        Duration stuck = stuckMinutes != null ? Duration.ofMinutes(stuckMinutes) : c.notifications().stuckAfter();
        if (stuck.toMinutes() < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--stuck-minutes must be at least 1");
        }
        Notifications targets = Notifications.of(c.notifications());
        if (notify && !targets.reachesPeople()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--notify needs notify.mail or notify.webhook"
                    + " in the --config file");
        }
        if (ledger.db == null && !Files.exists(ledger.root().resolve("ledger.mv.db"))) {
            err.println("[LEDGER_UNAVAILABLE] " + ledger.root() + ": no ledger here (ROOT/ledger.mv.db); give --db for"
                    + " another database");
            err.flush();
            return Drpkit.EXIT_BAD_INPUT;
        }
        IngestContext.Builder b = IngestContext.builder(ledger.root());
        if (stage != null) {
            b.stage(stage);
        } else if (c.folders().noStage()) {
            b.noStage();
        }
        if (anc != null) {
            b.anc(anc);
        }
        try (Ledger l = ledger.open()) {
            Watchdog.Report r = Watchdog.check(l, b.build(), stuck, Instant.now());
            if (json) {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json(r)));
            } else {
                out.println(r);
                for (Watchdog.Problem p : r.problems()) {
                    out.println("  " + p);
                }
            }
            out.flush();
            if (notify) {
                List<Notifier.Alert> alerts = WatchdogAlerts.of(r, l);
                Notifications people = targets.withoutLog(); // the problems are printed above
                alerts.forEach(people::send);
                long failed = people.failed();
                err.println(alerts.size() + " alerts sent" + (failed > 0 ? ", " + failed + " not delivered" : "")
                        + " (" + people + ")");
                err.flush();
            }
            return r.ok() ? 0 : EXIT_PROBLEMS;
        }
    }

    private static Map<String, Object> json(Watchdog.Report r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("root", r.root().toString());
        m.put("checked", r.checked().toString());
        m.put("ok", r.ok());
        m.put("rows", r.rows());
        m.put("files", r.files());
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Watchdog.Kind k : Watchdog.Kind.values()) {
            counts.put(k.name(), r.count(k));
        }
        m.put("counts", counts);
        List<Map<String, Object>> problems = new ArrayList<>();
        for (Watchdog.Problem p : r.problems()) {
            Map<String, Object> q = new LinkedHashMap<>();
            q.put("kind", p.kind().name());
            q.put("row", p.row());
            q.put("path", p.path() == null ? null : p.path().toString());
            q.put("text", p.text());
            problems.add(q);
        }
        m.put("problems", problems);
        return m;
    }
}
