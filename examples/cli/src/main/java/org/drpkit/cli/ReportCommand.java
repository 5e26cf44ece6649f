package org.drpkit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import org.drpkit.archive.NightReport;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.status.Ledger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code drpkit report --night YYYYMMDD --out ROOT}: disk against ledger for one UT night. */
@Command(name = "report", description = {"Reconcile one UT night, disk against ledger: source files never ingested,"
        + " stuck rows, invalid and error files and warnings grouped by code, products without a row, products that"
        + " fail their md5sum table, leftover temporaries.",
    "Exit status: 0 when disk and ledger agree (warnings aside), 1 when something needs attention."})
final class ReportCommand implements Callable<Integer> {

    @Mixin
    LedgerOptions ledger;

    @Option(names = "--night", required = true, paramLabel = "YYYYMMDD", description = "the UT date")
    String night;

    @Option(names = "--source", paramLabel = "DIR", description = "a folder the instruments write to (repeatable),"
            + " searched for files never ingested")
    List<Path> sources = List.of();

    @Option(names = "--stuck-after", paramLabel = "MINUTES", defaultValue = "15",
            description = "a row not final for longer is stuck (default: ${DEFAULT-VALUE})")
    long stuckMinutes;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LocalDate day;
        try {
            day = LocalDate.parse(night.replace("-", ""), DateTimeFormatter.BASIC_ISO_DATE);
        } catch (DateTimeParseException e) {
            err.println("--night: '" + night + "' is not YYYYMMDD");
            err.flush();
            return Drpkit.EXIT_BAD_INPUT;
        }
        try (Ledger l = ledger.open()) {
            NightReport r = NightReport.of(l, ledger.root().toAbsolutePath().normalize(), day, sources,
                    Duration.ofMinutes(stuckMinutes), Instant.now());
            out.print(r.text());
            out.flush();
            return r.isClean() ? 0 : 1;
        } catch (DrpException e) {
            err.println(e.getMessage());
            err.flush();
            return Drpkit.EXIT_BAD_INPUT;
        }
    }
}
