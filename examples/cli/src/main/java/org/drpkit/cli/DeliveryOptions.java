package org.drpkit.cli;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.drpkit.archive.DeliverySettings;
import org.drpkit.archive.IngestApi;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The archive's ingest API options shared by {@code ingest}, {@code reprocess}, {@code monitor} and {@code transfer}:
 * its URL, and the timeout, attempts and backoff of its calls. The key comes from the environment variable
 * {@code DRPKIT_INGEST_API_KEY} ({@link DeliverySettings#API_KEY_ENV}), never from the command line.
 */
final class DeliveryOptions {

    @Option(names = "--ingest-api", paramLabel = "URL", description = "after each transfer, call the archive's ingest"
            + " API at URL (e.g. https://archive.example.org/ingest?) with instrument, ingesttype, koaid, reingest,"
            + " rtui; rows end COMPLETE when it answers APIStatus COMPLETE. Key from DRPKIT_INGEST_API_KEY."
            + " Needs --transfer-to")
    URI ingestApi;

    @Option(names = "--api-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "limit of one API call (default: ${DEFAULT-VALUE})")
    double timeoutSeconds;

    @Option(names = "--api-attempts", paramLabel = "N", defaultValue = "5",
            description = "API calls at most per file: timeouts, connection errors and HTTP 5xx are retried"
                    + " (default: ${DEFAULT-VALUE})")
    int attempts;

    @Option(names = "--api-backoff", paramLabel = "SECONDS", defaultValue = "2",
            description = "wait before the second call, doubled before each next one (default: ${DEFAULT-VALUE})")
    double backoffSeconds;

    /** The configuration file's API, used when --ingest-api is not given (its key from the variable it names). */
    private org.drpkit.archive.config.ArchiveConfig.IngestApi configured;

    /** Takes the configuration file's ingest API (url, key, timeout) unless --ingest-api was given. */
    void defaults(org.drpkit.archive.config.ArchiveConfig.IngestApi api) {
        if (ingestApi == null && api != null) {
            configured = api;
        }
    }

    /**
     * @param destination the transfer's folder, or null when there is no transfer
     * @return the delivery settings, or null without a destination
     * @throws CommandLine.ParameterException when --ingest-api is given without a destination or a value is out of
     *                                        range
     */
    DeliverySettings settings(Path destination, CommandLine cl) {
        if (destination == null) {
            if (ingestApi != null) {
                throw new CommandLine.ParameterException(cl, "--ingest-api needs --transfer-to DIR");
            }
            return null;
        }
        try {
            if (configured != null) {
                return DeliverySettings.to(destination).withApi(configured.url(), configured.key() == null
                        ? System.getenv(DeliverySettings.API_KEY_ENV) : configured.key().reveal())
                        .withRetries(configured.timeout() != null ? configured.timeout() : millis(timeoutSeconds),
                                attempts, millis(backoffSeconds));
            }
            return DeliverySettings.to(destination).withApi(ingestApi, System.getenv(DeliverySettings.API_KEY_ENV))
                    .withRetries(millis(timeoutSeconds), attempts, millis(backoffSeconds));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
    }

    /** @return the API client, or null */
    IngestApi api(Path destination, CommandLine cl) {
        DeliverySettings s = settings(destination, cl);
        return s == null ? null : s.api();
    }

    private static Duration millis(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
