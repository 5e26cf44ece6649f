package org.drpkit.archive.almanac;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;

/**
 * One plug or configuration file: which fibre saw which target, and of which type. The file format (a small text
 * file modelled on SDSS {@code confSummary} (FPS) and {@code plPlugMapM} (plates) Yanny files) is in the README:
 * {@code #} comments, {@code keyword value} lines ({@code configuration_id} or {@code plate_id} required), a
 * {@code FIBERMAP} line naming the columns ({@code fiberId fiberType category targetId ra dec} required, any others
 * kept out) and one {@code FIBERMAP} line per fibre. As upstream, only rows of {@code fiberType APOGEE} are used and
 * rows with {@code fiberId -1} are skipped (both are counted in {@link #skipped}); a fibre the map does not list is
 * {@link FibreType#UNUSED}.
 *
 * <pre>{@code
 * FibreMap m = FibreMap.read(Path.of("maps/confSummary-10001.par"));
 * m.fibre(12);   // 12 SCIENCE science 2M05353235-0522017 (83.88480, -5.36710)
 * }</pre>
 *
 * @param id       the configuration id (FPS) or plate id, as the file gives it
 * @param keywords every {@code keyword value} line, in file order
 * @param fibres   the APOGEE fibres it lists, by fibre number
 * @param skipped  rows left out: other instruments' fibres and unassigned ({@code fiberId -1}) rows
 */
public record FibreMap(String id, Map<String, String> keywords, Map<Integer, Fibre> fibres, int skipped) {

    /**
     * One fibre.
     *
     * @param fibre    the fibre number (1..300 for APOGEE)
     * @param type     what it saw
     * @param category the file's category ({@code science}, {@code sky_apogee}, ...; {@code ""} when unused)
     * @param target   the target's id ({@code ""} when unused)
     * @param ra       right ascension, degrees (NaN when unused)
     * @param dec      declination, degrees (NaN when unused)
     */
    public record Fibre(int fibre, FibreType type, String category, String target, double ra, double dec) {
        /** Checks for nulls. */
        public Fibre {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(target, "target");
        }

        /** @return an unused fibre */
        public static Fibre unused(int fibre) {
            return new Fibre(fibre, FibreType.UNUSED, "", "", Double.NaN, Double.NaN);
        }

        @Override
        public String toString() {
            return fibre + " " + type + (category.isEmpty() ? "" : " " + category) + (target.isEmpty() ? ""
                    : " " + target) + (Double.isNaN(ra) ? "" : String.format(Locale.ROOT, " (%.5f, %.5f)", ra, dec));
        }
    }

    /** The columns a file must name. */
    static final List<String> REQUIRED = List.of("fiberId", "fiberType", "category", "targetId", "ra", "dec");

