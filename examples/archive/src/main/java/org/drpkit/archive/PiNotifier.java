package org.drpkit.archive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.drpkit.archive.ledger.KoapiSend;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;

/**
 * Tells the outside world that a program's PI is to hear of new data (koa-dep section 7.5: the archive's PHP and
 * procmail chain reads {@code koapi_send}; drpkit also announces each change of that table). Two implementations:
 * <ul>
 * <li>{@link #recorder(Path)}: the default, a local record, one JSON line per notice appended to a file (what the
 * mailer would be asked), so nothing leaves the host;</li>
 * <li>{@link #http}: a POST of the same JSON to a URL through the delivery's HTTP settings (key as
 * {@code Authorization: Bearer}, timeout, attempts and backoff by {@link HttpRetry}), accepted on HTTP 2xx.</li>
 * </ul>
 * The JSON ({@code {"semid", "instrument", "utdate_beg", "utdate_end", "action", "time"}}) is drpkit's own: the spec
 * knows no such call. Implementations are thread-safe.
 *
 * <pre>{@code
 * PiNotifier local = PiNotifier.recorder(Path.of("/koadata/koapi_send.jsonl"));
 * PiNotifier remote = PiNotifier.http(URI.create("https://ops.example.org/pi-notify"), key,
 *         new HttpRetry.Policy(Duration.ofSeconds(10), 3, Duration.ofSeconds(1)));
 * }</pre>
 */
@FunctionalInterface
public interface PiNotifier {

    /**
     * One change of {@code koapi_send}.
     *
     * @param semid      {@code SEMESTER_PROGID}
     * @param instrument the instrument
     * @param begin      the run's first UT date
     * @param end        its last UT date
     * @param action     {@link KoapiSend.Action#INSERTED} or {@link KoapiSend.Action#EXTENDED}
     * @param time       when it was recorded
     */
    record Notice(String semid, String instrument, LocalDate begin, LocalDate end, KoapiSend.Action action,
            Instant time) {
        /** Checks for nulls. */
        public Notice {
            Objects.requireNonNull(semid, "semid");
            Objects.requireNonNull(instrument, "instrument");
            Objects.requireNonNull(begin, "begin");
            Objects.requireNonNull(end, "end");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(time, "time");
        }

        /** @return the notice as one line of JSON */
        public String json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("semid", semid);
            m.put("instrument", instrument);
            m.put("utdate_beg", begin.toString());
            m.put("utdate_end", end.toString());
            m.put("action", action.name());
            m.put("time", time.toString());
            try {
                return Holder.JSON.writeValueAsString(m);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("strings cannot fail to print", e);
            }
        }

        @Override
        public String toString() {
            return "PI of " + semid + " (" + instrument + ") to hear of data " + begin
                    + (begin.equals(end) ? "" : ".." + end) + " (" + action + ")";
        }
    }

    /**
     * Sends one notice.
     *
     * @return a sentence for the row's event (where it went)
     * @throws DrpException when it could not be sent (a WARN event for the row; the table is already written)
     */
    String send(Notice notice) throws DrpException;

    /** @return a notifier appending each notice as a JSON line to {@code file} (created with its folder) */
    static PiNotifier recorder(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        return new PiNotifier() {
            @Override
            public String send(Notice n) throws DrpException {
                byte[] line = (n.json() + "\n").getBytes(StandardCharsets.UTF_8);
                synchronized (Holder.APPEND_LOCK) {
                    try {
                        Files.createDirectories(abs.getParent());
                        Files.write(abs, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                                StandardOpenOption.WRITE, StandardOpenOption.DSYNC);
                    } catch (IOException e) {
                        throw new DrpException(RecordsCode.PI_NOTIFY_ERROR, Location.file(abs.toString()),
                                "cannot record the PI notice: " + e, e);
                    }
                }
                return "recorded in " + abs;
            }

            @Override
            public String toString() {
                return "PiNotifier[recorder " + abs + "]";
            }
        };
    }

    /**
     * @param url    an http or https URL
     * @param key    sent as {@code Authorization: Bearer KEY}, or null for none
     * @param policy timeout, attempts and backoff
     * @return a notifier posting each notice's JSON to {@code url}
     */
    static PiNotifier http(URI url, String key, HttpRetry.Policy policy) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(policy, "policy");
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("the PI notification URL must be http or https: " + url);
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(policy.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        return new PiNotifier() {
            @Override
            public String send(Notice n) throws DrpException {
                HttpRequest.Builder rb = HttpRequest.newBuilder(url).timeout(policy.timeout())
                        .header("Content-Type", "application/json").header("User-Agent", "drpkit")
                        .POST(HttpRequest.BodyPublishers.ofString(n.json()));
                if (key != null && !key.isBlank()) {
                    rb.header("Authorization", "Bearer " + key);
                }
                HttpRetry.Outcome o = HttpRetry.send(client, rb.build(), policy, HttpRetry.Judge.SUCCESS_2XX);
                if (!o.accepted()) {
                    throw new DrpException(RecordsCode.PI_NOTIFY_ERROR, Location.file(url.getScheme() + "://"
                            + url.getHost() + url.getPath()), "the PI notification was not accepted: " + o);
                }
                return "sent to " + url.getHost() + " (" + o + ")";
            }

            @Override
            public String toString() {
                return "PiNotifier[POST " + url.getScheme() + "://" + url.getHost() + url.getPath() + "]";
            }
        };
    }

    /** Shared state of the implementations. */
    final class Holder {
        private static final ObjectMapper JSON = new ObjectMapper();
        private static final Object APPEND_LOCK = new Object();

        private Holder() {
        }
    }
}
