package org.drpkit.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.drpkit.archive.ledger.ArchiveAttributes;
import org.drpkit.archive.ledger.JdbcLedger;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.status.Ledger;
import org.drpkit.core.status.LedgerEvent;
import org.drpkit.core.status.LedgerQuery;
import org.drpkit.core.status.LedgerRow;
import org.drpkit.core.status.ProcessingStatus;
import org.drpkit.fits.checksum.Md5;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link IngestService}: queueing, claiming, final states, transfer, release, recovery, reprocessing. */
class IngestServiceTest {

    @TempDir
    Path tmp;

    private Ledger ledger() throws DrpException {
        return JdbcLedger.open("jdbc:h2:file:" + tmp.resolve("koadata/ledger").toAbsolutePath());
    }

    private IngestContext.Builder context() {
        return IngestContext.builder(tmp.resolve("koadata")).options(IngestOptions.archive().fsync(false));
    }

    private Path in() throws Exception {
        return Files.createDirectories(tmp.resolve("in"));
    }

    private static String utc(int i) {
        return String.format("%02d:%02d:%02d.00", 10 + i / 3600, (i / 60) % 60, i % 60);
    }

    private static long count(List<LedgerEvent> events, String code) {
        return events.stream().filter(e -> e.code().equals(code)).count();
    }

    @Test
    void fourWorkersOverFiveHundredFilesIngestEachFileExactlyOnce() throws Exception {
        Path dir = in();
        Map<Path, AtomicInteger> starts = new ConcurrentHashMap<>();
        IngestListener counter = (file, step) -> {
            if (step.equals("start")) {
                starts.computeIfAbsent(file, f -> new AtomicInteger()).incrementAndGet();
            }
        };
        try (Ledger l = ledger()) {
            IngestService s = new IngestService(l, context().listener(counter).build(), null);
            for (int i = 0; i < 500; i++) {
                s.enqueue(TestFiles.nirc2(dir, String.format("n%04d.fits", i), utc(i), i));
            }
            List<IngestService.Finished> done = s.drain(4, f -> { }, () -> false);
            assertEquals(500, done.size());
            List<LedgerRow> rows = l.find(LedgerQuery.all());
            assertEquals(500, rows.size());
            Set<String> ids = new HashSet<>();
            Set<String> workers = new HashSet<>();
            for (LedgerRow r : rows) {
                assertEquals(ProcessingStatus.PROCESSED, r.status(), r.toString());
                List<LedgerEvent> ev = l.eventsOf(r.id());
                assertEquals(1, count(ev, "STARTED"), "claimed and started once: " + r);
                assertEquals(1, count(ev, "PROCESSED"), "processed once: " + r);
                ids.add(r.archiveId());
                workers.add(r.worker());
                assertTrue(Files.exists(Path.of(r.attribute(ArchiveAttributes.PROCESS_DIR)).resolve(r.archiveId() + ".md5sum.table")));
            }
            assertEquals(500, ids.size(), "500 distinct archive ids");
            assertEquals(500, starts.size());
            assertTrue(starts.values().stream().allMatch(n -> n.get() == 1), "no file was run twice");
            assertTrue(workers.size() > 1, "the work was shared: " + workers);
            assertTrue(s.drain(4, f -> { }, () -> false).isEmpty(), "nothing left");
        }
    }

    @Test
    void queueingTheSameVersionAgainIsRecordedOnTheExistingRowAndNotProcessedTwice() throws Exception {
        Path f = TestFiles.nirc2(in(), "n0001.fits", utc(1), 1);
        try (Ledger l = ledger()) {
            IngestService s = new IngestService(l, context().build(), null);
            IngestService.Queued first = s.enqueue(f);
            IngestService.Queued again = s.enqueue(f);
            assertTrue(first.created());
            assertFalse(again.created());
            assertEquals(first.id(), again.id());
            assertEquals(IngestService.UNKNOWN, l.row(first.id()).orElseThrow().instrument(), "until processed");
            assertEquals(1, s.drain(2, x -> { }, () -> false).size());
            assertEquals("NIRC2", l.row(first.id()).orElseThrow().instrument(), "named by processing");
            assertFalse(s.enqueue(f).created(), "also after processing");
            List<LedgerEvent> ev = l.eventsOf(first.id());
            assertEquals(2, count(ev, "DUPLICATE_FILE"));
            assertEquals(1, count(ev, "PROCESSED"));
            assertEquals(Md5.hex(f), l.row(first.id()).orElseThrow().fileMd5());
        }
    }

    @Test
    void aTransferMovesTheRowToTransferredOrToErrorWhenItFails() throws Exception {
        Path a = TestFiles.nirc2(in(), "n0002.fits", utc(2), 2);
        Path b = TestFiles.nirc2(in(), "n0003.fits", utc(3), 3);
        Path archive = tmp.resolve("archive");
        try (Ledger l = ledger()) {
            IngestService ok = new IngestService(l, context().build(), new LocalFolderTransfer(archive));
            long ia = ok.enqueue(a).id();
            ok.drain(1, x -> { }, () -> false);
            LedgerRow ra = l.row(ia).orElseThrow();
            assertEquals(ProcessingStatus.TRANSFERRED, ra.status());
            assertTrue(ra.attribute(ArchiveAttributes.TRANSFER_START) != null && ra.attribute(ArchiveAttributes.TRANSFER_END) != null);
            String k = ra.archiveId();
            assertEquals(List.of("NIRC2/20170725/lev0/" + k + ".fits", "NIRC2/20170725/lev0/" + k + ".jpg",
                    "NIRC2/20170725/lev0/" + k + ".md5sum.table", "NIRC2/20170725/lev0/" + k + ".metadata.table",
                    "NIRC2/20170725/lev0/" + k + ".png", "NIRC2/20170725/lev0/" + k + ".thumb.jpg",
                    "NIRC2/20170725/lev0/" + k + ".thumb.png"),
                    TestFiles.tree(archive), "the md5-listed products and the table, never the log");
            IngestService failing = new IngestService(l, context().build(), r -> {
                throw new DrpException(IngestCode.TRANSFER_ERROR, Location.NOWHERE, "remote refused");
            });
            long ib = failing.enqueue(b).id();
            failing.drain(1, x -> { }, () -> false);
            LedgerRow rb = l.row(ib).orElseThrow();
            assertEquals(ProcessingStatus.ERROR, rb.status());
            assertEquals("TRANSFER_ERROR", rb.statusCode());
        }
    }

