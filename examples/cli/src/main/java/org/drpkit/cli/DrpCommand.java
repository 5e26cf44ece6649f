package org.drpkit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.drpkit.archive.DrpProducts;
import org.drpkit.archive.IngestService;
import org.drpkit.archive.config.ArchiveConfig;
import org.drpkit.archive.ledger.JdbcLedger;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.status.Severity;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code drpkit drp queue --out ROOT --koaid ID --level 1|2 DRP_DIR}: the ingest endpoint a data-reduction pipeline
 * calls when it has written a frame's products. Queues a level-1 or level-2 ledger row (service DRP) that a running
 * monitor, or {@code --process} here, copies into {@code ROOT/INSTR/YYYYMMDD/lev{N}/} with its md5sum table and
 * delivers. The pipeline never waits for the archive.
 *
 * <pre>
 * drpkit drp queue --out /koadata --koaid N2.20170725.37273.00 --level 1 /drp/nirc2/2017jul25
 * </pre>
 */
@Command(name = "drp", description = "Pipeline (level 1 and 2) products for the archive.",
        subcommands = {DrpCommand.Queue.class, CommandLine.HelpCommand.class})
final class DrpCommand {

    /** {@code drpkit drp queue}. */
    @Command(name = "queue", description = {"Queue a pipeline's product folder for a frame at level 1 or 2.",
        "The instrument's rule picks the frame's products from the folder when the row is processed;"
                + " queueing the same content again changes nothing, changed content reprocesses the row."})
    static final class Queue implements Callable<Integer> {

        @Mixin
        LedgerOptions ledger;

        @Mixin
        IngestSettings settings;

        @Mixin
        ConfigOption config;

        @Option(names = "--koaid", required = true, paramLabel = "ID", description = "the frame's archive id")
        String koaid;

        @Option(names = "--level", required = true, paramLabel = "N", description = "1 (quick look) or 2 (science)")
        int level;

        @Option(names = "--instrument", paramLabel = "NAME", description = "the instrument (default: the frame's"
                + " level-0 row's)")
        String instrument;

        @Option(names = "--process", description = "process the queue now instead of leaving it to a monitor")
        boolean process;

        @Parameters(index = "0", paramLabel = "DRP_DIR", description = "the folder the pipeline wrote")
        Path folder;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws DrpException {
            PrintWriter out = spec.commandLine().getOut();
            ArchiveConfig c = config.load();
            ledger.defaults(c);
            settings.defaults(c);
            long t0 = System.nanoTime();
            try (JdbcLedger l = ledger.open()) {
                DrpProducts.Queued q = DrpProducts.queue(l, instrument, koaid, level, folder, Instant.now());
                out.println(q);
                if (!process) {
                    out.flush();
                    return 0;
                }
                IngestService s = new IngestService(l, settings.context(ledger.root(), Severity.WARN, l),
                        settings.transfer(), settings.api(spec.commandLine()));
                Summary summary = Summary.of(s.drain(settings.workers(), f -> { }, () -> false), 0, s.recover(),
                        (System.nanoTime() - t0) / 1e9);
                out.print(summary.text());
                out.flush();
                return summary.exitStatus();
            }
        }
    }
}
