package org.drpkit.archive.almanac;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.drpkit.archive.ledger.LedgerConnections;
import org.drpkit.core.error.CoreErrorCode;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.instrument.ExposureFacts;

/**
 * The exposure table: every raw file found under the indexed folders, filed by its plugin under an
 * {@code ExposureKey} (APOGEE) or an archive id (Keck), kept in a database over JDBC (H2 by default, any database
 * whose driver the application brings; tested on H2). Indexing is incremental: a file whose size and modification
 * time are those recorded is not read again; a file that vanished is kept as {@link FileState#GONE}. Files are read
 * by a few threads and written in batches, so an index run is bound by reading headers, not by the database.
 *
 * <pre>{@code
 * try (Almanac a = Almanac.open(Almanac.h2Url(Path.of("/data/almanac")))) {
 *     IndexResult r = a.index(List.of(Path.of("/raw/apo")), IndexOptions.defaults());
 *     List<AlmanacEntry> night = a.night("60000", Optional.of("APOGEE"));
 * }
 * }</pre>
 *
 * <p>Thread-safe: each call borrows a pooled connection.
 */
public final class Almanac implements AutoCloseable {

    /** The newest schema version. */
    static final int LATEST = 1;
    private static final int BATCH = 512;
    private static final String COLUMNS = "path, file_size, modified_ms, md5, instrument, image_type, file_key, exposure,"
            + " night, chip, chips, nread, nread_present, exptime, lamps, state, reason, warnings, summary, schema_id,"
            + " indexed";

    private final LedgerConnections connections;
    private final String where;

    private Almanac(LedgerConnections connections) {
        this.connections = connections;
        this.where = connections.where();
    }

    /** @return the default H2 URL of an almanac kept in a folder ({@code FOLDER/almanac.mv.db}), shareable by processes */
    public static String h2Url(Path folder) {
        return "jdbc:h2:file:" + folder.toAbsolutePath().normalize().resolve("almanac") + ";AUTO_SERVER=TRUE";
    }

    /**
     * Opens (creating or migrating its tables) the almanac at a JDBC URL.
     *
     * @throws DrpException {@code LEDGER_UNAVAILABLE} when the database cannot be reached or migrated
     */
    public static Almanac open(String url) throws DrpException {
        return open(url, null, null);
    }

    /** As {@link #open(String)}, with credentials (either may be null). */
    public static Almanac open(String url, String user, String password) throws DrpException {
        return migrated(LedgerConnections.open(url, user, password));
    }

    /** Opens the almanac on an application's {@link DataSource}. */
    public static Almanac open(DataSource ds) throws DrpException {
        return migrated(LedgerConnections.of(ds));
    }

