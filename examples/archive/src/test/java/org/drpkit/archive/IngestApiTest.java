package org.drpkit.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link IngestApi} against a real HTTP server on 127.0.0.1 ({@link ArchiveApiServer}): the parameters and key the
 * archive receives, and which failures are retried how often and how late.
 */
class IngestApiTest {

    private static final String KEY = "s3cret-key";

    private static DeliverySettings settings(URI url, Duration timeout, int attempts, Duration backoff) {
        return DeliverySettings.to(Path.of("/unused")).withApi(url, KEY).withRetries(timeout, attempts, backoff);
    }

    private static IngestApi api(ArchiveApiServer s, int attempts) {
        return settings(s.url(), Duration.ofSeconds(5), attempts, Duration.ofMillis(20)).api();
    }

    @Test
    void theArchiveReceivesTheSpecParametersAndTheKey() throws Exception {
        try (ArchiveApiServer s = new ArchiveApiServer()) {
            IngestApi api = api(s, 3);
            IngestApi.Answer first = api.notify(new IngestApi.Call("NIRC2", 0, "N2.20170725.37273.00", false));
            IngestApi.Answer again = api.notify(new IngestApi.Call("nirc2", 0, "N2.20170725.37273.00", true));
            IngestApi.Answer unp = api.notify(new IngestApi.Call("NIRC2", 0, "N2.20170725.37273.00_unp", false));
            IngestApi.Answer guider = api.notify(new IngestApi.Call("GUIDER", 0, "KG.20170725.37273.00", false));
            assertTrue(first.complete() && again.complete() && unp.complete() && guider.complete());
            assertEquals(1, first.attempts());
            assertEquals("COMPLETE", first.apiStatus());
            List<ArchiveApiServer.Seen> seen = s.seen();
            assertEquals(4, seen.size());
            for (ArchiveApiServer.Seen x : seen) {
                assertEquals("GET", x.method());
                assertEquals("/api/ingest", x.path());
                assertEquals("Bearer " + KEY, x.authorization());
            }
            assertEquals(Map.of("instrument", "NIRC2", "ingesttype", "lev0", "koaid", "N2.20170725.37273.00"),
                    seen.get(0).params());
            assertEquals(Map.of("instrument", "NIRC2", "ingesttype", "lev0", "koaid", "N2.20170725.37273.00",
                    "reingest", "true"), seen.get(1).params(), "a file sent before is re-ingested");
            assertEquals("false", seen.get(2).params().get("rtui"), "NIRC2 _unp stays out of the real-time interface");
            assertEquals("false", seen.get(3).params().get("rtui"), "so does the guider");
            assertFalse(seen.get(0).params().containsKey("rtui"));
        }
    }

    @Test
    void serverErrorsAreRetriedWithDoublingWaitsUntilTheArchiveAccepts() throws Exception {
        try (ArchiveApiServer s = new ArchiveApiServer()) {
            s.then(ArchiveApiServer.Reply.of(503, "busy"), 2);
            Duration backoff = Duration.ofMillis(150);
            IngestApi api = settings(s.url(), Duration.ofSeconds(5), 5, backoff).api();
            IngestApi.Answer a = api.notify(new IngestApi.Call("NIRC2", 0, "N2.20170725.37273.00", false));
            assertTrue(a.complete(), a.toString());
            assertEquals(3, a.attempts());
            assertEquals(2, a.failures().size());
            assertTrue(a.failures().get(0).contains("HTTP 503: busy"), a.failures().get(0));
            List<ArchiveApiServer.Seen> seen = s.seen();
            assertEquals(3, seen.size());
            long gap1 = seen.get(1).nanos() - seen.get(0).nanos();
            long gap2 = seen.get(2).nanos() - seen.get(1).nanos();
            assertTrue(gap1 >= backoff.toNanos(), "first wait " + gap1 / 1e6 + " ms");
            assertTrue(gap2 >= 2 * backoff.toNanos(), "second wait doubles: " + gap2 / 1e6 + " ms");
        }
    }

    @Test
    void aCallWithoutAnswerWithinTheTimeoutIsRetried() throws Exception {
        try (ArchiveApiServer s = new ArchiveApiServer()) {
            s.then(ArchiveApiServer.Reply.late(3000), 1);
            IngestApi api = settings(s.url(), Duration.ofMillis(300), 3, Duration.ofMillis(10)).api();
            long t0 = System.nanoTime();
            IngestApi.Answer a = api.notify(new IngestApi.Call("NIRC2", 0, "N2.20170725.37273.00", false));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(a.complete(), a.toString());
            assertEquals(2, a.attempts());
            assertTrue(a.failures().get(0).contains("no answer within"), a.failures().get(0));
            assertTrue(ms < 2500, "the client gave up on the late answer after its timeout, not after 3 s: " + ms);
            assertEquals(2, s.seen().size());
        }
    }

