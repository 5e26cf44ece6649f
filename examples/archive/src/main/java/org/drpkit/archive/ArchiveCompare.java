package org.drpkit.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.drpkit.archive.CompareResult.Difference;
import org.drpkit.archive.CompareResult.Kind;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.fits.checksum.Md5;
import org.drpkit.fits.table.IpacTable;
import org.drpkit.fits.table.Md5SumTable;
import org.drpkit.fits.table.MetadataCompare;

/**
 * Compares two archive trees ({@code ROOT/INSTR/YYYYMMDD/levN/...}): the real-time run against the nightly one, or a
 * run before a code change against one after. Only products are compared: files in a {@code lev0}..{@code lev9}
 * folder, except the {@code .log} files (they hold times); ledger databases, stage copies, {@code anc/}, transfer
 * tables and logs are counted as skipped.
 *
 * <ul>
 * <li>A product present in one tree only is a difference.</li>
 * <li>{@code .metadata.table}: column by column with {@link MetadataCompare} (koa-dep 5.5): rows matched by KOAID,
 * numbers equal at {@link Options#decimals} decimals (the archive's 1), text ignoring case and HTML escaping,
 * {@code DQA_DATE} and {@code DQA_VERS} never compared. Cells that differ only within the tolerance are listed as
 * notes, not differences.</li>
 * <li>{@code .md5sum.table} (koa-dep 5.6): both must list the same files; the lines of previews ({@code .png},
 * {@code .jpg}, {@code .jpeg}) and of the {@code .metadata.table} may differ, because those are compared by content;
 * the line of a FITS file may differ only when the two FITS files are equal apart from {@code DQA_DATE} and
 * {@code DQA_VERS}; every other line must match.</li>
 * <li>Previews: decoded with ImageIO; the same size is required, and the mean and the rms of the pixel differences
 * (8-bit levels, all bands) must be within {@link Options#previewMean} and {@link Options#previewRms}. Differences
 * within the tolerance are notes.</li>
 * <li>FITS products: HDU by HDU, every header card in order and the data bytes, except the cards {@code DQA_DATE}
 * and {@code DQA_VERS} (when and by which version the run happened: two runs always differ there); files equal apart
 * from them are a note.</li>
 * <li>Any other product (extension tables, headers tables): byte for byte.</li>
 * </ul>
 *
 * <p>A product that cannot be read in either tree is a difference ({@code UNREADABLE}), never an exception: only
 * roots that are not folders are bad input. Reads only; thread-safe.
 *
 * <pre>{@code
 * CompareResult r = ArchiveCompare.compare(Path.of("run1/koadata"), Path.of("run2/koadata"));
 * r.equal();          // true when no product differs beyond the tolerances
 * String report = r.toString(); // counts, then one line per difference and note
 * }</pre>
 */
public final class ArchiveCompare {

    private static final Pattern LEVEL = Pattern.compile("lev[0-9]");
    private static final Set<String> PREVIEWS = Set.of("png", "jpg", "jpeg");
    private static final Set<String> FITS = Set.of("fits", "fit", "fts");

    /**
     * What counts as equal.
     *
     * @param decimals    metadata numbers are compared printed with this many decimals (the archive: 1), or -1 for
     *                    exact comparison
     * @param previewMean the largest |mean| of the preview pixel differences, new minus old, in 8-bit levels
     * @param previewRms  the largest rms of the preview pixel differences, in 8-bit levels
     */
    public record Options(int decimals, double previewMean, double previewRms) {
        /**
         * The archive's metadata tolerance (1 decimal); previews within 1 level in the mean and 3 levels rms (the
         * noise of re-encoding a JPEG at quality 0.9 is about 1-2 levels rms).
         */
        public static final Options ARCHIVE = new Options(1, 1.0, 3.0);
        /** Everything exact: metadata numbers and preview pixels must be identical. */
        public static final Options EXACT = new Options(-1, 0.0, 0.0);

