package org.drpkit.archive.almanac;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.fits.AtomicFiles;

/**
 * The bad-exposure list: exposures (or single chip files) a reduction must not use, each with the stage that found
 * it, the reason, when it was added and the list version that added it. It is a versioned CSV file; every change
 * makes a new version, and writing refuses a file another writer changed since it was read ({@code BAD_LIST_CONFLICT}).
 *
 * <pre>
 * # drpkit bad exposures
 * # version 2
 * exposure,stage,reason,added,version
 * apo/60000/0012,ramp,appears dark,2025-01-02T03:04:05Z,1
 * apo/60000/R/0009,extract,trace outlier,2025-01-03T00:00:00Z,2
 * </pre>
 *
 * <pre>{@code
 * BadExposures bad = BadExposures.read(path);
 * bad.with("apo/60000/0012", "ramp", "appears dark", Instant.now()).write(path);   // version + 1
 * }</pre>
 *
 * @param version     the list's version (0 for a list never written)
 * @param readVersion the version found on disk when the list was read (what {@link #write} expects to find)
 * @param entries     the entries, oldest first
 */
public record BadExposures(int version, int readVersion, List<Entry> entries) {

    private static final String COLUMNS = "exposure,stage,reason,added,version";

    /**
     * One bad exposure.
     *
     * @param exposure an exposure id ({@code apo/60000/0012}, an archive id) or one file's key ({@code apo/60000/R/0012})
     * @param stage    the stage that found it ({@code ramp}, {@code extract}, {@code operator}, ...)
     * @param reason   why, as a person wrote it or the stage reported it
     * @param added    when
     * @param version  the list version that added it
     */
    public record Entry(String exposure, String stage, String reason, Instant added, int version) {
        /** Checks the texts (no line breaks; a comma is allowed in the reason, which is quoted). */
        public Entry {
            for (String s : new String[] {exposure, stage, reason}) {
                if (Objects.requireNonNull(s).contains("\n") || s.contains("\r")) {
                    throw new IllegalArgumentException("a bad-exposure entry holds no line breaks: " + s);
                }
            }
            if (exposure.isBlank() || exposure.contains(",") || stage.contains(",")) {
                throw new IllegalArgumentException("exposure and stage are non-empty and hold no comma: " + exposure);
            }
            Objects.requireNonNull(added, "added");
        }

        @Override
        public String toString() {
            return exposure + " (" + stage + ": " + reason + ", v" + version + ")";
        }
    }

    /** Copies the list. */
    public BadExposures {
        entries = List.copyOf(entries);
    }

    /** @return an empty list, never written */
    public static BadExposures empty() {
        return new BadExposures(0, 0, List.of());
    }

