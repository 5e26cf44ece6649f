package org.drpkit.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.drpkit.core.instrument.InstrumentPlugin;
import org.drpkit.core.instrument.Instruments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Instrument plugins from a folder of jars, picked up while a service runs: code updates without a restart (the
 * seed's ask). {@link #current()} looks at the folder's {@code *.jar} files (name, size, modification time) and, when
 * they changed, loads them into a new class loader, from private copies so that a jar overwritten later cannot
 * break classes already loaded from it. A folder plugin replaces a base plugin of the same name (an updated
 * instrument) or adds an instrument; removing its jar brings the base plugin back.
 *
 * <p>An {@link IngestContext} built with a plugin folder hands each file the registry current when the file is
 * claimed, and the file keeps the plugin it was given: files in flight finish with the old plugin, the next file
 * gets the new one, and no work is dropped. A folder whose jars cannot be loaded (not a jar, a class that does not
 * link, a provider that fails) leaves the previous registry in place; the reason is logged and kept in
 * {@link #lastError()} until a good set of jars arrives. Thread-safe.
 *
 * <pre>{@code
 * PluginFolder plugins = PluginFolder.of(Path.of("/koa/plugins"), Instruments.load());
 * IngestContext ctx = IngestContext.builder(root).pluginFolder(plugins).build();
 * plugins.current().names();   // the built-in instruments with the folder's added or replaced
 * }</pre>
 */
public final class PluginFolder {

    private static final Logger LOG = LoggerFactory.getLogger(PluginFolder.class);

    private final Path folder;
    private final Instruments base;
    private String seen;
    private Instruments current;
    private int generation;
    private List<String> loaded = List.of();
    private String lastError;
    private Path copies;

    private PluginFolder(Path folder, Instruments base) {
        this.folder = folder.toAbsolutePath().normalize();
        this.base = base;
        this.current = base;
        this.seen = "";
    }

    /**
     * @param folder the folder watched for {@code *.jar} files (need not exist yet)
     * @param base   the plugins that are always there (e.g. {@link Instruments#load()})
     * @return a plugin folder; nothing is loaded until {@link #current()}
     */
    public static PluginFolder of(Path folder, Instruments base) {
        return new PluginFolder(Objects.requireNonNull(folder, "folder"), Objects.requireNonNull(base, "base"));
    }

    /** @return the folder watched */
    public Path folder() {
        return folder;
    }

    /**
     * @return the registry of the base plugins and the folder's, reloaded first when the folder's jars changed since
     *         the last call (or the previous registry when they cannot be loaded)
     */
    public synchronized Instruments current() {
        List<Path> jars = jars();
        String state = state(jars);
        if (state.equals(seen)) {
            return current;
        }
        seen = state;
        try {
            List<InstrumentPlugin> found = jars.isEmpty() ? List.of() : load(jars);
            Set<String> names = new HashSet<>();
            List<String> labels = new ArrayList<>();
            for (InstrumentPlugin p : found) {
                names.add(p.name().toUpperCase(java.util.Locale.ROOT));
                labels.add(p.name() + " (" + p.getClass().getName() + ")");
            }
            List<InstrumentPlugin> all = new ArrayList<>();
            for (InstrumentPlugin p : base.all()) {
                if (!names.contains(p.name().toUpperCase(java.util.Locale.ROOT))) {
                    all.add(p);
                }
            }
            all.addAll(found);
            current = Instruments.of(all.toArray(InstrumentPlugin[]::new));
            loaded = List.copyOf(labels);
            lastError = null;
            LOG.info("plugins from {}: generation {}, {}", folder, generation, labels.isEmpty() ? "none" : labels);
        } catch (IOException | ServiceConfigurationError | LinkageError | RuntimeException e) {
            lastError = jars + ": " + e;
            LOG.warn("plugins in {} not loaded, keeping the previous ones: {}", folder, e.toString());
        }
        return current;
    }

    /** @return the folder plugins of the current registry, as {@code NAME (class)} */
    public synchronized List<String> loaded() {
        return loaded;
    }

    /** @return why the folder's latest jars were not loaded, or null when they were */
    public synchronized String lastError() {
        return lastError;
    }

    private List<Path> jars() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p)).sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the plugin folder " + folder, e);
        }
    }

    private static String state(List<Path> jars) {
        TreeMap<String, String> m = new TreeMap<>();
        for (Path j : jars) {
            try {
                m.put(j.getFileName().toString(), Files.size(j) + "@" + Files.getLastModifiedTime(j).toMillis());
            } catch (IOException e) {
                m.put(j.getFileName().toString(), "unreadable");   // being replaced: looked at again next time
            }
        }
        return m.toString();
    }

    /** Copies the jars to a new private folder and loads the plugins they declare (not those of the parent). */
    private List<InstrumentPlugin> load(List<Path> jars) throws IOException {
        if (copies == null) {
            copies = Files.createTempDirectory("drpkit-plugins");
            copies.toFile().deleteOnExit();
        }
        Path gen = Files.createDirectory(copies.resolve("gen-" + ++generation));
        gen.toFile().deleteOnExit();
        List<URL> urls = new ArrayList<>();
        for (Path j : jars) {
            Path copy = gen.resolve(j.getFileName().toString());
            Files.copy(j, copy, StandardCopyOption.REPLACE_EXISTING);
            copy.toFile().deleteOnExit();
            urls.add(url(copy));
        }
        URLClassLoader loader = new URLClassLoader("drpkit-plugins-" + generation, urls.toArray(URL[]::new),
                PluginFolder.class.getClassLoader());
        List<InstrumentPlugin> found = new ArrayList<>();
        for (ServiceLoader.Provider<InstrumentPlugin> p : ServiceLoader.load(InstrumentPlugin.class, loader).stream()
                .toList()) {
            if (p.type().getClassLoader() == loader) {
                found.add(p.get());
            }
        }
        if (found.isEmpty()) {
            throw new IOException("no instrument plugin declared in META-INF/services/"
                    + InstrumentPlugin.class.getName() + " of " + jars);
        }
        return found;
    }

    private static URL url(Path p) {
        try {
            return p.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized String toString() {
        return "PluginFolder[" + folder + ": " + (loaded.isEmpty() ? "no folder plugins" : loaded)
                + (lastError != null ? ", last load failed" : "") + "]";
    }
}