        /** Checks the tolerances. */
        public Options {
            if (decimals < -1 || !(previewMean >= 0) || !(previewRms >= 0)) {
                throw new IllegalArgumentException("bad tolerances: decimals " + decimals + ", preview mean "
                        + previewMean + ", rms " + previewRms);
            }
        }
    }

    private ArchiveCompare() {
    }

    /** @return the comparison with the archive's tolerances ({@link Options#ARCHIVE}) */
    public static CompareResult compare(Path oldRoot, Path newRoot) throws DrpException {
        return compare(oldRoot, newRoot, Options.ARCHIVE);
    }

    /**
     * @return every difference between the products of two trees, and the notes of differences within tolerance
     * @throws DrpException {@code COMPARE_ROOT_NOT_FOUND} when a root is not a folder; {@code COMPARE_ROOT_INVALID}
     *                      when a root cannot be listed or both are the same folder
     */
    public static CompareResult compare(Path oldRoot, Path newRoot, Options options) throws DrpException {
        int[] skipped = new int[1];
        Map<String, Path> a = products(oldRoot, skipped);
        Map<String, Path> b = products(newRoot, skipped);
        try {
            if (Files.isSameFile(oldRoot, newRoot)) {
                throw new DrpException(CompareCode.COMPARE_ROOT_INVALID, Location.file(newRoot.toString()),
                        "both roots are the same folder");
            }
        } catch (IOException e) {
            throw new DrpException(CompareCode.COMPARE_ROOT_INVALID, Location.file(newRoot.toString()), e.toString());
        }
        List<Difference> diffs = new ArrayList<>();
        List<Difference> notes = new ArrayList<>();
        int[] counts = new int[3]; // metadata tables, md5 tables, previews
        for (String rel : a.keySet()) {
            if (!b.containsKey(rel)) {
                diffs.add(new Difference(Kind.ONLY_IN_OLD, rel, "not in the new tree"));
            }
        }
        for (String rel : b.keySet()) {
            if (!a.containsKey(rel)) {
                diffs.add(new Difference(Kind.ONLY_IN_NEW, rel, "not in the old tree"));
            }
        }
        int common = 0;
        Set<String> runOnly = new HashSet<>(); // FITS files equal apart from DQA_DATE/DQA_VERS: their md5 may differ
        List<String> md5Pairs = new ArrayList<>();
        for (Map.Entry<String, Path> e : a.entrySet()) {
            Path other = b.get(e.getKey());
            if (other == null) {
                continue;
            }
            common++;
            String rel = e.getKey();
            String name = rel.toLowerCase(Locale.ROOT);
            try {
                if (name.endsWith(".metadata.table")) {
                    counts[0]++;
                    metadata(rel, e.getValue(), other, options, diffs, notes);
                } else if (name.endsWith(".md5sum.table")) {
                    counts[1]++;
                    md5Pairs.add(rel);
                } else if (PREVIEWS.contains(extension(name))) {
                    counts[2]++;
                    PreviewDiff.compare(rel, e.getValue(), other, options.previewMean(), options.previewRms(), diffs,
                            notes);
                } else if (FITS.contains(extension(name))) {
                    FitsDiff.Outcome o = FitsDiff.compare(e.getValue(), other);
                    if (!o.equal()) {
                        diffs.add(new Difference(Kind.CONTENT, rel, o.difference()));
                    } else if (!o.identical()) {
                        runOnly.add(rel);
                        notes.add(new Difference(Kind.CONTENT, rel, "equal apart from the run's cards "
                                + o.runCards()));
                    }
                } else if (!FitsDiff.sameBytes(e.getValue(), other)) {
                    diffs.add(new Difference(Kind.CONTENT, rel, "the bytes differ (MD5 " + Md5.hex(e.getValue())
                            + " != " + Md5.hex(other) + ")"));
                }
            } catch (DrpException x) {
                diffs.add(new Difference(Kind.UNREADABLE, rel, x.getMessage()));
            }
        }
        for (String rel : md5Pairs) {
            try {
                String dir = rel.contains("/") ? rel.substring(0, rel.lastIndexOf('/') + 1) : "";
                md5Tables(rel, a.get(rel), b.get(rel), f -> runOnly.contains(dir + f), diffs);
            } catch (DrpException x) {
                diffs.add(new Difference(Kind.UNREADABLE, rel, x.getMessage()));
            }
        }
        diffs.sort(java.util.Comparator.comparing(Difference::path));
        return new CompareResult(oldRoot, newRoot, common, counts[0], counts[1], counts[2], skipped[0], diffs, notes);
    }

