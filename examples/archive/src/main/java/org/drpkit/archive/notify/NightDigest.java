package org.drpkit.archive.notify;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.drpkit.archive.IngestService;
import org.drpkit.archive.Notifier;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.status.Ledger;
import org.drpkit.core.status.LedgerQuery;
import org.drpkit.core.status.LedgerRow;
import org.drpkit.core.status.ProcessingStatus;

/**
 * The daily digest of one UT night from the ledger alone (cheap: no disk walk, no checksum; {@code drpkit report}
 * is the full reconciliation): how many files per instrument ended in each state, the INVALID and ERROR files counted
 * by instrument and code, and each of them by name. A row belongs to the night as in
 * {@link org.drpkit.archive.NightReport}: its observation falls on that UT date, or, having none, it was queued that
 * UT day.
 *
 * <pre>{@code
 * NightDigest d = NightDigest.of(ledger, LocalDate.of(2017, 7, 25));
 * notifier.send(d.alert());      // e-mail subject "drpkit ALL DIGEST: night 20170725: 42 files, 40 PROCESSED, 2 INVALID"
 * }</pre>
 *
 * @param night    the UT date
 * @param counts   per instrument, per state, the number of files
 * @param failures the INVALID and ERROR files, by row id
 */
public record NightDigest(LocalDate night, Map<String, Map<ProcessingStatus, Long>> counts,
        List<Failure> failures) {

    /** The failures listed by name in {@link #text()}; the rest are counted. */
    public static final int LISTED = 50;

    /** The pseudo-instrument of a digest's alert. */
    public static final String ALL = "ALL";

    /** The code of a digest's alert. */
    public static final String CODE = "DIGEST";

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final Set<ProcessingStatus> FAILED = EnumSet.of(ProcessingStatus.INVALID, ProcessingStatus.ERROR);

    /**
     * One file that failed.
     *
     * @param row        the ledger row
     * @param instrument the instrument, or {@code UNKNOWN}
     * @param status     INVALID or ERROR
     * @param code       the status code
     * @param file       the original path
     */
    public record Failure(long row, String instrument, ProcessingStatus status, String code, String file) {
        @Override
        public String toString() {
            return "#" + row + " " + instrument + " " + status + " " + code + " " + file;
        }
    }

    /** Copies the collections (sorted by instrument, then state). */
    public NightDigest {
        Map<String, Map<ProcessingStatus, Long>> c = new TreeMap<>();
        counts.forEach((k, v) -> c.put(k, Map.copyOf(new TreeMap<>(v))));
        counts = java.util.Collections.unmodifiableMap(c);
        failures = List.copyOf(failures);
    }

    /**
     * Reads the night's rows.
     *
     * @throws DrpException {@code LEDGER_UNAVAILABLE} when the ledger cannot be read
     */
    public static NightDigest of(Ledger ledger, LocalDate night) throws DrpException {
        Instant from = night.atStartOfDay().toInstant(ZoneOffset.UTC);
        Map<Long, LedgerRow> rows = new TreeMap<>();
        for (LedgerRow r : ledger.find(LedgerQuery.all().observedBetween(night.atStartOfDay(),
                night.plusDays(1).atStartOfDay()))) {
            rows.put(r.id(), r);
        }
        for (LedgerRow r : ledger.find(LedgerQuery.all().queuedBetween(from, from.plus(Duration.ofDays(1))))) {
            if (r.observed() == null) {
                rows.put(r.id(), r);
            }
        }
        Map<String, Map<ProcessingStatus, Long>> counts = new TreeMap<>();
        List<Failure> failures = new ArrayList<>();
        for (LedgerRow r : rows.values()) {
            String instr = r.instrument() == null ? IngestService.UNKNOWN : r.instrument();
            counts.computeIfAbsent(instr, k -> new TreeMap<>()).merge(r.status(), 1L, Long::sum);
            if (FAILED.contains(r.status())) {
                failures.add(new Failure(r.id(), instr, r.status(), r.statusCode(), r.ofname()));
            }
        }
        return new NightDigest(night, counts, failures);
    }

    /** @return the number of files of the night */
    public long files() {
        return counts.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
    }

    /** @return files per state over every instrument */
    public Map<ProcessingStatus, Long> totals() {
        Map<ProcessingStatus, Long> t = new TreeMap<>();
        counts.values().forEach(m -> m.forEach((s, n) -> t.merge(s, n, Long::sum)));
        return t;
    }

    /** @return {@code INSTR STATE CODE} -> number of files, for the INVALID and ERROR files */
    public Map<String, Long> failuresByCode() {
        Map<String, Long> m = new TreeMap<>();
        for (Failure f : failures) {
            m.merge(f.instrument() + " " + f.status() + " " + f.code(), 1L, Long::sum);
        }
        return m;
    }

    /** @return one line: the night, the files and the totals per state */
    public String headline() {
        StringBuilder sb = new StringBuilder("night ").append(night.format(DAY)).append(": ").append(files())
                .append(" files");
        totals().forEach((s, n) -> sb.append(", ").append(n).append(' ').append(s));
        return sb.toString();
    }

    /** @return the digest for a person: the headline, a table of instruments by state, the failures */
    public String text() {
        StringBuilder sb = new StringBuilder(headline()).append('\n');
        Set<ProcessingStatus> states = totals().keySet();
        if (!states.isEmpty()) {
            sb.append('\n').append(String.format("%-12s", "instrument"));
            for (ProcessingStatus s : states) {
                sb.append(String.format(" %12s", s));
            }
            sb.append('\n');
            counts.forEach((instr, m) -> {
                sb.append(String.format("%-12s", instr));
                for (ProcessingStatus s : states) {
                    sb.append(String.format(" %12d", m.getOrDefault(s, 0L)));
                }
                sb.append('\n');
            });
        }
        sb.append("\nINVALID and ERROR files by instrument and code: ")
                .append(failures.isEmpty() ? "none" : failures.size()).append('\n');
        failuresByCode().forEach((k, n) -> sb.append("  ").append(k).append(": ").append(n).append('\n'));
        if (!failures.isEmpty()) {
            sb.append("\nthe files:\n");
            for (Failure f : failures.subList(0, Math.min(LISTED, failures.size()))) {
                sb.append("  ").append(f).append('\n');
            }
            if (failures.size() > LISTED) {
                sb.append("  ... and ").append(failures.size() - LISTED).append(" more (drpkit status --out ROOT)\n");
            }
        }
        return sb.toString();
    }

    /** @return the digest as one alert of instrument {@value #ALL} and code {@value #CODE} (never throttled) */
    public Notifier.Alert alert() {
        return new Notifier.Alert(ALL, CODE, text(), 0);
    }

    @Override
    public String toString() {
        return "NightDigest[" + headline() + ", " + failures.size() + " INVALID or ERROR]";
    }
}