    /**
     * @return the list in a file, or an empty one when the file does not exist
     * @throws DrpException {@code BAD_LIST_INVALID} naming the line that is not in the format
     */
    public static BadExposures read(Path file) throws DrpException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return empty();
        } catch (IOException e) {
            throw new DrpException(AlmanacErrorCode.BAD_LIST_INVALID, Location.file(file.toString()), e.toString(), e);
        }
        int version = -1;
        boolean columns = false;
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Location at = Location.file(file + ":" + (i + 1));
            if (line.startsWith("# version ")) {
                version = parseInt(line.substring(10).trim(), at);
            } else if (line.startsWith("#") || line.isBlank()) {
                continue;
            } else if (!columns) {
                if (!line.equals(COLUMNS)) {
                    throw new DrpException(AlmanacErrorCode.BAD_LIST_INVALID, at, "expected the column line '" + COLUMNS
                            + "'");
                }
                columns = true;
            } else {
                List<String> f = split(line);
                if (f.size() != 5) {
                    throw new DrpException(AlmanacErrorCode.BAD_LIST_INVALID, at, "expected 5 fields, found " + f.size());
                }
                try {
                    out.add(new Entry(f.get(0), f.get(1), f.get(2), Instant.parse(f.get(3)), parseInt(f.get(4), at)));
                } catch (DateTimeParseException | IllegalArgumentException e) {
                    throw new DrpException(AlmanacErrorCode.BAD_LIST_INVALID, at, e.getMessage());
                }
            }
        }
        if (version < 0) {
            throw new DrpException(AlmanacErrorCode.BAD_LIST_INVALID, Location.file(file.toString()),
                    "no '# version N' line");
        }
        return new BadExposures(version, version, out);
    }

    private static int parseInt(String s, Location at) throws DrpException {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new DrpException(AlmanacErrorCode.BAD_LIST_INVALID, at, "'" + s + "' is not a version number");
        }
    }

    private static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    /**
     * A pipeline outcome or an operator's decision added: a new version of the list (the file is not touched).
     *
     * @return the list with the entry, one version newer
     */
    public BadExposures with(String exposure, String stage, String reason, Instant added) {
        List<Entry> e = new ArrayList<>(entries);
        e.add(new Entry(exposure, stage, reason, added, version + 1));
        return new BadExposures(version + 1, readVersion, e);
    }

    /**
     * What a pipeline stage found about one exposure or chip file: it failed there, or was an outlier.
     *
     * @param exposure an exposure id or one file's key, as in {@link Entry}
     * @param stage    the stage ({@code ramp}, {@code flat}, ...)
     * @param reason   what the stage reported
     */
    public record Outcome(String exposure, String stage, String reason) {
        /** Checks for nulls (the texts are checked when the outcome becomes an {@link Entry}). */
        public Outcome {
            Objects.requireNonNull(exposure, "exposure");
            Objects.requireNonNull(stage, "stage");
            Objects.requireNonNull(reason, "reason");
        }

        /** @return an outcome */
        public static Outcome of(String exposure, String stage, String reason) {
            return new Outcome(exposure, stage, reason);
        }

        @Override
        public String toString() {
            return exposure + " (" + stage + ": " + reason + ")";
        }
    }

    /**
     * A pipeline's outcomes added under one new version: each exposure or file key not listed yet (an entry that names
     * the same key already keeps it out of the runlists, so a rerun adds nothing twice). Pure: the file is not
     * touched.
     *
     * <pre>{@code
     * BadExposures.read(file).withOutcomes(List.of(BadExposures.Outcome.of("apo/60690/R/0009", "flat",
     *         "lamp off")), Instant.now()).write(file);
     * }</pre>
     *
     * @return the list with the new entries, one version newer; this list when every key is already listed
     * @throws IllegalArgumentException when an outcome's texts cannot be an {@link Entry} (line breaks, commas in the
     *                                  key or stage)
     */
    public BadExposures withOutcomes(List<Outcome> outcomes, Instant added) {
        List<Entry> e = new ArrayList<>(entries);
        for (Outcome o : outcomes) {
            boolean listed = false;
            for (Entry x : e) {
                listed |= x.exposure().equals(o.exposure());
            }
            if (!listed) {
                e.add(new Entry(o.exposure(), o.stage(), o.reason(), added, version + 1));
            }
        }
        return e.size() == entries.size() ? this : new BadExposures(version + 1, readVersion, e);
    }

    /**
     * @param exposureId the exposure's id
     * @param fileKeys   the keys of its files
     * @return the first entry naming the exposure or one of its files
     */
    public Optional<Entry> find(String exposureId, List<String> fileKeys) {
        for (Entry e : entries) {
            if (e.exposure().equals(exposureId) || fileKeys.contains(e.exposure())) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /**
     * Writes the list atomically, when the file still holds the version this list was read from.
     *
     * @throws DrpException {@code BAD_LIST_CONFLICT} when the file changed since (nothing is written),
     *                      {@code BAD_LIST_INVALID} when it is no longer readable, {@code WRITE_FAILED}
     */
    public void write(Path file) throws DrpException {
        BadExposures onDisk = read(file);
        if (onDisk.version() != readVersion) {
            throw new DrpException(AlmanacErrorCode.BAD_LIST_CONFLICT, Location.file(file.toString()),
                    "the list is at version " + onDisk.version() + " on disk, this one was read at version "
                            + readVersion + "; read it again and repeat the change");
        }
        AtomicFiles.write(file, true, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write("# drpkit bad exposures: exposures (or one file's key) a reduction must not use\n");
            w.write("# version " + version + "\n");
            w.write(COLUMNS + "\n");
            for (Entry e : entries) {
                w.write(e.exposure() + "," + e.stage() + "," + AlmanacExport.quote(e.reason()) + "," + e.added() + ","
                        + e.version() + "\n");
            }
            w.flush();
        });
    }

    @Override
    public String toString() {
        return "BadExposures[version " + version + ", " + entries.size() + " entries]";
    }
}
