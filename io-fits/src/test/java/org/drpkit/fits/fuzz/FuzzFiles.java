package org.drpkit.fits.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One scratch folder per fuzzing JVM (in {@code /dev/shm} when there is one, so an input costs no disk write), the
 * input of each iteration written there, and the contract checks every target makes after the call: no file handle
 * left open and nothing left in the folder beyond what the call was meant to write.
 */
final class FuzzFiles {

    private static final Path PROC_FD = Path.of("/proc/self/fd");
    private static Path dir;

    private FuzzFiles() {
    }

    /** @return the scratch folder, created on first use and removed when the JVM exits */
    static synchronized Path dir() {
        if (dir == null) {
            try {
                Path shm = Path.of("/dev/shm");
                Path base = Files.isDirectory(shm) && Files.isWritable(shm) ? shm
                        : Path.of(System.getProperty("java.io.tmpdir"));
                dir = Files.createTempDirectory(base, "drpkit-fuzz-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Path d = dir;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(d)));
        }
        return dir;
    }

    /** @return {@code data} written to {@code name} in the scratch folder (replacing an earlier input) */
    static Path write(String name, byte[] data) {
        try {
            Path p = dir().resolve(name);
            Files.write(p, data);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @return the number of file descriptors the JVM holds on files in the scratch folder (the inputs and outputs
     *         of the calls; the JVM's own descriptors, such as jars opened on first use, do not count), or -1 where
     *         {@code /proc} does not tell
     */
    static int openDescriptors() {
        if (!Files.isDirectory(PROC_FD)) {
            return -1;
        }
        String prefix = dir().toString();
        int n = 0;
        try (Stream<Path> s = Files.list(PROC_FD)) {
            for (Path fd : s.toList()) {
                try {
                    if (Files.readSymbolicLink(fd).toString().startsWith(prefix)) {
                        n++;
                    }
                } catch (IOException e) {
                    // closed between listing and reading (the listing's own descriptor): not ours
                }
            }
            return n;
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * @throws AssertionError when the call left a descriptor open or a file in the scratch folder other than
     *                        {@code allowed}
     */
    static void requireNothingLeft(int descriptorsBefore, List<Path> allowed) {
        int after = openDescriptors();
        if (descriptorsBefore >= 0 && after > descriptorsBefore) {
            throw new AssertionError((after - descriptorsBefore) + " file descriptor(s) on the input left open");
        }
        try (Stream<Path> s = Files.list(dir())) {
            List<Path> left = s.filter(p -> !allowed.contains(p)).toList();
            if (!left.isEmpty()) {
                throw new AssertionError("files left behind by the call: " + left);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes every file of the scratch folder. */
    static void clear() {
        try (Stream<Path> s = Files.list(dir())) {
            for (Path p : s.toList()) {
                deleteTree(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // best effort at exit
        }
    }
}