    /** Copies the maps (fibres sorted by number). */
    public FibreMap {
        Objects.requireNonNull(id, "id");
        keywords = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keywords));
        fibres = java.util.Collections.unmodifiableMap(new TreeMap<>(fibres));
    }

    /** @return the fibre of a number: as listed, else {@link FibreType#UNUSED} */
    public Fibre fibre(int number) {
        return fibres.getOrDefault(number, Fibre.unused(number));
    }

    /**
     * The fibres of an exposure's spectra rows: as listed for an {@code object} exposure, every one
     * {@link FibreType#CALIBRATION} for any other image type (upstream's {@code cal}).
     *
     * @param numbers   the fibre number of each row
     * @param imageType the exposure's image type
     */
    public List<Fibre> forRows(int[] numbers, String imageType) {
        List<Fibre> out = new ArrayList<>();
        for (int n : numbers) {
            Fibre f = fibre(n);
            out.add(imageType.equals("object") ? f
                    : new Fibre(n, FibreType.CALIBRATION, f.category(), f.target(), f.ra(), f.dec()));
        }
        return out;
    }

    /** @return the number of listed fibres of each type */
    public Map<FibreType, Integer> counts() {
        Map<FibreType, Integer> out = new java.util.EnumMap<>(FibreType.class);
        for (Fibre f : fibres.values()) {
            out.merge(f.type(), 1, Integer::sum);
        }
        return out;
    }

    /**
     * Reads a fibre-map file.
     *
     * @throws DrpException {@code FIBRE_MAP_MISSING} when there is no such file; {@code FIBRE_MAP_INVALID} naming the
     *                      file, line and column for anything not in the format (a missing id or column, a bad
     *                      number, a fibre listed twice)
     */
    public static FibreMap read(Path file) throws DrpException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new DrpException(AlmanacErrorCode.FIBRE_MAP_MISSING, Location.file(file.toString()), "no such file");
        } catch (IOException e) {
            throw new DrpException(AlmanacErrorCode.FIBRE_MAP_INVALID, Location.file(file.toString()), e.toString(), e);
        }
        Map<String, String> keywords = new LinkedHashMap<>();
        Map<Integer, Fibre> fibres = new TreeMap<>();
        Map<String, Integer> columns = null;
        int skipped = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] t = line.split("\\s+");
            if (!t[0].equals("FIBERMAP")) {
                if (t.length < 2) {
                    throw invalid(file, i, t[0], "a keyword line needs a value");
                }
                keywords.put(t[0], line.substring(t[0].length()).strip());
                continue;
            }
            if (columns == null) {
                columns = new LinkedHashMap<>();
                for (int c = 1; c < t.length; c++) {
                    columns.put(t[c], c);
                }
                for (String r : REQUIRED) {
                    if (!columns.containsKey(r)) {
                        throw invalid(file, i, r, "the FIBERMAP column line lacks " + r + " (needs " + REQUIRED + ")");
                    }
                }
                continue;
            }
            if (t.length != columns.size() + 1) {
                throw invalid(file, i, "FIBERMAP", "row has " + (t.length - 1) + " values for " + columns.size()
                        + " columns");
            }
            int fibre = integer(file, i, "fiberId", t[columns.get("fiberId")]);
            if (fibre == -1 || !t[columns.get("fiberType")].equalsIgnoreCase("APOGEE")) {
                skipped++;
                continue;
            }
            if (fibre < 1) {
                throw invalid(file, i, "fiberId", "fibre " + fibre + " (numbers start at 1; -1 is unassigned)");
            }
            String category = t[columns.get("category")];
            Fibre f = new Fibre(fibre, FibreType.ofCategory(category), category, t[columns.get("targetId")],
                    number(file, i, "ra", t[columns.get("ra")]), number(file, i, "dec", t[columns.get("dec")]));
            if (fibres.put(fibre, f) != null) {
                throw invalid(file, i, "fiberId", "fibre " + fibre + " listed twice");
            }
        }
        if (columns == null) {
            throw invalid(file, lines.size() - 1, "FIBERMAP", "no FIBERMAP column line");
        }
        String id = keywords.getOrDefault("configuration_id", keywords.get("plate_id"));
        if (id == null) {
            throw invalid(file, 0, "configuration_id", "neither configuration_id nor plate_id is given");
        }
        return new FibreMap(id, keywords, fibres, skipped);
    }

    private static int integer(Path file, int line, String column, String v) throws DrpException {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw invalid(file, line, column, "not an integer: '" + v + "'");
        }
    }

    private static double number(Path file, int line, String column, String v) throws DrpException {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw invalid(file, line, column, "not a number: '" + v + "'");
        }
    }

    private static DrpException invalid(Path file, int line, String column, String message) {
        return new DrpException(AlmanacErrorCode.FIBRE_MAP_INVALID, Location.file(file + ":" + (line + 1))
                .keyword(column), message);
    }

    /**
     * Writes a fibre map in the documented format, atomically.
     *
     * @throws DrpException {@code OUTPUT_EXISTS} (without {@code overwrite}) or {@code WRITE_FAILED}
     */
    public void write(Path target, boolean overwrite) throws DrpException {
        StringBuilder sb = new StringBuilder("# drpkit fibre map (confSummary/plPlugMapM-like; see the README)\n");
        keywords.forEach((k, v) -> sb.append(k).append(' ').append(v).append('\n'));
        sb.append("FIBERMAP fiberId fiberType category targetId ra dec\n");
        for (Fibre f : fibres.values()) {
            sb.append(String.format(Locale.ROOT, "FIBERMAP %d APOGEE %s %s %.7f %.7f%n", f.fibre(),
                    f.category().isEmpty() ? "-" : f.category(), f.target().isEmpty() ? "-" : f.target(), f.ra(),
                    f.dec()));
        }
        byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
        org.drpkit.fits.AtomicFiles.write(target, overwrite, o -> o.write(b));
    }

    @Override
    public String toString() {
        return "FibreMap[" + id + ": " + fibres.size() + " fibres " + counts() + ", " + skipped + " rows skipped]";
    }
}
