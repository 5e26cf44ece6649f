package org.drpkit.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.drpkit.archive.Delivery;
import org.drpkit.archive.IngestResult;
import org.drpkit.archive.IngestService;
import org.drpkit.core.status.ProcessingStatus;
import org.drpkit.core.status.Severity;
import org.drpkit.core.status.StatusEvent;

/** The table of outcomes printed after {@code ingest} and {@code reprocess}, and their exit status. */
record Summary(List<IngestService.Finished> done, int skipped, int recovered, double seconds) {

    static Summary of(List<IngestService.Finished> done, int skipped, int recovered, double seconds) {
        return new Summary(List.copyOf(done), skipped, recovered, seconds);
    }

    /** @return 1 when a file ended ERROR, else 2 when one is INVALID, else 0 */
    int exitStatus() {
        boolean invalid = false;
        for (IngestService.Finished f : done) {
            if (f.status() == ProcessingStatus.ERROR) {
                return 1;
            }
            invalid |= f.status() == ProcessingStatus.INVALID;
        }
        return invalid ? Drpkit.EXIT_BAD_INPUT : 0;
    }

    String text() {
        StringBuilder sb = new StringBuilder();
        Map<String, Integer> outcomes = new TreeMap<>();
        Map<String, Integer> warnings = new TreeMap<>();
        List<String> failed = new ArrayList<>();
        for (IngestService.Finished f : done) {
            IngestResult r = f.result();
            String code = r != null && r.code() != null ? r.code() : "";
            String why = null;
            if (f.delivery() != null && f.delivery().error() != null) {
                code = f.delivery().statusCode() != null ? f.delivery().statusCode() : code;
                why = f.delivery().error();
            }
            outcomes.merge(String.format("%-12s %s", f.status(), code), 1, Integer::sum);
            if (r == null) {
                continue;
            }
            for (StatusEvent e : r.events()) {
                if (e.severity() == Severity.WARN) {
                    warnings.merge(e.code(), 1, Integer::sum);
                }
            }
            if (f.status() == ProcessingStatus.INVALID || f.status() == ProcessingStatus.ERROR) {
                StatusEvent last = r.events().get(r.events().size() - 1);
                failed.add(f.status() + " " + code + " " + r.file() + ": " + (why != null ? why
                        : last.text().lines().findFirst().orElse("")));
            }
        }
        sb.append(String.format("%d files processed in %.1f s (%.1f files/s)%n", done.size(), seconds,
                seconds > 0 ? done.size() / seconds : 0));
        sb.append(String.format("  %-12s %-24s %6s%n", "state", "code", "files"));
        outcomes.forEach((k, n) -> sb.append(String.format("  %-37s %6d%n", k, n)));
        if (skipped > 0) {
            sb.append(skipped).append(" files skipped: already in the ledger with the same path and content\n");
        }
        if (recovered > 0) {
            sb.append(recovered).append(" files of an interrupted run were queued again\n");
        }
        if (!warnings.isEmpty()) {
            sb.append("warnings (events):");
            warnings.forEach((c, n) -> sb.append(' ').append(c).append(' ').append(n));
            sb.append('\n');
        }
        for (String f : failed.subList(0, Math.min(20, failed.size()))) {
            sb.append("  ").append(f).append('\n');
        }
        if (failed.size() > 20) {
            sb.append("  ... and ").append(failed.size() - 20).append(" more (drpkit report, drpkit status)\n");
        }
        return sb.toString();
    }
}
