package org.drpkit.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.drpkit.archive.ledger.ArchiveAttributes;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.status.Ledger;
import org.drpkit.core.status.LedgerQuery;
import org.drpkit.core.status.LedgerRow;
import org.drpkit.core.status.ProcessingStatus;
import org.drpkit.fits.table.Md5SumTable;

/**
 * An error monitor independent of the ingest processes: it reads the ledger and the disk and lists what is wrong,
 * so a cron job notices a dead monitor, a lost disk or a hand-edited tree (the archive's
 * {@code check_dep_status_errors}, plus the disk). It changes nothing. What it reports, each a {@link Problem}:
 * <ul>
 * <li>{@link Kind#STUCK}: a row PROCESSING or TRANSFERRING for longer than the limit (a killed or hung worker);</li>
 * <li>{@link Kind#MISSING_PRODUCT}: a PROCESSED, TRANSFERRED or COMPLETE row (or an ERROR one whose delivery
 * failed) whose md5sum table, log, or a product the table lists is gone;</li>
 * <li>{@link Kind#MISSING_COPY}: a row whose stage copy, or an INVALID row whose {@code anc/} copy, is gone;</li>
 * <li>{@link Kind#UNKNOWN_FILE}: a file under the root (products, stage, anc) that no row owns, including hidden
 * temporaries older than the limit (left by a killed process).</li>
 * </ul>
 * A file is a row's when it is the row's stage copy, lies in the row's {@code anc/udf/ROW/} folder, or lies in a
 * {@code lev*} folder and is named after a row's archive id ({@code KOAID.fits}, {@code KOAID.log}, ...), or is a
 * pipeline product a level-1/2 row's md5sum table lists (any name, sub-folders too); a night
 * folder's transfer table {@code xfr.table} (and its lock) belongs to the deliveries; files of
 * the default H2 ledger ({@code ROOT/ledger.*}) are the ledger's own. Products are checked for existence, not
 * content ({@code drpkit report} recomputes checksums). One pass over the rows and one walk of the disk.
 *
 * <pre>{@code
 * Watchdog.Report r = Watchdog.check(ledger, IngestContext.builder(Path.of("/koadata")).build(),
 *         Duration.ofMinutes(60), Instant.now());
 * if (!r.ok()) r.problems().forEach(p -> log.warn("{}", p));   // log: an SLF4J Logger
 * }</pre>
 */
public final class Watchdog {

    /** What is wrong. */
    public enum Kind {
        /** A row has been PROCESSING or TRANSFERRING longer than the limit. */
        STUCK,
        /** A finished row's product (or md5sum table, or log) is missing. */
        MISSING_PRODUCT,
        /** A row's stage copy or {@code anc/} copy is missing. */
        MISSING_COPY,
        /** A file on disk that no ledger row owns. */
        UNKNOWN_FILE
    }

    /**
     * One finding.
     *
     * @param kind what is wrong
     * @param row  the ledger row concerned, or null for a file no row owns
     * @param path the file concerned, or null for a stuck row
     * @param text a sentence for the operator
     */
    public record Problem(Kind kind, Long row, Path path, String text) {
        /** Checks the kind and text. */
        public Problem {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(text, "text");
        }

        @Override
        public String toString() {
            return kind + (row != null ? " #" + row : "") + (path != null ? " " + path : "") + ": " + text;
        }
    }

    /**
     * What one check found.
     *
     * @param root     the output root checked
     * @param checked  when the check ran
     * @param rows     the ledger rows read
     * @param files    the files found under the root (the ledger's own left out)
     * @param problems every problem, stuck rows first, then by kind and path
     */
    public record Report(Path root, Instant checked, int rows, int files, List<Problem> problems) {
        /** Copies the list. */
        public Report {
            problems = List.copyOf(problems);
        }

        /** @return true when nothing is wrong */
        public boolean ok() {
            return problems.isEmpty();
        }

        /** @return how many problems of a kind */
        public long count(Kind kind) {
            return problems.stream().filter(p -> p.kind() == kind).count();
        }

