package org.drpkit.archive;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;

/**
 * A stand-in for the archive's ingest API on 127.0.0.1 (a real HTTP server on a free port): records every request
 * (method, path, decoded query parameters, Authorization header, arrival time) and answers from a script of replies,
 * then with {@link Reply#complete()}. A reply can be delayed past the client's timeout.
 */
final class ArchiveApiServer implements AutoCloseable {

    /** One request as the server saw it. */
    record Seen(String method, String path, Map<String, String> params, String authorization, long nanos) {
    }

    /** One scripted answer. */
    record Reply(int status, String body, long delayMillis) {
        static Reply complete() {
            return new Reply(200, "{\"APIStatus\": \"COMPLETE\", \"Message\": \"ingest queued\"}", 0);
        }

        static Reply of(int status, String body) {
            return new Reply(status, body, 0);
        }

        /** An acceptance that arrives after {@code millis}. */
        static Reply late(long millis) {
            return new Reply(200, complete().body(), millis);
        }
    }

    private final HttpServer server;
    private final ExecutorService pool = LoopbackHttp.pool("archive-api-stub");
    private final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
    private final ConcurrentLinkedDeque<Reply> script = new ConcurrentLinkedDeque<>();
    private volatile Reply otherwise = Reply.complete();

    ArchiveApiServer() throws IOException {
        server = LoopbackHttp.start(this::handle, pool);
    }

    /** Queues {@code reply} {@code times} times (after what is queued already). */
    ArchiveApiServer then(Reply reply, int times) {
        for (int i = 0; i < times; i++) {
            script.addLast(reply);
        }
        return this;
    }

    /** The reply once the script is used up. */
    ArchiveApiServer otherwise(Reply reply) {
        otherwise = reply;
        return this;
    }

    /** @return the base URL, as the archive's configuration gives it ({@code .../ingest?}) */
    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/ingest?");
    }

    /** @return the requests so far */
    List<Seen> seen() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    private void handle(HttpExchange x) throws IOException {
        Map<String, String> params = LoopbackHttp.query(x);
        seen.add(new Seen(x.getRequestMethod(), x.getRequestURI().getPath(), params,
                x.getRequestHeaders().getFirst("Authorization"), System.nanoTime()));
        Reply r = script.pollFirst();
        if (r == null) {
            r = otherwise;
        }
        LoopbackHttp.answer(x, r.status(), r.body(), r.delayMillis());
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
