package org.drpkit.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Which files the ingest takes: names ending in {@code .fits}, {@code .fit} or {@code .fts} (any case).
 *
 * <pre>{@code
 * List<Path> files = FitsFiles.under(Path.of("/sdata/nirc2"));   // sorted, hidden files and folders left out
 * }</pre>
 */
public final class FitsFiles {

    private FitsFiles() {
    }

    /** @return true when the file name has a FITS extension (the file itself is not looked at) */
    public static boolean hasFitsName(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".fits") || n.endsWith(".fit") || n.endsWith(".fts");
    }

    /**
     * @return the regular FITS files in a folder and its subfolders, sorted; hidden files and anything in hidden
     *         folders are left out; empty when the folder cannot be opened
     */
    public static List<Path> under(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> hasFitsName(p) && !p.getFileName().toString().startsWith(".")
                    && Files.isRegularFile(p) && !dir.relativize(p).toString().contains("/.")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
