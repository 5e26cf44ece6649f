package org.drpkit.archive.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.drpkit.archive.Notifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts each alert as JSON to a chat webhook (Slack, Mattermost, Rocket.Chat and Teams' incoming webhooks read the
 * {@code text} field; the other fields are there for a bot):
 * <pre>
 * {"text": "drpkit NIRC2 MISMATCHED_FILENAME: ...", "instrument": "NIRC2", "code": "MISMATCHED_FILENAME",
 *  "message": "...", "suppressed": 0, "host": "koarti", "time": "2026-12-06T18:00:00Z"}
 * </pre>
 * A 2xx answer is success; any other answer, a refused connection or no answer within {@link Settings#timeout()} is
 * logged and counted in {@link #failed()}, never thrown. The wait is bounded as a whole (connect, send, answer), so a
 * server that hangs holds the worker that raised the alert for at most the timeout. The URL of a chat webhook is a
 * secret (whoever has it can post): logs and {@code toString} show only its scheme and host. Thread-safe.
 *
 * <pre>{@code
 * Notifier chat = new WebhookNotifier(new WebhookNotifier.Settings(
 *         URI.create(System.getenv("DRPKIT_WEBHOOK_URL")), Duration.ofSeconds(5)));
 * }</pre>
 */
public final class WebhookNotifier implements Notifier {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookNotifier.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Where to post.
     *
     * @param url     an http or https URL
     * @param timeout the longest a post may take, connection included
     */
    public record Settings(URI url, Duration timeout) {
        /** Checks the URL and the timeout. */
        public Settings {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(timeout, "timeout");
            if (!"http".equalsIgnoreCase(url.getScheme()) && !"https".equalsIgnoreCase(url.getScheme())) {
                throw new IllegalArgumentException("a webhook URL must be http or https: " + redacted(url));
            }
            if (url.getHost() == null) {
                throw new IllegalArgumentException("the webhook URL has no host: " + redacted(url));
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("the webhook timeout must be positive: " + timeout);
            }
        }

        @Override
        public String toString() {
            return "webhook " + redacted(url) + ", timeout " + timeout.toMillis() + " ms";
        }
    }

    private final Settings settings;
    private final HttpClient client;
    private final Clock clock;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    /** A notifier with its own HTTP client. */
    public WebhookNotifier(Settings settings) {
        this(settings, Clock.systemUTC());
    }

    /** @param clock the clock of the {@code time} field */
    public WebhookNotifier(Settings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings);
        this.clock = Objects.requireNonNull(clock);
        this.client = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Posts the alert; a failure is logged and counted, never thrown. */
    @Override
    public void send(Alert alert) {
        String body;
        try {
            body = JSON.writeValueAsString(json(alert));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings and numbers always serialises", e);
        }
        HttpRequest req = HttpRequest.newBuilder(settings.url()).timeout(settings.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        CompletableFuture<HttpResponse<String>> f = client.sendAsync(req, HttpResponse.BodyHandlers.ofString());
        try {
            HttpResponse<String> r = f.get(settings.timeout().toNanos(), TimeUnit.NANOSECONDS);
            if (r.statusCode() / 100 == 2) {
                sent.incrementAndGet();
                return;
            }
            String answer = r.body() == null ? "" : r.body().strip();
            fail(alert, "HTTP " + r.statusCode() + (answer.isEmpty() ? "" : " "
                    + answer.substring(0, Math.min(200, answer.length()))));
        } catch (TimeoutException e) {
            f.cancel(true);
            fail(alert, "no answer within " + settings.timeout().toMillis() + " ms");
        } catch (ExecutionException e) {
            fail(alert, String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            fail(alert, "interrupted");
        }
    }

    private void fail(Alert alert, String why) {
        failed.incrementAndGet();
        LOG.warn("webhook alert [{} {}] not posted to {}: {}", alert.instrument(), alert.code(),
                redacted(settings.url()), why.replace(settings.url().toString(), redacted(settings.url())));
    }

    private Map<String, Object> json(Alert a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("text", Alerts.subject(a) + (a.message().contains("\n") ? "\n" + a.message() : ""));
        m.put("instrument", a.instrument());
        m.put("code", a.code());
        m.put("message", a.message());
        m.put("suppressed", a.suppressed());
        m.put("host", Alerts.host());
        m.put("time", clock.instant().toString());
        return m;
    }

    /** @return posts answered with 2xx */
    public long sent() {
        return sent.get();
    }

    /** @return alerts that could not be posted */
    public long failed() {
        return failed.get();
    }

    /** @return {@code scheme://host[:port]/...}: the URL without its path, query or user, which may hold a token */
    static String redacted(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() >= 0 ? ":" + url.getPort() : "") + "/...";
    }

    @Override
    public String toString() {
        return settings + " (" + sent.get() + " sent, " + failed.get() + " failed)";
    }
}
