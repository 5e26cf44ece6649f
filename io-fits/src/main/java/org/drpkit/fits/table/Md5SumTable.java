package org.drpkit.fits.table;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.fits.AtomicFiles;
import org.drpkit.fits.FitsErrorCode;
import org.drpkit.fits.checksum.Md5;

/**
 * The archive's {@code md5sum.table} (koa-dep section 5.6): one line per file, {@code <md5 hex><two spaces><path
 * relative to the folder>}, sorted by path, each ending with a newline, as {@code md5sum} prints.
 *
 * <p>{@link #forKoaid} selects a level-0 product's files as the archive does: every file under the folder whose name
 * contains the KOAID, except {@code *.log}, names containing {@code _unp} unless the KOAID has it, and the table
 * itself. The archive matches the KOAID as an unescaped regular expression (its dots match any character); drpkit
 * matches it literally, which selects the same files for every name the archive writes.
 *
 * <pre>{@code
 * Md5SumTable t = Md5SumTable.forKoaid(Path.of("lev0"), "KB.20190509.07554.57");
 * t.write(Path.of("lev0/KB.20190509.07554.57.md5sum.table"), false);
 * }</pre>
 */
public final class Md5SumTable {

    /**
     * One line of the table.
     *
     * @param md5  32 lower-case hex digits
     * @param path the path relative to the table's folder, with {@code /} separators
     */
    public record Entry(String md5, String path) {
        @Override
        public String toString() {
            return md5 + "  " + path;
        }
    }

    private final List<Entry> entries;

    private Md5SumTable(List<Entry> entries) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(Entry::path));
        this.entries = List.copyOf(sorted);
    }

    /** @return a table of these entries, sorted by path */
    public static Md5SumTable of(List<Entry> entries) {
        return new Md5SumTable(entries);
    }

    /**
     * @param dir   the folder paths are relative to
     * @param files the files to list (the exact list, for level 1 and 2 products)
     * @return their digests
     * @throws DrpException {@code FITS_NOT_FOUND} or {@code FITS_UNREADABLE} for a file that cannot be read
     */
    public static Md5SumTable of(Path dir, List<Path> files) throws DrpException {
        List<Entry> out = new ArrayList<>();
        for (Path f : files) {
            out.add(new Entry(Md5.hex(f), relative(dir, f)));
        }
        return new Md5SumTable(out);
    }

    /**
     * @return the digests of a level-0 product's files under {@code lev0} (recursively)
     * @throws DrpException {@code FITS_NOT_FOUND} when the folder is absent, {@code FITS_UNREADABLE} otherwise
     */
    public static Md5SumTable forKoaid(Path lev0, String koaid) throws DrpException {
        String self = koaid + ".md5sum.table";
        boolean unp = koaid.contains("_unp");
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(lev0)) {
            s.filter(Files::isRegularFile).forEach(p -> {
                String n = p.getFileName().toString();
                if (n.contains(koaid) && !n.endsWith(".log") && (unp || !n.contains("_unp")) && !n.equals(self)) {
                    files.add(p);
                }
            });
        } catch (NoSuchFileException e) {
            throw new DrpException(FitsErrorCode.FITS_NOT_FOUND, Location.file(lev0.toString()), "no such folder");
        } catch (IOException e) {
            throw new DrpException(FitsErrorCode.FITS_UNREADABLE, Location.file(lev0.toString()), e.toString(), e);
        }
        return of(lev0, files);
    }

    /**
     * @throws DrpException {@code TABLE_MALFORMED} naming the line; {@code FITS_NOT_FOUND} or {@code FITS_UNREADABLE}
     */
    public static Md5SumTable read(Path file) throws DrpException {
        List<String> lines = TableFiles.read(file, StandardCharsets.UTF_8).lines().toList();
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.length() < 35 || !l.substring(0, 32).matches("[0-9a-f]{32}") || !l.startsWith("  ", 32)) {
                throw new DrpException(TableErrorCode.TABLE_MALFORMED, Location.file(file.toString()),
                        "line " + (i + 1) + " is not '<md5>  <path>': '" + l + "'");
            }
            out.add(new Entry(l.substring(0, 32), l.substring(34)));
        }
        return new Md5SumTable(out);
    }

    /** @return the entries, sorted by path */
    public List<Entry> entries() {
        return entries;
    }

    /** @return the table text, one line per entry, each ending with a newline */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (Entry e : entries) {
            sb.append(e).append('\n');
        }
        return sb.toString();
    }

    /**
     * Writes the table atomically.
     *
     * @throws DrpException {@code OUTPUT_EXISTS} or {@code WRITE_FAILED}
     */
    public void write(Path target, boolean overwrite) throws DrpException {
        byte[] b = text().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(target, overwrite, out -> out.write(b));
    }

    @Override
    public String toString() {
        return "Md5SumTable[" + entries.size() + " files]";
    }

    private static String relative(Path dir, Path f) {
        return dir.toAbsolutePath().normalize().relativize(f.toAbsolutePath().normalize()).toString()
                .replace('\\', '/');
    }
}
