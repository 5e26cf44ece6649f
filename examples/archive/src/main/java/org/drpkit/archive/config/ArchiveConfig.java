package org.drpkit.archive.config;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.drpkit.archive.HttpRetry;
import org.drpkit.archive.PiNotifier;
import org.drpkit.archive.RejectedDelivery;
import org.drpkit.archive.services.ServiceCache;
import org.drpkit.archive.services.ServiceSettings;
import org.drpkit.archive.notify.MailNotifier;
import org.drpkit.archive.notify.WebhookNotifier;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.instrument.Instruments;

/**
 * The archive service's configuration, read from one YAML file ({@code docs/drpkit.example.yaml} documents every
 * key). Every part is optional: a missing part means the command line's value or the built-in default. Relative
 * folders are resolved against the file's folder. Secrets come only from the environment variables the file names
 * ({@code passwordEnv}, {@code keyEnv}, {@code urlEnv}); a named variable that is unset is an error, so a service
 * does not start without the password it was told to use.
 *
 * <pre>{@code
 * ArchiveConfig c = ArchiveConfig.load(Path.of("drpkit.yaml"), System::getenv);
 * c.workers();                        // Optional-like: null when the file does not say
 * c.instrument("NIRC2").enabled();    // per-instrument switches, defaults for instruments not listed
 * }</pre>
 */
public final class ArchiveConfig {

    /**
     * Folders.
     *
     * @param in    the folders the monitor watches (empty: only the command line's)
     * @param out   the output root, or null
     * @param stage the staging area, or null for the default ({@code OUT/stage}); {@link #noStage} turns copies off
     * @param noStage true when the file says {@code stage: off}
     * @param anc   the rejected-file area, or null for the default ({@code OUT/anc})
     * @param plugins the folder of instrument plugin jars picked up while running ({@code PluginFolder}), or null
     */
    public record Folders(List<Path> in, Path out, Path stage, boolean noStage, Path anc, Path plugins) {
        /** Copies the list. */
        public Folders {
            in = List.copyOf(in);
        }
    }

    /**
     * The ledger's database.
     *
     * @param url      a JDBC URL, or null for the default H2 file under the output root
     * @param user     the user, or null
     * @param password the password's variable, or null when the file names none
     */
    public record Database(String url, String user, Secret password) {
    }

    /**
     * The archive's ingest API, called after a transfer (read by the delivery).
     *
     * @param url     the API's URL
     * @param key     the API key's variable, or null
     * @param timeout the limit of one call
     */
    public record IngestApi(URI url, Secret key, Duration timeout) {
    }

    /**
     * Where products go.
     *
     * @param destination     the transfer destination folder, or null for no transfer
     * @param deliverRejected which rejected files are delivered too, or null for the command line's (default none)
     * @param ingestApi       the archive's ingest API, or null
     */
    public record Delivery(Path destination, RejectedDelivery deliverRejected, IngestApi ingestApi) {
    }

    /**
     * Notifications.
     *
     * @param throttle   least time between two alerts of one instrument and code
     * @param stuckAfter how long a row may stay PROCESSING or TRANSFERRING before it is reported stuck
     * @param mail       the e-mail target, or null
     * @param webhook    the chat webhook, or null
     */
    public record Notify(Duration throttle, Duration stuckAfter, MailNotifier.Settings mail,
            WebhookNotifier.Settings webhook) {
        /** No target, a one-hour throttle and a one-hour stuck limit. */
        public static final Notify DEFAULTS = new Notify(Duration.ofMinutes(60), Duration.ofMinutes(60), null, null);
    }

    /**
     * One instrument's switches.
     *
     * @param enabled         false: its files are not archived (INVALID {@code INSTRUMENT_DISABLED}, no alert)
     * @param deliverRejected which of its rejected files are delivered, or null for the service's rule
     */
    public record InstrumentSwitch(boolean enabled, RejectedDelivery deliverRejected) {
        /** Enabled, the service's rejected-delivery rule. */
        public static final InstrumentSwitch DEFAULT = new InstrumentSwitch(true, null);
    }

