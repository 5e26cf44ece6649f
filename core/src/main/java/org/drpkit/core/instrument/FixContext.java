package org.drpkit.core.instrument;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.drpkit.core.header.Header;

/**
 * What header fix rules may know beyond the header itself: the file's original path and modification time,
 * the headers of all its HDUs, user options (such as a forced program id), outside services, and a clock.
 *
 * <p>Fix rules stay pure functions of (header, context). Services that reach outside the process (a telescope
 * schedule, a proposals database, a weather archive) are interfaces the instrument module declares; callers put
 * implementations here, and rules fall back to their offline behaviour when a service is absent.
 *
 * <pre>{@code
 * FixContext ctx = FixContext.builder()
 *         .path(Path.of("/s/sdata1400/kcwi1/2019may09/kb190509_00001.fits"))
 *         .fileModified(Instant.parse("2019-05-09T02:06:30Z"))
 *         .option("progid", "C257")
 *         .clock(Clock.fixed(Instant.parse("2021-03-15T14:16:48Z"), ZoneOffset.UTC))
 *         .build();
 * }</pre>
 */
public final class FixContext {

    private static final FixContext OFFLINE = builder().build();

    private final Path path;
    private final Instant fileModified;
    private final List<Header> hdus;
    private final Map<String, String> options;
    private final Map<Class<?>, Object> services;
    private final Clock clock;

    private FixContext(Builder b) {
        this.path = b.path;
        this.fileModified = b.fileModified;
        this.hdus = List.copyOf(b.hdus);
        this.options = Map.copyOf(b.options);
        this.services = Map.copyOf(b.services);
        this.clock = b.clock;
    }

    /** @return a context with no file, no options, no services and the system UTC clock */
    public static FixContext offline() {
        return OFFLINE;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this context's values */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.path = path;
        b.fileModified = fileModified;
        b.hdus = hdus;
        b.options.putAll(options);
        b.services.putAll(services);
        b.clock = clock;
        return b;
    }

    /** @return the original path of the file being fixed (not a staged copy), when known */
    public Optional<Path> path() {
        return Optional.ofNullable(path);
    }

    /** @return the file name part of {@link #path()}, when known */
    public Optional<String> fileName() {
        return path().map(p -> p.getFileName() == null ? p.toString() : p.getFileName().toString());
    }

    /** @return the file's last-modification time, when known */
    public Optional<Instant> fileModified() {
        return Optional.ofNullable(fileModified);
    }

    /**
     * The headers of every HDU of the file, primary first, when the caller supplied them. Rules that depend on the
     * file's structure (number of extensions, per-extension keywords such as DETSEC) read them here.
     *
     * @return the HDU headers (unmodifiable), or an empty list when unknown
     */
    public List<Header> hdus() {
        return hdus;
    }

    /** @return a user option such as {@code progid}, when set */
    public Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    /** @return the implementation of a service interface, when provided */
    public <T> Optional<T> service(Class<T> type) {
        return Optional.ofNullable(services.get(type)).map(type::cast);
    }

    /** @return the clock for "now" (e.g. the date a file was evaluated); fixed in tests */
    public Clock clock() {
        return clock;
    }

    @Override
    public String toString() {
        return "FixContext[path=" + path + ", modified=" + fileModified + ", hdus=" + hdus.size() + ", options="
                + options + ", services="
                + services.keySet().stream().map(Class::getSimpleName).toList() + "]";
    }

    /** Builds a {@link FixContext}. */
    public static final class Builder {

        private Path path;
        private Instant fileModified;
        private List<Header> hdus = List.of();
        private final Map<String, String> options = new LinkedHashMap<>();
        private final Map<Class<?>, Object> services = new LinkedHashMap<>();
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Sets the original path of the file. */
        public Builder path(Path p) {
            this.path = p;
            return this;
        }

        /** Sets the file's modification time. */
        public Builder fileModified(Instant t) {
            this.fileModified = t;
            return this;
        }

        /** Sets the headers of every HDU of the file, primary first. */
        public Builder hdus(List<Header> headers) {
            this.hdus = List.copyOf(Objects.requireNonNull(headers, "headers"));
            return this;
        }

        /** Sets a user option. */
        public Builder option(String name, String value) {
            options.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Provides an implementation of a service interface. */
        public <T> Builder service(Class<T> type, T implementation) {
            services.put(Objects.requireNonNull(type, "type"), type.cast(Objects.requireNonNull(implementation)));
            return this;
        }

        /** Sets the clock. */
        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /** @return an immutable context */
        public FixContext build() {
            return new FixContext(this);
        }
    }
}
