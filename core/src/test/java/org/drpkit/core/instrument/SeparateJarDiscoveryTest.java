package org.drpkit.core.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the SPI works for a plugin drpkit has never seen: the test compiles a plugin from source, packs it in a
 * jar with its service file, and loads it through a fresh class loader.
 */
class SeparateJarDiscoveryTest {

    private static final String SOURCE = """
            package com.example.scope;
            import java.util.Set;
            import org.drpkit.core.header.Header;
            import org.drpkit.core.instrument.InstrumentPlugin;
            public final class ScopeCam implements InstrumentPlugin {
                public String name() { return "SCOPECAM"; }
                public Set<String> aliases() { return Set.of("SC"); }
                public boolean accepts(Header h) {
                    return h.getString("INSTRUME").map(String::trim).filter("SCOPECAM"::equals).isPresent();
                }
                public java.util.List<org.drpkit.core.instrument.HeaderFixRule> fixRules() {
                    return java.util.List.of(org.drpkit.core.instrument.HeaderFixRule.onResult("scope.type",
                            (r, ctx) -> r.withFacts(f -> f.withImageType("object"))));
                }
            }
            """;

    @Test
    void pluginInAnUnknownJarIsDiscoveredAndUsed(@TempDir Path dir) throws Exception {
        Path jar = buildPluginJar(dir);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                InstrumentPlugin.class.getClassLoader())) {
            assertThrows(DrpException.class, () -> Instruments.load(InstrumentPlugin.class.getClassLoader())
                    .require("SCOPECAM"), "not visible without the jar");
            Instruments found = Instruments.load(loader);
            InstrumentPlugin p = found.require("sc");
            assertEquals("SCOPECAM", p.name());
            assertEquals("com.example.scope.ScopeCam", p.getClass().getName());
            Header h = Header.builder().add("INSTRUME", "SCOPECAM").build();
            assertEquals(p.getClass(), found.forHeader(h).getClass());
            assertEquals("object", found.forHeader(h).fix(h, FixContext.offline()).facts().imageType().orElseThrow());
            assertTrue(found.names().contains("SCOPECAM"));
        }
    }

    private static Path buildPluginJar(Path dir) throws IOException {
        Path src = dir.resolve("src/com/example/scope/ScopeCam.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, SOURCE);
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String cp = Path.of(InstrumentPlugin.class.getProtectionDomain().getCodeSource().getLocation().getPath())
                .toString();
        int rc = javac.run(null, null, null, "-d", classes.toString(), "-cp", cp, src.toString());
        assertEquals(0, rc, "plugin source compiles");
        Path jar = dir.resolve("scopecam-plugin.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            put(out, "com/example/scope/ScopeCam.class", Files.readAllBytes(classes.resolve("com/example/scope/ScopeCam.class")));
            put(out, "META-INF/services/" + InstrumentPlugin.class.getName(),
                    "com.example.scope.ScopeCam\n".getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }

    private static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        try (OutputStream o = new NonClosing(out)) {
            o.write(bytes);
        }
        out.closeEntry();
    }

    /** Lets a try-with-resources write an entry without closing the jar stream. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
