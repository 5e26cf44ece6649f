package org.drpkit.archive;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One HTTP request sent until it gets an answer the caller accepts, the archive's retry rule shared by every client
 * of an outside service (the ingest API, the schedule, the proposals database): timeouts and connection failures are
 * retried, an answer is retried or not as the caller's {@link Judge} says (typically: HTTP 5xx yes, anything else
 * no); at most {@link Policy#maxAttempts()} calls, waiting {@link Policy#backoff()} before the second and twice as
 * long before each next one (at most 10 minutes). Nothing is thrown: every outcome is an {@link Outcome}. An interrupt
 * during a wait or a call ends the attempts and keeps the thread's interrupt flag. Thread-safe.
 *
 * <pre>{@code
 * HttpRetry.Policy p = new HttpRetry.Policy(Duration.ofSeconds(10), 3, Duration.ofSeconds(1));
 * HttpRetry.Outcome o = HttpRetry.send(client, request, p, HttpRetry.Judge.SUCCESS_2XX);
 * if (o.accepted()) use(o.body());
 * }</pre>
 */
public final class HttpRetry {

    private static final Duration MAX_WAIT = Duration.ofMinutes(10);

    private HttpRetry() {
    }

    /**
     * How hard to try.
     *
     * @param timeout     the limit of one call (connection and answer), positive
     * @param maxAttempts calls made at most, 1..100
     * @param backoff     the wait before the second attempt (then doubled each time), not negative
     */
    public record Policy(Duration timeout, int maxAttempts, Duration backoff) {
        /** Checks the values. */
        public Policy {
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(backoff, "backoff");
            if (timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException("the call timeout must be positive: " + timeout);
            }
            if (backoff.isNegative()) {
                throw new IllegalArgumentException("the backoff cannot be negative: " + backoff);
            }
            if (maxAttempts < 1 || maxAttempts > 100) {
                throw new IllegalArgumentException("attempts must be 1..100: " + maxAttempts);
            }
        }
    }

    /** What the caller makes of one answer. */
    public enum Kind {
        /** The answer is what was asked for: stop. */
        ACCEPT,
        /** A passing failure (a busy server): try again. */
        RETRY,
        /** A final answer that is not what was asked for (a client error, a refusal): stop. */
        REFUSE
    }

    /**
     * The verdict on one answer.
     *
     * @param kind what to do
     * @param why  for RETRY and REFUSE, the failure line's text (after {@code attempt N: })
     */
    public record Verdict(Kind kind, String why) {
        /** @return an accepted answer */
        public static Verdict accept() {
            return new Verdict(Kind.ACCEPT, "");
        }

        /** @return a failure worth another call */
        public static Verdict retry(String why) {
            return new Verdict(Kind.RETRY, why);
        }

        /** @return a final failure */
        public static Verdict refuse(String why) {
            return new Verdict(Kind.REFUSE, why);
        }
    }

    /** Judges an answer by its HTTP status and body. */
    @FunctionalInterface
    public interface Judge {
        /** Accepts 2xx, retries 5xx, refuses the rest. */
        Judge SUCCESS_2XX = (status, body) -> status / 100 == 2 ? Verdict.accept()
                : status / 100 == 5 ? Verdict.retry("HTTP " + status + ": " + oneLine(body, 200))
                : Verdict.refuse("HTTP " + status + ": " + oneLine(body, 200));

        /** @return the verdict on one answer ({@code body} never null) */
        Verdict judge(int status, String body);
    }

    /**
     * How the calls ended.
     *
     * @param accepted   true when the last answer was accepted
     * @param attempts   calls made
     * @param httpStatus the last answer's HTTP status, or -1 when the last call got no answer (timeout, connection)
     * @param body       the last answer's whole body ({@code ""} without answer)
     * @param failures   one line per failed attempt, in order ({@code attempt N: why})
     */
    public record Outcome(boolean accepted, int attempts, int httpStatus, String body, List<String> failures) {
        /** Copies the list. */
        public Outcome {
            failures = List.copyOf(failures);
        }

        /** @return the last failure line, or {@code ""} */
        public String lastFailure() {
            return failures.isEmpty() ? "" : failures.get(failures.size() - 1);
        }

        @Override
        public String toString() {
            return (accepted ? "accepted after " : "not accepted after ") + attempts + (attempts == 1 ? " call" : " calls")
                    + (httpStatus < 0 ? ", no answer" : ", HTTP " + httpStatus)
                    + (failures.isEmpty() ? "" : ": " + lastFailure());
        }
    }

    /**
     * Sends {@code request} as the class says.
     *
     * @param client  the client (its connect timeout should not exceed the policy's)
     * @param request the request; its own timeout, when set, limits each call
     * @param policy  attempts and waits
     * @param judge   what the caller makes of an answer
     * @return how it ended
     */
    public static Outcome send(HttpClient client, HttpRequest request, Policy policy, Judge judge) {
        List<String> failures = new ArrayList<>();
        Duration wait = policy.backoff();
        for (int attempt = 1; ; attempt++) {
            int status = -1;
            String body = "";
            boolean retry;
            try {
                HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
                status = r.statusCode();
                body = r.body() == null ? "" : r.body();
                Verdict v = judge.judge(status, body);
                if (v.kind() == Kind.ACCEPT) {
                    return new Outcome(true, attempt, status, body, failures);
                }
                retry = v.kind() == Kind.RETRY;
                failures.add("attempt " + attempt + ": " + v.why());
            } catch (HttpTimeoutException e) {
                retry = true;
                failures.add("attempt " + attempt + ": no answer within " + policy.timeout() + " (" + e.getMessage() + ")");
            } catch (IOException e) {
                retry = true;
                failures.add("attempt " + attempt + ": " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failures.add("attempt " + attempt + ": interrupted");
                return new Outcome(false, attempt, status, body, failures);
            }
            if (!retry || attempt >= policy.maxAttempts()) {
                return new Outcome(false, attempt, status, body, failures);
            }
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failures.add("interrupted while waiting to retry");
                return new Outcome(false, attempt, status, body, failures);
            }
            wait = wait.multipliedBy(2).compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait.multipliedBy(2);
        }
    }

    /** @return {@code s} stripped, on one line, cut at {@code max} characters (with {@code ...}) */
    public static String oneLine(String s, int max) {
        if (s == null) {
            return "";
        }
        String one = s.strip().replace('\n', ' ').replace('\r', ' ');
        return one.length() <= max ? one : one.substring(0, max) + "...";
    }
}
