package org.drpkit.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.drpkit.archive.ledger.JdbcLedger;
import org.drpkit.core.status.Ledger;
import org.drpkit.core.status.LedgerEvent;
import org.drpkit.core.status.LedgerQuery;
import org.drpkit.core.status.LedgerRow;
import org.drpkit.core.status.ProcessingStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Monitor} and {@link AlertThrottle}: detection, settling, draining, alerts, stopping. */
class MonitorTest {

    @TempDir
    Path tmp;

    private static final Monitor.Options FAST = new Monitor.Options(2, Duration.ofMillis(500), Duration.ofMillis(300));

    private Ledger ledger() throws Exception {
        return JdbcLedger.open("jdbc:h2:file:" + tmp.resolve("koadata/ledger").toAbsolutePath());
    }

    private IngestContext.Builder context() {
        return IngestContext.builder(tmp.resolve("koadata")).options(IngestOptions.archive().fsync(false));
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, "timed out waiting for " + what);
            Thread.sleep(50);
        }
    }

    private static long processed(Ledger l) {
        try {
            return l.find(LedgerQuery.all().status(ProcessingStatus.PROCESSED)).size();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void filesPresentAtStartUpAndFilesArrivingLaterAreEachIngestedOnce() throws Exception {
        Path watched = Files.createDirectories(tmp.resolve("sdata/nirc2"));
        for (int i = 0; i < 3; i++) {
            TestFiles.nirc2(watched, String.format("n%04d.fits", i), String.format("10:00:%02d.00", i), i);
        }
        try (Ledger l = ledger()) {
            Monitor m = new Monitor(new IngestService(l, context().build(), null), List.of(tmp.resolve("sdata")), FAST,
                    new AlertThrottle(a -> { }, Duration.ofHours(1), Clock.systemUTC()));
            m.start();
            await(() -> processed(l) == 3, "the three files that were there before the monitor");
            Path night = Files.createDirectories(watched.resolve("2017jul25"));
            for (int i = 3; i < 6; i++) {
                TestFiles.nirc2(i == 3 ? watched : night, String.format("n%04d.fits", i),
                        String.format("10:00:%02d.00", i), i);
            }
            await(() -> processed(l) == 6, "three new files, one in a new folder");
            m.stop(Duration.ofSeconds(10));
            List<LedgerRow> rows = l.find(LedgerQuery.all());
            assertEquals(6, rows.size(), "each file queued once");
            assertEquals(6, m.queued());
            for (LedgerRow r : rows) {
                assertEquals(1, l.eventsOf(r.id()).stream().filter(e -> e.code().equals("PROCESSED")).count());
            }
        }
    }

    @Test
    void aWatchedFolderHoldingTheOutputRootNeverQueuesProductsOrStageCopies() throws Exception {
        Path watched = Files.createDirectories(tmp.resolve("sdata"));
        for (int i = 0; i < 2; i++) {
            TestFiles.nirc2(watched, String.format("n%04d.fits", i), String.format("10:00:%02d.00", i), i);
        }
        try (Ledger l = ledger()) {
            Monitor m = new Monitor(new IngestService(l, context().build(), null), List.of(tmp), FAST,
                    new AlertThrottle(a -> { }, Duration.ofHours(1), Clock.systemUTC()));
            m.start();
            await(() -> processed(l) == 2, "the two raw files");
            Thread.sleep(1500); // three rescans of tmp, which now holds koadata/NIRC2/.../*.fits and koadata/stage/...
            m.stop(Duration.ofSeconds(10));
            assertEquals(2, l.find(LedgerQuery.all()).size(), "only the raw files: " + l.find(LedgerQuery.all()));
            assertEquals(2, m.queued());
        }
    }

    @Test
    void aFileStillBeingWrittenIsQueuedOnlyOnceItStopsChanging() throws Exception {
        Path watched = Files.createDirectories(tmp.resolve("sdata"));
        Path made = TestFiles.nirc2(Files.createDirectories(tmp.resolve("made")), "n0100.fits", "11:00:00.00", 1);
        byte[] bytes = Files.readAllBytes(made);
        try (Ledger l = ledger()) {
            Monitor m = new Monitor(new IngestService(l, context().build(), null), List.of(watched),
                    new Monitor.Options(1, Duration.ofSeconds(30), Duration.ofMillis(800)),
                    new AlertThrottle(a -> { }, Duration.ofHours(1), Clock.systemUTC()));
            m.start();
            Path f = watched.resolve("n0100.fits");
            try (OutputStream out = Files.newOutputStream(f)) {
                for (int off = 0; off < bytes.length; off += 1440) {
                    out.write(bytes, off, Math.min(1440, bytes.length - off));
                    out.flush();
                    Thread.sleep(100); // an instrument writing slowly
                }
            }
            await(() -> processed(l) == 1, "the complete file");
            m.stop(Duration.ofSeconds(10));
            List<LedgerRow> rows = l.find(LedgerQuery.all());
            assertEquals(1, rows.size(), "never queued while it was growing");
            assertEquals(ProcessingStatus.PROCESSED, rows.get(0).status());
        }
    }

    @Test
    void stoppingReleasesAFileInFlightToTheQueue() throws Exception {
        Path watched = Files.createDirectories(tmp.resolve("sdata"));
        TestFiles.nirc2(watched, "n0200.fits", "12:00:00.00", 1);
        IngestListener slow = (file, step) -> {
            if (step.equals("dqa")) {
                try {
                    Thread.sleep(1500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        try (Ledger l = ledger()) {
            Monitor m = new Monitor(new IngestService(l, context().listener(slow).build(), null), List.of(watched),
                    new Monitor.Options(1, Duration.ofSeconds(30), Duration.ofMillis(100)),
                    new AlertThrottle(a -> { }, Duration.ofHours(1), Clock.systemUTC()));
            m.start();
            await(() -> {
                try {
                    return !l.find(LedgerQuery.all().status(ProcessingStatus.PROCESSING)).isEmpty();
                } catch (Exception e) {
                    return false;
                }
            }, "the file in flight");
            Thread.sleep(200);
            m.stop(Duration.ofMillis(100)); // less than the slow step: the file cannot finish
            LedgerRow r = l.find(LedgerQuery.all()).get(0);
            assertEquals(ProcessingStatus.QUEUED, r.status(), "released, not left PROCESSING");
            assertTrue(l.eventsOf(r.id()).stream().map(LedgerEvent::code).anyMatch("RELEASED"::equals));
            assertEquals(List.of(), TestFiles.tree(tmp.resolve("koadata/NIRC2")), "nothing published");
        }
    }

    @Test
    void invalidFilesRaiseAlertsThrottledPerInstrumentAndCode() throws Exception {
        Path watched = Files.createDirectories(tmp.resolve("sdata"));
        List<Notifier.Alert> sent = new ArrayList<>();
        try (Ledger l = ledger()) {
            Monitor m = new Monitor(new IngestService(l, context().build(), null), List.of(watched), FAST,
                    new AlertThrottle(a -> {
                        synchronized (sent) {
                            sent.add(a);
                        }
                    }, Duration.ofHours(1), Clock.systemUTC()));
            m.start();
            for (int i = 0; i < 3; i++) {
                Files.writeString(watched.resolve("junk" + i + ".fits"), "not FITS at all\n".repeat(10));
            }
            await(() -> {
                try {
                    return l.find(LedgerQuery.all().status(ProcessingStatus.INVALID)).size() == 3;
                } catch (Exception e) {
                    return false;
                }
            }, "three invalid files");
            m.stop(Duration.ofSeconds(10));
        }
        assertEquals(1, sent.size(), "one alert for three files of one instrument and code: " + sent);
        assertEquals("NOT_FITS", sent.get(0).code());
    }

    @Test
    void theThrottleSendsOneAlertPerIntervalAndCountsTheOthers() {
        Instant[] now = {Instant.parse("2026-01-01T00:00:00Z")};
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        List<Notifier.Alert> sent = new ArrayList<>();
        AlertThrottle t = new AlertThrottle(sent::add, Duration.ofMinutes(60), clock);
        assertTrue(t.offer("NIRC2", "MISMATCHED_FILENAME", "a"));
        assertTrue(!t.offer("NIRC2", "MISMATCHED_FILENAME", "b"));
        assertTrue(!t.offer("NIRC2", "MISMATCHED_FILENAME", "c"));
        assertTrue(t.offer("NIRC2", "FILE_EMPTY", "d"), "another code");
        assertTrue(t.offer("KCWI", "MISMATCHED_FILENAME", "e"), "another instrument");
        now[0] = now[0].plus(Duration.ofMinutes(61));
        assertTrue(t.offer("NIRC2", "MISMATCHED_FILENAME", "f"));
        assertEquals(List.of(0, 0, 0, 2), sent.stream().map(Notifier.Alert::suppressed).toList());
        assertTrue(sent.get(3).toString().contains("(+2 more since the last alert)"), sent.get(3).toString());
    }
}
