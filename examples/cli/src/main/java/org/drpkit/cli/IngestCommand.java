package org.drpkit.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.drpkit.archive.FitsFiles;
import org.drpkit.archive.IngestService;
import org.drpkit.archive.config.ArchiveConfig;
import org.drpkit.archive.ledger.JdbcLedger;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.status.LedgerQuery;
import org.drpkit.core.status.Severity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code drpkit ingest FILE|DIR... --out ROOT}: archives files once (the archive's {@code archive.py --files}):
 * queues each file not yet in the ledger, processes the queue (also files an earlier, killed run left behind) with a
 * pool of workers, and prints a summary of the outcomes.
 */
@Command(name = "ingest", description = {"Archive raw FITS files: validate, fix headers, assign archive ids, compute"
        + " data-quality statistics, and write the products (FITS with the fixed header, metadata table, extension"
        + " tables, preview, md5sum table, log) into ROOT/INSTR/YYYYMMDD/lev0/, recording every step in the ledger.",
    "Files already in the ledger (same path and content) are skipped. Renamed files are archived with a warning"
            + " unless --renamed invalid.",
    "Exit status: 0 when every file was archived or skipped, 2 when a file is INVALID, 1 when a file ended in ERROR."})
final class IngestCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "FITS files, or folders searched recursively"
            + " for *.fits, *.fit, *.fts")
    List<Path> inputs;

    @Mixin
    LedgerOptions ledger;

    @Mixin
    IngestSettings settings;

    @Mixin
    ConfigOption config;

    @Option(names = "--progress", negatable = true, description = "show a progress bar (default: when on a terminal)")
    Boolean progress;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws DrpException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Path> files = new ArrayList<>();
        for (Path in : inputs) {
            if (Files.isDirectory(in)) {
                files.addAll(FitsFiles.under(in));
            } else {
                files.add(in); // a missing file is queued too: its row says FITS_NOT_FOUND
            }
        }
        long t0 = System.nanoTime();
        ArchiveConfig c = config.load(); // a bad file: the CLI's DrpException handler, exit 2
        ledger.defaults(c);
        settings.defaults(c);
        try (JdbcLedger l = ledger.open()) {
            IngestService s = new IngestService(l, settings.context(ledger.root(), Severity.WARN, l), settings.transfer(),
                    settings.api(spec.commandLine()));
            int recovered = s.recover();
            int skipped = 0;
            for (IngestService.Queued q : s.enqueueAll(files, settings.workers())) { // stage copies on the workers' threads
                skipped += q.created() ? 0 : 1;
            }
            int queued = l.find(LedgerQuery.all().status(org.drpkit.core.status.ProcessingStatus.QUEUED)).size();
            boolean bar = progress != null ? progress : System.console() != null;
            List<IngestService.Finished> done;
            if (bar && queued > 0) {
                try (ProgressBar pb = new ProgressBarBuilder().setTaskName("ingest").setInitialMax(queued)
                        .setConsumer(new ConsoleProgressBarConsumer(System.err)).setUpdateIntervalMillis(250)
                        .build()) {
                    done = s.drain(settings.workers(), f -> pb.step(), () -> false);
                }
            } else {
                done = s.drain(settings.workers(), f -> { }, () -> false);
            }
            Summary summary = Summary.of(done, skipped, recovered, (System.nanoTime() - t0) / 1e9);
            out.print(summary.text());
            out.flush();
            return summary.exitStatus();
        } catch (DrpException e) {
            err.println(e.getMessage());
            err.flush();
            return Drpkit.EXIT_BAD_INPUT;
        }
    }
}
