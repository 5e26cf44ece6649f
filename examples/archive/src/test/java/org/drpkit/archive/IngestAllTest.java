package org.drpkit.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.drpkit.archive.ledger.ArchiveAttributes;
import org.drpkit.archive.ledger.JdbcLedger;
import org.drpkit.core.status.Ledger;
import org.drpkit.core.status.LedgerQuery;
import org.drpkit.core.status.LedgerRow;
import org.drpkit.core.status.ProcessingStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link IngestService#enqueueAll}, then {@link IngestService#drain}: queueing on several threads gives the same
 * ledger as queueing one file after another (one row per version, in the order given, each processed once from its
 * stage copy); a path given twice is queued once; a missing file still gets its row and its reason.
 */
class IngestAllTest {

    @TempDir
    Path tmp;

    private List<Path> files(int n) throws Exception {
        Path in = Files.createDirectories(tmp.resolve("sdata"));
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(TestFiles.nirc2(in, String.format("n%04d.fits", i), String.format("10:%02d:00.00", i), i));
        }
        return out;
    }

    private IngestService service(Ledger l) {
        return new IngestService(l, IngestContext.builder(tmp.resolve("koadata"))
                .options(IngestOptions.archive().fsync(true)).build(), null);
    }

    @Test
    void everyFileQueuedOnSeveralThreadsIsProcessedOnceFromItsCopy() throws Exception {
        List<Path> files = new ArrayList<>(files(9));
        files.add(files.get(3)); // the same version again: queued once
        Path missing = tmp.resolve("sdata/n9999.fits");
        files.add(missing);
        try (Ledger l = JdbcLedger.open("jdbc:h2:file:" + tmp.resolve("koadata/ledger").toAbsolutePath())) {
            IngestService s = service(l);
            List<IngestService.Queued> queued = s.enqueueAll(files, 2);
            List<IngestService.Finished> finished = s.drain(2, f -> { }, () -> false);
            assertEquals(11, queued.size());
            assertFalse(queued.get(9).created(), "given twice, queued once");
            assertEquals(10, finished.size(), "nine frames and the missing file, each once");
            List<LedgerRow> rows = l.find(LedgerQuery.all());
            assertEquals(10, rows.size());
            Map<String, LedgerRow> byPath = rows.stream().collect(Collectors.toMap(LedgerRow::ofname,
                    Function.identity()));
            for (int i = 0; i < 9; i++) {
                LedgerRow r = byPath.get(files.get(i).toAbsolutePath().toString());
                assertEquals(ProcessingStatus.PROCESSED, r.status(), r.toString());
                String copy = r.attribute(ArchiveAttributes.STAGE_FILE);
                assertTrue(copy != null && Files.isRegularFile(Path.of(copy)), "processed from its stage copy");
                assertEquals(1, l.eventsOf(r.id()).stream().filter(e -> e.code().equals("PROCESSED")).count());
            }
            LedgerRow gone = byPath.get(missing.toAbsolutePath().toString());
            assertEquals(ProcessingStatus.ERROR, gone.status());
            assertEquals("FITS_NOT_FOUND", gone.statusCode());
            List<Long> ids = queued.stream().filter(IngestService.Queued::created).map(IngestService.Queued::id)
                    .toList();
            for (int i = 1; i < ids.size(); i++) {
                assertTrue(ids.get(i) > ids.get(i - 1), "rows written in the order given: " + ids);
            }
        }
    }

    @Test
    void enqueueAllGivesTheSameRowsAsEnqueueingOneByOne() throws Exception {
        List<Path> files = files(6);
        List<String> one;
        try (Ledger l = JdbcLedger.open("jdbc:h2:file:" + tmp.resolve("a/ledger").toAbsolutePath())) {
            IngestService s = new IngestService(l, IngestContext.builder(tmp.resolve("a")).build(), null);
            for (Path f : files) {
                s.enqueue(f);
            }
            one = l.find(LedgerQuery.all()).stream().map(r -> r.ofname() + " " + r.fileMd5() + " " + r.fileSize())
                    .toList();
        }
        try (Ledger l = JdbcLedger.open("jdbc:h2:file:" + tmp.resolve("b/ledger").toAbsolutePath())) {
            IngestService s = new IngestService(l, IngestContext.builder(tmp.resolve("b")).build(), null);
            s.enqueueAll(files, 3);
            assertEquals(one, l.find(LedgerQuery.all()).stream()
                    .map(r -> r.ofname() + " " + r.fileMd5() + " " + r.fileSize()).toList());
        }
    }
}
