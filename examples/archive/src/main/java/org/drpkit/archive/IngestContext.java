package org.drpkit.archive;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.drpkit.core.instrument.FixContext;
import org.drpkit.core.instrument.Instruments;

/**
 * What every ingest run of a service shares: the output root, the instrument plugins, the archive's keyword tables,
 * the policy, outside services for the plugins, a clock and a listener. Immutable and thread-safe.
 *
 * <pre>{@code
 * IngestContext ctx = IngestContext.builder(Path.of("/koadata"))
 *         .keywordTables(KeywordTables.in(Path.of("KeywordTables/default")))
 *         .options(IngestOptions.archive().fixOption("progid", "C257")).build();
 * }</pre>
 */
public final class IngestContext {

    private final Path root;
    private final Instruments instruments;
    private final PluginFolder pluginFolder;
    private final KeywordTables keywordTables;
    private final IngestOptions options;
    private final Map<Class<?>, Object> services;
    private final Clock clock;
    private final IngestListener listener;
    private final Path stage;
    private final Path anc;
    private final RejectedDelivery rejectedDelivery;
    private final Map<String, RejectedDelivery> rejectedByInstrument;
    private final Set<String> disabled;
    private final ArchiveRecords records;

    private IngestContext(Builder b) {
        this.root = b.root.toAbsolutePath().normalize();
        this.instruments = b.instruments;
        this.pluginFolder = b.pluginFolder;
        this.keywordTables = b.keywordTables;
        this.options = b.options;
        this.services = Map.copyOf(b.services);
        this.clock = b.clock;
        this.listener = b.listener;
        this.stage = b.noStage ? null : (b.stage != null ? b.stage : root.resolve("stage")).toAbsolutePath().normalize();
        this.anc = (b.anc != null ? b.anc : root.resolve("anc")).toAbsolutePath().normalize();
        this.rejectedDelivery = b.rejectedDelivery;
        this.rejectedByInstrument = Map.copyOf(b.rejectedByInstrument);
        this.disabled = Set.copyOf(b.disabled);
        this.records = b.records;
    }

    /** @return the headers table and PI-notification bookkeeping run after each processed file, or null for none */
    public ArchiveRecords records() {
        return records;
    }

    /** @return a builder writing under {@code root} */
    public static Builder builder(Path root) {
        return new Builder(root);
    }

    /** @return the output root: products go to {@code root/INSTR/YYYYMMDD/lev0/} (absolute, normalised) */
    public Path root() {
        return root;
    }

    /**
     * @return the staging area: each file is copied here when queued and processed (and reprocessed) from the copy
     *         (default {@code root/stage}); or null when stage copies are off and files are read where they lie
     */
    public Path stage() {
        return stage;
    }

    /** @return the folder of rejected files: {@code anc/udf/ROW/NAME} and its {@code .log} (default {@code root/anc}) */
    public Path anc() {
        return anc;
    }

    /** @return whether rejected files are delivered to the archive (default {@link RejectedDelivery#NONE}) */
    public RejectedDelivery rejectedDelivery() {
        return rejectedDelivery;
    }

    /**
     * @param instrument a plugin's name, or null when the instrument is not known
     * @return the rule for that instrument's rejected files: its own when one was set, else {@link #rejectedDelivery()}
     */
    public RejectedDelivery rejectedDelivery(String instrument) {
        return instrument == null ? rejectedDelivery : rejectedByInstrument.getOrDefault(instrument, rejectedDelivery);
    }

    /**
     * @param instrument a plugin's name
     * @return false when the instrument is switched off: its files end INVALID {@code INSTRUMENT_DISABLED}
     */
    public boolean enabled(String instrument) {
        return !disabled.contains(instrument);
    }

    /**
     * @return the instrument plugins: with a {@link PluginFolder}, its current registry (reloaded when the folder's
     *         jars changed), so a caller that keeps the plugin it was given for a file finishes the file with it
     */
    public Instruments instruments() {
        return pluginFolder != null ? pluginFolder.current() : instruments;
    }

    /** @return the archive's keyword tables */
    public KeywordTables keywordTables() {
        return keywordTables;
    }

    /** @return the policy */
    public IngestOptions options() {
        return options;
    }

    /** @return the clock (event times, DQA_DATE) */
    public Clock clock() {
        return clock;
    }

    /** @return the step listener */
    public IngestListener listener() {
        return listener;
    }

    /** @return a fix-context builder with the services, options and clock set (the caller adds file facts) */
    @SuppressWarnings({"unchecked", "rawtypes"})
    FixContext.Builder fixContext() {
        FixContext.Builder b = FixContext.builder().clock(clock);
        options.fixOptions().forEach(b::option);
        for (Map.Entry<Class<?>, Object> e : services.entrySet()) {
            b.service((Class) e.getKey(), e.getValue());
        }
        return b;
    }

