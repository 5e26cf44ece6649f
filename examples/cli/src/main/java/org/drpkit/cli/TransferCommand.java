package org.drpkit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.drpkit.archive.Delivery;
import org.drpkit.archive.DeliverySettings;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.status.Ledger;
import org.drpkit.core.status.LedgerQuery;
import org.drpkit.core.status.ProcessingStatus;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code drpkit transfer --out ROOT --transfer-to DIR [--ingest-api URL] [--date YYYY-MM-DD] [--retry-failed]}:
 * delivers the ledger's files that are waiting (the archive's nightly {@code koaxfr}, file by file): PROCESSED rows are
 * copied with rsync semantics and announced, TRANSFERRED rows are announced, and with {@code --retry-failed} rows that
 * ended ERROR in a delivery ({@code TRANSFER_ERROR}, {@code TRANSFER_INTERRUPTED}, {@code IPAC_NOTIFY_ERROR}) are sent
 * again; each night's {@code ROOT/INSTR/YYYYMMDD/xfr.table} lists what was sent.
 */
@Command(name = "transfer", description = {"Deliver processed files to the archive: copy their products into"
        + " DIR/INSTR/YYYYMMDD/lev0/ (only files whose size or MD5 differ; each copy checked by MD5), list them in the"
        + " night's ROOT/INSTR/YYYYMMDD/xfr.table, then call the archive's ingest API (--ingest-api; rows end COMPLETE"
        + " when it accepts the file).",
    "Takes PROCESSED rows, TRANSFERRED rows (announced only, with --ingest-api) and, with --retry-failed, rows that"
        + " ended ERROR TRANSFER_ERROR, TRANSFER_INTERRUPTED or IPAC_NOTIFY_ERROR.",
    "Exit status: 0 when every file was delivered, 1 when one ended in ERROR, 2 on bad input."})
final class TransferCommand implements Callable<Integer> {

    @Mixin
    LedgerOptions ledger;

    @Option(names = "--transfer-to", required = true, paramLabel = "DIR",
            description = "the archive's folder: products go to DIR/INSTR/YYYYMMDD/lev0/")
    Path transferTo;

    @Mixin
    DeliveryOptions delivery;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "only files observed on this UT date")
    LocalDate date;

    @Option(names = "--instrument", paramLabel = "NAME", description = "only this instrument")
    String instrument;

    @Option(names = "--retry-failed", description = "also send again the rows whose delivery failed")
    boolean retryFailed;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws DrpException {
        PrintWriter out = spec.commandLine().getOut();
        DeliverySettings s = delivery.settings(transferTo, spec.commandLine());
        LedgerQuery q = LedgerQuery.all().status(ProcessingStatus.PROCESSED, ProcessingStatus.TRANSFERRED,
                ProcessingStatus.ERROR);
        if (date != null) {
            q = q.observedBetween(date.atStartOfDay(), date.plusDays(1).atStartOfDay());
        }
        if (instrument != null) {
            q = q.instrument(instrument.toUpperCase(Locale.ROOT));
        }
        try (Ledger l = ledger.open()) {
            Delivery d = new Delivery(l, s.transfer(), s.api(), Clock.systemUTC());
            List<Delivery.Outcome> done = d.resend(q, retryFailed);
            Map<ProcessingStatus, Integer> states = new TreeMap<>();
            TreeSet<String> tables = new TreeSet<>();
            long sent = 0;
            long unchanged = 0;
            for (Delivery.Outcome o : done) {
                out.println(o);
                states.merge(o.status(), 1, Integer::sum);
                sent += o.sent();
                unchanged += o.unchanged();
                if (o.table() != null) {
                    tables.add(o.table().toString());
                }
            }
            out.printf("%d files delivered to %s%s: %s; %d product files copied, %d unchanged%n", done.size(),
                    transferTo, s.ingestApi() == null ? " (no ingest API: rows stop at TRANSFERRED)" : "",
                    states.isEmpty() ? "nothing waiting" : states.toString(), sent, unchanged);
            for (String t : tables) {
                out.println("listed in " + t);
            }
            out.flush();
            return states.containsKey(ProcessingStatus.ERROR) ? 1 : 0;
        }
    }
}
