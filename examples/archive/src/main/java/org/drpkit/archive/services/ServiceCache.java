package org.drpkit.archive.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.drpkit.core.error.DrpException;
import org.drpkit.fits.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers of the outside services kept on disk, one small JSON file per question ({@code schedule/2019-05-08_KCWI_2.json},
 * {@code proposals/2019A_C257.json}) holding the answer and when it was fetched, so a restarted service, a reprocess
 * or a second file of the night asks nothing again. A file is written to a temporary and renamed (never partial, safe
 * with several workers and processes: the last answer wins). An answer younger than {@link #maxAge()} is used
 * instead of asking; an older one only when the service cannot answer ({@link #stale}). Keys are restricted to
 * letters, digits, {@code _ . -} so a key can never leave the folder; a key outside that set is not cached.
 * Unreadable or damaged files count as absent (and are logged). Thread-safe.
 *
 * <pre>{@code
 * ServiceCache c = new ServiceCache(Path.of("/koadata/services-cache"), Duration.ofDays(7));
 * c.fresh("proposals", "2019A_C257", Instant.now());   // Optional[{"LastName":"Martin",...}]
 * }</pre>
 *
 * @param folder the cache's folder (created on first write)
 * @param maxAge how long an answer is used without asking again, positive
 */
public record ServiceCache(Path folder, Duration maxAge) {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceCache.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]{1,120}");
    private static final String FETCHED = "fetched";
    private static final String ANSWER = "answer";

    /** The default age limit: 7 days. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(7);

    /** Checks the values. */
    public ServiceCache {
        folder = Objects.requireNonNull(folder, "folder").toAbsolutePath().normalize();
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.isZero() || maxAge.isNegative()) {
            throw new IllegalArgumentException("the cache's age limit must be positive: " + maxAge);
        }
    }

    /**
     * A cached answer.
     *
     * @param answer  the answer as stored
     * @param fetched when it was fetched
     */
    public record Entry(JsonNode answer, Instant fetched) {
    }

    /** @return the answer to {@code key} in {@code kind} fetched less than {@link #maxAge()} before {@code now} */
    public Optional<Entry> fresh(String kind, String key, Instant now) {
        return read(kind, key).filter(e -> !e.fetched().plus(maxAge).isBefore(now) && !e.fetched().isAfter(now.plusSeconds(60)));
    }

    /** @return the answer to {@code key} in {@code kind}, however old */
    public Optional<Entry> stale(String kind, String key) {
        return read(kind, key);
    }

    /**
     * Stores an answer (replacing the earlier one).
     *
     * @return false when the key cannot be cached (see the class) or the file could not be written (logged)
     */
    public boolean put(String kind, String key, JsonNode answer, Instant fetched) {
        Path f = file(kind, key);
        if (f == null) {
            return false;
        }
        ObjectNode root = JSON.createObjectNode();
        root.put(FETCHED, fetched.toString());
        root.set(ANSWER, answer);
        try {
            byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
            AtomicFiles.write(f, true, out -> out.write(bytes));
            return true;
        } catch (IOException | DrpException e) {
            LOG.warn("cannot cache the answer {}/{} in {}: {}", kind, key, folder, e.toString());
            return false;
        }
    }

    /** @return the file of a key, or null when the key cannot be cached */
    Path file(String kind, String key) {
        if (!KEY.matcher(kind).matches() || !KEY.matcher(key).matches() || key.startsWith(".")) {
            return null;
        }
        return folder.resolve(kind).resolve(key + ".json");
    }

    private Optional<Entry> read(String kind, String key) {
        Path f = file(kind, key);
        if (f == null) {
            return Optional.empty();
        }
        try {
            JsonNode root = JSON.readTree(Files.readAllBytes(f));
            JsonNode answer = root == null ? null : root.get(ANSWER);
            JsonNode fetched = root == null ? null : root.get(FETCHED);
            if (answer == null || fetched == null || !fetched.isTextual()) {
                LOG.warn("ignoring the damaged cache file {}", f);
                return Optional.empty();
            }
            return Optional.of(new Entry(answer, Instant.parse(fetched.asText())));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | DateTimeParseException e) {
            LOG.warn("ignoring the unreadable cache file {}: {}", f, e.toString());
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "ServiceCache[" + folder + ", answers kept " + maxAge.toHours() + " h]";
    }
}