        @Override
        public String toString() {
            return "watchdog " + root + " at " + checked + ": " + rows + " rows, " + files + " files, "
                    + (ok() ? "no problem" : problems.size() + " problems");
        }
    }

    private Watchdog() {
    }

    /**
     * Checks a ledger against the disk of a context (its root, stage area and {@code anc/} area).
     *
     * @param stuckAfter how long a row may stay PROCESSING or TRANSFERRING, and a hidden temporary may live
     * @param now        the time to measure against
     * @throws DrpException {@code LEDGER_UNAVAILABLE} when the ledger cannot be read; {@code WATCHDOG_UNREADABLE}
     *                      when the root cannot be listed
     */
    public static Report check(Ledger ledger, IngestContext context, Duration stuckAfter, Instant now)
            throws DrpException {
        Path root = context.root();
        List<LedgerRow> rows = ledger.find(LedgerQuery.all());
        List<Problem> problems = new ArrayList<>();
        Set<Path> stageCopies = new HashSet<>();
        Set<Path> listed = new HashSet<>(); // products of level-1/2 rows: named by their pipelines, in sub-folders
        Set<Long> ids = new HashSet<>();
        Set<String> koaids = new HashSet<>();
        Instant limit = now.minus(stuckAfter);
        for (LedgerRow r : rows) {
            stuck(r, limit, stuckAfter, problems);
            ids.add(r.id());
            if (r.archiveId() != null) {
                koaids.add(r.archiveId());
            }
            String stage = r.attribute(ArchiveAttributes.STAGE_FILE);
            if (stage != null) {
                stageCopies.add(Path.of(stage));
            }
            boolean folder = r.level() > 0 && Files.isDirectory(Path.of(stage == null ? "" : stage)); // DRP folder
            if (stage != null && !folder && !Files.isRegularFile(Path.of(stage))) {
                problems.add(new Problem(Kind.MISSING_COPY, r.id(), Path.of(stage), "the stage copy of "
                        + r.ofname() + " is gone: a reprocess cannot run"));
            }
            String anc = r.attribute(ArchiveAttributes.ANC_FILE);
            if (r.status() == ProcessingStatus.INVALID && anc != null && !Files.isRegularFile(Path.of(anc))) {
                problems.add(new Problem(Kind.MISSING_COPY, r.id(), Path.of(anc), "the anc/ copy of the rejected "
                        + r.ofname() + " is gone"));
            }
            if (Delivery.holdsProducts(r)) {
                missingProducts(r, problems, listed);
            }
        }
        int files = 0;
        List<Problem> unknown = new ArrayList<>();
        for (Path top : roots(context)) {
            if (!Files.isDirectory(top)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(top)) {
                for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile).sorted()::iterator) {
                    if (p.getParent().equals(root) && p.getFileName().toString().startsWith("ledger.")) {
                        continue; // the default H2 ledger's own files
                    }
                    files++;
                    if (listed.contains(p) || owned(p, context, stageCopies, ids, koaids)) {
                        continue;
                    }
                    String n = p.getFileName().toString();
                    if (n.startsWith(".")) {
                        if (Files.getLastModifiedTime(p).toInstant().isBefore(limit)) {
                            unknown.add(new Problem(Kind.UNKNOWN_FILE, null, p, "a temporary older than "
                                    + minutes(stuckAfter) + " (left by a killed process)"));
                        }
                        continue;
                    }
                    unknown.add(new Problem(Kind.UNKNOWN_FILE, null, p, "no ledger row owns this file"));
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                throw new DrpException(IngestCode.WATCHDOG_UNREADABLE, Location.file(top.toString()),
                        "cannot list the archive's files: " + e, e);
            }
        }
        problems.sort(Comparator.comparing(Problem::kind).thenComparing(p -> p.row() == null ? -1 : p.row()));
        problems.addAll(unknown);
        return new Report(root, now, rows.size(), files, problems);
    }

    private static void stuck(LedgerRow r, Instant limit, Duration stuckAfter, List<Problem> problems) {
        Instant since = null;
        if (r.status() == ProcessingStatus.PROCESSING) {
            since = r.processStartTime();
        } else if (r.status() == ProcessingStatus.TRANSFERRING) {
            since = r.attribute(ArchiveAttributes.TRANSFER_START);
        }
        if (since == null && (r.status() == ProcessingStatus.PROCESSING
                || r.status() == ProcessingStatus.TRANSFERRING)) {
            since = r.lastModified();
        }
        if (since != null && since.isBefore(limit)) {
            problems.add(new Problem(Kind.STUCK, r.id(), null, r.status() + " since " + since + " (more than "
                    + minutes(stuckAfter) + ", worker " + r.worker() + ") for " + r.ofname()));
        }
    }

    private static void missingProducts(LedgerRow r, List<Problem> problems, Set<Path> listed) {
        String dir = r.attribute(ArchiveAttributes.PROCESS_DIR);
        if (dir == null || r.archiveId() == null) {
            problems.add(new Problem(Kind.MISSING_PRODUCT, r.id(), null, r.status() + " without a product folder"
                    + " or archive id"));
            return;
        }
        Path d = Path.of(dir);
        Path table = d.resolve(r.archiveId() + ".md5sum.table");
        Path log = d.resolve(r.archiveId() + ".log");
        if (!Files.isRegularFile(log)) {
            problems.add(new Problem(Kind.MISSING_PRODUCT, r.id(), log, "the log is gone"));
        }
        if (!Files.isRegularFile(table)) {
            problems.add(new Problem(Kind.MISSING_PRODUCT, r.id(), table, "the md5sum table is gone"));
            return;
        }
        try {
            for (Md5SumTable.Entry e : Md5SumTable.read(table).entries()) {
                Path p = d.resolve(e.path());
                if (r.level() > 0) {
                    listed.add(p);
                }
                if (!Files.isRegularFile(p)) {
                    problems.add(new Problem(Kind.MISSING_PRODUCT, r.id(), p, "a product the md5sum table lists is"
                            + " gone"));
                }
            }
        } catch (DrpException e) {
            problems.add(new Problem(Kind.MISSING_PRODUCT, r.id(), table, "the md5sum table cannot be read: "
                    + e.getMessage()));
        }
    }

    /**
     * @return whether a row owns a file: its stage copy, anything in its {@code anc/udf/ROW/} folder, or a file in a
     *         product folder whose name is an archive id of a row followed by a dot
     */
    private static boolean owned(Path p, IngestContext ctx, Set<Path> stageCopies, Set<Long> ids, Set<String> koaids) {
        if (stageCopies.contains(p)) {
            return true;
        }
        Path udf = ctx.anc().resolve("udf");
        if (p.startsWith(udf) && udf.relativize(p).getNameCount() == 2) {
            try {
                return ids.contains(Long.parseLong(udf.relativize(p).getName(0).toString()));
            } catch (NumberFormatException e) {
                return false;
            }
        }
        if (p.getParent() == null) {
            return false;
        }
        String n0 = p.getFileName().toString();
        if ((n0.equals(TransferTable.NAME) || n0.equals(TransferTable.LOCK))
                && p.getParent().getFileName().toString().matches("\\d{8}")) {
            return true; // a night's transfer table (and its lock), the deliveries' own
        }
        if (!p.getParent().getFileName().toString().startsWith("lev")) {
            return false;
        }
        String n = p.getFileName().toString();
        for (int i = n.indexOf('.'); i > 0; i = n.indexOf('.', i + 1)) {
            if (koaids.contains(n.substring(0, i))) {
                return true;
            }
        }
        return false;
    }

    /** @return the folders walked: the root, and the stage and anc areas when they lie outside it */
    private static List<Path> roots(IngestContext ctx) {
        List<Path> out = new ArrayList<>(List.of(ctx.root()));
        if (ctx.stage() != null && !ctx.stage().startsWith(ctx.root())) {
            out.add(ctx.stage());
        }
        if (!ctx.anc().startsWith(ctx.root())) {
            out.add(ctx.anc());
        }
        return out;
    }

    private static String minutes(Duration d) {
        return d.toMinutes() + " min";
    }
}
