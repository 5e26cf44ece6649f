package org.drpkit.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;

/**
 * Where products go, {@code {root}/{INSTR}/{YYYYMMDD}/lev0/}, built so that no header value can lead a write outside
 * the root: every name part is checked against a strict pattern (no separators, no leading dot, no {@code ..}), the
 * resolved path must lie under the root, and once the folders exist their real path (symbolic links resolved) must
 * too. OFNAME and OUTDIR never take part in an output path.
 */
final class ProductPaths {

    private static final Pattern INSTRUMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,31}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+_-]{0,254}");
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private ProductPaths() {
    }

    /** @return {@code root/INSTR/YYYYMMDD/lev0} (not created) */
    static Path lev0(Path root, String instrument, LocalDate date) throws DrpException {
        return under(root, root.resolve(part(instrument, INSTRUMENT)).resolve(date.format(DAY)).resolve("lev0"));
    }

    /** @return {@code root/INSTR/YYYYMMDD/lev{level}} (not created) */
    static Path level(Path root, String instrument, LocalDate date, int level) throws DrpException {
        if (level < 0 || level > 9) {
            throw new DrpException(IngestCode.OUTPUT_OUTSIDE_ROOT, Location.NOWHERE, "no product level " + level);
        }
        return under(root, root.resolve(part(instrument, INSTRUMENT)).resolve(date.format(DAY)).resolve("lev" + level));
    }

    /**
     * @param relative a {@code /}-separated path of at most 8 checked parts (a pipeline product in a sub-folder)
     * @return {@code dir/relative}
     */
    static Path nested(Path dir, String relative) throws DrpException {
        String[] parts = relative.split("/", -1);
        if (parts.length > 8) {
            throw outside(dir.resolve(relative));
        }
        Path p = dir;
        for (String s : parts) {
            p = p.resolve(part(s, NAME));
        }
        if (!p.normalize().startsWith(dir.normalize()) || p.equals(dir)) {
            throw outside(p);
        }
        return p;
    }

    /** @return {@code dir/name} for a product name (checked) */
    static Path product(Path dir, String name) throws DrpException {
        Path p = dir.resolve(part(name, NAME));
        if (!p.getParent().equals(dir)) {
            throw outside(p);
        }
        return p;
    }

    /** Folders already created and checked (by this process). */
    private static final Set<Path> CHECKED = ConcurrentHashMap.newKeySet();

    /**
     * Creates a folder under the root and checks its real path is still under the root's real path (once per folder
     * and process: a folder checked stays checked).
     */
    static void createUnder(Path root, Path dir) throws DrpException {
        if (CHECKED.contains(dir) && Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir);
            Files.createDirectories(root);
            if (!dir.toRealPath().startsWith(root.toRealPath())) {
                throw outside(dir);
            }
            if (CHECKED.size() > 100_000) {
                CHECKED.clear();
            }
            CHECKED.add(dir);
        } catch (IOException e) {
            throw new DrpException(IngestCode.WRITE_ERROR, Location.file(dir.toString()), e.toString(), e);
        }
    }

    private static Path under(Path root, Path p) throws DrpException {
        Path n = p.toAbsolutePath().normalize();
        if (!n.startsWith(root.toAbsolutePath().normalize())) {
            throw outside(p);
        }
        return n;
    }

    private static String part(String s, Pattern allowed) throws DrpException {
        if (s == null || !allowed.matcher(s).matches() || s.contains("..")) {
            throw new DrpException(IngestCode.OUTPUT_OUTSIDE_ROOT, Location.NOWHERE,
                    "'" + s + "' cannot be part of an output path");
        }
        return s;
    }

    private static DrpException outside(Path p) {
        return new DrpException(IngestCode.OUTPUT_OUTSIDE_ROOT, Location.file(p.toString()),
                "the path would leave the output root");
    }

    /**
     * Deletes the products of {@code k} in a folder, and the hidden temporaries of an interrupted attempt: files named
     * {@code k.*} or {@code .k.*} (never {@code k_unp.*}), and the per-extension previews {@code k_CCD*}.
     */
    static void clearProducts(Path dir, String k) throws DrpException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith(k + ".")
                    || p.getFileName().toString().startsWith("." + k + ".")
                    || p.getFileName().toString().startsWith(k + "_CCD")).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new DrpException(IngestCode.WRITE_ERROR, Location.file(dir.toString()),
                    "cannot remove the earlier products of " + k + ": " + e, e);
        }
    }
}