    /**
     * The observatory's schedule and proposals services, and the PI notification (the {@code services:} section).
     * Without a URL a service stays offline (the default).
     *
     * @param scheduleUrl  the schedule API's base URL, or null (offline)
     * @param proposalsUrl the proposals API's base URL, or null (offline)
     * @param timeout      the limit of one call
     * @param attempts     calls made at most for one question
     * @param backoff      the wait before the second call (doubled after each)
     * @param cache        the answers' cache folder, or null for {@code OUT/services-cache}
     * @param cacheMaxAge  how long a cached answer is used without asking again
     * @param piNotifyUrl  where PI notices are posted, or null to record them locally
     * @param piNotifyKey  the variable holding that URL's key, or null
     */
    public record Services(URI scheduleUrl, URI proposalsUrl, Duration timeout, int attempts, Duration backoff,
            Path cache, Duration cacheMaxAge, URI piNotifyUrl, Secret piNotifyKey) {
        /** Offline: no URL, 10 s calls, 3 attempts, 1 s backoff, answers kept 7 days. */
        public static final Services OFFLINE = new Services(null, null, Duration.ofSeconds(10), 3,
                Duration.ofSeconds(1), null, Duration.ofDays(7), null, null);

        /** @return the retry policy of every call */
        public HttpRetry.Policy policy() {
            return new HttpRetry.Policy(timeout, attempts, backoff);
        }

        /** @return the clients' settings, the cache under {@code out} unless the file names a folder */
        public ServiceSettings settings(Path out) {
            Path folder = cache != null ? cache : ServiceSettings.defaultCacheFolder(out);
            return new ServiceSettings(scheduleUrl, proposalsUrl, policy(), new ServiceCache(folder, cacheMaxAge));
        }

        /** @return the PI notifier: a POST to {@link #piNotifyUrl} when set, else a local record {@code OUT/koapi_send.jsonl} */
        public PiNotifier piNotifier(Path out) {
            return piNotifyUrl != null ? PiNotifier.http(piNotifyUrl, piNotifyKey == null ? null : piNotifyKey.reveal(),
                    policy()) : PiNotifier.recorder(out.resolve("koapi_send.jsonl"));
        }
    }

    private final Path file;
    private final Folders folders;
    private final Database database;
    private final Integer workers;
    private final Delivery delivery;
    private final Notify notify;
    private final Map<String, InstrumentSwitch> instruments;
    private final Map<String, Integer> instrumentLines;
    private final Services services;
    private final java.util.Set<org.drpkit.archive.PreviewFormat> previewFormats;

    ArchiveConfig(Path file, Folders folders, Database database, Integer workers, Delivery delivery,
            Notify notify, Map<String, InstrumentSwitch> instruments, Map<String, Integer> instrumentLines,
            Services services, java.util.Set<org.drpkit.archive.PreviewFormat> previewFormats) {
        this.file = file;
        this.folders = folders;
        this.database = database;
        this.workers = workers;
        this.delivery = delivery;
        this.notify = notify;
        this.instruments = Map.copyOf(instruments);
        this.instrumentLines = Map.copyOf(instrumentLines);
        this.services = services;
        this.previewFormats = previewFormats == null ? null : java.util.Set.copyOf(previewFormats);
    }

    /**
     * @return the preview formats of key {@code previews.formats} ({@code png, jpeg}, {@code png}, {@code jpeg} or
     *         {@code none}), or null when the file does not say (then both)
     */
    public java.util.Set<org.drpkit.archive.PreviewFormat> previewFormats() {
        return previewFormats;
    }

    /** @return an empty configuration: every value from the command line or the defaults */
    public static ArchiveConfig empty() {
        return new ArchiveConfig(null, new Folders(List.of(), null, null, false, null, null), new Database(null, null, null),
                null, new Delivery(null, null, null), Notify.DEFAULTS, Map.of(), Map.of(), Services.OFFLINE,
                null);
    }

