package org.drpkit.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.drpkit.archive.ledger.ArchiveAttributes;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.status.Ledger;
import org.drpkit.core.status.LedgerEvent;
import org.drpkit.core.status.LedgerQuery;
import org.drpkit.core.status.LedgerRow;
import org.drpkit.core.status.ProcessingStatus;
import org.drpkit.core.status.Severity;
import org.drpkit.fits.checksum.Md5;
import org.drpkit.fits.table.Md5SumTable;

/**
 * The reconciliation of one UT night, disk against ledger (the archive's {@code generate_nightly_report.py} and
 * {@code check_dep_status_errors.py}): source files never ingested, rows stuck in a non-final
 * state, INVALID and ERROR files grouped by code, warnings grouped by code, and the product folders checked against the
 * rows that own them (products without a PROCESSED row, PROCESSED rows whose products are missing or fail their md5sum
 * table, leftover temporaries).
 *
 * <p>A row belongs to the night when its observation time falls on that UT date, or, having none (it failed before
 * its time was read), when it was queued that UT day. A source file belongs to the night when it was last modified on
 * that UT day.
 *
 * <pre>{@code
 * NightReport r = NightReport.of(ledger, Path.of("/koadata"), LocalDate.of(2017, 7, 25),
 *         List.of(Path.of("/sdata904/nirc2eng")), Duration.ofMinutes(15), Instant.now());
 * Files.writeString(Path.of("report-20170725.txt"), r.text());   // or: log.info("{}", r.text())
 * }</pre>
 *
 * @param night               the UT date
 * @param rows                the night's rows, by id
 * @param states              the night's rows per state
 * @param neverIngested       source files of the night with no ledger row
 * @param stuck               rows of any night left QUEUED, PROCESSING or TRANSFERRING longer than the limit
 * @param failures            INVALID and ERROR rows of the night, per {@code STATE CODE}
 * @param warnings            the night's WARN events per code: how many files raised it
 * @param productsWithoutRow  product files of the night's folders whose archive id no PROCESSED or TRANSFERRED row
 *                            owns (a failed run's log is owned by its row)
 * @param incompleteProducts  PROCESSED or TRANSFERRED rows whose md5sum table is missing or does not verify
 * @param temporaries         hidden temporaries left in the night's product folders
 */
