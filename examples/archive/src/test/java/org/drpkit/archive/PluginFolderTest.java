package org.drpkit.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.drpkit.archive.ledger.JdbcLedger;
import org.drpkit.core.header.Header;
import org.drpkit.core.instrument.InstrumentPlugin;
import org.drpkit.core.instrument.Instruments;
import org.drpkit.core.status.Ledger;
import org.drpkit.fits.FitsHeaders;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PluginFolder}: plugin jars compiled by the test (an updated NIRC2 plugin that stamps its version into the
 * fixed header as PLUGVER) dropped into, replaced in and removed from a watched folder, alone and under a running
 * {@link IngestService}.
 */
class PluginFolderTest {

    @TempDir
    static Path jars;

    @TempDir
    Path tmp;

    static Path v1;
    static Path v2;

    @BeforeAll
    static void compilePlugins() throws IOException {
        v1 = plugin(jars.resolve("v1"), 1);
        v2 = plugin(jars.resolve("v2"), 2);
    }

    /** Compiles {@code org.example.Nirc2Update} stamping version {@code v} and packs it as a service jar. */
    static Path plugin(Path dir, int v) throws IOException {
        Path src = dir.resolve("src/org/example/Nirc2Update.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, """
                package org.example;

                import java.util.List;
                import java.util.Optional;
                import org.drpkit.core.header.Header;
                import org.drpkit.core.header.KeywordMap;
                import org.drpkit.core.instrument.FixContext;
                import org.drpkit.core.instrument.HeaderFixRule;
                import org.drpkit.instruments.keck.KeckInstrument;

                public final class Nirc2Update extends KeckInstrument {
                    @Override public String name() { return "NIRC2"; }
                    @Override protected int homeTelescope() { return 2; }
                    @Override protected String classify(Header h, FixContext ctx) { return "dark"; }
                    @Override protected KeywordMap keywordOverrides() {
                        return KeywordMap.builder().map("OFNAME", "FILENAME").build();
                    }
                    @Override public Optional<String> archivePrefix(Header h) { return Optional.of("N2"); }
                    @Override protected List<HeaderFixRule> instrumentRules() {
                        return List.of(HeaderFixRule.of("example.version",
                                (h, ctx) -> h.toBuilder().set("PLUGVER", %dL, "plugin version").build()));
                    }
                }
                """.formatted(v));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-classpath", System.getProperty("java.class.path"), "-d",
                classes.toString(), src.toString());
        assertEquals(0, rc, "the test plugin compiles");
        Path jar = dir.resolve("nirc2-update.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("META-INF/services/" + InstrumentPlugin.class.getName()));
            out.write("org.example.Nirc2Update\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            out.putNextEntry(new JarEntry("org/example/Nirc2Update.class"));
            Files.copy(classes.resolve("org/example/Nirc2Update.class"), out);
            out.closeEntry();
        }
        return jar;
    }

    /** Puts {@code jar} into the folder as {@code name}, with a modification time {@code second} s after the epoch. */
    static void drop(Path jar, Path folder, String name, long second) throws IOException {
        Files.createDirectories(folder);
        Path to = folder.resolve(name);
        Files.copy(jar, to, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(to, FileTime.fromMillis(1_700_000_000_000L + 1000 * second));
    }

    static String pluginOf(Instruments i) throws Exception {
        return i.require("nirc2").getClass().getName();
    }

    @Test
    void jarsAddedReplacedBrokenAndRemovedChangeTheRegistryBetweenCalls() throws Exception {
        Path folder = tmp.resolve("plugins");
        Instruments base = Instruments.load();
        PluginFolder p = PluginFolder.of(folder, base);
        assertEquals("org.drpkit.instruments.keck.Nirc2", pluginOf(p.current()), "no folder yet: the built-in");
        assertEquals(base.names(), p.current().names());

        drop(v1, folder, "nirc2.jar", 1);
        Instruments first = p.current();
        InstrumentPlugin one = first.require("NIRC2");
        assertEquals("org.example.Nirc2Update", one.getClass().getName(), "the folder's plugin replaces the built-in");
        assertTrue(one.getClass().getClassLoader() instanceof java.net.URLClassLoader);
        assertEquals(base.names(), first.names(), "replaced, not added: one NIRC2");
        assertSame(first, p.current(), "unchanged folder: the same registry");
        assertEquals(List.of("NIRC2 (org.example.Nirc2Update)"), p.loaded());

        drop(v2, folder, "nirc2.jar", 2);
        InstrumentPlugin two = p.current().require("NIRC2");
        assertNotEquals(one.getClass(), two.getClass(), "a new class loader for the new jar");
        assertSame(one, first.require("NIRC2"), "a registry handed out earlier keeps its plugin");
        assertEquals(2L, stamp(two), "the new plugin's fix");
        assertEquals(1L, stamp(one), "the old plugin still works after its jar was overwritten");

        Files.writeString(folder.resolve("nirc2.jar"), "not a jar");
        Instruments afterBroken = p.current();
        assertSame(two, afterBroken.require("NIRC2"), "a broken jar keeps the previous plugins");
        assertNotNull(p.lastError());

        drop(v1, folder, "nirc2.jar", 3);
        assertEquals(1L, stamp(p.current().require("NIRC2")));
        assertNull(p.lastError(), "a good jar clears the error");

        Files.delete(folder.resolve("nirc2.jar"));
        assertEquals("org.drpkit.instruments.keck.Nirc2", pluginOf(p.current()), "jar removed: the built-in again");
    }

    /** The PLUGVER a plugin's fix rules stamp into a NIRC2 header (null when none). */
    static Long stamp(InstrumentPlugin plugin) throws Exception {
        Header h = FitsHeaders.readAll(TestFiles.nirc2(Files.createTempDirectory("stamp"), "n0001.fits",
                "10:00:01.00", 1)).get(0);
        org.drpkit.core.instrument.FixResult r = org.drpkit.core.instrument.FixResult.of(h);
        for (org.drpkit.core.instrument.HeaderFixRule rule : plugin.fixRules()) {
            if (rule.name().equals("example.version")) {
                r = rule.apply(r, org.drpkit.core.instrument.FixContext.builder().build());
            }
        }
        return r.header().getLong("PLUGVER").orElse(null);
    }

    @Test
    void aFileInFlightFinishesWithTheOldPluginAndTheNextFileGetsTheNewOne() throws Exception {
        Path folder = tmp.resolve("plugins");
        drop(v1, folder, "nirc2.jar", 1);
        Path in = Files.createDirectories(tmp.resolve("in"));
        AtomicBoolean swapped = new AtomicBoolean();
        IngestListener swapMidFile = (file, step) -> {
            // the first file has chosen its plugin; the jar is replaced before its header is fixed
            if (step.equals("fix") && swapped.compareAndSet(false, true)) {
                try {
                    drop(v2, folder, "nirc2.jar", 2);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        IngestContext ctx = IngestContext.builder(tmp.resolve("koadata"))
                .options(IngestOptions.archive().fsync(false)).listener(swapMidFile)
                .pluginFolder(PluginFolder.of(folder, Instruments.load())).build();
        try (Ledger l = JdbcLedger.open("jdbc:h2:file:" + tmp.resolve("koadata/ledger").toAbsolutePath())) {
            IngestService s = new IngestService(l, ctx, null);
            s.enqueue(TestFiles.nirc2(in, "n0001.fits", "10:00:01.00", 1));
            List<IngestService.Finished> a = s.drain(1, f -> { }, () -> false);
            s.enqueue(TestFiles.nirc2(in, "n0002.fits", "10:00:02.00", 2));
            List<IngestService.Finished> b = s.drain(1, f -> { }, () -> false);
            assertTrue(swapped.get());
            assertEquals(1, a.size());
            assertEquals(1, b.size());
            assertEquals(1L, product(tmp.resolve("koadata"), "N2.20170725.36001.00"), "in flight: the old plugin");
            assertEquals(2L, product(tmp.resolve("koadata"), "N2.20170725.36002.00"), "next file: the new plugin");
        }
    }

    static long product(Path root, String koaid) throws Exception {
        Path f = root.resolve("NIRC2/20170725/lev0/" + koaid + ".fits");
        assertTrue(Files.exists(f), "product " + f);
        return FitsHeaders.readAll(f).get(0).getLong("PLUGVER").orElseThrow();
    }
}