    /**
     * Reads a configuration file.
     *
     * @param file the YAML file
     * @param env  reads environment variables ({@code System::getenv})
     * @return the configuration
     * @throws DrpException {@link ConfigCode#CONFIG_UNREADABLE} when the file cannot be read or is not YAML;
     *                      {@link ConfigCode#CONFIG_UNKNOWN_KEY}, {@link ConfigCode#CONFIG_WRONG_TYPE},
     *                      {@link ConfigCode#CONFIG_INVALID}, {@link ConfigCode#CONFIG_SECRET_MISSING}, each naming the
     *                      file, the line and the key
     */
    public static ArchiveConfig load(Path file, UnaryOperator<String> env) throws DrpException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new DrpException(ConfigCode.CONFIG_UNREADABLE, Location.file(file.toString()), "no such file");
        } catch (IOException e) {
            throw new DrpException(ConfigCode.CONFIG_UNREADABLE, Location.file(file.toString()), e.toString(), e);
        }
        return ConfigReader.read(file, text, env);
    }

    /**
     * Checks that every instrument the file names is one a plugin knows (by name or alias), so a typo does not
     * silently leave an instrument switched on.
     *
     * @throws DrpException {@link ConfigCode#CONFIG_UNKNOWN_KEY} naming the file, the line and the instrument
     */
    public ArchiveConfig checkInstruments(Instruments registry) throws DrpException {
        for (String name : instruments.keySet()) {
            if (registry.matching(name).isEmpty()) {
                throw new DrpException(ConfigCode.CONFIG_UNKNOWN_KEY, ConfigReader.where(file, instrumentLines.get(name),
                        "instruments." + name), "no instrument plugin is called " + name + " (known: "
                        + String.join(", ", registry.names()) + ")");
            }
        }
        return this;
    }

    /** @return the file read, or null for {@link #empty()} */
    public Path file() {
        return file;
    }

    /** @return the folders */
    public Folders folders() {
        return folders;
    }

    /** @return the ledger's database */
    public Database database() {
        return database;
    }

    /** @return the number of workers, or null when the file does not say */
    public Integer workers() {
        return workers;
    }

    /** @return the delivery */
    public Delivery delivery() {
        return delivery;
    }

    /** @return the notification targets and limits */
    public Notify notifications() {
        return notify;
    }

    /** @return the schedule and proposals services and the PI notification ({@link Services#OFFLINE} by default) */
    public Services services() {
        return services;
    }

    /** @return the switches of the instruments the file names, by upper-case name */
    public Map<String, InstrumentSwitch> instruments() {
        return instruments;
    }

    /** @return an instrument's switches ({@link InstrumentSwitch#DEFAULT} when the file does not name it) */
    public InstrumentSwitch instrument(String name) {
        return instruments.getOrDefault(name.toUpperCase(Locale.ROOT), InstrumentSwitch.DEFAULT);
    }

    private static String host(URI u) {
        return u == null ? "offline" : u.getScheme() + "://" + u.getHost() + "/...";
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ArchiveConfig[").append(file == null ? "no file" : file);
        sb.append(", folders ").append(folders);
        sb.append(", database ").append(database.url() == null ? "H2 under out" : database.url());
        if (database.user() != null) {
            sb.append(" as ").append(database.user()).append(" password ").append(database.password());
        }
        sb.append(", workers ").append(workers == null ? "default" : workers);
        sb.append(", delivery ").append(delivery.destination() == null ? "none" : delivery.destination());
        if (delivery.ingestApi() != null) {
            sb.append(" then ").append(delivery.ingestApi().url().getScheme()).append("://")
                    .append(delivery.ingestApi().url().getHost()).append("/... key ")
                    .append(delivery.ingestApi().key());
        }
        sb.append(", throttle ").append(notify.throttle().toMinutes()).append(" min, stuck after ")
                .append(notify.stuckAfter().toMinutes()).append(" min");
        sb.append(", mail ").append(notify.mail() == null ? "none" : notify.mail());
        sb.append(", webhook ").append(notify.webhook() == null ? "none" : notify.webhook());
        sb.append(", services ").append(services.scheduleUrl() == null && services.proposalsUrl() == null ? "offline"
                : "schedule " + host(services.scheduleUrl()) + " proposals " + host(services.proposalsUrl()));
        sb.append(", instruments ").append(instruments).append(']');
        return sb.toString();
    }
}
