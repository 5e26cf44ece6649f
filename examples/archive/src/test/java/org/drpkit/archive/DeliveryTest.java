package org.drpkit.archive;

import static org.drpkit.archive.LedgerEvents.codes;
import static org.drpkit.archive.LedgerEvents.last;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.drpkit.archive.ledger.ArchiveAttributes;
import org.drpkit.archive.ledger.JdbcLedger;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.status.Ledger;
import org.drpkit.core.status.LedgerEvent;
import org.drpkit.core.status.LedgerQuery;
import org.drpkit.core.status.LedgerRow;
import org.drpkit.core.status.ProcessingStatus;
import org.drpkit.core.status.Severity;
import org.drpkit.fits.checksum.Md5;
import org.drpkit.fits.table.IpacTable;
import org.drpkit.fits.table.Md5SumTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link IngestService} with a {@link DeliverySettings} (copy plus ingest API) and {@link Delivery#resend}, against a
 * real HTTP server on 127.0.0.1: the ledger's states and events, the requests the archive received, the night's
 * {@code xfr.table} against the files at the destination.
 */
class DeliveryTest {

    private static final String KEY = "k3y-for-tests";

    @TempDir
    Path tmp;

    private Ledger ledger() throws DrpException {
        return JdbcLedger.open("jdbc:h2:file:" + tmp.resolve("koadata/ledger").toAbsolutePath());
    }

    private IngestContext context() {
        return IngestContext.builder(tmp.resolve("koadata")).options(IngestOptions.archive().fsync(false)).build();
    }

    private DeliverySettings settings(ArchiveApiServer s, int attempts) {
        return DeliverySettings.to(tmp.resolve("archive")).withApi(s.url(), KEY)
                .withRetries(Duration.ofSeconds(5), attempts, Duration.ofMillis(10));
    }

    private Path frame(String name, int second) throws Exception {
        return TestFiles.nirc2(Files.createDirectories(tmp.resolve("in")), name, String.format("10:00:%02d.00", second),
                second);
    }


    @Test
    void aRowIsCompleteWhenTheArchiveAcceptsAndTheTableListsWhatWasSent() throws Exception {
        try (ArchiveApiServer api = new ArchiveApiServer(); Ledger l = ledger()) {
            IngestService s = IngestService.delivering(l, context(), settings(api, 3));
            long id = s.enqueue(frame("n0001.fits", 1)).id();
            List<IngestService.Finished> done = s.drain(1, f -> { }, () -> false);
            assertEquals(ProcessingStatus.COMPLETE, done.get(0).status());
            LedgerRow row = l.row(id).orElseThrow();
            assertEquals(ProcessingStatus.COMPLETE, row.status());
            assertNotNull(row.attribute(ArchiveAttributes.TRANSFER_START));
            assertNotNull(row.attribute(ArchiveAttributes.TRANSFER_END));
            String k = row.archiveId();

            List<ArchiveApiServer.Seen> seen = api.seen();
            assertEquals(1, seen.size());
            assertEquals(Map.of("instrument", "NIRC2", "ingesttype", "lev0", "koaid", k), seen.get(0).params());
            assertEquals("Bearer " + KEY, seen.get(0).authorization());

            List<LedgerEvent> ev = l.eventsOf(id);
            assertTrue(last(ev, "IPAC_NOTIFY").text().contains("APIStatus COMPLETE"), ev.toString());
            assertTrue(last(ev, "TRANSFERRED").time().compareTo(last(ev, "IPAC_NOTIFY").time()) <= 0);
            assertFalse(ev.stream().anyMatch(e -> e.text().contains(KEY)), "the key is never recorded");

            // the night's table against the files at the destination
            Path lev0 = tmp.resolve("archive/NIRC2/20170725/lev0");
            IpacTable t = IpacTable.read(tmp.resolve("koadata/NIRC2/20170725/" + TransferTable.NAME));
            List<Md5SumTable.Entry> products = Md5SumTable.read(lev0.resolve(k + ".md5sum.table")).entries();
            assertEquals(products.size() + 1, t.rows().size(), "each product and the md5sum table");
            for (int i = 0; i < t.rows().size(); i++) {
                Path sent = lev0.resolve(t.value(i, "file"));
                assertEquals(k, t.value(i, "koaid"));
                assertEquals(Md5.hex(sent), t.value(i, "md5"));
                assertEquals(Long.toString(Files.size(sent)), t.value(i, "bytes"));
                assertEquals("sent", t.value(i, "action"));
            }
            assertTrue(Watchdog.check(l, context(), Duration.ofHours(1), Clock.systemUTC().instant()).ok(),
                    "the watchdog knows the transfer table");
        }
    }

    @Test
    void aRefusedFileEndsErrorWithTheAnswerAndIsSentAgainWithoutCopyingTwice() throws Exception {
        try (ArchiveApiServer api = new ArchiveApiServer(); Ledger l = ledger()) {
            api.then(ArchiveApiServer.Reply.of(400, "{\"APIStatus\": \"ERROR\", \"Message\": \"lev0 not staged\"}"), 1);
            IngestService s = IngestService.delivering(l, context(), settings(api, 4));
            long id = s.enqueue(frame("n0002.fits", 2)).id();
            s.drain(1, f -> { }, () -> false);
            LedgerRow row = l.row(id).orElseThrow();
            assertEquals(ProcessingStatus.ERROR, row.status(), "no COMPLETE without the archive's acceptance");
            assertEquals("IPAC_NOTIFY_ERROR", row.statusCode());
            assertEquals(1, api.seen().size(), "a 4xx is not retried");
            LedgerEvent err = last(l.eventsOf(id), "IPAC_NOTIFY_ERROR");
            assertEquals(Severity.ERROR, err.severity());
            assertTrue(err.text().contains("HTTP 400") && err.text().contains("lev0 not staged"), err.text());
            NightReport night = NightReport.of(l, tmp.resolve("koadata"), java.time.LocalDate.of(2017, 7, 25),
                    List.of(), Duration.ofHours(1), Clock.systemUTC().instant());
            assertEquals(List.of(), night.productsWithoutRow(), "the refused file's products are its row's");
            assertEquals(List.of(), night.incompleteProducts());
            assertTrue(Watchdog.check(l, context(), Duration.ofHours(1), Clock.systemUTC().instant()).ok());

            DeliverySettings ds = settings(api, 4);
            Delivery d = new Delivery(l, ds.transfer(), ds.api(), Clock.systemUTC());
            assertEquals(List.of(), d.resend(LedgerQuery.all(), false), "ERROR rows only with retryFailed");
            List<Delivery.Outcome> out = d.resend(LedgerQuery.all(), true);
            assertEquals(1, out.size());
            assertEquals(ProcessingStatus.COMPLETE, out.get(0).status(), out.toString());
            assertEquals(0, out.get(0).sent(), "the destination held every file already");
            assertTrue(out.get(0).unchanged() > 0);
            assertEquals(ProcessingStatus.COMPLETE, l.row(id).orElseThrow().status());
            assertEquals(null, l.row(id).orElseThrow().statusCode());
            assertEquals(2, api.seen().size());
            IpacTable t = IpacTable.read(tmp.resolve("koadata/NIRC2/20170725/" + TransferTable.NAME));
            for (int i = 0; i < t.rows().size(); i++) {
                assertEquals("unchanged", t.value(i, "action"));
            }
            assertEquals(List.of(), d.resend(LedgerQuery.all(), true), "a COMPLETE row is not sent again");
        }
    }

    @Test
    void retriesAreEventsAndAnArchiveThatNeverAnswersLeavesNothingComplete() throws Exception {
        try (ArchiveApiServer api = new ArchiveApiServer(); Ledger l = ledger()) {
            api.then(ArchiveApiServer.Reply.of(502, "bad gateway"), 2);
            IngestService s = IngestService.delivering(l, context(), settings(api, 3));
            long a = s.enqueue(frame("n0003.fits", 3)).id();
            s.drain(1, f -> { }, () -> false);
            assertEquals(ProcessingStatus.COMPLETE, l.row(a).orElseThrow().status());
            assertEquals(3, api.seen().size());
            List<LedgerEvent> ev = l.eventsOf(a);
            assertEquals(List.of("IPAC_NOTIFY_RETRY"), codes(ev, Severity.WARN).stream()
                    .filter(c -> c.startsWith("IPAC")).toList());
            assertTrue(last(ev, "IPAC_NOTIFY_RETRY").text().contains("bad gateway"));

            api.otherwise(ArchiveApiServer.Reply.of(503, "maintenance"));
            long b = s.enqueue(frame("n0004.fits", 4)).id();
            s.drain(1, f -> { }, () -> false);
            LedgerRow rb = l.row(b).orElseThrow();
            assertEquals(ProcessingStatus.ERROR, rb.status());
            assertEquals("IPAC_NOTIFY_ERROR", rb.statusCode());
            assertEquals(3 + 3, api.seen().size(), "three attempts for the second file");
            assertTrue(last(l.eventsOf(b), "IPAC_NOTIFY_ERROR").text().contains("maintenance"));
            assertTrue(Files.exists(tmp.resolve("archive/NIRC2/20170725/lev0/" + rb.archiveId() + ".fits")),
                    "the copy was made; only the archive's answer is missing");
        }
    }

    @Test
    void withoutAnApiRowsStopAtTransferredAndAreAnnouncedLater() throws Exception {
        try (ArchiveApiServer api = new ArchiveApiServer(); Ledger l = ledger()) {
            IngestService s = IngestService.delivering(l, context(), DeliverySettings.to(tmp.resolve("archive")));
            long id = s.enqueue(frame("n0005.fits", 5)).id();
            s.drain(1, f -> { }, () -> false);
            assertEquals(ProcessingStatus.TRANSFERRED, l.row(id).orElseThrow().status());
            assertEquals(0, api.seen().size());
            DeliverySettings ds = settings(api, 2);
            List<Delivery.Outcome> out = new Delivery(l, ds.transfer(), ds.api(), Clock.systemUTC())
                    .resend(LedgerQuery.all(), false);
            assertEquals(1, out.size());
            assertEquals(ProcessingStatus.COMPLETE, l.row(id).orElseThrow().status());
            assertEquals(1, api.seen().size());
            assertTrue(out.get(0).files().isEmpty(), "announced only: the copy was done");
        }
    }

    @Test
    void theMonitorAlertsWithTheDeliveryCodeAndTheArchiveAnswer() throws Exception {
        Path watched = Files.createDirectories(tmp.resolve("sdata"));
        List<Notifier.Alert> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (ArchiveApiServer api = new ArchiveApiServer(); Ledger l = ledger()) {
            api.otherwise(ArchiveApiServer.Reply.of(403, "{\"APIStatus\": \"ERROR\", \"Message\": \"key revoked\"}"));
            Monitor m = new Monitor(IngestService.delivering(l, context(), settings(api, 3)), List.of(watched),
                    new Monitor.Options(1, Duration.ofMillis(500), Duration.ofMillis(300)),
                    new AlertThrottle(sent::add, Duration.ofHours(1), Clock.systemUTC()));
            m.start();
            TestFiles.nirc2(watched, "n0006.fits", "10:00:06.00", 6);
            long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (l.find(LedgerQuery.all().status(ProcessingStatus.ERROR)).isEmpty()) {
                assertTrue(System.nanoTime() < end, "timed out waiting for the delivery to fail");
                Thread.sleep(50);
            }
            m.stop(Duration.ofSeconds(10));
            assertEquals(1, api.seen().size());
        }
        assertEquals(1, sent.size(), sent.toString());
        assertEquals("IPAC_NOTIFY_ERROR", sent.get(0).code());
        assertTrue(sent.get(0).toString().contains("key revoked"), sent.get(0).toString());
    }

    @Test
    void aRowSentAgainBelongsToTheSendingProcessSoRecoveryElsewhereLeavesItAlone() throws Exception {
        try (ArchiveApiServer api = new ArchiveApiServer(); Ledger l = ledger()) {
            IngestService s = new IngestService(l, context(), null);
            long id = s.enqueue(frame("n0007.fits", 7)).id();
            s.drain(1, f -> { }, () -> false);
            // the row was processed by a process that has since died (same host and pid, another start time)
            String[] me = Workers.name(1).split("/")[0].split(":");
            String dead = me[0] + ":" + me[1] + ":" + (Long.parseLong(me[2]) - 100_000) + "/w1";
            l.update(id, ProcessingStatus.PROCESSED, org.drpkit.core.status.LedgerFields.none().worker(dead),
                    Clock.systemUTC().instant());
            assertFalse(Workers.isAlive(l.row(id).orElseThrow().worker()));
            DeliverySettings ds = settings(api, 2);
            java.util.concurrent.atomic.AtomicInteger recovered = new java.util.concurrent.atomic.AtomicInteger(-1);
            Transfer recoveringMeanwhile = r -> {
                // another process starting up recovers abandoned rows while this one copies
                recovered.set(l.recoverAbandoned(Workers::isAlive, Clock.systemUTC().instant()));
                ds.transfer().send(r);
            };
            List<Delivery.Outcome> out = new Delivery(l, recoveringMeanwhile, ds.api(), Clock.systemUTC())
                    .resend(LedgerQuery.all(), false);
            assertEquals(0, recovered.get(), "the TRANSFERRING row names a live worker");
            assertEquals(1, out.size());
            assertEquals(ProcessingStatus.COMPLETE, l.row(id).orElseThrow().status());
            assertEquals(Workers.name(0), l.row(id).orElseThrow().worker());
        }
    }
}
