package org.drpkit.archive;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how products are delivered to the archive (the Keck archive's {@code KOAXFR.DIR} and
 * {@code KOAXFR.INGESTAPI}): the destination folder, and optionally the archive's ingest API called after each copy,
 * with its key, the timeout of one call, the number of attempts and the first backoff (doubled after each failed
 * attempt). The key is a secret: it is read from the environment variable {@link #API_KEY_ENV} by applications and
 * never appears in {@link #toString()}, logs or ledger events.
 *
 * <pre>{@code
 * DeliverySettings s = DeliverySettings.to(Path.of("/archive/incoming"))
 *         .withApi(URI.create("https://archive.example.org/ingest?"), System.getenv(DeliverySettings.API_KEY_ENV));
 * IngestService service = IngestService.delivering(ledger, context, s);
 * }</pre>
 *
 * @param destination the archive's root folder (products go to {@code destination/INSTR/YYYYMMDD/lev0/})
 * @param ingestApi   the ingest API's base URL, or null to stop at TRANSFERRED (no call, nothing COMPLETE)
 * @param apiKey      the API key sent as {@code Authorization: Bearer KEY}, or null to send none
 * @param timeout     the limit of one call (connection and answer), positive
 * @param maxAttempts calls made at most for one row, at least 1
 * @param backoff     the wait before the second attempt (then doubled each time), not negative
 */
public record DeliverySettings(Path destination, URI ingestApi, String apiKey, Duration timeout, int maxAttempts,
        Duration backoff) {

    /** The environment variable applications read the API key from. */
    public static final String API_KEY_ENV = "DRPKIT_INGEST_API_KEY";
    /** The default limit of one API call: 30 s. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** The default number of attempts: 5 (waits of 2, 4, 8 and 16 s between them with the default backoff). */
    public static final int DEFAULT_ATTEMPTS = 5;
    /** The default first backoff: 2 s. */
    public static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(2);

    /** Checks the values. */
    public DeliverySettings {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(backoff, "backoff");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("the API timeout must be positive: " + timeout);
        }
        if (backoff.isNegative()) {
            throw new IllegalArgumentException("the API backoff cannot be negative: " + backoff);
        }
        if (maxAttempts < 1 || maxAttempts > 100) {
            throw new IllegalArgumentException("API attempts must be 1..100: " + maxAttempts);
        }
        if (ingestApi != null && !("http".equals(ingestApi.getScheme()) || "https".equals(ingestApi.getScheme()))) {
            throw new IllegalArgumentException("the ingest API must be an http or https URL: " + ingestApi);
        }
        if (apiKey != null && apiKey.isBlank()) {
            apiKey = null;
        }
    }

    /** @return delivery into {@code destination} without an API call, default timeout, attempts and backoff */
    public static DeliverySettings to(Path destination) {
        return new DeliverySettings(destination, null, null, DEFAULT_TIMEOUT, DEFAULT_ATTEMPTS, DEFAULT_BACKOFF);
    }

    /** @return these settings calling the ingest API at {@code url} with {@code key} (null for none) */
    public DeliverySettings withApi(URI url, String key) {
        return new DeliverySettings(destination, url, key, timeout, maxAttempts, backoff);
    }

    /** @return these settings with another call timeout, attempt count and first backoff */
    public DeliverySettings withRetries(Duration callTimeout, int attempts, Duration firstBackoff) {
        return new DeliverySettings(destination, ingestApi, apiKey, callTimeout, attempts, firstBackoff);
    }

    /** @return the API client, or null when no API is configured */
    public IngestApi api() {
        return ingestApi == null ? null : new IngestApi(this);
    }

    /** @return the copy into the destination (rsync semantics: only changed files, each verified by MD5) */
    public LocalFolderTransfer transfer() {
        return new LocalFolderTransfer(destination);
    }

    /** Names the destination and API, never the key. */
    @Override
    public String toString() {
        return "DeliverySettings[to " + destination + (ingestApi == null ? ", no ingest API"
                : ", API " + ingestApi + (apiKey == null ? " without key" : " with key ***") + ", timeout " + timeout
                        + ", " + maxAttempts + " attempts, backoff " + backoff) + "]";
    }
}
