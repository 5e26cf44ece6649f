package org.drpkit.archive.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.drpkit.archive.Notifier;
import org.drpkit.archive.Watchdog;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.status.Ledger;
import org.drpkit.core.status.LedgerRow;

/**
 * The watchdog's findings as alerts: one per instrument and kind of problem ({@code STUCK}, {@code MISSING_PRODUCT},
 * {@code MISSING_COPY}, {@code UNKNOWN_FILE}), so ten rows stuck behind one hung worker are one message, not ten. A
 * problem of a row takes the row's instrument; a file no row owns is the archive's ({@value #ARCHIVE}). Each message
 * starts with the count and lists at most {@value #LISTED} problems.
 *
 * <pre>{@code
 * Watchdog.Report r = Watchdog.check(ledger, context, Duration.ofMinutes(60), Instant.now());
 * for (Notifier.Alert a : WatchdogAlerts.of(r, ledger)) notifier.send(a);
 * }</pre>
 */
public final class WatchdogAlerts {

    /** The instrument of problems no row owns. */
    public static final String ARCHIVE = "ARCHIVE";

    /** Problems listed in one alert; the rest are counted. */
    public static final int LISTED = 20;

    private WatchdogAlerts() {
    }

    /**
     * @param ledger where the rows' instruments are read
     * @return the alerts, by instrument then kind; empty when the report is clean
     * @throws DrpException {@code LEDGER_UNAVAILABLE} when a row cannot be read
     */
    public static List<Notifier.Alert> of(Watchdog.Report report, Ledger ledger) throws DrpException {
        Map<String, Map<Watchdog.Kind, List<Watchdog.Problem>>> grouped = new TreeMap<>();
        Map<Long, String> instruments = new TreeMap<>();
        for (Watchdog.Problem p : report.problems()) {
            String instr = ARCHIVE;
            if (p.row() != null) {
                if (!instruments.containsKey(p.row())) {
                    instruments.put(p.row(), ledger.row(p.row()).map(LedgerRow::instrument).orElse(ARCHIVE));
                }
                instr = instruments.get(p.row());
            }
            grouped.computeIfAbsent(instr, k -> new TreeMap<>()).computeIfAbsent(p.kind(), k -> new ArrayList<>())
                    .add(p);
        }
        List<Notifier.Alert> out = new ArrayList<>();
        grouped.forEach((instr, byKind) -> byKind.forEach((kind, problems) -> {
            StringBuilder sb = new StringBuilder().append(problems.size()).append(' ').append(what(kind, problems.size()))
                    .append(" (watchdog of ").append(report.root()).append(" at ").append(report.checked()).append(")");
            for (Watchdog.Problem p : problems.subList(0, Math.min(LISTED, problems.size()))) {
                sb.append('\n').append(p);
            }
            if (problems.size() > LISTED) {
                sb.append("\n... and ").append(problems.size() - LISTED).append(" more (drpkit watchdog --out ")
                        .append(report.root()).append(')');
            }
            out.add(new Notifier.Alert(instr, kind.name(), sb.toString(), 0));
        }));
        return out;
    }

    private static String what(Watchdog.Kind kind, int n) {
        return switch (kind) {
            case STUCK -> n == 1 ? "row stuck in PROCESSING or TRANSFERRING" : "rows stuck in PROCESSING or TRANSFERRING";
            case MISSING_PRODUCT -> n == 1 ? "product missing" : "products missing";
            case MISSING_COPY -> n == 1 ? "stage or anc/ copy missing" : "stage or anc/ copies missing";
            case UNKNOWN_FILE -> n == 1 ? "file no ledger row owns" : "files no ledger row owns";
        };
    }
}
