package org.drpkit.archive;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.drpkit.core.error.CoreErrorCode;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.instrument.InstrumentPlugin;
import org.drpkit.core.status.LedgerRow;
import org.drpkit.core.status.ProcessingStatus;
import org.drpkit.core.status.Severity;

/**
 * What the service does once a level-0 frame is archived: queues its level-1 run when the plugin asks for one (the
 * archive's {@code run_lev1}, {@link InstrumentPlugin#queuesLevel1()}) and queues the other files the frame names
 * (a DEIMOS science frame's FCS image, {@link FcsReference}). Neither blocks nor fails the frame: a failure is a WARN
 * event on its row ({@code LEV1_INSERT_ERROR}, {@code STAGE_ERROR}).
 */
final class FrameFollowUps {

    /** The states of a frame whose products are archived (locally or delivered). */
    private static final Set<ProcessingStatus> ARCHIVED = Set.of(ProcessingStatus.PROCESSED,
            ProcessingStatus.TRANSFERRED, ProcessingStatus.COMPLETE);

    private FrameFollowUps() {
    }

    static void after(IngestService service, LedgerRow row, IngestService.Finished f) throws DrpException {
        IngestResult r = f.result();
        if (row.level() != 0 || r == null || !ARCHIVED.contains(f.status())) {
            return;
        }
        var ledger = service.ledger();
        var ctx = service.context();
        for (Path ref : r.references()) {
            try {
                IngestService.Queued q = service.enqueue(ref);
                ledger.appendEvent(row.id(), Severity.INFO, IngestCode.FCS_REFERENCE.name(), "service",
                        (q.created() ? "queued " : "already queued: ") + ref + " (row " + q.id() + ")",
                        ctx.clock().instant());
            } catch (DrpException e) {
                if (e.code() == CoreErrorCode.LEDGER_UNAVAILABLE) {
                    throw e;
                }
                ledger.appendEvent(row.id(), Severity.WARN, IngestCode.STAGE_ERROR.name(), "service",
                        "queueing " + ref + ": " + e.getMessage(), ctx.clock().instant());
            }
        }
        Optional<InstrumentPlugin> plugin = ctx.instruments().matching(r.instrument()).stream().findFirst();
        if (plugin.isPresent() && plugin.get().queuesLevel1() && r.koaid() != null && r.processDir() != null) {
            try {
                DrpProducts.Queued q = DrpProducts.queueLevel1(ledger, r.instrument(), r.koaid(),
                        r.processDir().resolve(r.koaid() + ".fits"), ctx.clock().instant());
                ledger.appendEvent(row.id(), Severity.INFO, IngestCode.DRP_QUEUED.name(), "service",
                        "level-1 run: " + q, ctx.clock().instant());
            } catch (DrpException e) {
                if (e.code() == CoreErrorCode.LEDGER_UNAVAILABLE) {
                    throw e;
                }
                ledger.appendEvent(row.id(), Severity.WARN, IngestCode.LEV1_INSERT_ERROR.name(), "service",
                        e.getMessage(), ctx.clock().instant());
            }
        }
    }
}
