package org.drpkit.archive.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.drpkit.archive.RejectedDelivery;
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

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final YAMLMapper YAML = YAMLMapper.builder(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    /**
     * Folders.
     *
     * @param in    the folders the monitor watches (empty: only the command line's)
     * @param out   the output root, or null
     * @param stage the staging area, or null for the default ({@code OUT/stage}); {@link #noStage} turns copies off
     * @param noStage true when the file says {@code stage: off}
     * @param anc   the rejected-file area, or null for the default ({@code OUT/anc})
     */
    public record Folders(List<Path> in, Path out, Path stage, boolean noStage, Path anc) {
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

    private final Path file;
    private final Folders folders;
    private final Database database;
    private final Integer workers;
    private final Delivery delivery;
    private final Notify notify;
    private final Map<String, InstrumentSwitch> instruments;
    private final Map<String, Integer> instrumentLines;

    private ArchiveConfig(Path file, Folders folders, Database database, Integer workers, Delivery delivery,
            Notify notify, Map<String, InstrumentSwitch> instruments, Map<String, Integer> instrumentLines) {
        this.file = file;
        this.folders = folders;
        this.database = database;
        this.workers = workers;
        this.delivery = delivery;
        this.notify = notify;
        this.instruments = Map.copyOf(instruments);
        this.instrumentLines = Map.copyOf(instrumentLines);
    }

    /** @return an empty configuration: every value from the command line or the defaults */
    public static ArchiveConfig empty() {
        return new ArchiveConfig(null, new Folders(List.of(), null, null, false, null), new Database(null, null, null),
                null, new Delivery(null, null, null), Notify.DEFAULTS, Map.of(), Map.of());
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
        ConfigFile.Root root;
        try {
            root = text.isBlank() ? null : YAML.readValue(text, ConfigFile.Root.class);
        } catch (JsonProcessingException e) {
            throw translate(file, Lines.of(text), e);
        }
        if (root == null) {
            return new ArchiveConfig(file, empty().folders, empty().database, null, empty().delivery,
                    Notify.DEFAULTS, Map.of(), Map.of());
        }
        Lines lines = Lines.of(text);
        return new Reader(file, lines, env).read(root);
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
                throw new DrpException(ConfigCode.CONFIG_UNKNOWN_KEY, where(file, instrumentLines.get(name),
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

    /** @return the switches of the instruments the file names, by upper-case name */
    public Map<String, InstrumentSwitch> instruments() {
        return instruments;
    }

    /** @return an instrument's switches ({@link InstrumentSwitch#DEFAULT} when the file does not name it) */
    public InstrumentSwitch instrument(String name) {
        return instruments.getOrDefault(name.toUpperCase(Locale.ROOT), InstrumentSwitch.DEFAULT);
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
        sb.append(", instruments ").append(instruments).append(']');
        return sb.toString();
    }

    // ------------------------------------------------------------------------------------------------ reading

    /** Converts the bound file into the checked configuration; each error names the line of its key. */
    private static final class Reader {
        private final Path file;
        private final Path base;
        private final Lines lines;
        private final UnaryOperator<String> env;

        Reader(Path file, Lines lines, UnaryOperator<String> env) {
            this.file = file;
            this.base = file.toAbsolutePath().normalize().getParent();
            this.lines = lines;
            this.env = env;
        }

        ArchiveConfig read(ConfigFile.Root r) throws DrpException {
            Folders folders = folders(r.folders());
            Database db = new Database(null, null, null);
            if (r.database() != null) {
                db = new Database(r.database().url(), r.database().user(),
                        secret(r.database().passwordEnv(), "database.passwordEnv"));
            }
            Integer workers = r.workers();
            if (workers != null && (workers < 1 || workers > 1024)) {
                throw invalid("workers", "must be 1..1024: " + workers);
            }
            Delivery delivery = delivery(r.delivery());
            Notify notify = notify(r.notifications());
            Map<String, InstrumentSwitch> instruments = new LinkedHashMap<>();
            Map<String, Integer> instrumentLines = new HashMap<>();
            if (r.instruments() != null) {
                for (Map.Entry<String, ConfigFile.Instrument> e : r.instruments().entrySet()) {
                    String key = "instruments." + e.getKey();
                    String name = e.getKey().toUpperCase(Locale.ROOT);
                    if (instruments.containsKey(name)) {
                        throw invalid(key, "the instrument " + name + " is named twice");
                    }
                    ConfigFile.Instrument i = e.getValue();
                    boolean enabled = i == null || i.enabled() == null || i.enabled();
                    RejectedDelivery rule = i == null ? null : rejected(i.deliverRejected(), key + ".deliverRejected");
                    instruments.put(name, new InstrumentSwitch(enabled, rule));
                    instrumentLines.put(name, lines.line(key));
                }
            }
            return new ArchiveConfig(file, folders, db, workers, delivery, notify, instruments, instrumentLines);
        }

        private Folders folders(ConfigFile.Folders f) throws DrpException {
            if (f == null) {
                return new Folders(List.of(), null, null, false, null);
            }
            List<Path> in = new ArrayList<>();
            if (f.in() != null) {
                for (int i = 0; i < f.in().size(); i++) {
                    in.add(path(f.in().get(i), "folders.in"));
                }
            }
            boolean noStage = "off".equalsIgnoreCase(f.stage());
            return new Folders(in, path(f.out(), "folders.out"), noStage ? null : path(f.stage(), "folders.stage"),
                    noStage, path(f.anc(), "folders.anc"));
        }

        private Delivery delivery(ConfigFile.Delivery d) throws DrpException {
            if (d == null) {
                return new Delivery(null, null, null);
            }
            IngestApi api = null;
            if (d.ingestApi() != null) {
                ConfigFile.IngestApi a = d.ingestApi();
                if (a.url() == null) {
                    throw invalid("delivery.ingestApi", "url is missing");
                }
                api = new IngestApi(uri(a.url(), "delivery.ingestApi.url"), secret(a.keyEnv(),
                        "delivery.ingestApi.keyEnv"), seconds(a.timeoutSeconds(), 30, "delivery.ingestApi.timeoutSeconds"));
            }
            return new Delivery(path(d.destination(), "delivery.destination"),
                    rejected(d.deliverRejected(), "delivery.deliverRejected"), api);
        }

        private Notify notify(ConfigFile.Notify n) throws DrpException {
            if (n == null) {
                return Notify.DEFAULTS;
            }
            Duration throttle = minutes(n.throttleMinutes(), 60, 0, "notify.throttleMinutes");
            Duration stuck = minutes(n.stuckMinutes(), 60, 1, "notify.stuckMinutes");
            MailNotifier.Settings mail = null;
            if (n.mail() != null) {
                ConfigFile.Mail m = n.mail();
                String k = "notify.mail";
                if (m.host() == null || m.from() == null || m.to() == null || m.to().isEmpty()) {
                    throw invalid(k, "host, from and to (a list of addresses) are required");
                }
                MailNotifier.Security sec;
                try {
                    sec = m.security() == null ? MailNotifier.Security.NONE
                            : MailNotifier.Security.valueOf(m.security().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw invalid(k + ".security", "must be none, starttls or tls: " + m.security());
                }
                Secret pw = secret(m.passwordEnv(), k + ".passwordEnv");
                if (pw != null && m.user() == null) {
                    throw invalid(k + ".passwordEnv", "a password without a user");
                }
                int port = m.port() != null ? m.port() : sec == MailNotifier.Security.TLS ? 465
                        : sec == MailNotifier.Security.STARTTLS ? 587 : 25;
                try {
                    mail = new MailNotifier.Settings(m.host(), port, sec, m.from(), m.to(), m.user(), pw,
                            seconds(m.timeoutSeconds(), 10, k + ".timeoutSeconds"));
                    new MailNotifier(mail); // parses the addresses now, not at the first alert
                } catch (IllegalArgumentException e) {
                    throw invalid(k, e.getMessage());
                }
            }
            WebhookNotifier.Settings hook = null;
            if (n.webhook() != null) {
                ConfigFile.Webhook w = n.webhook();
                String k = "notify.webhook";
                if ((w.url() == null) == (w.urlEnv() == null)) {
                    throw invalid(k, "give url or urlEnv (a chat webhook's URL is a secret: prefer urlEnv)");
                }
                URI url;
                if (w.url() != null) {
                    url = uri(w.url(), k + ".url");
                } else {
                    Secret s = secret(w.urlEnv(), k + ".urlEnv");
                    url = uri(s.reveal(), k + ".urlEnv");
                }
                try {
                    hook = new WebhookNotifier.Settings(url, seconds(w.timeoutSeconds(), 5, k + ".timeoutSeconds"));
                } catch (IllegalArgumentException e) {
                    throw invalid(k, e.getMessage());
                }
            }
            return new Notify(throttle, stuck, mail, hook);
        }

        private Path path(String value, String key) throws DrpException {
            if (value == null) {
                return null;
            }
            if (value.isBlank()) {
                throw invalid(key, "an empty folder");
            }
            Path p = Path.of(value);
            return p.isAbsolute() ? p.normalize() : base.resolve(p).normalize();
        }

        private URI uri(String value, String key) throws DrpException {
            try {
                URI u = new URI(value);
                if (u.getScheme() == null || u.getHost() == null) {
                    throw invalid(key, "not an absolute URL with a host");
                }
                return u;
            } catch (java.net.URISyntaxException e) {
                throw invalid(key, "not a URL (" + e.getReason() + ")"); // the value may be a secret: not shown
            }
        }

        private Secret secret(String variable, String key) throws DrpException {
            if (variable == null) {
                return null;
            }
            if (!ENV_NAME.matcher(variable).matches()) {
                throw invalid(key, "not an environment variable's name (the file names the"
                        + " variable that holds the secret, never the secret)");
            }
            Secret s = Secret.fromEnv(variable, env);
            if (!s.isSet()) {
                throw new DrpException(ConfigCode.CONFIG_SECRET_MISSING, where(file, lines.line(key), key),
                        "the environment variable " + variable + " is not set");
            }
            return s;
        }

        private RejectedDelivery rejected(String rule, String key) throws DrpException {
            if (rule == null) {
                return null;
            }
            try {
                return RejectedDelivery.parse(rule);
            } catch (IllegalArgumentException e) {
                throw invalid(key, e.getMessage());
            }
        }

        private Duration minutes(Integer value, int dflt, int least, String key) throws DrpException {
            int v = value == null ? dflt : value;
            if (v < least || v > 7 * 24 * 60) {
                throw invalid(key, "must be " + least + ".." + 7 * 24 * 60 + " minutes: " + v);
            }
            return Duration.ofMinutes(v);
        }

        private Duration seconds(Integer value, int dflt, String key) throws DrpException {
            int v = value == null ? dflt : value;
            if (v < 1 || v > 600) {
                throw invalid(key, "must be 1..600 seconds: " + v);
            }
            return Duration.ofSeconds(v);
        }

        private DrpException invalid(String key, String text) {
            return new DrpException(ConfigCode.CONFIG_INVALID, where(file, lines.line(key), key), text);
        }
    }

    /** @return a location {@code FILE line N, keyword KEY} (the line left out when unknown) */
    private static Location where(Path file, Integer line, String key) {
        return Location.file(file + (line != null ? " line " + line : "")).keyword(key);
    }

    /** Maps Jackson's binding errors to the codes, with the line and the key's dotted path. */
    private static DrpException translate(Path file, Lines lines, JsonProcessingException e) {
        String key = e instanceof JsonMappingException m ? path(m) : null;
        JsonLocation at = e.getLocation();
        Integer line = key != null ? lines.line(key) : null; // the key's own line; the parser may be past it
        if (line == null && at != null && at.getLineNr() > 0) {
            line = at.getLineNr();
        }
        String what = e.getOriginalMessage();
        if (e instanceof UnrecognizedPropertyException u) {
            List<String> known = new ArrayList<>();
            if (u.getKnownPropertyIds() != null) {
                u.getKnownPropertyIds().forEach(o -> known.add(String.valueOf(o)));
            }
            known.sort(null);
            return new DrpException(ConfigCode.CONFIG_UNKNOWN_KEY, where(file, line, key), "unknown key '"
                    + u.getPropertyName() + "'" + (known.isEmpty() ? "" : " (known here: " + String.join(", ", known)
                    + ")"), e);
        }
        if (e instanceof ValueInstantiationException) {
            return new DrpException(ConfigCode.CONFIG_INVALID, where(file, line, key), what, e);
        }
        if (e instanceof InvalidFormatException || e instanceof MismatchedInputException) {
            return new DrpException(ConfigCode.CONFIG_WRONG_TYPE, where(file, line, key), "wrong type: "
                    + shortMessage(what), e);
        }
        return new DrpException(ConfigCode.CONFIG_UNREADABLE, where(file, line, key), "not YAML: "
                + shortMessage(what), e);
    }

    private static String path(JsonMappingException m) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : m.getPath()) {
            if (r.getFieldName() != null) {
                sb.append(sb.length() > 0 ? "." : "").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    private static String shortMessage(String m) {
        if (m == null) {
            return "";
        }
        String s = m.replaceAll("\\s*\\(through reference chain:.*", "").replaceAll("\\s*\\(but might if coercion.*", "")
                .replace('\n', ' ');
        return s.replaceAll("`org\\.drpkit\\.archive\\.config\\.ConfigFile\\$", "`").replace("java.lang.", "");
    }

    /** The line of every key of the file, by its dotted path ({@code notify.mail.port}), read with the YAML parser. */
    private record Lines(Map<String, Integer> byKey) {
        static Lines of(String text) {
            Map<String, Integer> m = new HashMap<>();
            try (JsonParser p = YAML.getFactory().createParser(text)) {
                List<String> stack = new ArrayList<>();
                String pending = null;
                for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                    switch (t) {
                        case FIELD_NAME -> {
                            pending = p.currentName();
                            List<String> k = new ArrayList<>(stack);
                            k.add(pending);
                            m.putIfAbsent(String.join(".", k), p.currentTokenLocation().getLineNr());
                        }
                        case START_OBJECT, START_ARRAY -> {
                            stack.add(pending == null ? "" : pending);
                            pending = null;
                        }
                        case END_OBJECT, END_ARRAY -> {
                            if (!stack.isEmpty()) {
                                stack.remove(stack.size() - 1);
                            }
                        }
                        default -> pending = null;
                    }
                }
            } catch (IOException e) {
                // already parsed once by the mapper: lines are a convenience
            }
            return new Lines(m);
        }

        Integer line(String key) {
            // the root object adds one empty element to the stack
            Integer l = byKey.get("." + key);
            return l != null ? l : byKey.get(key);
        }
    }
}
