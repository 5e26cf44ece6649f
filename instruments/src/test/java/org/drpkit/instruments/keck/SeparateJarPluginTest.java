package org.drpkit.instruments.keck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.drpkit.core.header.Header;
import org.drpkit.core.instrument.InstrumentPlugin;
import org.drpkit.core.instrument.Instruments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin drpkit has never seen, compiled at test time into its own jar, joins the built-in instruments through
 * ServiceLoader: it adds its instrument and replaces none.
 */
class SeparateJarPluginTest {

    private static final String SOURCE = """
            package org.example.obs;
            import java.util.Optional;
            import org.drpkit.core.header.Header;
            import org.drpkit.core.instrument.InstrumentPlugin;
            public final class Spectro1 implements InstrumentPlugin {
                public String name() { return "SPECTRO1"; }
                public boolean accepts(Header h) {
                    return h.getString("INSTRUME").map(String::trim).filter("SPECTRO1"::equals).isPresent();
                }
                public Optional<String> archivePrefix(Header h) { return Optional.of("S1"); }
            }
            """;

    @Test
    void pluginFromAnotherJarAddsAnInstrumentAndOverridesNone(@TempDir Path dir) throws Exception {
        Instruments before = Instruments.load(getClass().getClassLoader());
        try (URLClassLoader loader = new URLClassLoader(new URL[] {buildJar(dir).toUri().toURL()},
                getClass().getClassLoader())) {
            Instruments after = Instruments.load(loader);
            List<String> expected = new ArrayList<>(before.names());
            expected.add("SPECTRO1");
            expected.sort(null);
            assertEquals(expected, after.names(), "every built-in is still there, and one more");
            for (String n : before.names()) {
                assertEquals(before.require(n).getClass(), after.require(n).getClass(), n + " is not replaced");
            }
            InstrumentPlugin s1 = after.forHeader(Header.builder().add("INSTRUME", "SPECTRO1").build());
            assertEquals("org.example.obs.Spectro1", s1.getClass().getName());
            assertEquals("S1", s1.archivePrefix(Header.empty()).orElseThrow());
            assertEquals(Nirc2.class, after.forHeader(Header.builder().add("INSTRUME", "NIRC2").build()).getClass());
        }
    }

    private static Path buildJar(Path dir) throws IOException, URISyntaxException {
        Path src = dir.resolve("src/org/example/obs/Spectro1.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, SOURCE);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String cp = Path.of(InstrumentPlugin.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        assertEquals(0, javac.run(null, null, null, "-d", classes.toString(), "-cp", cp, src.toString()),
                "the plugin compiles against drpkit-core alone");
        Path jar = dir.resolve("spectro1.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            put(out, "org/example/obs/Spectro1.class",
                    Files.readAllBytes(classes.resolve("org/example/obs/Spectro1.class")));
            put(out, "META-INF/services/" + InstrumentPlugin.class.getName(),
                    "org.example.obs.Spectro1\n".getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(Files.size(jar) > 0);
        return jar;
    }

    private static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        OutputStream o = out;
        o.write(bytes);
        out.closeEntry();
    }
}