    private static void metadata(String rel, Path a, Path b, Options o, List<Difference> diffs,
            List<Difference> notes) throws DrpException {
        List<MetadataCompare.Named> tables = List.of(new MetadataCompare.Named("old", IpacTable.read(a)),
                new MetadataCompare.Named("new", IpacTable.read(b)));
        List<String> beyond = MetadataCompare.compare(tables, new MetadataCompare.Options(false, o.decimals()))
                .get(0).warnings();
        for (String w : beyond) {
            diffs.add(new Difference(Kind.METADATA, rel, w));
        }
        if (o.decimals() >= 0) {
            Set<String> reported = new HashSet<>(beyond);
            for (String w : MetadataCompare.compare(tables, MetadataCompare.Options.EXACT).get(0).warnings()) {
                if (!reported.contains(w)) {
                    notes.add(new Difference(Kind.METADATA, rel, w + " (within " + o.decimals() + " decimal"
                            + (o.decimals() == 1 ? "" : "s") + ")"));
                }
            }
        }
    }

    private static void md5Tables(String rel, Path a, Path b, java.util.function.Predicate<String> equalRuns,
            List<Difference> diffs) throws DrpException {
        Map<String, String> x = digests(Md5SumTable.read(a));
        Map<String, String> y = digests(Md5SumTable.read(b));
        for (String f : x.keySet()) {
            if (!y.containsKey(f)) {
                diffs.add(new Difference(Kind.MD5, rel, f + " is listed in the old table only"));
            }
        }
        for (Map.Entry<String, String> e : y.entrySet()) {
            String f = e.getKey();
            String old = x.get(f);
            if (old == null) {
                diffs.add(new Difference(Kind.MD5, rel, f + " is listed in the new table only"));
            } else if (!old.equals(e.getValue()) && !mayDiffer(f) && !equalRuns.test(f)) {
                diffs.add(new Difference(Kind.MD5, rel, f + ": " + old + " != " + e.getValue()));
            }
        }
    }

    /** The md5 lines that may differ: previews and metadata tables, which are compared by content instead. */
    static boolean mayDiffer(String file) {
        String n = file.toLowerCase(Locale.ROOT);
        return n.endsWith(".metadata.table") || PREVIEWS.contains(extension(n));
    }

    private static Map<String, String> digests(Md5SumTable t) {
        Map<String, String> m = new TreeMap<>();
        for (Md5SumTable.Entry e : t.entries()) {
            m.put(e.path(), e.md5());
        }
        return m;
    }

    /** The products under a root, by path relative to it ({@code /} separators), sorted. */
    private static Map<String, Path> products(Path root, int[] skipped) throws DrpException {
        if (!Files.isDirectory(root)) {
            throw new DrpException(CompareCode.COMPARE_ROOT_NOT_FOUND, Location.file(root.toString()),
                    Files.exists(root) ? "not a folder" : "no such folder");
        }
        Map<String, Path> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
                Path rel = root.relativize(p);
                boolean product = false;
                for (int i = 0; i < rel.getNameCount() - 1; i++) {
                    product |= LEVEL.matcher(rel.getName(i).toString()).matches();
                }
                String name = rel.getFileName().toString();
                if (product && !name.endsWith(".log") && !name.startsWith(".")) {
                    out.put(rel.toString().replace('\\', '/'), p);
                } else {
                    skipped[0]++;
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new DrpException(CompareCode.COMPARE_ROOT_INVALID, Location.file(root.toString()),
                    "cannot list: " + e);
        }
        return out;
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1);
    }
}