    @Test
    void anUnreachableArchiveIsTriedMaxAttemptsTimes() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort(); // closed again: nothing listens there
        }
        IngestApi api = settings(URI.create("http://127.0.0.1:" + port + "/ingest?"), Duration.ofSeconds(2), 3,
                Duration.ofMillis(10)).api();
        IngestApi.Answer a = api.notify(new IngestApi.Call("NIRC2", 0, "N2.20170725.37273.00", false));
        assertFalse(a.complete());
        assertEquals(3, a.attempts());
        assertEquals(-1, a.httpStatus());
        assertEquals(3, a.failures().size());
        assertTrue(a.failures().get(0).contains("ConnectException"), a.failures().get(0));
    }

    @Test
    void persistentServerErrorsStopAfterMaxAttempts() throws Exception {
        try (ArchiveApiServer s = new ArchiveApiServer()) {
            s.otherwise(ArchiveApiServer.Reply.of(500, "database down"));
            IngestApi.Answer a = api(s, 4).notify(new IngestApi.Call("NIRC2", 0, "N2.20170725.37273.00", false));
            assertFalse(a.complete());
            assertEquals(4, a.attempts());
            assertEquals(4, s.seen().size());
            assertEquals(500, a.httpStatus());
            assertTrue(a.toString().contains("database down"), a.toString());
        }
    }

    @Test
    void clientErrorsAreAnswersAndAreNotRetried() throws Exception {
        try (ArchiveApiServer s = new ArchiveApiServer()) {
            s.otherwise(ArchiveApiServer.Reply.of(400, "{\"APIStatus\": \"ERROR\", \"Message\": \"unknown koaid\"}"));
            IngestApi.Answer a = api(s, 5).notify(new IngestApi.Call("NIRC2", 0, "N2.20170725.37273.00", false));
            assertFalse(a.complete());
            assertEquals(1, a.attempts());
            assertEquals(1, s.seen().size());
            assertEquals(400, a.httpStatus());
            assertTrue(a.toString().contains("unknown koaid"), "the answer's text is kept: " + a);
        }
    }

    @Test
    void malformedOrRefusingAnswersAreNotRetried() throws Exception {
        try (ArchiveApiServer s = new ArchiveApiServer()) {
            s.then(ArchiveApiServer.Reply.of(200, "<html>maintenance</html>"), 1);
            s.then(ArchiveApiServer.Reply.of(200, "{\"APIStatus\": \"ERROR\", \"Message\": \"md5 mismatch\"}"), 1);
            s.then(ArchiveApiServer.Reply.of(200, ""), 1);
            IngestApi api = api(s, 5);
            IngestApi.Answer html = api.notify(new IngestApi.Call("NIRC2", 0, "N2.20170725.37273.00", false));
            IngestApi.Answer refused = api.notify(new IngestApi.Call("NIRC2", 0, "N2.20170725.37273.00", false));
            IngestApi.Answer empty = api.notify(new IngestApi.Call("NIRC2", 0, "N2.20170725.37273.00", false));
            assertFalse(html.complete());
            assertNull(html.apiStatus());
            assertTrue(html.toString().contains("malformed"), html.toString());
            assertFalse(refused.complete());
            assertEquals("ERROR", refused.apiStatus());
            assertTrue(refused.toString().contains("md5 mismatch"), refused.toString());
            assertFalse(empty.complete());
            assertEquals(1, html.attempts() * refused.attempts() * empty.attempts());
            assertEquals(3, s.seen().size());
        }
    }

    @Test
    void theKeyNeverAppearsInTextAndIsOmittedWhenUnset() throws Exception {
        try (ArchiveApiServer s = new ArchiveApiServer()) {
            DeliverySettings with = settings(s.url(), Duration.ofSeconds(5), 2, Duration.ofMillis(10));
            assertFalse(with.toString().contains(KEY), with.toString());
            assertFalse(with.api().toString().contains(KEY));
            IngestApi.Answer a = with.api().notify(new IngestApi.Call("NIRC2", 0, "N2.20170725.37273.00", false));
            assertFalse(a.toString().contains(KEY));
            DeliverySettings without = with.withApi(s.url(), "  ");
            assertNull(without.apiKey());
            assertTrue(without.api().notify(new IngestApi.Call("NIRC2", 0, "N2.20170725.37273.00", false)).complete());
            assertNull(s.seen().get(1).authorization(), "no key, no Authorization header");
        }
    }
}
