package org.drpkit.archive;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The client of the archive's ingest API (the Keck archive's {@code KOAXFR.INGESTAPI}, koa-dep section 7.4 step 6):
 * after a file's products are copied, one GET of {@code BASE instrument=INSTR&ingesttype=lev0&koaid=KOAID}, plus
 * {@code &reingest=true} when the file was sent before and {@code &rtui=false} for NIRC2 {@code _unp} files and the
 * guider, with the key as {@code Authorization: Bearer KEY}. The archive accepts the file when it answers HTTP 2xx
 * with a JSON body whose {@code APIStatus} is {@code COMPLETE}.
 *
 * <p>Timeouts, connection failures and HTTP 5xx are retried, up to {@link DeliverySettings#maxAttempts()} calls,
 * waiting {@link DeliverySettings#backoff()} before the second and twice as long before each next one. HTTP 4xx and
 * 3xx, a 2xx whose {@code APIStatus} is another value, and a 2xx body without {@code APIStatus} (malformed) are
 * answers: they are not retried ({@link HttpRetry}, the rule every service client shares). Every outcome is an
 * {@link Answer}; nothing is thrown. Thread-safe.
 *
 * <pre>{@code
 * IngestApi api = DeliverySettings.to(dest).withApi(URI.create("https://archive.example.org/ingest?"), key).api();
 * IngestApi.Answer a = api.notify(new IngestApi.Call("NIRC2", 0, "N2.20170725.37273.00", false));
 * if (!a.complete()) log.error("{}", a);   // log: an SLF4J Logger
 * }</pre>
 */
public final class IngestApi {

    /** The most characters of an answer's body kept in an {@link Answer} (and so in a ledger event). */
    public static final int MAX_BODY = 1000;

    private static final Pattern API_STATUS = Pattern.compile("\"APIStatus\"\\s*:\\s*\"([^\"]*)\"");

    private final DeliverySettings settings;
    private final HttpClient client;

    /** @param settings the API's URL, key, timeout and retries ({@link DeliverySettings#ingestApi()} not null) */
    public IngestApi(DeliverySettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(settings.ingestApi(), "the settings name no ingest API");
        this.client = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * One file to announce.
     *
     * @param instrument the instrument (upper case)
     * @param level      the processing level (0 for raw files)
     * @param koaid      the archive id, without extension
     * @param reingest   true when the file was sent before (a reprocess or a second delivery)
     */
    public record Call(String instrument, int level, String koaid, boolean reingest) {
        /** Checks the fields. */
        public Call {
            Objects.requireNonNull(instrument, "instrument");
            Objects.requireNonNull(koaid, "koaid");
        }

        /** @return false for the files the archive does not show in its real-time interface: NIRC2 {@code _unp}, the guider */
        public boolean rtui() {
            String i = instrument.toUpperCase(Locale.ROOT);
            return !(i.equals("NIRC2") && koaid.endsWith("_unp")) && !i.contains("GUIDER");
        }

        /** @return the query parameters, encoded, in the archive's order */
        public String query() {
            StringBuilder q = new StringBuilder();
            q.append("instrument=").append(enc(instrument.toUpperCase(Locale.ROOT)));
            q.append("&ingesttype=lev").append(level);
            q.append("&koaid=").append(enc(koaid));
            if (reingest) {
                q.append("&reingest=true");
            }
            if (!rtui()) {
                q.append("&rtui=false");
            }
            return q.toString();
        }

        private static String enc(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8);
        }
    }

    /**
     * What the archive answered.
     *
     * @param complete   true when the archive accepted the file ({@code APIStatus} {@code COMPLETE})
     * @param attempts   calls made
     * @param httpStatus the last answer's HTTP status, or -1 when the last call got no answer (timeout, connection)
     * @param apiStatus  the last answer's {@code APIStatus}, or null when it had none
     * @param body       the last answer's body, cut at {@link #MAX_BODY} characters ({@code ""} without answer)
     * @param failures   one line per failed attempt, in order (why it failed)
     */
    public record Answer(boolean complete, int attempts, int httpStatus, String apiStatus, String body,
            List<String> failures) {
        /** Copies the list. */
        public Answer {
            failures = List.copyOf(failures);
        }

        /** @return a sentence for the ledger and the operator */
        @Override
        public String toString() {
            String last = httpStatus < 0 ? "no answer" : "HTTP " + httpStatus + (body.isEmpty() ? "" : " " + body);
            if (complete) {
                return "the archive accepted the file (APIStatus COMPLETE) after " + attempts
                        + (attempts == 1 ? " call" : " calls") + ": " + last;
            }
            return "the archive did not accept the file after " + attempts + (attempts == 1 ? " call" : " calls")
                    + ": " + (failures.isEmpty() ? last : failures.get(failures.size() - 1));
        }
    }

    /** @return the URL called for {@code c} */
    public URI url(Call c) {
        String base = settings.ingestApi().toString();
        String sep = base.endsWith("?") || base.endsWith("&") ? "" : base.contains("?") ? "&" : "?";
        return URI.create(base + sep + c.query());
    }

    /**
     * Announces a file, retrying as the class says. An interrupt during a wait or a call ends the attempts (the
     * thread's interrupt flag is kept).
     *
     * @return the archive's answer
     */
    public Answer notify(Call c) {
        HttpRequest.Builder rb = HttpRequest.newBuilder(url(c)).timeout(settings.timeout()).GET()
                .header("Accept", "application/json").header("User-Agent", "drpkit");
        if (settings.apiKey() != null) {
            rb.header("Authorization", "Bearer " + settings.apiKey());
        }
        HttpRequest request = rb.build();
        HttpRetry.Policy policy = new HttpRetry.Policy(settings.timeout(), settings.maxAttempts(), settings.backoff());
        HttpRetry.Outcome o = HttpRetry.send(client, request, policy, (status, full) -> {
            String body = HttpRetry.oneLine(full, MAX_BODY);
            String apiStatus = apiStatus(body);
            if (status / 100 == 2 && "COMPLETE".equals(apiStatus)) {
                return HttpRetry.Verdict.accept();
            }
            String why = "HTTP " + status + (status / 100 == 2 ? apiStatus == null
                    ? " without APIStatus (malformed answer): " : " APIStatus " + apiStatus + ": " : ": ") + body;
            return status / 100 == 5 ? HttpRetry.Verdict.retry(why) : HttpRetry.Verdict.refuse(why);
        });
        String body = o.httpStatus() < 0 ? "" : HttpRetry.oneLine(o.body(), MAX_BODY);
        return new Answer(o.accepted(), o.attempts(), o.httpStatus(), o.httpStatus() < 0 ? null : apiStatus(body), body,
                o.failures());
    }

    private static String apiStatus(String body) {
        Matcher m = API_STATUS.matcher(body);
        return m.find() ? m.group(1) : null;
    }

    /** Names the API, never the key. */
    @Override
    public String toString() {
        return "IngestApi[" + settings.ingestApi() + "]";
    }
}
