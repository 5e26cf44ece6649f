package org.drpkit.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.drpkit.archive.ledger.ArchiveAttributes;
import org.drpkit.archive.ledger.JdbcLedger;
import org.drpkit.archive.ledger.KoapiSend;
import org.drpkit.archive.services.ServiceCache;
import org.drpkit.archive.services.ServiceSettings;
import org.drpkit.core.header.Card;
import org.drpkit.core.header.Header;
import org.drpkit.core.status.LedgerEvent;
import org.drpkit.core.status.LedgerQuery;
import org.drpkit.core.status.LedgerRow;
import org.drpkit.core.status.ProcessingStatus;
import org.drpkit.fits.FitsHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingest end to end with the HTTP program clients ({@link FixtureServer} on 127.0.0.1 serving answers shaped after
 * the spec) and the archive's bookkeeping ({@link ArchiveRecords}): NIRC2 files without PROGNAME get their program from
 * the night's schedule (by the UT window), PI, institution, title and PROPINT from the proposals service; the archived
 * file's header lands in the {@code headers} table; each program's {@code koapi_send} row is written and announced.
 */
class ArchiveRecordsIngestTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2017-07-25T18:00:00Z");

    @TempDir
    Path tmp;

    /** A NIRC2 frame of UT 2017-07-25 without PROGNAME, from a science (not engineering) folder. */
    private Path frame(String name, String utc, int seed) throws Exception {
        Path raw = TestFiles.nirc2(Files.createDirectories(tmp.resolve("raw")), name, utc, seed);
        Path in = Files.createDirectories(tmp.resolve("in"));
        return TestFiles.edited(raw, in.resolve(name), b -> b.set("OUTDIR", "/s/sdata904/nirc2/2017jul25/", null)
                .set("IMTYPE", "object", null).set("OBJECT", "S0-2", null));
    }

    private static long count(List<LedgerEvent> events, String code) {
        return events.stream().filter(e -> e.code().equals(code)).count();
    }

    @Test
    void filesWithoutProgramGetItFromTheServicesAndTheirHeadersAndPiNoticesAreRecorded() throws Exception {
        Path root = tmp.resolve("koadata");
        Path a = frame("n0001.fits", "10:00:01.00", 1); // inside H242's time, 05:00-10:30
        Path b = frame("n0002.fits", "12:00:00.00", 2); // inside U065's, 10:30-16:00
        try (FixtureServer s = new FixtureServer();
                JdbcLedger l = JdbcLedger.open("jdbc:h2:file:" + root.resolve("ledger").toAbsolutePath())) {
            Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
            HttpRetry.Policy policy = new HttpRetry.Policy(Duration.ofSeconds(5), 2, Duration.ofMillis(10));
            ServiceSettings services = new ServiceSettings(s.schedule(), s.proposals(), policy,
                    new ServiceCache(root.resolve("services-cache"), Duration.ofDays(7)));
            ArchiveRecords records = ArchiveRecords.on(l, PiNotifier.http(s.piNotify(), "ops-key", policy));
            IngestContext ctx = services.install(IngestContext.builder(root), clock).clock(clock)
                    .options(IngestOptions.archive().fsync(false)).records(records).build();
            IngestService svc = new IngestService(l, ctx, null);
            long ida = svc.enqueue(a).id();
            long idb = svc.enqueue(b).id();
            assertEquals(2, svc.drain(1, f -> { }, () -> false).size());

            LedgerRow ra = l.row(ida).orElseThrow();
            LedgerRow rb = l.row(idb).orElseThrow();
            assertEquals(ProcessingStatus.PROCESSED, ra.status(), ra.toString());
            assertEquals("2017A_H242", ra.attribute(ArchiveAttributes.PROGRAM));
            assertEquals(12, ra.attribute(ArchiveAttributes.PROPRIETARY_MONTHS), "getApprovedPP of H242: 12 months");
            assertEquals("2017A_U065", rb.attribute(ArchiveAttributes.PROGRAM));
            assertEquals(18, rb.attribute(ArchiveAttributes.PROPRIETARY_MONTHS), "U065 has no period: 18");

            Path fa = Path.of(ra.attribute(ArchiveAttributes.PROCESS_DIR)).resolve(ra.archiveId() + ".fits");
            Header ha = FitsHeaders.readPrimary(fa);
            assertEquals("H242", ha.getString("PROGID").orElseThrow());
            assertEquals("Martin", ha.getString("PROGPI").orElseThrow());
            assertEquals("CIT", ha.getString("PROGINST").orElseThrow());
            String title = JSON.readTree(FixtureServer.fixture("getTitle_2017A_H242.json")).get("ProgramTitle").textValue();
            assertEquals(title.substring(0, 50), ha.getString("PROGTL1").orElseThrow(), "the recorded title's start");
            StringBuilder escaped = new StringBuilder();
            title.codePoints().forEach(c -> escaped.append(c < 128 ? Character.toString(c) : "&#" + c + ";"));
            assertEquals(escaped.toString(), ha.getString("PROGTL1").orElseThrow() + ha.getString("PROGTL2").orElseThrow()
                    + ha.getString("PROGTL3").orElseThrow(), "the whole title, non-ASCII as character references");
            assertTrue(escaped.toString().contains("&#8212;") && escaped.toString().contains("&#241;"));
            Header hb = FitsHeaders.readPrimary(Path.of(rb.attribute(ArchiveAttributes.PROCESS_DIR))
                    .resolve(rb.archiveId() + ".fits"));
            assertEquals("vanderBerg", hb.getString("PROGPI").orElseThrow(), "spaces removed, as the archive does");
            assertEquals("UCSantaCruz", hb.getString("PROGINST").orElseThrow());
            assertEquals(1, count(l.eventsOf(idb), "PROPINT_ERROR"));

            long scheduleCalls = s.seen().stream().filter(x -> x.path().endsWith("getSchedule")).count();
            assertEquals(1, scheduleCalls, "the night's schedule was asked once, then read from the cache");

            // step 22: the headers table holds the archived file's header, key by key
            JsonNode stored = JSON.readTree(records.headers().get(ra.archiveId()).orElseThrow());
            Set<String> seenKeys = new HashSet<>();
            int keys = 0;
            for (Card c : ha) {
                if (c.isCommentary() || !seenKeys.add(c.key())) {
                    continue;
                }
                keys++;
                JsonNode e = stored.get(c.key());
                assertTrue(e != null, "missing " + c.key());
                assertEquals(c.comment(), e.get("comment").asText(), c.key());
                Object v = c.value();
                JsonNode jv = e.get("value");
                if (v == null) {
                    assertTrue(jv.isNull(), c.key());
                } else if (v instanceof String str) {
                    assertEquals(str, jv.textValue(), c.key());
                } else if (v instanceof Boolean bool) {
                    assertEquals(bool, jv.booleanValue(), c.key());
                } else if (v instanceof Long n) {
                    assertEquals(n, jv.longValue(), c.key());
                } else {
                    assertEquals((Double) v, jv.doubleValue(), 0.0, c.key());
                }
            }
            assertEquals(keys, stored.size(), "no key the header lacks");
            assertEquals("H242", stored.get("PROGID").get("value").textValue());
            assertEquals(16, stored.get("NAXIS1").get("value").intValue());
            assertEquals(1, count(l.eventsOf(ida), RecordsCode.HEADERS_TABLE.name()));

            // step 24: one koapi_send row per program, each announced once by a POST
            KoapiSend.Row ka = records.koapiSend().rows("2017A_H242", "NIRC2").get(0);
            LocalDate d = LocalDate.parse("2017-07-25");
            assertEquals(List.of(d, d, 1, 0), List.of(ka.begin(), ka.end(), ka.sendData(), ka.dataNotified()));
            assertEquals(1, records.koapiSend().rows("2017A_U065", "NIRC2").size());
            List<FixtureServer.Seen> posts = s.seen().stream().filter(x -> x.method().equals("POST")).toList();
            assertEquals(2, posts.size());
            JsonNode notice = JSON.readTree(posts.get(0).body());
            assertEquals("2017A_H242", notice.get("semid").textValue());
            assertEquals("NIRC2", notice.get("instrument").textValue());
            assertEquals("2017-07-25", notice.get("utdate_beg").textValue());
            assertEquals("INSERTED", notice.get("action").textValue());
            assertEquals("Bearer ops-key", posts.get(0).authorization());

            // a reprocess replaces the header row and leaves koapi_send and the PI alone
            assertEquals(1, l.requeue(LedgerQuery.all().archiveId(ra.archiveId()), NOW));
            svc.drain(1, f -> { }, () -> false);
            assertEquals(ProcessingStatus.PROCESSED, l.row(ida).orElseThrow().status());
            List<LedgerEvent> ev = l.eventsOf(ida);
            assertTrue(ev.stream().anyMatch(e -> e.code().equals(RecordsCode.HEADERS_TABLE.name())
                    && e.text().startsWith("replaced (reprocess)")), ev.toString());
            assertTrue(ev.stream().anyMatch(e -> e.code().equals(RecordsCode.KOAPI_SEND.name())
                    && e.text().contains("already recorded")), ev.toString());
            assertEquals(2, s.seen().stream().filter(x -> x.method().equals("POST")).count(), "no second notice");
            assertEquals(1, records.koapiSend().rows("2017A_H242", "NIRC2").size());
        }
    }

    @Test
    void withoutServicesTheProgramStaysNoneAndNoNoticeIsRecorded() throws Exception {
        Path root = tmp.resolve("koadata");
        Path a = frame("n0001.fits", "10:00:01.00", 1);
        try (JdbcLedger l = JdbcLedger.open("jdbc:h2:file:" + root.resolve("ledger").toAbsolutePath())) {
            Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
            Path log = root.resolve("koapi_send.jsonl");
            ArchiveRecords records = ArchiveRecords.on(l, PiNotifier.recorder(log));
            IngestContext ctx = IngestContext.builder(root).clock(clock).options(IngestOptions.archive().fsync(false))
                    .records(records).build();
            IngestService svc = new IngestService(l, ctx, null);
            long id = svc.enqueue(a).id();
            svc.drain(1, f -> { }, () -> false);
            LedgerRow r = l.row(id).orElseThrow();
            assertEquals(ProcessingStatus.PROCESSED, r.status());
            assertEquals("2017A_NONE", r.attribute(ArchiveAttributes.PROGRAM), "offline: program NONE");
            assertEquals(1, count(l.eventsOf(id), "INVALID_PROGID_WARN"));
            assertTrue(records.headers().get(r.archiveId()).isPresent(), "the header is stored all the same");
            assertFalse(Files.exists(log), "program NONE: no koapi_send row, no notice");
        }
    }

    @Test
    void theLocalRecorderKeepsOneJsonLinePerNotice() throws Exception {
        Path log = tmp.resolve("ops/koapi_send.jsonl");
        PiNotifier r = PiNotifier.recorder(log);
        LocalDate d = LocalDate.parse("2019-05-09");
        r.send(new PiNotifier.Notice("2019A_C257", "KCWI", d, d, KoapiSend.Action.INSERTED, NOW));
        r.send(new PiNotifier.Notice("2019A_C257", "KCWI", d, d.plusDays(1), KoapiSend.Action.EXTENDED, NOW));
        List<String> lines = Files.readAllLines(log);
        assertEquals(2, lines.size());
        JsonNode second = JSON.readTree(lines.get(1));
        assertEquals("2019-05-10", second.get("utdate_end").textValue());
        assertEquals("EXTENDED", second.get("action").textValue());
        assertEquals(NOW.toString(), second.get("time").textValue());
    }
}
