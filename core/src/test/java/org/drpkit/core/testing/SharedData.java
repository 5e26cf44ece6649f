package org.drpkit.core.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the real public data in {@code ../shared/data} (relative to the repository root) for tests, and skips a
 * test cleanly when it is absent, so a fresh clone without {@code ../shared} still passes.
 *
 * <pre>{@code
 * Path f = SharedData.require("keck/nirc2/raw_n0051_standard_1.fits");   // skips the test when absent
 * }</pre>
 *
 * <p>Published in drpkit-core's test jar for the other modules' tests.
 */
public final class SharedData {

    private SharedData() {
    }

    /** @return the repository root: system property {@code drpkit.root} (set by surefire) or the working directory */
    public static Path root() {
        String r = System.getProperty("drpkit.root");
        Path p = r != null ? Path.of(r) : Path.of("").toAbsolutePath();
        // when run from a module directory, step up to the folder holding the parent pom
        while (p != null && !Files.exists(p.resolve("core")) && p.getParent() != null) {
            p = p.getParent();
        }
        return p;
    }

    /** @return {@code ../shared/data} next to the repository root (may not exist) */
    public static Path dir() {
        return root().toAbsolutePath().normalize().resolveSibling("shared").resolve("data");
    }

    /** @return true when the shared data folder exists */
    public static boolean available() {
        return Files.isDirectory(dir());
    }

    /** @return the path of a shared file, skipping the calling test (JUnit assumption) when it is absent */
    public static Path require(String relative) {
        Path p = dir().resolve(relative);
        assumeTrue(Files.exists(p), "shared data not available: " + p);
        return p;
    }
}
