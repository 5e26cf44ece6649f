package org.drpkit.archive.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.drpkit.archive.Notifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook notifier against a real HTTP server on 127.0.0.1 that records what it is sent and answers as the test
 * says: 200, an error status, or nothing for a long time.
 */
class WebhookNotifierTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T18:00:00Z"), ZoneOffset.UTC);

    private HttpServer server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> contentTypes = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(200);
    private volatile long delayMillis;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hooks/T000/secret-token", ex -> {
            try (InputStream in = ex.getRequestBody()) {
                bodies.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            contentTypes.add(ex.getRequestHeaders().getFirst("Content-Type"));
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] answer = (status.get() == 200 ? "ok" : "invalid_payload").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status.get(), answer.length);
            ex.getResponseBody().write(answer);
            ex.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/T000/secret-token");
    }

    @Test
    void postsOneJsonDocumentPerAlertWithATextFieldForChat() throws Exception {
        WebhookNotifier hook = new WebhookNotifier(new WebhookNotifier.Settings(url(), Duration.ofSeconds(5)), CLOCK);
        hook.send(new Notifier.Alert("NIRC2", "DUPLICATE_KOAID", "n0051.fits: the id is held by n0050.fits", 2));

        assertEquals(1, bodies.size());
        JsonNode j = new ObjectMapper().readTree(bodies.get(0));
        assertEquals("drpkit NIRC2 DUPLICATE_KOAID: n0051.fits: the id is held by n0050.fits (+2 held back)",
                j.get("text").asText());
        assertEquals("NIRC2", j.get("instrument").asText());
        assertEquals("DUPLICATE_KOAID", j.get("code").asText());
        assertEquals("n0051.fits: the id is held by n0050.fits", j.get("message").asText());
        assertEquals(2, j.get("suppressed").asInt());
        assertEquals("2026-12-06T18:00:00Z", j.get("time").asText());
        assertTrue(contentTypes.get(0).startsWith("application/json"), contentTypes.get(0));
        assertEquals(1, hook.sent());
        assertEquals(0, hook.failed());
    }

    @Test
    void anErrorAnswerIsCountedAsAFailureNotThrown() {
        status.set(400);
        WebhookNotifier hook = new WebhookNotifier(new WebhookNotifier.Settings(url(), Duration.ofSeconds(5)), CLOCK);
        hook.send(new Notifier.Alert("NIRC2", "CODE_ERROR", "boom", 0));
        assertEquals(1, bodies.size(), "the server got the post");
        assertEquals(0, hook.sent());
        assertEquals(1, hook.failed());
    }

    @Test
    void aRefusedConnectionIsCountedAsAFailureNotThrown() {
        URI gone = url();
        server.stop(0);
        WebhookNotifier hook = new WebhookNotifier(new WebhookNotifier.Settings(gone, Duration.ofSeconds(5)), CLOCK);
        hook.send(new Notifier.Alert("NIRC2", "CODE_ERROR", "boom", 0));
        assertEquals(1, hook.failed());
    }

    @Test
    void aServerThatHangsHoldsTheWorkerForTheTimeoutOnly() {
        delayMillis = 5_000;
        WebhookNotifier hook = new WebhookNotifier(new WebhookNotifier.Settings(url(), Duration.ofMillis(400)), CLOCK);
        long t0 = System.nanoTime();
        hook.send(new Notifier.Alert("NIRC2", "CODE_ERROR", "slow chat", 0));
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(1, hook.failed());
        assertEquals(0, hook.sent());
        assertTrue(seconds >= 0.35 && seconds < 1.4, "a 0.4 s limit held the worker " + seconds + " s");
    }

    @Test
    void theTokenInTheUrlIsNeverShown() {
        WebhookNotifier hook = new WebhookNotifier(new WebhookNotifier.Settings(url(), Duration.ofSeconds(5)), CLOCK);
        assertFalse(hook.toString().contains("secret-token"), hook.toString());
        assertTrue(hook.toString().contains("http://127.0.0.1:" + server.getAddress().getPort() + "/..."),
                hook.toString());
    }
}
