package org.drpkit.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drpkit.archive.ArchiveRecords;
import org.drpkit.archive.IngestApi;
import org.drpkit.archive.IngestContext;
import org.drpkit.archive.IngestOptions;
import org.drpkit.archive.KeywordTables;
import org.drpkit.archive.LocalFolderTransfer;
import org.drpkit.archive.Monitor;
import org.drpkit.archive.PluginFolder;
import org.drpkit.archive.RejectedDelivery;
import org.drpkit.archive.Transfer;
import org.drpkit.archive.config.ArchiveConfig;
import org.drpkit.archive.ledger.JdbcLedger;
import org.drpkit.core.instrument.InstrumentPlugin;
import org.drpkit.core.instrument.Instruments;
import org.drpkit.core.status.Severity;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The ingest policy options shared by {@code ingest}, {@code reprocess} and {@code monitor}. */
final class IngestSettings {

    @Option(names = "--keyword-tables", paramLabel = "DIR", description = "folder of the archive's"
            + " KOA_<INSTR>_Keyword_Table.txt files (default: ../shared/data/keck/keyword-tables when it exists);"
            + " instruments without a table get the columns of their own header")
    Path keywordTables;

    /** What a renamed file becomes. */
    enum Renamed {
        /** INVALID, the archive's rule. */
        invalid,
        /** archived, with a WARN event. */
        warn
    }

    @Option(names = "--renamed", paramLabel = "invalid|warn", description = "a file whose OFNAME differs from its"
            + " original name is INVALID (the archive's rule) or archived with a warning")
    Renamed renamed;

    @Option(names = "--strict", description = "every FITS standard error found by the validator makes a file INVALID"
            + " (default: only those that make it unusable, as the archive does)")
    boolean strict;

    @Option(names = "--reject", paramLabel = "PART", description = "reject paths containing PART (repeatable;"
            + " default: the archive's mira, savier-protected, SPEC/ORP, /subtracted, idf)")
    List<String> reject;

    @Option(names = "--no-reject", description = "reject no path")
    boolean noReject;

    @Option(names = "--progid", paramLabel = "ID", description = "force the program id (as the archive's --progid)")
    String progid;

    @Option(names = "--option", paramLabel = "KEY=VALUE", description = "plugin option, e.g. zeroPropint=off")
    Map<String, String> fixOptions = new LinkedHashMap<>();

    @Option(names = "--fsync", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "force products to disk before publishing them (default: on)")
    boolean fsync;

    @Option(names = "--transfer-to", paramLabel = "DIR", description = "send the products into DIR/INSTR/YYYYMMDD/lev0"
            + " after processing (rows end TRANSFERRED)")
    Path transferTo;

    @CommandLine.Mixin
    DeliveryOptions delivery;

    @Option(names = "--stage", paramLabel = "DIR", description = "staging area: each file is copied here when queued"
            + " and processed and reprocessed from the copy, a new version of a path as _ver2, _ver3, ..."
            + " (default: ROOT/stage)")
    Path stage;

    @Option(names = "--no-stage", description = "read files where they lie (no stage copy; a reprocess then needs"
            + " the original)")
    boolean noStage;

    @Option(names = "--plugins", paramLabel = "DIR", description = "instrument plugin jars picked up while running:"
            + " a jar added or replaced here is loaded before the next file (files in flight finish with the old"
            + " plugin); a folder plugin replaces a built-in one of the same name")
    Path plugins;

    @Option(names = "--anc", paramLabel = "DIR", description = "where INVALID files are kept with their log and"
            + " reason, as anc/udf/ROW/NAME (default: ROOT/anc)")
    Path anc;

    @Option(names = "--deliver-rejected", paramLabel = "none|all|CODE,...",
            converter = RejectedRule.class, description = "send INVALID files and their logs with --transfer-to too: none (default), all, or those"
                    + " rejected with the listed status codes")
    RejectedDelivery deliverRejected;

    /** Reads {@code --deliver-rejected}. */
    static final class RejectedRule implements CommandLine.ITypeConverter<RejectedDelivery> {
        @Override
        public RejectedDelivery convert(String value) {
            return RejectedDelivery.parse(value);
        }
    }

    @Option(names = "--previews", paramLabel = "png,jpeg|none", description = "preview formats, each with a 256 px"
            + " thumbnail (default: png,jpeg; config key previews.formats)", converter = PreviewFormats.class)
    String previews;