    @Test
    void aStoppedWorkerReleasesItsFileAndTheNextRunProcessesItOnce() throws Exception {
        Path f = TestFiles.nirc2(in(), "n0004.fits", utc(4), 4);
        AtomicBoolean stop = new AtomicBoolean();
        IngestListener stopAtDqa = (file, step) -> {
            if (step.equals("dqa")) {
                stop.set(true);
            }
        };
        try (Ledger l = ledger()) {
            IngestService s = new IngestService(l, context().listener(stopAtDqa).build(), null);
            long id = s.enqueue(f).id();
            IngestService.Finished r = s.processNext(Workers.name(1), stop::get).orElseThrow();
            assertEquals(ProcessingStatus.QUEUED, r.status());
            assertEquals(ProcessingStatus.QUEUED, l.row(id).orElseThrow().status());
            assertEquals(List.of(), TestFiles.tree(tmp.resolve("koadata/NIRC2")), "nothing published, no temporary");
            IngestService again = new IngestService(l, context().build(), null);
            assertEquals(ProcessingStatus.PROCESSED, again.drain(1, x -> { }, () -> false).get(0).status());
            List<LedgerEvent> ev = l.eventsOf(id);
            assertEquals(1, count(ev, "RELEASED"));
            assertEquals(1, count(ev, "PROCESSED"));
        }
    }

    @Test
    void anErrorEscapingARunEndsTheRowInErrorWithItsStackTrace() throws Exception {
        Path f = TestFiles.nirc2(in(), "n0005.fits", utc(5), 5);
        IngestListener boom = (file, step) -> {
            if (step.equals("write")) {
                throw new StackOverflowError("a bug deep in a step");
            }
        };
        try (Ledger l = ledger()) {
            IngestService s = new IngestService(l, context().listener(boom).build(), null);
            long id = s.enqueue(f).id();
            assertThrows(StackOverflowError.class, () -> s.processNext(Workers.name(1), () -> false));
            LedgerRow r = l.row(id).orElseThrow();
            assertEquals(ProcessingStatus.ERROR, r.status(), "no row is left PROCESSING");
            assertEquals("CODE_ERROR", r.statusCode());
            assertTrue(l.eventsOf(id).stream().anyMatch(e -> e.text().contains("a bug deep in a step")));
        }
    }

    @Test
    void theClaimsOfADeadProcessAreQueuedAgainAndFinished() throws Exception {
        Path f = TestFiles.nirc2(in(), "n0006.fits", utc(6), 6);
        try (Ledger l = ledger()) {
            IngestService s = new IngestService(l, context().build(), null);
            long id = s.enqueue(f).id();
            String dead = Workers.name(1).replaceFirst(":\\d+:", ":999999999:");
            assertFalse(Workers.isAlive(dead));
            l.claimNext(null, dead, java.time.Instant.now());
            assertTrue(s.drain(1, x -> { }, () -> false).isEmpty(), "the dead worker's claim blocks nothing else");
            assertEquals(1, s.recover());
            assertEquals(ProcessingStatus.PROCESSED, s.drain(1, x -> { }, () -> false).get(0).status());
            assertEquals(1, count(l.eventsOf(id), "RECOVERED"));
            assertEquals(0, s.recover(), "a live worker's claims are never taken");
        }
    }

    @Test
    void aReprocessedFileKeepsItsIdAndHistoryAndItsProductsAreReplaced() throws Exception {
        Path f = TestFiles.nirc2(in(), "n0007.fits", utc(7), 7);
        try (Ledger l = ledger()) {
            IngestService s = new IngestService(l, context().build(), null);
            long id = s.enqueue(f).id();
            s.drain(1, x -> { }, () -> false);
            LedgerRow first = l.row(id).orElseThrow();
            assertEquals(1, l.requeue(LedgerQuery.all().status(ProcessingStatus.PROCESSED), java.time.Instant.now()));
            s.drain(1, x -> { }, () -> false);
            LedgerRow second = l.row(id).orElseThrow();
            assertEquals(ProcessingStatus.PROCESSED, second.status());
            assertEquals(2, second.attempt());
            assertEquals(first.archiveId(), second.archiveId());
            List<LedgerEvent> ev = l.eventsOf(id);
            assertEquals(List.of(1, 2), ev.stream().filter(e -> e.code().equals("PROCESSED")).map(LedgerEvent::attempt)
                    .toList(), "one successful run per attempt");
            String log = Files.readString(Path.of(second.attribute(ArchiveAttributes.PROCESS_DIR)).resolve(second.archiveId() + ".log"));
            assertTrue(log.contains("# earlier, attempt 1:") && log.contains(", attempt 2\n"), log);
            assertEquals(8, TestFiles.tree(Path.of(second.attribute(ArchiveAttributes.PROCESS_DIR))).size(), "one product set");
        }
    }
}