public record NightReport(LocalDate night, List<LedgerRow> rows, Map<ProcessingStatus, Long> states,
        List<Path> neverIngested, List<LedgerRow> stuck, Map<String, List<LedgerRow>> failures,
        Map<String, Long> warnings, List<Path> productsWithoutRow, List<String> incompleteProducts,
        List<Path> temporaries) {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final java.util.regex.Pattern PRODUCT = java.util.regex.Pattern.compile(
            "([A-Z][A-Z0-9]\\.\\d{8}\\.\\d{5}(?:\\.\\d{2})?(?:_[A-Za-z0-9-]+)?)\\.");

    /**
     * Builds the report.
     *
     * @param root       the output root ({@code root/INSTR/YYYYMMDD/lev0})
     * @param sources    folders where the instruments write (searched recursively for FITS files); may be empty
     * @param stuckAfter how long a row may stay in a non-final state before it counts as stuck
     * @throws DrpException when the ledger fails
     */
    public static NightReport of(Ledger ledger, Path root, LocalDate night, List<Path> sources, Duration stuckAfter,
            Instant now) throws DrpException {
        Instant from = night.atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant until = from.plus(Duration.ofDays(1));
        Map<Long, LedgerRow> byId = new TreeMap<>();
        for (LedgerRow r : ledger.find(LedgerQuery.all().observedBetween(night.atStartOfDay(),
                night.plusDays(1).atStartOfDay()))) {
            byId.put(r.id(), r);
        }
        for (LedgerRow r : ledger.find(LedgerQuery.all().queuedBetween(from, until))) {
            if (r.observed() == null) {
                byId.put(r.id(), r);
            }
        }
        List<LedgerRow> rows = new ArrayList<>(byId.values());
        Map<ProcessingStatus, Long> states = new TreeMap<>();
        Map<String, List<LedgerRow>> failures = new TreeMap<>();
        for (LedgerRow r : rows) {
            states.merge(r.status(), 1L, Long::sum);
            if (r.status() == ProcessingStatus.INVALID || r.status() == ProcessingStatus.ERROR) {
                failures.computeIfAbsent(r.status() + " " + r.statusCode(), k -> new ArrayList<>()).add(r);
            }
        }
        Map<String, Long> warnings = new TreeMap<>();
        Map<String, Set<Long>> warnedFiles = new LinkedHashMap<>();
        for (LedgerEvent e : nightEvents(ledger, night, from, until)) {
            if (e.severity() == Severity.WARN && byId.containsKey(e.statusId())) {
                warnedFiles.computeIfAbsent(e.code(), k -> new LinkedHashSet<>()).add(e.statusId());
            }
        }
        warnedFiles.forEach((code, ids) -> warnings.put(code, (long) ids.size()));

        List<LedgerRow> stuck = new ArrayList<>();
        for (LedgerRow r : ledger.find(LedgerQuery.all().status(ProcessingStatus.QUEUED, ProcessingStatus.PROCESSING,
                ProcessingStatus.TRANSFERRING))) {
            if (r.lastModified().isBefore(now.minus(stuckAfter))) {
                stuck.add(r);
            }
        }
        List<Path> never = new ArrayList<>();
        for (Path src : sources) {
            for (Path f : fitsFiles(src)) {
                Instant m;
                try {
                    m = Files.getLastModifiedTime(f).toInstant();
                } catch (IOException e) {
                    continue;
                }
                if (!m.isBefore(from) && m.isBefore(until)
                        && ledger.find(LedgerQuery.all().ofname(f.toAbsolutePath().normalize().toString())).isEmpty()) {
                    never.add(f);
                }
            }
        }
        List<Path> orphans = new ArrayList<>();
        List<String> incomplete = new ArrayList<>();
        List<Path> temporaries = new ArrayList<>();
        Map<String, LedgerRow> owners = new TreeMap<>();
        for (LedgerRow r : rows) {
            if (r.archiveId() != null) {
                owners.put(r.archiveId(), r);
            }
        }
        for (Path lev0 : lev0Folders(root, night)) {
            try (Stream<Path> s = Files.list(lev0)) {
                for (Path p : s.sorted().toList()) {
                    String n = p.getFileName().toString();
                    if (n.startsWith(".")) {
                        temporaries.add(p);
                        continue;
                    }
                    String k = owner(n, owners);
                    LedgerRow r = k == null ? null : owners.get(k);
                    boolean done = r != null && Delivery.holdsProducts(r);
                    boolean failedLog = r != null && n.equals(k + ".log");
                    if (!done && !failedLog) {
                        orphans.add(p);
                    }
                }
            } catch (IOException e) {
                orphans.add(lev0);
            }
        }
        for (LedgerRow r : rows) {
            if (Delivery.holdsProducts(r)) {
                String problem = verify(r);
                if (problem != null) {
                    incomplete.add(r.archiveId() + ": " + problem);
                }
            }
        }
        return new NightReport(night, rows, states, never, stuck, failures, warnings, orphans, incomplete,
                temporaries);
    }

    /** Copies the collections. */
    public NightReport {
        rows = List.copyOf(rows);
        states = Map.copyOf(states);
        neverIngested = List.copyOf(neverIngested);
        stuck = List.copyOf(stuck);
        failures = Map.copyOf(failures);
        warnings = Map.copyOf(warnings);
        productsWithoutRow = List.copyOf(productsWithoutRow);
        incompleteProducts = List.copyOf(incompleteProducts);
        temporaries = List.copyOf(temporaries);
    }

    /** @return true when nothing needs a person's attention (warnings aside) */
    public boolean isClean() {
        return neverIngested.isEmpty() && stuck.isEmpty() && failures.isEmpty() && productsWithoutRow.isEmpty()
                && incompleteProducts.isEmpty() && temporaries.isEmpty();
    }

    /** @return the report for a person */
    public String text() {
        StringBuilder sb = new StringBuilder();
        sb.append("night ").append(night.format(DAY)).append(": ").append(rows.size()).append(" files in the ledger");
        states.forEach((s, n) -> sb.append(", ").append(n).append(' ').append(s));
        sb.append('\n');
        section(sb, "never ingested (source files of the night without a ledger row)", neverIngested);
        List<String> stuckLines = new ArrayList<>();
        for (LedgerRow r : stuck) {
            stuckLines.add(r + " (since " + r.lastModified() + ")");
        }
        section(sb, "stuck (not final for too long)", stuckLines);
        sb.append("invalid and error files by code: ").append(failures.isEmpty() ? "none" : failures.size() + " codes").append('\n');
        failures.forEach((code, rs) -> {
            sb.append("  ").append(code).append(": ").append(rs.size()).append('\n');
            for (LedgerRow r : rs.subList(0, Math.min(5, rs.size()))) {
                sb.append("    ").append(r.ofname()).append('\n');
            }
            if (rs.size() > 5) {
                sb.append("    ...\n");
            }
        });
        sb.append("warnings by code (files): ").append(warnings.isEmpty() ? "none" : warnings.size() + " codes").append('\n');
        warnings.forEach((code, n) -> sb.append("  ").append(code).append(": ").append(n).append('\n'));
        section(sb, "products without a PROCESSED row", productsWithoutRow);
        section(sb, "PROCESSED rows with missing or corrupt products", incompleteProducts);
        section(sb, "leftover temporaries", temporaries);
        sb.append(isClean() ? "disk and ledger agree\n" : "disk and ledger need attention\n");
        return sb.toString();
    }

    private static void section(StringBuilder sb, String title, List<?> items) {
        sb.append(title).append(": ").append(items.isEmpty() ? "none" : items.size()).append('\n');
        for (Object o : items.subList(0, Math.min(20, items.size()))) {
            sb.append("  ").append(o).append('\n');
        }
        if (items.size() > 20) {
            sb.append("  ...\n");
        }
    }

    private static List<LedgerEvent> nightEvents(Ledger ledger, LocalDate night, Instant from, Instant until)
            throws DrpException {
        List<LedgerEvent> out = new ArrayList<>(ledger.findEvents(LedgerQuery.all().observedBetween(night.atStartOfDay(),
                night.plusDays(1).atStartOfDay())));
        out.addAll(ledger.findEvents(LedgerQuery.all().queuedBetween(from, until)));
        return out;
    }

    /** @return the archive id that a product's name starts with, or null */
    private static String owner(String name, Map<String, LedgerRow> owners) {
        java.util.regex.Matcher m = PRODUCT.matcher(name);
        return m.lookingAt() ? m.group(1) : null;
    }

    /** @return what is wrong with a finished row's products, or null */
    private static String verify(LedgerRow r) {
        if (r.attribute(ArchiveAttributes.PROCESS_DIR) == null || r.archiveId() == null) {
            return "no product folder recorded";
        }
        Path dir = Path.of(r.attribute(ArchiveAttributes.PROCESS_DIR));
        Path table = dir.resolve(r.archiveId() + ".md5sum.table");
        try {
            for (Md5SumTable.Entry e : Md5SumTable.read(table).entries()) {
                if (!Md5.hex(dir.resolve(e.path())).equals(e.md5())) {
                    return e.path() + " does not match its MD5";
                }
            }
            return Files.exists(dir.resolve(r.archiveId() + ".fits")) ? null : "no " + r.archiveId() + ".fits";
        } catch (DrpException e) {
            return e.getMessage();
        }
    }

    private static List<Path> lev0Folders(Path root, LocalDate night) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (Stream<Path> s = Files.list(root)) {
            for (Path instr : s.sorted().toList()) {
                Path lev0 = instr.resolve(night.format(DAY)).resolve("lev0");
                if (Files.isDirectory(lev0)) {
                    out.add(lev0);
                }
            }
        } catch (IOException e) {
            // an unreadable root shows as no folders
        }
        return out;
    }

    private static List<Path> fitsFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> FitsFiles.hasFitsName(p) && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
