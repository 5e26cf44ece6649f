package org.drpkit.archive;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Java example of the archive ingest compiles against {@code drpkit-archive} and what it brings: this
 * module's class path (the libraries, SLF4J API, HikariCP, Guava; never the CLI), as a pipeline depending on the
 * artifact would see it.
 */
class ReadmeExampleTest {

    private static final String IMPORTS = """
            import java.nio.file.Path;
            import org.drpkit.archive.IngestContext;
            import org.drpkit.archive.IngestService;
            import org.drpkit.archive.KeywordTables;
            import org.drpkit.archive.ledger.JdbcLedger;
            import org.drpkit.core.status.Ledger;
            """;

    @Test
    void theReadmeArchiveExampleCompilesAgainstTheArchiveArtifactAlone(@TempDir Path dir) throws Exception {
        Path readme = Path.of(System.getProperty("drpkit.root", "../.."), "README.md");
        assumeTrue(Files.isRegularFile(readme), "run inside the repository");
        String text = Files.readString(readme);
        int section = text.indexOf("## Archive ingest");
        assertTrue(section >= 0, "the README has an archive ingest section");
        Matcher m = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(text);
        assertTrue(m.find(section), "the archive section has a Java example");
        String source = IMPORTS + "\nclass ReadmeArchiveExample {\n    void run() throws Exception {\n" + m.group(1)
                + "    }\n}\n";
        Path file = dir.resolve("ReadmeArchiveExample.java");
        Files.writeString(file, source);

        String classPath = System.getProperty("java.class.path");
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            assertTrue(!entry.contains("drpkit-cli") && !entry.replace('\\', '/').contains("examples/cli/")
                    && !entry.contains("picocli"), "the class path is drpkit-archive's, without the CLI: " + entry);
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assumeTrue(javac != null, "a JDK with javac");
        StringWriter diagnostics = new StringWriter();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
            Iterable<? extends JavaFileObject> units = files.getJavaFileObjects(file);
            boolean ok = javac.getTask(diagnostics, files, null,
                    List.of("-classpath", classPath, "-d", dir.toString(), "-proc:none"), null, units).call();
            assertTrue(ok, "the README example does not compile:\n" + diagnostics + "\n" + source);
        }
        assertTrue(Files.isRegularFile(dir.resolve("ReadmeArchiveExample.class")), "javac wrote the class");
    }
}
