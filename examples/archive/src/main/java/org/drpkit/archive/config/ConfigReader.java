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
import org.drpkit.archive.config.ArchiveConfig.Database;
import org.drpkit.archive.config.ArchiveConfig.Delivery;
import org.drpkit.archive.config.ArchiveConfig.Folders;
import org.drpkit.archive.config.ArchiveConfig.IngestApi;
import org.drpkit.archive.config.ArchiveConfig.InstrumentSwitch;
import org.drpkit.archive.config.ArchiveConfig.Notify;
import org.drpkit.archive.config.ArchiveConfig.Services;
import org.drpkit.archive.notify.MailNotifier;
import org.drpkit.archive.notify.WebhookNotifier;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;

/**
 * Reads the YAML text into an {@link ArchiveConfig}: Jackson binds it into {@link ConfigFile}'s records (unknown keys,
 * wrong types and trailing tokens fail), then every value is checked and converted here; each error names the file,
 * the line of its key (found by a second pass of the YAML parser, {@link Lines}) and the key's dotted path.
 */
final class ConfigReader {

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final YAMLMapper YAML = YAMLMapper.builder(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    private ConfigReader() {
    }

    /** @return the configuration of a file's text */
    static ArchiveConfig read(Path file, String text, UnaryOperator<String> env) throws DrpException {
        Lines lines = Lines.of(text);
        ConfigFile.Root root;
        try {
            root = text.isBlank() ? null : YAML.readValue(text, ConfigFile.Root.class);
        } catch (JsonProcessingException e) {
            throw translate(file, lines, e);
        }
        if (root == null) {
            ArchiveConfig empty = ArchiveConfig.empty();
            return new ArchiveConfig(file, empty.folders(), empty.database(), null, empty.delivery(), Notify.DEFAULTS,
                    Map.of(), Map.of(), Services.OFFLINE, null);
        }
        return new Reader(file, lines, env).read(root);
    }

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
            java.util.Set<org.drpkit.archive.PreviewFormat> previews = null;
            if (r.previews() != null && r.previews().formats() != null) {
                try {
                    previews = org.drpkit.archive.PreviewFormat.parse(r.previews().formats());
                } catch (IllegalArgumentException e) {
                    throw invalid("previews.formats", e.getMessage());
                }
            }
            return new ArchiveConfig(file, folders, db, workers, delivery, notify, instruments, instrumentLines,
                    services(r.services()), previews);
        }

        private Services services(ConfigFile.Services s) throws DrpException {
            if (s == null) {
                return Services.OFFLINE;
            }
            String k = "services";
            int attempts = s.attempts() == null ? Services.OFFLINE.attempts() : s.attempts();
            if (attempts < 1 || attempts > 100) {
                throw invalid(k + ".attempts", "must be 1..100: " + attempts);
            }
            int backoff = s.backoffSeconds() == null ? (int) Services.OFFLINE.backoff().toSeconds() : s.backoffSeconds();
            if (backoff < 0 || backoff > 600) {
                throw invalid(k + ".backoffSeconds", "must be 0..600 seconds: " + backoff);
            }
            int days = s.cacheDays() == null ? (int) Services.OFFLINE.cacheMaxAge().toDays() : s.cacheDays();
            if (days < 1 || days > 3650) {
                throw invalid(k + ".cacheDays", "must be 1..3650 days: " + days);
            }
            Secret key = secret(s.piNotifyKeyEnv(), k + ".piNotifyKeyEnv");
            if (key != null && s.piNotifyUrl() == null) {
                throw invalid(k + ".piNotifyKeyEnv", "a key without piNotifyUrl");
            }
            return new Services(httpUri(s.scheduleUrl(), k + ".scheduleUrl"), httpUri(s.proposalsUrl(),
                    k + ".proposalsUrl"), seconds(s.timeoutSeconds(), 10, k + ".timeoutSeconds"), attempts,
                    Duration.ofSeconds(backoff), path(s.cache(), k + ".cache"), Duration.ofDays(days),
                    httpUri(s.piNotifyUrl(), k + ".piNotifyUrl"), key);
        }

        private URI httpUri(String value, String key) throws DrpException {
            if (value == null) {
                return null;
            }
            URI u = uri(value, key);
            if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())) {
                throw invalid(key, "must be an http or https URL");
            }
            return u;
        }

        private Folders folders(ConfigFile.Folders f) throws DrpException {
            if (f == null) {
                return new Folders(List.of(), null, null, false, null, null);
            }
            List<Path> in = new ArrayList<>();
            if (f.in() != null) {
                for (int i = 0; i < f.in().size(); i++) {
                    in.add(path(f.in().get(i), "folders.in"));
                }
            }
            boolean noStage = "off".equalsIgnoreCase(f.stage());
            return new Folders(in, path(f.out(), "folders.out"), noStage ? null : path(f.stage(), "folders.stage"),
                    noStage, path(f.anc(), "folders.anc"), path(f.plugins(), "folders.plugins"));
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
    static Location where(Path file, Integer line, String key) {
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
