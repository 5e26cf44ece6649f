package org.drpkit.core.status;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.drpkit.core.error.CoreErrorCode;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;

/**
 * The {@link Ledger} over JDBC ({@code java.sql} only; the application supplies the driver). Tested on H2; the
 * schema is plain SQL that PostgreSQL and MySQL also accept (only the identity column differs, chosen from the
 * database product name). The schema is created and migrated on open from the versioned scripts in
 * {@code org/drpkit/core/status/migrations/}. Prepared statements only; one transaction per state change.
 *
 * <pre>{@code
 * Ledger ledger = JdbcLedger.open("jdbc:h2:file:/data/out/ledger");      // H2 embedded, created if absent
 * Ledger shared = JdbcLedger.open("jdbc:postgresql://db/koa", "dep", secret);
 * }</pre>
 *
 * <p>Thread-safe: each call borrows a connection from a small internal pool (or from the given
 * {@link DataSource}).
 */
public final class JdbcLedger implements Ledger {

    private static final int LATEST = 2;
    private static final int POOL = 8;
    private static final String COLUMNS = "id, level, instrument, ofname, file_md5, file_size, koaid, status, "
            + "status_code, attempt, worker, utdatetime, creation_time, process_start_time, process_end_time, "
            + "xfr_start_time, xfr_end_time, koaimtyp, semid, propint, process_dir, filesize_mb, archsize_mb, last_mod";

    /** Supplies connections: a DataSource, or DriverManager with a small idle pool. */
    private interface Connections {
        Connection get() throws SQLException;

        void release(Connection c);

        void close();
    }

    private final Connections connections;
    private final String where;

    private JdbcLedger(Connections connections, String where) {
        this.connections = connections;
        this.where = where;
    }

    /** Opens (creating or migrating the schema) a ledger at a JDBC URL without credentials. */
    public static JdbcLedger open(String url) throws DrpException {
        return open(url, null, null);
    }

