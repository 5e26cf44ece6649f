package org.drpkit.archive;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;

/**
 * The schedule and proposals services on 127.0.0.1 (a real HTTP server on a free port), answering from the recorded
 * JSON files in {@code src/test/resources/org/drpkit/archive/services/} (shaped after the spec, not captured; see the
 * README there): {@code /api/schedule/getSchedule?date=D&telnr=N&instr=I} serves
 * {@code getSchedule_D_N_I.json}, {@code /api/proposals/CALL?ktn=S} serves {@code CALL_S.json}; anything else is
 * HTTP 404. Scripted replies (errors, late answers) are served first, in order. Records every request, and takes POSTs
 * (the PI notification) with their body.
 */
final class FixtureServer implements AutoCloseable {

    /** One request as the server saw it. */
    record Seen(String method, String path, Map<String, String> params, String body, String authorization) {
    }

    /** A scripted answer. */
    record Reply(int status, String body, long delayMillis) {
        static Reply of(int status, String body) {
            return new Reply(status, body, 0);
        }
    }

    private final HttpServer server;
    private final ExecutorService pool = LoopbackHttp.pool("fixture-server");
    private final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
    private final ConcurrentLinkedDeque<Reply> script = new ConcurrentLinkedDeque<>();

    FixtureServer() throws IOException {
        server = LoopbackHttp.start(this::handle, pool);
    }

    /** Serves {@code reply} to the next {@code times} requests, before any fixture. */
    FixtureServer then(Reply reply, int times) {
        for (int i = 0; i < times; i++) {
            script.addLast(reply);
        }
        return this;
    }

    URI schedule() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/schedule/");
    }

    URI proposals() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/proposals/");
    }

    URI piNotify() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ops/pi-notify");
    }

    List<Seen> seen() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    /** @return the text of a recorded answer */
    static String fixture(String name) throws IOException {
        try (InputStream in = FixtureServer.class.getResourceAsStream("services/" + name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private Reply recorded(String path, Map<String, String> p) throws IOException {
        String name = null;
        if (path.equals("/api/schedule/getSchedule")) {
            name = "getSchedule_" + p.get("date") + "_" + p.getOrDefault("telnr", "any") + "_" + p.get("instr") + ".json";
        } else if (path.startsWith("/api/proposals/") && p.containsKey("ktn")) {
            name = path.substring("/api/proposals/".length()) + "_" + p.get("ktn") + ".json";
        } else if (path.equals("/ops/pi-notify")) {
            return Reply.of(202, "{\"queued\": true}");
        }
        String text = name == null || name.contains("/") ? null : fixture(name);
        return text == null ? Reply.of(404, "{\"error\": \"not found\"}") : Reply.of(200, text);
    }

    private void handle(HttpExchange x) throws IOException {
        Map<String, String> params = LoopbackHttp.query(x);
        String body;
        try (InputStream in = x.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String path = x.getRequestURI().getPath();
        seen.add(new Seen(x.getRequestMethod(), path, params, body, x.getRequestHeaders().getFirst("Authorization")));
        Reply r = script.pollFirst();
        if (r == null) {
            r = recorded(path, params);
        }
        LoopbackHttp.answer(x, r.status(), r.body(), r.delayMillis());
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
