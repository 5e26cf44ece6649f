package org.drpkit.archive.almanac;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.core.instrument.ExposureFacts;
import org.drpkit.fits.AtomicFiles;
import org.drpkit.fits.FitsWriter;
import org.drpkit.fits.TableColumn;

/**
 * Writes almanac entries as a CSV file (RFC 4180: a header line, quoted where needed, UTF-8) or a FITS binary table
 * ({@code EXTNAME = 'ALMANAC'}), both atomically. The columns, in order: path, size, modified (ISO UTC), md5,
 * instrument, key, exposure, night, chip, chips (separated by {@code ;}), image_type, nread, nread_present, exptime
 * (s), lamps, state, reason, warnings, summary. A missing number is empty in CSV, TNULL (integers) or NaN (exptime)
 * in FITS.
 *
 * <pre>{@code
 * AlmanacExport.csv(almanac.under(roots), Path.of("almanac.csv"), false);
 * AlmanacExport.fits(almanac.under(roots), Path.of("almanac.fits"), false);
 * }</pre>
 */
public final class AlmanacExport {

    private AlmanacExport() {
    }

    private record Column(String name, String unit, Function<AlmanacEntry, Object> value) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("path", "", e -> e.path().toString()),
            new Column("size", "byte", e -> e.size()),
            new Column("modified", "", e -> e.modified().toString()),
            new Column("md5", "", AlmanacEntry::md5),
            new Column("instrument", "", AlmanacEntry::instrument),
            new Column("key", "", AlmanacEntry::key),
            new Column("exposure", "", e -> e.facts().map(ExposureFacts::exposure).orElse("")),
            new Column("night", "", AlmanacEntry::night),
            new Column("chip", "", e -> e.facts().map(ExposureFacts::chip).orElse("")),
            new Column("chips", "", e -> e.facts().map(f -> String.join(";", f.chips())).orElse("")),
            new Column("image_type", "", AlmanacEntry::imageType),
            new Column("nread", "", e -> e.facts().filter(f -> f.readsExpected().isPresent())
                    .map(f -> (Object) (long) f.readsExpected().getAsInt()).orElse(null)),
            new Column("nread_present", "", e -> e.facts().filter(f -> f.readsPresent().isPresent())
                    .map(f -> (Object) (long) f.readsPresent().getAsInt()).orElse(null)),
            new Column("exptime", "s", e -> e.facts().filter(f -> f.exposureTime().isPresent())
                    .map(f -> (Object) f.exposureTime().getAsDouble()).orElse(null)),
            new Column("lamps", "", e -> e.facts().map(f -> Lamps.text(f.lamps())).orElse("")),
            new Column("state", "", e -> e.state().name()),
            new Column("reason", "", AlmanacEntry::reason),
            new Column("warnings", "", e -> String.join(";", e.warnings())),
            new Column("summary", "", AlmanacEntry::summary));

    /**
     * @throws DrpException {@code OUTPUT_EXISTS} (without {@code overwrite}) or {@code WRITE_FAILED}; nothing partial
     *                      is left
     */
    public static void csv(List<AlmanacEntry> entries, Path target, boolean overwrite) throws DrpException {
        AtomicFiles.write(target, overwrite, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            List<String> names = new ArrayList<>();
            for (Column c : COLUMNS) {
                names.add(c.name());
            }
            w.write(String.join(",", names) + "\r\n");
            for (AlmanacEntry e : entries) {
                StringBuilder sb = new StringBuilder();
                for (Column c : COLUMNS) {
                    Object v = c.value().apply(e);
                    sb.append(sb.length() == 0 && c == COLUMNS.get(0) ? "" : ",").append(quote(v == null ? ""
                            : v instanceof Double d ? String.format(Locale.ROOT, "%s", d) : v.toString()));
                }
                w.write(sb.append("\r\n").toString());
            }
            w.flush();
        });
    }

    /** @return a CSV field, quoted when it holds a comma, quote or line break */
    static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /**
     * @throws DrpException {@code OUTPUT_EXISTS} (without {@code overwrite}) or {@code WRITE_FAILED}; nothing partial
     *                      is left
     */
    public static void fits(List<AlmanacEntry> entries, Path target, boolean overwrite) throws DrpException {
        List<TableColumn> cols = new ArrayList<>();
        for (Column c : COLUMNS) {
            String name = c.name().toUpperCase(Locale.ROOT);
            switch (c.name()) {
                case "size", "nread", "nread_present" -> {
                    List<Long> v = new ArrayList<>();
                    for (AlmanacEntry e : entries) {
                        v.add((Long) c.value().apply(e));
                    }
                    cols.add(TableColumn.nullable(name, c.unit(), v));
                }
                case "exptime" -> {
                    double[] v = new double[entries.size()];
                    for (int i = 0; i < v.length; i++) {
                        Object x = c.value().apply(entries.get(i));
                        v[i] = x == null ? Double.NaN : (Double) x;
                    }
                    cols.add(TableColumn.doubles(name, c.unit(), v));
                }
                default -> {
                    List<String> v = new ArrayList<>();
                    for (AlmanacEntry e : entries) {
                        v.add((String) c.value().apply(e));
                    }
                    cols.add(TableColumn.texts(name, c.unit(), v));
                }
            }
        }
        FitsWriter.create().primary(Header.builder().add("ORIGIN", "drpkit almanac", "exposure table").build())
                .table("ALMANAC", Header.empty(), cols).write(target, overwrite);
    }
}
