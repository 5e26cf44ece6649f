package org.drpkit.archive;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** What the tests' HTTP servers on 127.0.0.1 share: starting on a free port, reading a query, answering. */
final class LoopbackHttp {

    private LoopbackHttp() {
    }

    /** @return a daemon thread pool for a server's exchanges */
    static ExecutorService pool(String threadName) {
        return Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** @return a started server on a free loopback port, every path handled by {@code handler} */
    static HttpServer start(HttpHandler handler, ExecutorService pool) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", handler);
        server.setExecutor(pool);
        server.start();
        return server;
    }

    /** @return the request's decoded query parameters, in order */
    static Map<String, String> query(HttpExchange x) {
        Map<String, String> params = new LinkedHashMap<>();
        String q = x.getRequestURI().getRawQuery();
        if (q != null) {
            for (String kv : q.split("&")) {
                int eq = kv.indexOf('=');
                params.put(URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    /** Answers with a JSON body after {@code delayMillis}; a client that gave up meanwhile is not an error. */
    static void answer(HttpExchange x, int status, String body, long delayMillis) {
        try {
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", "application/json");
            x.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
            try (OutputStream out = x.getResponseBody()) {
                out.write(b);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client gave up (timeout): nothing to answer
        } finally {
            x.close();
        }
    }
}
