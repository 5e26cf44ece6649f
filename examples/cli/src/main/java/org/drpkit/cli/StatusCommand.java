package org.drpkit.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.status.Ledger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine;

/** {@code drpkit status --out ROOT}: the ledger's rows counted by instrument, state and code. */
@Command(name = "status", description = "Count the ledger's files by instrument, state and status code.")
final class StatusCommand implements Callable<Integer> {

    @Mixin
    LedgerOptions ledger;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Ledger l = ledger.open()) {
            Map<String, Long> byState = new TreeMap<>();
            long total = 0;
            out.printf("%-10s %-12s %-24s %8s%n", "instrument", "state", "code", "files");
            for (Ledger.StatusCount c : l.counts()) {
                out.printf("%-10s %-12s %-24s %8d%n", c.instrument(), c.status(),
                        c.statusCode() == null ? "" : c.statusCode(), c.rows());
                byState.merge(c.status().name(), c.rows(), Long::sum);
                total += c.rows();
            }
            out.printf("total %d:", total);
            byState.forEach((s, n) -> out.printf(" %s %d", s, n));
            out.println();
            out.flush();
            return 0;
        } catch (DrpException e) {
            spec.commandLine().getErr().println(e.getMessage());
            spec.commandLine().getErr().flush();
            return Drpkit.EXIT_BAD_INPUT;
        }
    }
}
