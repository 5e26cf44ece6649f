package org.drpkit.core.instrument;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.TreeSet;
import org.drpkit.core.error.CoreErrorCode;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.header.Header;

/**
 * The registry of instrument plugins found by {@link ServiceLoader}.
 *
 * <p>Any jar on the class path that lists an {@link InstrumentPlugin} in
 * {@code META-INF/services/org.drpkit.core.instrument.InstrumentPlugin} adds an instrument. A plugin never
 * silently replaces another: two plugins answering to one name, or both accepting one header, are reported as
 * {@code INSTRUMENT_AMBIGUOUS}, unless one declares that it takes precedence over the other
 * ({@link InstrumentPlugin#takesPrecedenceOver}).
 *
 * <pre>{@code
 * Instruments all = Instruments.load();
 * all.names();                              // [APOGEE, DEIMOS, ...]
 * all.require("nirc2").name();              // "NIRC2" (names and aliases, any case)
 * all.forHeader(primaryHeader).name();      // the one plugin that accepts the header
 * }</pre>
 */
public final class Instruments {

    private final List<InstrumentPlugin> plugins;

    private Instruments(List<InstrumentPlugin> plugins) {
        this.plugins = List.copyOf(plugins);
    }

    /** @return the plugins visible to the thread's context class loader (or this class's loader) */
    public static Instruments load() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        return load(cl != null ? cl : Instruments.class.getClassLoader());
    }

    /** @return the plugins visible to {@code loader} */
    public static Instruments load(ClassLoader loader) {
        List<InstrumentPlugin> found = new ArrayList<>();
        for (InstrumentPlugin p : ServiceLoader.load(InstrumentPlugin.class, loader)) {
            found.add(p);
        }
        return new Instruments(found);
    }

    /** @return a registry of exactly these plugins (for tests and embedding) */
    public static Instruments of(InstrumentPlugin... plugins) {
        return new Instruments(List.of(plugins));
    }

    /** @return a registry with this one's plugins and {@code more} */
    public Instruments with(InstrumentPlugin... more) {
        List<InstrumentPlugin> all = new ArrayList<>(plugins);
        all.addAll(List.of(more));
        return new Instruments(all);
    }

    /** @return every plugin, in discovery order */
    public List<InstrumentPlugin> all() {
        return plugins;
    }

    /** @return the sorted canonical names */
    public List<String> names() {
        TreeSet<String> s = new TreeSet<>();
        for (InstrumentPlugin p : plugins) {
            s.add(p.name());
        }
        return List.copyOf(s);
    }

    /** @return the plugins whose name or an alias equals {@code name}, ignoring case */
    public List<InstrumentPlugin> matching(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT);
        List<InstrumentPlugin> out = new ArrayList<>();
        for (InstrumentPlugin p : plugins) {
            boolean hit = p.name().toUpperCase(Locale.ROOT).equals(n);
            for (String a : p.aliases()) {
                hit |= a.toUpperCase(Locale.ROOT).equals(n);
            }
            if (hit) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * @return the one plugin named {@code name} (canonical name or alias, any case)
     * @throws DrpException {@code INSTRUMENT_UNKNOWN} listing the known names, or {@code INSTRUMENT_AMBIGUOUS}
     *                      listing the competing plugin classes
     */
    public InstrumentPlugin require(String name) throws DrpException {
        List<InstrumentPlugin> m = matching(name);
        if (m.isEmpty()) {
            throw new DrpException(CoreErrorCode.INSTRUMENT_UNKNOWN, Location.NOWHERE,
                    "no instrument named '" + name + "'; known: " + names());
        }
        if (m.size() > 1) {
            throw new DrpException(CoreErrorCode.INSTRUMENT_AMBIGUOUS, Location.NOWHERE,
                    "'" + name + "' names several plugins: " + classes(m));
        }
        return m.get(0);
    }

    /**
     * The plugin of a whole file and the HDU whose header it was chosen by.
     *
     * @param plugin the plugin
     * @param hdu    0 for the primary header, 1 for a tile-compressed file's HDU 1
     */
    public record FileMatch(InstrumentPlugin plugin, int hdu) {
    }

    /**
     * The plugin of a file from its headers: {@link #forHeader} of the primary header, else, when that names no
     * instrument and HDU 1 is a tile-compressed image ({@code XTENSION = 'BINTABLE'}, {@code ZIMAGE = T}: fpack keeps
     * the original primary keywords there, as in an APOGEE {@code .apz}), of HDU 1.
     *
     * <pre>{@code
     * Instruments.FileMatch m = Instruments.load().forFile(headers);   // APOGEE, chosen by HDU 1, for an .apz
     * }</pre>
     *
     * @param headers every HDU's header, primary first
     * @throws DrpException {@code INSTRUMENT_UNKNOWN} or {@code INSTRUMENT_AMBIGUOUS} as {@link #forHeader}
     */
    public FileMatch forFile(List<Header> headers) throws DrpException {
        try {
            return new FileMatch(forHeader(headers.get(0)), 0);
        } catch (DrpException e) {
            if (e.code() != CoreErrorCode.INSTRUMENT_UNKNOWN || headers.size() < 2
                    || !headers.get(1).getString("XTENSION").map(x -> x.trim().equals("BINTABLE")).orElse(false)
                    || !headers.get(1).getBoolean("ZIMAGE").orElse(false)) {
                throw e;
            }
            return new FileMatch(forHeader(headers.get(1)), 1);
        }
    }

    /** @return the plugins that accept a primary header */
    public List<InstrumentPlugin> accepting(Header primary) {
        List<InstrumentPlugin> out = new ArrayList<>();
        for (InstrumentPlugin p : plugins) {
            if (p.accepts(primary)) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * @return the one plugin that accepts a primary header and that no other accepting plugin takes precedence over
     * @throws DrpException {@code INSTRUMENT_UNKNOWN} (naming INSTRUME) or {@code INSTRUMENT_AMBIGUOUS}
     */
    public InstrumentPlugin forHeader(Header primary) throws DrpException {
        List<InstrumentPlugin> all = accepting(primary);
        List<InstrumentPlugin> m = new ArrayList<>();
        for (InstrumentPlugin p : all) {
            if (!precededWithin(p, all)) {
                m.add(p);
            }
        }
        if (m.isEmpty()) {
            m = all; // precedence declared in a circle decides nothing
        }
        Location where = primary.origin().keyword("INSTRUME");
        String instrume = primary.getString("INSTRUME").map(s -> "'" + s.trim() + "'").orElse("(absent)");
        if (m.isEmpty()) {
            throw new DrpException(CoreErrorCode.INSTRUMENT_UNKNOWN, where,
                    "no plugin accepts this header (INSTRUME " + instrume + "); known: " + names());
        }
        if (m.size() > 1) {
            throw new DrpException(CoreErrorCode.INSTRUMENT_AMBIGUOUS, where,
                    "several plugins accept this header (INSTRUME " + instrume + "): " + classes(m));
        }
        return m.get(0);
    }

    @Override
    public String toString() {
        return "Instruments" + names();
    }

    /** @return true when another plugin of {@code all} takes precedence over {@code p} and not the other way */
    private static boolean precededWithin(InstrumentPlugin p, List<InstrumentPlugin> all) {
        for (InstrumentPlugin q : all) {
            if (q != p && q.takesPrecedenceOver(p) && !p.takesPrecedenceOver(q)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> classes(List<InstrumentPlugin> m) {
        List<String> out = new ArrayList<>();
        for (InstrumentPlugin p : m) {
            out.add(p.name() + " (" + p.getClass().getName() + ")");
        }
        return out;
    }
}
