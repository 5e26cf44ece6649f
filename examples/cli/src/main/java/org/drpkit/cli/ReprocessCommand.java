package org.drpkit.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import org.drpkit.archive.IngestService;
import org.drpkit.archive.config.ArchiveConfig;
import org.drpkit.archive.ledger.JdbcLedger;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.status.LedgerQuery;
import org.drpkit.core.status.LedgerRow;
import org.drpkit.core.status.ProcessingStatus;
import org.drpkit.core.status.Severity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code drpkit reprocess --out ROOT --status ERROR [--execute]}: selects finished files by state, code, file, archive
 * id, instrument or observation time; lists them (a dry run by default: the archive reprocessed at once), or with {@code --execute}
 * queues them again (their earlier state goes to the history, the attempt number grows, the archive id stays) and
 * processes them.
 */
@Command(name = "reprocess", description = {"Process files again, chosen by state, code, file, archive id,"
        + " instrument or observation time. Without --execute only lists them.",
    "Each row keeps its history and its archive id; its products are replaced."})
final class ReprocessCommand implements Callable<Integer> {

    @Mixin
    LedgerOptions ledger;

    @Mixin
    IngestSettings settings;

    @Mixin
    ConfigOption config;

    @Option(names = "--status", paramLabel = "STATE", description = "final state to select (repeatable):"
            + " PROCESSED, INVALID, ERROR, TRANSFERRED, COMPLETE")
    List<ProcessingStatus> statuses;

    @Option(names = "--code", paramLabel = "CODE", description = "status code, e.g. CODE_ERROR")
    String code;

    @Option(names = "--file", paramLabel = "TEXT", description = "original path contains TEXT (e.g. a night folder)")
    String file;

    @Option(names = "--koaid", paramLabel = "ID", description = "one archive id")
    String koaid;

    @Option(names = "--instrument", paramLabel = "NAME")
    String instrument;

    @Option(names = "--since", paramLabel = "UT", description = "observed at or after (yyyy-mm-dd[Thh:mm[:ss]])")
    String since;

    @Option(names = "--until", paramLabel = "UT", description = "observed before (yyyy-mm-dd[Thh:mm[:ss]])")
    String until;

    @Option(names = "--execute", description = "queue and process the selected files (default: list them)")
    boolean execute;

    @Option(names = "--queue-only", description = "with --execute, queue them for a running monitor, do not process")
    boolean queueOnly;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws DrpException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ArchiveConfig c = config.load(); // a bad file: the CLI's DrpException handler, exit 2
        ledger.defaults(c);
        settings.defaults(c);
        LedgerQuery q = LedgerQuery.all();
        if (statuses != null && !statuses.isEmpty()) {
            q = q.status(statuses.toArray(new ProcessingStatus[0]));
        }
        if (code != null) {
            q = q.statusCode(code);
        }
        if (file != null) {
            q = q.ofnameContains(file);
        }
        if (koaid != null) {
            q = q.archiveId(koaid);
        }
        if (instrument != null) {
            q = q.instrument(instrument.toUpperCase(java.util.Locale.ROOT));
        }
        try {
            q = q.observedBetween(time(since), time(until));
        } catch (DateTimeParseException e) {
            err.println("--since/--until: " + e.getMessage());
            err.flush();
            return Drpkit.EXIT_BAD_INPUT;
        }
        long t0 = System.nanoTime();
        try (JdbcLedger l = ledger.open()) {
            List<LedgerRow> rows = l.find(q);
            for (LedgerRow r : rows) {
                out.printf("%6d %-12s %-22s %-19s %-24s %s%n", r.id(), r.status(),
                        r.statusCode() == null ? "" : r.statusCode(), r.observed() == null ? "" : r.observed(),
                        r.archiveId() == null ? "" : r.archiveId(), r.ofname());
            }
            long finals = rows.stream().filter(r -> r.status().isFinal()).count();
            if (!execute) {
                out.printf("%d files selected, %d in a final state; add --execute to process them again%n",
                        rows.size(), finals);
                out.flush();
                return 0;
            }
            int n = l.requeue(q, java.time.Instant.now());
            out.printf("%d files queued again%n", n);
            if (queueOnly) {
                out.flush();
                return 0;
            }
            IngestService s = new IngestService(l, settings.context(ledger.root(), Severity.WARN, l), settings.transfer(),
                    settings.api(spec.commandLine()));
            int recovered = s.recover();
            Summary summary = Summary.of(s.drain(settings.workers(), f -> { }, () -> false), 0, recovered,
                    (System.nanoTime() - t0) / 1e9);
            out.print(summary.text());
            out.flush();
            return summary.exitStatus();
        } catch (DrpException e) {
            err.println(e.getMessage());
            err.flush();
            return Drpkit.EXIT_BAD_INPUT;
        }
    }

    private static LocalDateTime time(String s) {
        if (s == null) {
            return null;
        }
        String t = s.trim().replace(' ', 'T');
        if (t.length() == 10) {
            return LocalDate.parse(t).atStartOfDay();
        }
        return LocalDateTime.parse(t.length() == 16 ? t + ":00" : t);
    }
}