    /**
     * Opens (creating or migrating the schema) a ledger at a JDBC URL.
     *
     * @throws DrpException {@code LEDGER_UNAVAILABLE} when the database cannot be reached or migrated
     */
    public static JdbcLedger open(String url, String user, String password) throws DrpException {
        ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
        boolean h2 = url.startsWith("jdbc:h2:");
        Connection[] keeper = new Connection[1];
        Connections c = new Connections() {
            @Override
            public Connection get() throws SQLException {
                Connection conn = idle.pollFirst();
                return conn != null ? conn : fresh();
            }

            private Connection fresh() throws SQLException {
                Connection conn = DriverManager.getConnection(url, user, password);
                if (h2) {
                    // every commit reaches the file before it returns; H2 forgets the setting when the database
                    // closes (its last connection closes) and reopens, so each new connection sets it again
                    try (Statement st = conn.createStatement()) {
                        st.execute("SET WRITE_DELAY 0");
                    } catch (SQLException e) {
                        closeQuietly(conn);
                        throw e;
                    }
                }
                return conn;
            }

            @Override
            public void release(Connection conn) {
                if (idle.size() < POOL) {
                    idle.addFirst(conn);
                } else {
                    closeQuietly(conn);
                }
            }

            @Override
            public void close() {
                for (Connection conn; (conn = idle.pollFirst()) != null;) {
                    closeQuietly(conn);
                }
                if (keeper[0] != null) {
                    closeQuietly(keeper[0]);
                }
            }
        };
        if (h2) {
            try {
                // an embedded H2 database closes with its last connection: keep one open while the ledger is
                keeper[0] = DriverManager.getConnection(url, user, password);
            } catch (SQLException e) {
                throw new DrpException(CoreErrorCode.LEDGER_UNAVAILABLE, Location.file(redact(url)),
                        redact(e.toString()), e);
            }
        }
        try {
            return migrate(new JdbcLedger(c, redact(url)));
        } catch (DrpException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** Opens a ledger on a pooled {@link DataSource} (connections are closed after each call). */
    public static JdbcLedger open(DataSource ds) throws DrpException {
        Connections c = new Connections() {
            @Override
            public Connection get() throws SQLException {
                return ds.getConnection();
            }

            @Override
            public void release(Connection conn) {
                closeQuietly(conn);
            }

            @Override
            public void close() {
                // the DataSource owns its pool
            }
        };
        return migrate(new JdbcLedger(c, "DataSource " + ds.getClass().getSimpleName()));
    }

    // ----------------------------------------------------------------------------------------------- operations

    @Override
    public long enqueue(int level, String instrument, String ofname, String md5, Long size, Instant now)
            throws DrpException {
        return tx(conn -> insertQueued(conn, level, instrument, ofname, md5, size, now, null));
    }

    /** Inserts a QUEUED row (attempt 1) and returns its id; {@code key} may be null (no uniqueness). */
    private static long insertQueued(Connection conn, int level, String instrument, String ofname, String md5, Long size,
            Instant now, String key) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO drp_status (level, instrument, ofname, "
                + "file_md5, file_size, status, attempt, creation_time, last_mod, file_key) "
                + "VALUES (?,?,?,?,?,?,1,?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setInt(1, level);
            ps.setString(2, instrument);
            ps.setString(3, ofname);
            ps.setString(4, md5);
            setLong(ps, 5, size);
            ps.setString(6, ProcessingStatus.QUEUED.name());
            ps.setObject(7, utc(now));
            ps.setObject(8, utc(now));
            ps.setString(9, key);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    @Override
    public Enqueued enqueueUnique(int level, String instrument, String ofname, String md5, Long size, Instant now)
            throws DrpException {
        String key = fileKey(ofname, java.util.Objects.requireNonNull(md5, "md5"));
        try {
            long id = tx(conn -> insertQueued(conn, level, instrument, ofname, md5, size, now, key));
            return new Enqueued(id, true);
        } catch (DrpException e) {
            if (!isUniqueViolation(e)) {
                throw e;
            }
        }
        Long existing = tx(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(
                    "SELECT id FROM drp_status WHERE level = ? AND file_key = ?")) {
                ps.setInt(1, level);
                ps.setString(2, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : null;
                }
            }
        });
        if (existing == null) {
            throw new DrpException(CoreErrorCode.LEDGER_CONFLICT, Location.file(where),
                    "queueing " + ofname + " was refused as a duplicate, but no row holds it");
        }
        return new Enqueued(existing, false);
    }

    @Override
    public Optional<LedgerRow> claimNext(String instrument, String worker, Instant now) throws DrpException {
        while (true) {
            List<Long> candidates = tx(conn -> {
                String sql = "SELECT id FROM drp_status WHERE status = ?" + (instrument != null ? " AND instrument = ?" : "")
                        + " ORDER BY id";
                try (PreparedStatement ps = conn.prepareStatement(sql)) {
                    ps.setMaxRows(16);
                    ps.setString(1, ProcessingStatus.QUEUED.name());
                    if (instrument != null) {
                        ps.setString(2, instrument);
                    }
                    List<Long> ids = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            ids.add(rs.getLong(1));
                        }
                    }
                    return ids;
                }
            });
            if (candidates.isEmpty()) {
                return Optional.empty();
            }
            for (long id : candidates) {
                boolean won = tx(conn -> {
                    try (PreparedStatement ps = conn.prepareStatement("UPDATE drp_status SET status = ?, worker = ?, "
                            + "process_start_time = ?, process_end_time = NULL, last_mod = ? WHERE id = ? AND status = ?")) {
                        ps.setString(1, ProcessingStatus.PROCESSING.name());
                        ps.setString(2, worker);
                        ps.setObject(3, utc(now));
                        ps.setObject(4, utc(now));
                        ps.setLong(5, id);
                        ps.setString(6, ProcessingStatus.QUEUED.name());
                        return ps.executeUpdate() == 1;
                    }
                });
                if (won) {
                    return row(id);
                }
            }
            // every candidate was taken by someone else: look again
        }
    }

    @Override
    public void transition(long id, ProcessingStatus from, ProcessingStatus to, LedgerFields fields, Instant now)
            throws DrpException {
        transition(id, from, to, fields, List.of(), now);
    }

    @Override
    public void transition(long id, ProcessingStatus from, ProcessingStatus to, LedgerFields fields,
            List<StatusEvent> events, Instant now) throws DrpException {
        from.requireMoveTo(to);
        StringBuilder sql = new StringBuilder("UPDATE drp_status SET status = ?, last_mod = ?");
        if (to.isFinal()) {
            sql.append(", process_end_time = ?");
        }
        for (String col : fields.values().keySet()) {
            sql.append(", ").append(col).append(" = ?");
        }
        sql.append(" WHERE id = ? AND status = ?");
        int changed = tx(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(sql.toString())) {
                int i = 1;
                ps.setString(i++, to.name());
                ps.setObject(i++, utc(now));
                if (to.isFinal()) {
                    ps.setObject(i++, utc(now));
                }
                i = bind(ps, i, fields);
                ps.setLong(i++, id);
                ps.setString(i, from.name());
                int n = ps.executeUpdate();
                if (n != 1) {
                    conn.rollback();
                    return n;
                }
            }
            insertEvents(conn, id, events);
            return 1;
        });
        if (changed != 1) {
            throw conflict(id, from, to);
        }
    }

    @Override
    public boolean reserveKoaid(long id, String koaid, Instant now) throws DrpException {
        int changed;
        try {
            changed = tx(conn -> {
                try (PreparedStatement ps = conn.prepareStatement("UPDATE drp_status SET koaid = ?, last_mod = ? "
                        + "WHERE id = ? AND status = ?")) {
                    ps.setString(1, koaid);
                    ps.setObject(2, utc(now));
                    ps.setLong(3, id);
                    ps.setString(4, ProcessingStatus.PROCESSING.name());
                    return ps.executeUpdate();
                }
            });
        } catch (DrpException e) {
            if (isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
        if (changed != 1) {
            throw conflict(id, ProcessingStatus.PROCESSING, ProcessingStatus.PROCESSING);
        }
        return true;
    }

    @Override
    public void update(long id, ProcessingStatus expected, LedgerFields fields, Instant now) throws DrpException {
        if (fields.values().isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("UPDATE drp_status SET last_mod = ?");
        for (String col : fields.values().keySet()) {
            sql.append(", ").append(col).append(" = ?");
        }
        sql.append(" WHERE id = ? AND status = ?");
        int changed = tx(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(sql.toString())) {
                int i = 1;
                ps.setObject(i++, utc(now));
                i = bind(ps, i, fields);
                ps.setLong(i++, id);
                ps.setString(i, expected.name());
                return ps.executeUpdate();
            }
        });
        if (changed != 1) {
            throw conflict(id, expected, expected);
        }
    }

    @Override
    public void event(long id, Severity severity, String code, String step, String text, Instant now)
            throws DrpException {
        tx(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO drp_event (status_id, attempt, event_time, "
                    + "severity, code, step, text) SELECT id, attempt, ?, ?, ?, ?, ? FROM drp_status WHERE id = ?")) {
                ps.setObject(1, utc(now));
                ps.setString(2, severity.name());
                ps.setString(3, code);
                ps.setString(4, step);
                ps.setString(5, clip(text, 4000));
                ps.setLong(6, id);
                if (ps.executeUpdate() != 1) {
                    throw new SQLException("no ledger row " + id);
                }
                return null;
            }
        });
    }

    @Override
    public void events(long id, List<StatusEvent> events) throws DrpException {
        if (events.isEmpty()) {
            return;
        }
        tx(conn -> {
            insertEvents(conn, id, events);
            return null;
        });
    }

    @Override
    public List<LedgerEvent> events(LedgerQuery query) throws DrpException {
        List<Object> args = new ArrayList<>();
        String sql = "SELECT status_id, attempt, event_time, severity, code, step, text FROM drp_event WHERE status_id "
                + "IN (SELECT id FROM drp_status" + whereClause(query, args) + ") ORDER BY status_id, id";
        return list(sql, args, JdbcLedger::event);
    }

    @Override
    public List<LedgerEvent> events(long id) throws DrpException {
        return list("SELECT status_id, attempt, event_time, severity, code, step, text FROM drp_event WHERE status_id = ?"
                + " ORDER BY id", List.<Object>of(id), JdbcLedger::event);
    }

    @Override
    public Optional<LedgerRow> row(long id) throws DrpException {
        List<LedgerRow> rows = find(LedgerQuery.all().id(id));
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    @Override
    public List<LedgerRow> find(LedgerQuery q) throws DrpException {
        List<Object> args = new ArrayList<>();
        return list("SELECT " + COLUMNS + " FROM drp_status" + whereClause(q, args) + " ORDER BY id", args,
                JdbcLedger::map);
    }

    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** @return every row of a query, mapped, in one read-only transaction */
    private <T> List<T> list(String sql, List<Object> args, RowMapper<T> mapper) throws DrpException {
        return tx(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                bindAll(ps, args);
                List<T> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(mapper.map(rs));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public int requeue(LedgerQuery query, Instant now) throws DrpException {
        int n = 0;
        for (LedgerRow r : find(query)) {
            if (!r.status().isFinal()) {
                continue;
            }
            boolean done = tx(conn -> {
                try (PreparedStatement hist = conn.prepareStatement("INSERT INTO drp_status_history (status_id, attempt, "
                        + "level, instrument, ofname, file_md5, koaid, status, status_code, worker, creation_time, "
                        + "process_start_time, process_end_time, koaimtyp, semid, archived_time) SELECT id, attempt, "
                        + "level, instrument, ofname, file_md5, koaid, status, status_code, worker, creation_time, "
                        + "process_start_time, process_end_time, koaimtyp, semid, ? FROM drp_status WHERE id = ? AND status = ?");
                        PreparedStatement reset = conn.prepareStatement("UPDATE drp_status SET status = ?, "
                                + "attempt = attempt + 1, status_code = NULL, worker = NULL, process_start_time = NULL, "
                                + "process_end_time = NULL, xfr_start_time = NULL, xfr_end_time = NULL, koaimtyp = NULL, "
                                + "semid = NULL, propint = NULL, filesize_mb = NULL, archsize_mb = NULL, process_dir = NULL, "
                                + "last_mod = ? WHERE id = ? AND status = ?")) {
                    hist.setObject(1, utc(now));
                    hist.setLong(2, r.id());
                    hist.setString(3, r.status().name());
                    if (hist.executeUpdate() != 1) {
                        conn.rollback();
                        return false;
                    }
                    reset.setString(1, ProcessingStatus.QUEUED.name());
                    reset.setObject(2, utc(now));
                    reset.setLong(3, r.id());
                    reset.setString(4, r.status().name());
                    if (reset.executeUpdate() != 1) {
                        conn.rollback();
                        return false;
                    }
                    return true;
                }
            });
            if (done) {
                event(r.id(), Severity.INFO, "REQUEUED", "requeue", "queued again after " + r.status()
                        + (r.statusCode() != null ? " (" + r.statusCode() + ")" : ""), now);
                n++;
            }
        }
        return n;
    }

    @Override
    public int recoverAbandoned(Predicate<String> alive, Instant now) throws DrpException {
        int n = 0;
        for (LedgerRow r : find(LedgerQuery.all().status(ProcessingStatus.PROCESSING, ProcessingStatus.TRANSFERRING))) {
            if (r.worker() != null && alive.test(r.worker())) {
                continue;
            }
            try {
                if (r.status() == ProcessingStatus.PROCESSING) {
                    transition(r.id(), ProcessingStatus.PROCESSING, ProcessingStatus.QUEUED, LedgerFields.none(), now);
                    event(r.id(), Severity.INFO, "RECOVERED", "recover",
                            "worker " + r.worker() + " is gone; queued again", now);
                } else {
                    transition(r.id(), ProcessingStatus.TRANSFERRING, ProcessingStatus.ERROR,
                            LedgerFields.none().statusCode("TRANSFER_INTERRUPTED"), now);
                    event(r.id(), Severity.ERROR, "TRANSFER_INTERRUPTED", "recover",
                            "worker " + r.worker() + " died during the transfer", now);
                }
                n++;
            } catch (DrpException e) {
                if (e.code() != CoreErrorCode.LEDGER_CONFLICT) {
                    throw e;
                }
                // another process recovered or finished the row first: nothing to do
            }
        }
        return n;
    }

    @Override
    public List<StatusCount> counts() throws DrpException {
        return tx(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT instrument, status, status_code, COUNT(*) FROM "
                    + "drp_status GROUP BY instrument, status, status_code ORDER BY instrument, status, status_code")) {
                List<StatusCount> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new StatusCount(rs.getString(1), ProcessingStatus.valueOf(rs.getString(2)),
                                rs.getString(3), rs.getLong(4)));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public void close() {
        connections.close();
    }

    @Override
    public String toString() {
        return "JdbcLedger[" + where + "]";
    }

    // ----------------------------------------------------------------------------------------------- internals

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection conn) throws SQLException;
    }

    private <T> T tx(Work<T> work) throws DrpException {
        Connection conn = null;
        try {
            conn = connections.get();
            conn.setAutoCommit(false);
            T result = work.run(conn);
            conn.commit();
            connections.release(conn);
            return result;
        } catch (SQLException e) {
            if (conn != null) {
                try {
                    conn.rollback();
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                    connections.release(conn); // a constraint violation leaves the connection sound
                } else {
                    closeQuietly(conn); // a failed connection is not returned to the pool
                }
            }
            throw new DrpException(CoreErrorCode.LEDGER_UNAVAILABLE, Location.file(where), redact(e.toString()), e);
        } catch (RuntimeException e) {
            if (conn != null) {
                try {
                    conn.rollback();
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                closeQuietly(conn);
            }
            throw e;
        }
    }

    private static LedgerEvent event(ResultSet rs) throws SQLException {
        return new LedgerEvent(rs.getLong(1), rs.getInt(2), instant(rs, 3), Severity.valueOf(rs.getString(4)),
                rs.getString(5), rs.getString(6), rs.getString(7));
    }

    private static void insertEvents(Connection conn, long id, List<StatusEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO drp_event (status_id, attempt, event_time, "
                + "severity, code, step, text) SELECT id, attempt, ?, ?, ?, ?, ? FROM drp_status WHERE id = ?")) {
            for (StatusEvent e : events) {
                ps.setObject(1, utc(e.time()));
                ps.setString(2, e.severity().name());
                ps.setString(3, clip(e.code(), 48));
                ps.setString(4, clip(e.step(), 64));
                ps.setString(5, clip(e.text(), 4000));
                ps.setLong(6, id);
                ps.addBatch();
            }
            for (int n : ps.executeBatch()) {
                if (n == 0) {
                    throw new SQLException("no ledger row " + id);
                }
            }
        }
    }

    private static String clip(String s, int max) {
        return s.length() > max ? s.substring(0, max - 3) + "..." : s;
    }

    /** @return true when a statement failed on a unique index (SQLSTATE class 23) */
    private static boolean isUniqueViolation(DrpException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }

    /** @return SHA-256 (hex) of a file's original path and MD5: one key per version of a file */
    static String fileKey(String ofname, String md5) {
        try {
            java.security.MessageDigest d = java.security.MessageDigest.getInstance("SHA-256");
            d.update(ofname.getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0);
            d.update(md5.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    private static JdbcLedger migrate(JdbcLedger ledger) throws DrpException {
        ledger.tx(conn -> {
            String product = conn.getMetaData().getDatabaseProductName().toLowerCase();
            String identity = product.contains("mysql") || product.contains("mariadb")
                    ? "BIGINT AUTO_INCREMENT PRIMARY KEY" : "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY";
            try (Statement st = conn.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS drp_schema_version (version INT NOT NULL, applied TIMESTAMP NOT NULL)");
                if (product.contains("h2")) {
                    st.execute("SET WRITE_DELAY 0"); // every commit reaches the file before returning
                }
            }
            int current;
            try (Statement st = conn.createStatement();
                    ResultSet rs = st.executeQuery("SELECT MAX(version) FROM drp_schema_version")) {
                rs.next();
                current = rs.getInt(1);
            }
            for (int v = current + 1; v <= LATEST; v++) {
                for (String stmt : script(v).replace("${IDENTITY}", identity).split("\n;\n")) {
                    String sql = stripComments(stmt);
                    if (!sql.isBlank()) {
                        try (Statement st = conn.createStatement()) {
                            st.execute(sql);
                        }
                    }
                }
                try (PreparedStatement ps = conn.prepareStatement(
                        "INSERT INTO drp_schema_version (version, applied) VALUES (?, ?)")) {
                    ps.setInt(1, v);
                    ps.setObject(2, utc(Instant.now()));
                    ps.executeUpdate();
                }
            }
            return null;
        });
        return ledger;
    }

    private static String script(int version) throws SQLException {
        String name = "migrations/V" + version + "__ledger.sql";
        try (InputStream in = JdbcLedger.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new SQLException("missing migration " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SQLException("cannot read migration " + name, e);
        }
    }

    private static String stripComments(String stmt) {
        StringBuilder sb = new StringBuilder();
        for (String line : stmt.split("\n")) {
            if (!line.trim().startsWith("--")) {
                sb.append(line).append('\n');
            }
        }
        return sb.toString().trim();
    }

    private static String whereClause(LedgerQuery q, List<Object> args) {
        List<String> parts = new ArrayList<>();
        if (!q.statuses().isEmpty()) {
            StringBuilder in = new StringBuilder("status IN (");
            int i = 0;
            for (ProcessingStatus s : q.statuses()) {
                in.append(i++ > 0 ? ",?" : "?");
                args.add(s.name());
            }
            parts.add(in.append(')').toString());
        }
        addIf(parts, args, "status_code = ?", q.statusCode());
        addIf(parts, args, "instrument = ?", q.instrument());
        addIf(parts, args, "ofname = ?", q.ofname());
        addIf(parts, args, "ofname LIKE ? ESCAPE '!'", q.ofnameContains() == null ? null
                : "%" + q.ofnameContains().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        addIf(parts, args, "koaid = ?", q.koaid());
        addIf(parts, args, "utdatetime >= ?", q.observedFrom());
        addIf(parts, args, "utdatetime < ?", q.observedUntil());
        addIf(parts, args, "creation_time >= ?", q.queuedFrom() == null ? null : utc(q.queuedFrom()));
        addIf(parts, args, "creation_time < ?", q.queuedUntil() == null ? null : utc(q.queuedUntil()));
        addIf(parts, args, "id = ?", q.id());
        return parts.isEmpty() ? "" : " WHERE " + String.join(" AND ", parts);
    }

    private static void addIf(List<String> parts, List<Object> args, String clause, Object value) {
        if (value != null) {
            parts.add(clause);
            args.add(value);
        }
    }

    private static void bindAll(PreparedStatement ps, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            ps.setObject(i + 1, args.get(i));
        }
    }

    private static int bind(PreparedStatement ps, int start, LedgerFields fields) throws SQLException {
        int i = start;
        for (Map.Entry<String, Object> e : fields.values().entrySet()) {
            Object v = e.getValue();
            if (v == null) {
                ps.setNull(i++, Types.NULL);
            } else if (v instanceof Instant t) {
                ps.setObject(i++, utc(t));
            } else {
                ps.setObject(i++, v);
            }
        }
        return i;
    }

    private DrpException conflict(long id, ProcessingStatus from, ProcessingStatus to) throws DrpException {
        String now = row(id).map(r -> "it is " + r.status()).orElse("it does not exist");
        return new DrpException(CoreErrorCode.LEDGER_CONFLICT, Location.file(where),
                "row " + id + " was expected in " + from + (from == to ? "" : " to move to " + to) + ", but " + now);
    }

    private static LedgerRow map(ResultSet rs) throws SQLException {
        return new LedgerRow(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
                nullableLong(rs, 6), rs.getString(7), ProcessingStatus.valueOf(rs.getString(8)), rs.getString(9),
                rs.getInt(10), rs.getString(11), rs.getObject(12, LocalDateTime.class), instant(rs, 13),
                instant(rs, 14), instant(rs, 15), instant(rs, 16), instant(rs, 17), rs.getString(18), rs.getString(19),
                nullableInt(rs, 20), rs.getString(21), nullableDouble(rs, 22), nullableDouble(rs, 23), instant(rs, 24));
    }

    private static LocalDateTime utc(Instant t) {
        return LocalDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int col) throws SQLException {
        LocalDateTime t = rs.getObject(col, LocalDateTime.class);
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }

    private static Long nullableLong(ResultSet rs, int col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }

    private static Integer nullableInt(ResultSet rs, int col) throws SQLException {
        int v = rs.getInt(col);
        return rs.wasNull() ? null : v;
    }

    private static Double nullableDouble(ResultSet rs, int col) throws SQLException {
        double v = rs.getDouble(col);
        return rs.wasNull() ? null : v;
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // closing a connection we are discarding; the failure that led here is already reported
        }
    }

    private static String redact(String url) {
        return url.replaceAll("(?i)(password|pwd)=[^;&]*", "$1=***");
    }
}