    private static Almanac migrated(LedgerConnections c) throws DrpException {
        Almanac a = new Almanac(c);
        try {
            a.tx(Almanac::migrate);
            return a;
        } catch (DrpException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    // ------------------------------------------------------------------------------------------------ indexing

    /**
     * Indexes every raw file ({@code .fits}, {@code .fit}, {@code .fts}, {@code .apz}, {@code .fz}; hidden files and
     * folders left out) under the roots: new files and files whose size or modification time changed are read and
     * (re)written, the others left alone; files the almanac held under the roots that are gone are marked
     * {@link FileState#GONE}.
     *
     * @param roots folders (or single files) to index
     * @return what the run did
     * @throws DrpException {@code ALMANAC_ROOT_UNREADABLE} for a root that does not exist or cannot be listed
     *                      (nothing is indexed then); {@code LEDGER_UNAVAILABLE} when the database fails
     */
    public IndexResult index(List<Path> roots, IndexOptions options) throws DrpException {
        long t0 = System.nanoTime();
        List<Path> absolute = new ArrayList<>();
        for (Path r : roots) {
            absolute.add(r.toAbsolutePath().normalize());
        }
        Map<Path, Listing> disk = new TreeMap<>();
        for (Path r : absolute) {
            list(r, disk);
        }
        LongAdder dbNanos = new LongAdder();
        long d0 = System.nanoTime();
        Map<Path, Listing> known = new HashMap<>();
        Set<String> schemas = new HashSet<>();
        tx(conn -> {
            for (AlmanacEntry e : under(conn, absolute)) {
                known.put(e.path(), new Listing(e.size(), e.modified().toEpochMilli(), e.state()));
            }
            try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT schema_id FROM alm_schema")) {
                while (rs.next()) {
                    schemas.add(rs.getString(1));
                }
            }
            return null;
        });
        dbNanos.add(System.nanoTime() - d0);
        List<Path> todo = new ArrayList<>();
        int added = 0;
        int changed = 0;
        for (Map.Entry<Path, Listing> e : disk.entrySet()) {
            Listing k = known.get(e.getKey());
            if (k == null) {
                added++;
                todo.add(e.getKey());
            } else if (k.size != e.getValue().size || k.modifiedMs != e.getValue().modifiedMs || k.state == FileState.GONE) {
                changed++;
                todo.add(e.getKey());
            }
        }
        List<Path> gone = new ArrayList<>();
        for (Map.Entry<Path, Listing> e : known.entrySet()) {
            if (!disk.containsKey(e.getKey()) && e.getValue().state != FileState.GONE) {
                gone.add(e.getKey());
            }
        }
        LongAdder readNanos = new LongAdder();
        List<AlmanacEntry> read = new ArrayList<>();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(options.threads(), r -> {
            Thread t = new Thread(r, "drpkit-almanac");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int from = 0; from < todo.size(); from += BATCH) {
                List<Future<RawFiles.Read>> futures = new ArrayList<>();
                for (Path p : todo.subList(from, Math.min(todo.size(), from + BATCH))) {
                    Listing l = disk.get(p);
                    futures.add(pool.submit(() -> {
                        long r0 = System.nanoTime();
                        RawFiles.Read r = RawFiles.read(p, l.size, Instant.ofEpochMilli(l.modifiedMs),
                                options.instruments(), options.md5());
                        readNanos.add(System.nanoTime() - r0);
                        options.progress().progress("almanac", done.incrementAndGet(), todo.size());
                        return r;
                    }));
                }
                List<RawFiles.Read> chunk = new ArrayList<>();
                for (Future<RawFiles.Read> f : futures) {
                    chunk.add(get(f));
                }
                long w0 = System.nanoTime();
                tx(conn -> write(conn, chunk, schemas));
                dbNanos.add(System.nanoTime() - w0);
                for (RawFiles.Read r : chunk) {
                    read.add(r.entry());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        long g0 = System.nanoTime();
        if (!gone.isEmpty()) {
            tx(conn -> {
                try (PreparedStatement ps = conn.prepareStatement(
                        "UPDATE alm_file SET state = 'GONE', reason = ?, indexed = ? WHERE path = ?")) {
                    for (Path p : gone) {
                        ps.setString(1, "no longer on disk");
                        ps.setTimestamp(2, Timestamp.from(Instant.now()));
                        ps.setString(3, p.toString());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                return null;
            });
        }
        dbNanos.add(System.nanoTime() - g0);
        return new IndexResult(disk.size(), added, changed, disk.size() - added - changed, gone.size(), read,
                readNanos.sum(), dbNanos.sum(), System.nanoTime() - t0, options.threads());
    }

    private record Listing(long size, long modifiedMs, FileState state) {
    }

    private static void list(Path root, Map<Path, Listing> out) throws DrpException {
        if (!Files.exists(root)) {
            throw new DrpException(AlmanacErrorCode.ALMANAC_ROOT_UNREADABLE, Location.file(root.toString()),
                    "no such folder or file");
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(root) && dir.getFileName().toString().startsWith(".")
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && !file.getFileName().toString().startsWith(".")
                            && RawFiles.isRawName(file)) {
                        out.put(file, new Listing(attrs.size(), attrs.lastModifiedTime().toMillis(), FileState.OK));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    throw e;
                }
            });
        } catch (IOException e) {
            throw new DrpException(AlmanacErrorCode.ALMANAC_ROOT_UNREADABLE, Location.file(root.toString()),
                    "cannot list: " + e, e);
        }
    }

    private static RawFiles.Read get(Future<RawFiles.Read> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while indexing", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private static Void write(Connection conn, List<RawFiles.Read> chunk, Set<String> schemas) throws SQLException {
        try (PreparedStatement del = conn.prepareStatement("DELETE FROM alm_file WHERE path = ?");
                PreparedStatement ins = conn.prepareStatement("INSERT INTO alm_file (" + COLUMNS + ") VALUES "
                        + "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
                PreparedStatement sch = conn.prepareStatement(
                        "INSERT INTO alm_schema (schema_id, keywords) VALUES (?, ?)")) {
            Timestamp now = Timestamp.from(Instant.now());
            Set<String> newSchemas = new HashSet<>();
            for (RawFiles.Read r : chunk) {
                AlmanacEntry e = r.entry();
                del.setString(1, e.path().toString());
                del.addBatch();
                bind(ins, e, now);
                ins.addBatch();
                if (r.schema() != null && !schemas.contains(e.schemaId()) && newSchemas.add(e.schemaId())) {
                    sch.setString(1, e.schemaId());
                    sch.setString(2, r.schema().text());
                    sch.addBatch();
                }
            }
            del.executeBatch();
            ins.executeBatch();
            if (!newSchemas.isEmpty()) {
                sch.executeBatch();
            }
            schemas.addAll(newSchemas); // only reached when the batch succeeded; the caller commits
        }
        return null;
    }

    private static void bind(PreparedStatement ps, AlmanacEntry e, Timestamp now) throws SQLException {
        Optional<ExposureFacts> f = e.facts();
        ps.setString(1, e.path().toString());
        ps.setLong(2, e.size());
        ps.setLong(3, e.modified().toEpochMilli());
        ps.setString(4, e.md5());
        ps.setString(5, clip(e.instrument(), 32));
        ps.setString(6, clip(e.imageType(), 32));
        ps.setString(7, f.map(ExposureFacts::fileKey).orElse(null));
        ps.setString(8, f.map(ExposureFacts::exposure).orElse(null));
        ps.setString(9, f.map(ExposureFacts::night).orElse(null));
        ps.setString(10, f.map(ExposureFacts::chip).orElse(null));
        ps.setString(11, f.map(x -> String.join(",", x.chips())).orElse(null));
        setInt(ps, 12, f.isPresent() && f.get().readsExpected().isPresent() ? f.get().readsExpected().getAsInt() : null);
        setInt(ps, 13, f.isPresent() && f.get().readsPresent().isPresent() ? f.get().readsPresent().getAsInt() : null);
        if (f.isPresent() && f.get().exposureTime().isPresent()) {
            ps.setDouble(14, f.get().exposureTime().getAsDouble());
        } else {
            ps.setNull(14, Types.DOUBLE);
        }
        ps.setString(15, f.map(x -> Lamps.text(x.lamps())).orElse(null));
        ps.setString(16, e.state().name());
        ps.setString(17, clip(e.reason(), 4000));
        ps.setString(18, clip(String.join(",", e.warnings()), 1024));
        ps.setString(19, clip(e.summary(), 1024));
        ps.setString(20, e.schemaId());
        ps.setTimestamp(21, now);
    }

    private static void setInt(PreparedStatement ps, int i, Integer v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.INTEGER);
        } else {
            ps.setInt(i, v);
        }
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }

    // ------------------------------------------------------------------------------------------------ queries

    /** @return every entry under these folders (or equal to these files), in path order, GONE ones included */
    public List<AlmanacEntry> under(List<Path> roots) throws DrpException {
        List<Path> absolute = new ArrayList<>();
        for (Path r : roots) {
            absolute.add(r.toAbsolutePath().normalize());
        }
        return tx(conn -> under(conn, absolute));
    }

    private static List<AlmanacEntry> under(Connection conn, List<Path> roots) throws SQLException {
        Map<Path, AlmanacEntry> out = new TreeMap<>();
        for (Path root : roots) {
            try (PreparedStatement ps = conn.prepareStatement("SELECT " + COLUMNS
                    + " FROM alm_file WHERE path = ? OR path LIKE ? ESCAPE '!'")) {
                ps.setString(1, root.toString());
                ps.setString(2, root.toString().replace("!", "!!").replace("%", "!%").replace("_", "!_")
                        + root.getFileSystem().getSeparator() + "%");
                for (AlmanacEntry e : rows(ps)) {
                    out.put(e.path(), e);
                }
            }
        }
        return new ArrayList<>(out.values());
    }

    /** @return the entry of one file, if the almanac holds it */
    public Optional<AlmanacEntry> entry(Path file) throws DrpException {
        return tx(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT " + COLUMNS + " FROM alm_file WHERE path = ?")) {
                ps.setString(1, file.toAbsolutePath().normalize().toString());
                List<AlmanacEntry> r = rows(ps);
                return r.isEmpty() ? Optional.empty() : Optional.of(r.get(0));
            }
        });
    }