    /** Checks {@code --previews}. */
    static final class PreviewFormats implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            org.drpkit.archive.PreviewFormat.parse(value);
            return value;
        }
    }

    @Option(names = "--workers", paramLabel = "N", description = "worker threads (default: from the cores and"
            + " the heap)")
    Integer workers;

    /** The configuration file's values, used where no flag was given. */
    private ArchiveConfig config = ArchiveConfig.empty();

    /**
     * Takes the configuration file's values where no flag gave them: workers, stage and anc folders, the transfer
     * destination, the rejected-delivery rule, and the per-instrument switches (which have no flags).
     *
     * @return this
     */
    IngestSettings defaults(ArchiveConfig c) {
        this.config = c;
        if (workers == null) {
            workers = c.workers();
        }
        if (stage == null && !noStage) {
            noStage = c.folders().noStage();
            stage = c.folders().stage();
        }
        if (anc == null) {
            anc = c.folders().anc();
        }
        if (plugins == null) {
            plugins = c.folders().plugins();
        }
        if (transferTo == null) {
            transferTo = c.delivery().destination();
        }
        if (deliverRejected == null) {
            deliverRejected = c.delivery().deliverRejected();
        }
        delivery.defaults(c.delivery().ingestApi());
        return this;
    }

    /**
     * @param ledger the ledger whose database keeps the headers table and {@code koapi_send}
     * @return the context for a root, with {@code renamedDefault} unless --renamed says otherwise, the configuration's
     *         schedule and proposals services (offline unless it names their URLs), and the archive's bookkeeping
     *         (headers table, PI notification: posted where the configuration says, else recorded in
     *         {@code ROOT/koapi_send.jsonl})
     */
    IngestContext context(Path root, Severity renamedDefault, JdbcLedger ledger) {
        IngestOptions o = IngestOptions.archive().fsync(fsync);
        if (strict) {
            o = o.strict();
        }
        o = o.renamed(renamed == null ? renamedDefault : renamed == Renamed.warn ? Severity.WARN : Severity.INVALID);
        if (noReject) {
            o = o.rejectParts(List.of());
        } else if (reject != null) {
            o = o.rejectParts(new ArrayList<>(reject));
        }
        if (progid != null) {
            o = o.fixOption("progid", progid);
        }
        if (previews != null) {
            o = o.previews(org.drpkit.archive.PreviewFormat.parse(previews));
        } else if (config.previewFormats() != null) {
            o = o.previews(config.previewFormats());
        }
        for (Map.Entry<String, String> e : fixOptions.entrySet()) {
            o = o.fixOption(e.getKey(), e.getValue());
        }
        Instruments builtIn = Instruments.load();
        IngestContext.Builder b = IngestContext.builder(root).instruments(builtIn).keywordTables(tables()).options(o)
                .rejectedDelivery(deliverRejected != null ? deliverRejected : RejectedDelivery.NONE);
        for (Map.Entry<String, ArchiveConfig.InstrumentSwitch> e : config.instruments().entrySet()) {
            for (InstrumentPlugin p : builtIn.matching(e.getKey())) { // the file may use an alias
                if (!e.getValue().enabled()) {
                    b.disable(p.name());
                }
                if (e.getValue().deliverRejected() != null) {
                    b.rejectedDelivery(p.name(), e.getValue().deliverRejected());
                }
            }
        }
        if (noStage) {
            b.noStage();
        } else if (stage != null) {
            b.stage(stage);
        }
        if (anc != null) {
            b.anc(anc);
        }
        if (plugins != null) {
            b.pluginFolder(PluginFolder.of(plugins, builtIn));
        }
        config.services().settings(root).install(b, Clock.systemUTC());
        b.records(ArchiveRecords.on(ledger, config.services().piNotifier(root)));
        return b.build();
    }

    /** @return the keyword tables: the option's folder, else the shared data's, else none */
    KeywordTables tables() {
        if (keywordTables != null) {
            return KeywordTables.in(keywordTables);
        }
        return KeywordTables.sharedOrNone();
    }

    /** @return the transfer, or null */
    Transfer transfer() {
        return transferTo == null ? null : new LocalFolderTransfer(transferTo);
    }

    /** @return the archive's ingest API called after each transfer, or null */
    IngestApi api(CommandLine cl) {
        return delivery.api(transferTo, cl);
    }

    /** @return the number of workers */
    int workers() {
        return workers != null ? Math.max(1, workers) : Monitor.Options.defaultWorkers();
    }
}
