package org.drpkit.archive.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.drpkit.archive.HttpRetry;
import org.drpkit.instruments.keck.service.ServiceException;

/** One GET of a JSON answer through {@link HttpRetry}, shared by the service clients. Thread-safe. */
final class ServiceHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    /** The most bytes of an answer accepted (a schedule or proposal is a few kB). */
    static final int MAX_ANSWER = 4 << 20;

    private final URI base;
    private final HttpRetry.Policy policy;
    private final HttpClient client;

    ServiceHttp(URI base, HttpRetry.Policy policy) {
        String b = base.toString();
        this.base = URI.create(b.endsWith("/") ? b : b + "/");
        this.policy = policy;
        this.client = HttpClient.newBuilder().connectTimeout(policy.timeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    URI base() {
        return base;
    }

    /** @return the URL of {@code call} with the (encoded) parameters, in order */
    URI url(String call, Map<String, String> params) {
        StringBuilder sb = new StringBuilder(base.toString()).append(call);
        char sep = '?';
        for (Map.Entry<String, String> e : params.entrySet()) {
            sb.append(sep).append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            sep = '&';
        }
        return URI.create(sb.toString());
    }

    /**
     * @param notFoundIsEmpty true when HTTP 404 means "no such thing" (returns null) rather than a failure
     * @return the answer's JSON, or null for a 404 when {@code notFoundIsEmpty}, or for an empty 2xx body
     * @throws ServiceException when no answer came after the retries, the service refused, or the body is not JSON
     */
    JsonNode get(URI url, boolean notFoundIsEmpty) throws ServiceException {
        HttpRequest req = HttpRequest.newBuilder(url).timeout(policy.timeout()).GET()
                .header("Accept", "application/json").header("User-Agent", "drpkit").build();
        HttpRetry.Outcome o = HttpRetry.send(client, req, policy, HttpRetry.Judge.SUCCESS_2XX);
        String where = url.getHost() + url.getPath();
        if (!o.accepted()) {
            if (notFoundIsEmpty && o.httpStatus() == 404) {
                return null;
            }
            throw new ServiceException(where + ": " + o);
        }
        String body = o.body();
        if (body.length() > MAX_ANSWER) {
            throw new ServiceException(where + ": an answer of " + body.length() + " characters (more than "
                    + MAX_ANSWER + ")");
        }
        if (body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new ServiceException(where + ": not JSON (" + HttpRetry.oneLine(body, 120) + ")");
        }
    }

    /**
     * @return the text of field {@code name} of an answer: at its top level, under {@code data}, or in the first
     *         element of a list; {@code ""} when absent or null
     */
    static String field(JsonNode n, String name) {
        for (int depth = 0; n != null && depth < 4; depth++) {
            if (n.isArray()) {
                n = n.size() > 0 ? n.get(0) : null;
            } else if (n.isObject() && n.has(name)) {
                JsonNode v = n.get(name);
                return v == null || v.isNull() ? "" : v.asText().strip();
            } else if (n.isObject() && n.has("data")) {
                n = n.get("data");
            } else {
                return "";
            }
        }
        return "";
    }
}