    /**
     * @param night      the night as the instrument counts them ({@code 60000}, {@code 20220619})
     * @param instrument only this instrument's files, or every instrument's
     * @return the night's entries (GONE ones included), by instrument, exposure and chip
     */
    public List<AlmanacEntry> night(String night, Optional<String> instrument) throws DrpException {
        return tx(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT " + COLUMNS + " FROM alm_file WHERE night = ?"
                    + (instrument.isPresent() ? " AND instrument = ?" : "") + " ORDER BY instrument, exposure, chip, path")) {
                ps.setString(1, night);
                if (instrument.isPresent()) {
                    ps.setString(2, instrument.get());
                }
                return rows(ps);
            }
        });
    }

    /** @return the nights the almanac holds files of, with their instruments, sorted: night to instruments */
    public Map<String, List<String>> nights() throws DrpException {
        return tx(conn -> {
            Map<String, List<String>> out = new TreeMap<>();
            try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT DISTINCT night, instrument "
                    + "FROM alm_file WHERE night IS NOT NULL ORDER BY night, instrument")) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
            return out;
        });
    }

    /**
     * @return the keyword schemas of one instrument's files of one night that are still on disk, each with the number
     *         of files that have it
     */
    public Map<KeywordSchema, Integer> schemas(String instrument, String night) throws DrpException {
        return tx(conn -> {
            Map<KeywordSchema, Integer> out = new LinkedHashMap<>();
            try (PreparedStatement ps = conn.prepareStatement("SELECT s.keywords, COUNT(*) FROM alm_file f JOIN alm_schema s"
                    + " ON f.schema_id = s.schema_id WHERE f.instrument = ? AND f.night = ? AND f.state <> 'GONE'"
                    + " GROUP BY s.keywords ORDER BY COUNT(*) DESC")) {
                ps.setString(1, instrument);
                ps.setString(2, night);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.merge(KeywordSchema.parse(rs.getString(1)), rs.getInt(2), Integer::sum);
                    }
                }
            }
            return out;
        });
    }

    private static List<AlmanacEntry> rows(PreparedStatement ps) throws SQLException {
        List<AlmanacEntry> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(row(rs));
            }
        }
        return out;
    }

    private static AlmanacEntry row(ResultSet rs) throws SQLException {
        Optional<ExposureFacts> facts = Optional.empty();
        String key = rs.getString("file_key");
        if (key != null) {
            ExposureFacts f = ExposureFacts.of(key, rs.getString("exposure"), rs.getString("night"))
                    .withChip(rs.getString("chip"), List.of(rs.getString("chips").split(",", -1)));
            int nread = rs.getInt("nread");
            boolean hasNread = !rs.wasNull();
            int present = rs.getInt("nread_present");
            boolean hasPresent = !rs.wasNull();
            f = f.withReads(hasNread ? nread : -1, hasPresent ? present : -1);
            double t = rs.getDouble("exptime");
            if (!rs.wasNull()) {
                f = f.withExposureTime(t);
            }
            for (Map.Entry<String, Integer> l : Lamps.parse(rs.getString("lamps")).entrySet()) {
                f = f.withLamp(l.getKey(), l.getValue());
            }
            facts = Optional.of(f);
        }
        String w = rs.getString("warnings");
        return new AlmanacEntry(Path.of(rs.getString("path")), rs.getLong("file_size"),
                Instant.ofEpochMilli(rs.getLong("modified_ms")), rs.getString("md5"), rs.getString("instrument"),
                rs.getString("image_type"), facts, FileState.valueOf(rs.getString("state")), rs.getString("reason"),
                w.isEmpty() ? List.of() : List.of(w.split(",")), rs.getString("summary"), rs.getString("schema_id"));
    }

    // ------------------------------------------------------------------------------------------------ plumbing

    @FunctionalInterface
    private interface Sql<T> {
        T run(Connection conn) throws SQLException;
    }

    private <T> T tx(Sql<T> work) throws DrpException {
        Connection conn;
        try {
            conn = connections.get();
        } catch (SQLException e) {
            throw new DrpException(CoreErrorCode.LEDGER_UNAVAILABLE, Location.file(where), e.toString(), e);
        }
        try {
            T out = work.run(conn);
            conn.commit();
            connections.release(conn);
            return out;
        } catch (SQLException e) {
            try {
                conn.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            connections.discard(conn);
            throw new DrpException(CoreErrorCode.LEDGER_UNAVAILABLE, Location.file(where), e.toString(), e);
        } catch (RuntimeException e) {
            connections.discard(conn);
            throw e;
        }
    }

    private static Void migrate(Connection conn) throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS alm_schema_version (version INT NOT NULL, applied TIMESTAMP NOT NULL)");
        }
        int current;
        try (Statement st = conn.createStatement();
                ResultSet rs = st.executeQuery("SELECT MAX(version) FROM alm_schema_version")) {
            rs.next();
            current = rs.getInt(1);
        }
        for (int v = current + 1; v <= LATEST; v++) {
            String name = "V" + v + "__almanac.sql";
            String script;
            try (InputStream in = Almanac.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new SQLException("missing migration " + name);
                }
                script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new SQLException("cannot read migration " + name, e);
            }
            for (String stmt : script.split("\n;\n")) {
                StringBuilder sql = new StringBuilder();
                for (String line : stmt.split("\n")) {
                    if (!line.trim().startsWith("--")) {
                        sql.append(line).append('\n');
                    }
                }
                if (!sql.toString().isBlank()) {
                    try (Statement st = conn.createStatement()) {
                        st.execute(sql.toString().trim());
                    }
                }
            }
            try (PreparedStatement ps = conn.prepareStatement(
                    "INSERT INTO alm_schema_version (version, applied) VALUES (?, ?)")) {
                ps.setInt(1, v);
                ps.setTimestamp(2, Timestamp.from(Instant.now()));
                ps.executeUpdate();
            }
        }
        return null;
    }

    @Override
    public void close() {
        connections.close();
    }

    @Override
    public String toString() {
        return "Almanac[" + where + "]";
    }
}
