package org.drpkit.cli.demo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.drpkit.archive.ArchiveCompare;
import org.drpkit.archive.CompareResult;
import org.drpkit.archive.DeliverySettings;
import org.drpkit.archive.IngestContext;
import org.drpkit.archive.IngestOptions;
import org.drpkit.archive.IngestService;
import org.drpkit.archive.KeywordTables;
import org.drpkit.archive.ledger.JdbcLedger;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.progress.ProgressListener;
import org.drpkit.core.status.Ledger;
import org.drpkit.core.status.LedgerEvent;
import org.drpkit.core.status.LedgerQuery;
import org.drpkit.core.status.LedgerRow;
import org.drpkit.core.status.Severity;

/**
 * The demo's archive step: the night's raw files (and real Keck frames) through the ingest stages into an archive
 * root with its embedded H2 ledger, as {@code drpkit ingest} does: each file copied into the staging area
 * ({@code root/stage}) and processed from there, then its products delivered to a local transfer destination beside
 * the root ({@code ipac/INSTR/YYYYMMDD/lev0}, rsync semantics, each copy checked by MD5, the night's
 * {@code xfr.table}); rows end TRANSFERRED (no ingest API is called). Renamed files are archived with a warning, the
 * command line's default. A second run of the same files into a fresh root, compared with the first by
 * {@link ArchiveCompare} (as an operator compares the real-time archive with a nightly rerun or a code change), shows
 * that the products are reproducible.
 *
 * <pre>{@code
 * List<QaReport.ArchiveRow> rows = DemoArchive.ingest(Path.of("demo-out/archive"), files, ProgressListener.NONE);
 * CompareResult same = DemoArchive.rerunAndCompare(Path.of("demo-out/archive"), Path.of("demo-out/archive-rerun"), files);
 * }</pre>
 */
public final class DemoArchive {

    private DemoArchive() {
    }

    /**
     * Archives files into {@code root} (products in {@code root/INSTR/YYYYMMDD/lev0}, ledger in {@code root/ledger}).
     * A file already in the ledger with the same content is not processed again.
     *
     * @param root     archive root, created if needed
     * @param files    FITS files to archive
     * @param progress told {@code ("archive", done, total)} after each file
     * @return one row per given file (its row in the ledger, also when an earlier run archived it), in ledger order,
     *         with its final state and warning count
     * @throws DrpException when the ledger cannot be opened or written
     */
    public static List<QaReport.ArchiveRow> ingest(Path root, List<Path> files, ProgressListener progress)
            throws DrpException {
        return ingest(root, files, progress, true);
    }

    /**
     * Archives the same files again into a fresh root {@code rerun} (its own ledger, nothing delivered) and compares
     * its products with those of {@code root} at the archive's tolerances.
     *
     * @param root  the first run's archive root
     * @param rerun the second run's root; products already there are compared as they are
     * @param files the files the first run archived
     * @return the comparison: equal when every product matches (DQA_DATE aside, which is a note)
     * @throws DrpException when a ledger cannot be opened or a root cannot be compared
     */
    public static CompareResult rerunAndCompare(Path root, Path rerun, List<Path> files) throws DrpException {
        ingest(rerun, files, ProgressListener.NONE, false);
        return ArchiveCompare.compare(root, rerun);
    }

    /**
     * @param root an archive root
     * @return the first JPEG preview (not a thumbnail) under it in path order, if any
     */
    public static Optional<Path> firstPreview(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".jpg")
                    && !p.getFileName().toString().endsWith(".thumb.jpg") && p.getParent().endsWith("lev0"))
                    .min(Comparator.naturalOrder());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<QaReport.ArchiveRow> ingest(Path root, List<Path> files, ProgressListener progress,
            boolean deliver) throws DrpException {
        IngestContext context = IngestContext.builder(root).keywordTables(KeywordTables.sharedOrNone())
                .options(IngestOptions.archive().renamed(Severity.WARN)).build();
        String url = "jdbc:h2:file:" + root.toAbsolutePath().normalize().resolve("ledger");
        try (Ledger ledger = JdbcLedger.open(url, null, null)) {
            IngestService service = deliver ? IngestService.delivering(ledger, context,
                    DeliverySettings.to(root.toAbsolutePath().normalize().resolveSibling("ipac")))
                    : new IngestService(ledger, context, null);
            int total = service.recover(); // files a killed run left claimed are processed too
            Set<Long> ids = new LinkedHashSet<>();
            for (Path f : files) {
                IngestService.Queued q = service.enqueue(f); // this version's row, new or already in the ledger
                ids.add(q.id());
                total += q.created() ? 1 : 0;
            }
            AtomicInteger done = new AtomicInteger();
            int queued = total;
            progress.progress("archive", 0, queued);
            service.drain(Math.min(2, Runtime.getRuntime().availableProcessors()),
                    f -> progress.progress("archive", done.incrementAndGet(), queued), () -> false);
            Map<Long, Long> warnings = ledger.findEvents(LedgerQuery.all()).stream()
                    .filter(e -> e.severity() == Severity.WARN)
                    .collect(Collectors.groupingBy(LedgerEvent::statusId, Collectors.counting()));
            List<QaReport.ArchiveRow> rows = new ArrayList<>();
            for (LedgerRow r : ledger.find(LedgerQuery.all())) {
                if (!ids.contains(r.id())) {
                    continue; // an earlier run's file (another night in the same folder)
                }
                rows.add(new QaReport.ArchiveRow(r.ofname() == null ? "?" : Path.of(r.ofname()).getFileName().toString(),
                        Objects.requireNonNullElse(r.instrument(), "unknown"), Objects.requireNonNullElse(r.archiveId(), ""),
                        r.status().name(), Objects.requireNonNullElse(r.statusCode(), ""),
                        warnings.getOrDefault(r.id(), 0L)));
            }
            return rows;
        }
    }
}