    @Override
    public String toString() {
        return "IngestContext[root=" + root + ", stage=" + (stage == null ? "off" : stage) + ", anc=" + anc + ", "
                + rejectedDelivery + (rejectedByInstrument.isEmpty() ? "" : " " + rejectedByInstrument)
                + (disabled.isEmpty() ? "" : ", switched off " + new TreeSet<>(disabled)) + ", " + keywordTables + ", " + options + "]";
    }

    /** Builds an {@link IngestContext}. */
    public static final class Builder {

        private final Path root;
        private Instruments instruments;
        private PluginFolder pluginFolder;
        private KeywordTables keywordTables = KeywordTables.none();
        private IngestOptions options = IngestOptions.archive();
        private final Map<Class<?>, Object> services = new LinkedHashMap<>();
        private Clock clock = Clock.systemUTC();
        private IngestListener listener = IngestListener.NONE;
        private Path stage;
        private boolean noStage;
        private Path anc;
        private RejectedDelivery rejectedDelivery = RejectedDelivery.NONE;
        private final Map<String, RejectedDelivery> rejectedByInstrument = new LinkedHashMap<>();
        private final Set<String> disabled = new HashSet<>();
        private ArchiveRecords records;

        private Builder(Path root) {
            this.root = Objects.requireNonNull(root, "root");
        }

        /** Sets the plugins (default: {@link Instruments#load()}). */
        public Builder instruments(Instruments i) {
            this.instruments = Objects.requireNonNull(i);
            return this;
        }

        /**
         * Takes the plugins from a folder of jars watched while the service runs (its base plugins stand in for
         * {@link #instruments}); each file gets the registry current when it starts.
         */
        public Builder pluginFolder(PluginFolder folder) {
            this.pluginFolder = Objects.requireNonNull(folder);
            return this;
        }

        /** Sets the keyword tables (default: none, so every instrument gets a generic table). */
        public Builder keywordTables(KeywordTables t) {
            this.keywordTables = Objects.requireNonNull(t);
            return this;
        }

        /** Sets the policy (default: {@link IngestOptions#archive()}). */
        public Builder options(IngestOptions o) {
            this.options = Objects.requireNonNull(o);
            return this;
        }

        /** Provides an outside service to the plugins (schedule, proposals, weather, ...). */
        public <T> Builder service(Class<T> type, T implementation) {
            services.put(type, type.cast(Objects.requireNonNull(implementation)));
            return this;
        }

        /** Sets the clock. */
        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c);
            return this;
        }

        /** Sets the step listener. */
        public Builder listener(IngestListener l) {
            this.listener = Objects.requireNonNull(l);
            return this;
        }

        /** Sets the staging area (default {@code root/stage}); it should be on a disk the instruments do not write. */
        public Builder stage(Path folder) {
            this.stage = Objects.requireNonNull(folder);
            this.noStage = false;
            return this;
        }

        /**
         * Turns stage copies off: files are processed where they lie, and a reprocess needs the original (for a
         * pipeline whose inputs are already on safe storage).
         */
        public Builder noStage() {
            this.noStage = true;
            return this;
        }

        /** Sets the folder of rejected files (default {@code root/anc}). */
        public Builder anc(Path folder) {
            this.anc = Objects.requireNonNull(folder);
            return this;
        }

        /** Sets whether rejected files are delivered by the service's transfer (default none). */
        public Builder rejectedDelivery(RejectedDelivery rule) {
            this.rejectedDelivery = Objects.requireNonNull(rule);
            return this;
        }

        /**
         * Sets the rule for one instrument's rejected files, overriding {@link #rejectedDelivery(RejectedDelivery)}.
         *
         * @param instrument the plugin's name ({@code InstrumentPlugin.name()})
         */
        public Builder rejectedDelivery(String instrument, RejectedDelivery rule) {
            rejectedByInstrument.put(Objects.requireNonNull(instrument), Objects.requireNonNull(rule));
            return this;
        }

        /**
         * Switches an instrument off: its files get a ledger row that ends INVALID {@code INSTRUMENT_DISABLED}, with
         * no {@code anc/} copy and no alert (the stage copy is made at queue time, before the instrument is known).
         *
         * @param instrument the plugin's name ({@code InstrumentPlugin.name()})
         */
        public Builder disable(String instrument) {
            disabled.add(Objects.requireNonNull(instrument));
            return this;
        }

        /**
         * Runs the archive's bookkeeping after each processed file: the {@code headers} table and the PI
         * notification ({@code koapi_send}), default none.
         */
        public Builder records(ArchiveRecords r) {
            this.records = Objects.requireNonNull(r);
            return this;
        }

        /** @return the context */
        public IngestContext build() {
            if (instruments == null) {
                instruments = Instruments.load();
            }
            return new IngestContext(this);
        }
    }
}
