package org.drpkit.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drpkit.archive.IngestApi;
import org.drpkit.archive.IngestContext;
import org.drpkit.archive.IngestOptions;
import org.drpkit.archive.KeywordTables;
import org.drpkit.archive.LocalFolderTransfer;
import org.drpkit.archive.Monitor;
import org.drpkit.archive.RejectedDelivery;
import org.drpkit.archive.Transfer;
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

    @Option(names = "--anc", paramLabel = "DIR", description = "where INVALID files are kept with their log and"
            + " reason, as anc/udf/ROW/NAME (default: ROOT/anc)")
    Path anc;

    @Option(names = "--deliver-rejected", paramLabel = "none|all|CODE,...", defaultValue = "none",
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

    @Option(names = "--workers", paramLabel = "N", description = "worker threads (default: from the cores and"
            + " the heap)")
    Integer workers;

    /** @return the context for a root, with {@code renamedDefault} unless --renamed says otherwise */
    IngestContext context(Path root, Severity renamedDefault) {
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
        for (Map.Entry<String, String> e : fixOptions.entrySet()) {
            o = o.fixOption(e.getKey(), e.getValue());
        }
        IngestContext.Builder b = IngestContext.builder(root).keywordTables(tables()).options(o)
                .rejectedDelivery(deliverRejected);
        if (noStage) {
            b.noStage();
        } else if (stage != null) {
            b.stage(stage);
        }
        if (anc != null) {
            b.anc(anc);
        }
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
