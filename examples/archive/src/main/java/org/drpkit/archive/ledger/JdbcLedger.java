package org.drpkit.archive.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.drpkit.core.error.CoreErrorCode;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.status.Ledger;
import org.drpkit.core.status.LedgerEvent;
import org.drpkit.core.status.LedgerFields;
import org.drpkit.core.status.LedgerQuery;
import org.drpkit.core.status.LedgerRow;
import org.drpkit.core.status.ProcessingStatus;
import org.drpkit.core.status.Severity;
import org.drpkit.core.status.StatusEvent;

/**
 * The archive's {@link Ledger} over JDBC: its schema ({@code drp_status}, {@code drp_status_history},
 * {@code drp_event}, with the archive's columns for the {@link ArchiveAttributes}) and the ledger operations. The
 * application supplies the driver. Tested on H2 (the embedded default) and PostgreSQL; the schema is plain SQL that
 * MySQL also accepts (only the identity column differs, chosen from the database product name), and the operations
 * need no database-specific SQL: a claim is a conditional {@code UPDATE}, which is atomic under each product's default
 * isolation (read committed), so no {@code SELECT ... FOR UPDATE} or {@code SKIP LOCKED} is used. On PostgreSQL the
 * ledger's tables live in the connection's current schema ({@code currentSchema=} in the URL, else {@code public}).
 * The schema is created and migrated on open
 * from the versioned scripts in {@code org/drpkit/archive/ledger/migrations/}. Prepared statements only; one
 * transaction per state change.
 *
 * <pre>{@code
 * Ledger ledger = JdbcLedger.open("jdbc:h2:file:/data/out/ledger");      // H2 embedded, created if absent
 * Ledger shared = JdbcLedger.open("jdbc:postgresql://db/archive", "dep", secret);
 * }</pre>
 *
 * <p>Thread-safe: each call borrows a connection from a HikariCP pool (or from the given {@link DataSource}).
 */
public final class JdbcLedger implements Ledger {

    /**
     * The generated key an insert returns, named: with {@code RETURN_GENERATED_KEYS} the PostgreSQL driver returns
     * every column of the new row ({@code RETURNING *}) and the id only by its position.
     */
    private static final String[] GENERATED_ID = {"id"};

    private final LedgerConnections connections;
    private final String where;

    private JdbcLedger(LedgerConnections connections) {
        this.connections = connections;
        this.where = connections.where();
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
        return migrated(LedgerConnections.open(url, user, password));
    }

    /** Opens a ledger on a pooled {@link DataSource} (connections are closed after each call). */
    public static JdbcLedger open(DataSource ds) throws DrpException {
        return migrated(LedgerConnections.of(ds));
    }

    private static JdbcLedger migrated(LedgerConnections connections) throws DrpException {
        JdbcLedger ledger = new JdbcLedger(connections);
        try {
            ledger.tx(conn -> {
                LedgerMigrations.migrate(conn);
                return null;
            });
            return ledger;
        } catch (DrpException | RuntimeException e) {
            connections.close();
            throw e;
        }
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
                + "VALUES (?,?,?,?,?,?,1,?,?,?)", GENERATED_ID)) {
            ps.setInt(1, level);
            ps.setString(2, instrument);
            ps.setString(3, ofname);
            ps.setString(4, md5);
            LedgerSql.setLong(ps, 5, size);
            ps.setString(6, ProcessingStatus.QUEUED.name());
            ps.setObject(7, LedgerSchema.utc(now));
            ps.setObject(8, LedgerSchema.utc(now));
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
        return enqueueUnique(level, instrument, ofname, md5, size, LedgerFields.none(), now);
    }

    /** Inserts the row and its fields in one transaction. */
    @Override
    public Enqueued enqueueUnique(int level, String instrument, String ofname, String md5, Long size,
            LedgerFields fields, Instant now) throws DrpException {
        String key = LedgerSql.fileKey(ofname, Objects.requireNonNull(md5, "md5"));
        try {
            long id = tx(conn -> {
                long created = insertQueued(conn, level, instrument, ofname, md5, size, now, key);
                if (!fields.isEmpty()) {
                    try (PreparedStatement ps = conn.prepareStatement("UPDATE drp_status SET last_mod = ?"
                            + LedgerSql.set(fields) + " WHERE id = ?")) {
                        int i = 1;
                        ps.setObject(i++, LedgerSchema.utc(now));
                        i = LedgerSql.bind(ps, i, fields);
                        ps.setLong(i, created);
                        ps.executeUpdate();
                    }
                }
                return created;
            });
            return new Enqueued(id, true);
        } catch (DrpException e) {
            if (!LedgerSql.isUniqueViolation(e)) {
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
                        ps.setObject(3, LedgerSchema.utc(now));
                        ps.setObject(4, LedgerSchema.utc(now));
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
        sql.append(LedgerSql.set(fields));
        sql.append(" WHERE id = ? AND status = ?");
        int changed = tx(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(sql.toString())) {
                int i = 1;
                ps.setString(i++, to.name());
                ps.setObject(i++, LedgerSchema.utc(now));
                if (to.isFinal()) {
                    ps.setObject(i++, LedgerSchema.utc(now));
                }
                i = LedgerSql.bind(ps, i, fields);
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
    public boolean reserveArchiveId(long id, String archiveId, Instant now) throws DrpException {
        int changed;
        try {
            changed = tx(conn -> {
                try (PreparedStatement ps = conn.prepareStatement("UPDATE drp_status SET koaid = ?, last_mod = ? "
                        + "WHERE id = ? AND status = ?")) {
                    ps.setString(1, archiveId);
                    ps.setObject(2, LedgerSchema.utc(now));
                    ps.setLong(3, id);
                    ps.setString(4, ProcessingStatus.PROCESSING.name());
                    return ps.executeUpdate();
                }
            });
        } catch (DrpException e) {
            if (LedgerSql.isUniqueViolation(e)) {
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
        if (fields.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("UPDATE drp_status SET last_mod = ?");
        sql.append(LedgerSql.set(fields));
        sql.append(" WHERE id = ? AND status = ?");
        int changed = tx(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(sql.toString())) {
                int i = 1;
                ps.setObject(i++, LedgerSchema.utc(now));
                i = LedgerSql.bind(ps, i, fields);
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
    public void appendEvent(long id, Severity severity, String code, String step, String text, Instant now)
            throws DrpException {
        appendEvents(id, List.of(new StatusEvent(now, severity, code, step, text)));
    }

    @Override
    public void appendEvents(long id, List<StatusEvent> events) throws DrpException {
        if (events.isEmpty()) {
            return;
        }
        tx(conn -> {
            insertEvents(conn, id, events);
            return null;
        });
    }

    @Override
    public List<LedgerEvent> findEvents(LedgerQuery query) throws DrpException {
        List<Object> args = new ArrayList<>();
        String sql = "SELECT status_id, attempt, event_time, severity, code, step, text FROM drp_event WHERE status_id "
                + "IN (SELECT id FROM drp_status" + LedgerSql.where(query, args) + ") ORDER BY status_id, id";
        return list(sql, args, JdbcLedger::event);
    }

    @Override
    public List<LedgerEvent> eventsOf(long id) throws DrpException {
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
        return list("SELECT " + LedgerSchema.COLUMNS + " FROM drp_status" + LedgerSql.where(q, args) + " ORDER BY id",
                args, LedgerSchema::row);
    }

    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** @return every row of a query, mapped, in one read-only transaction */
    private <T> List<T> list(String sql, List<Object> args, RowMapper<T> mapper) throws DrpException {
        return tx(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                LedgerSql.bindAll(ps, args);
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
                try (PreparedStatement hist = conn.prepareStatement("INSERT INTO drp_status_history (status_id, "
                        + LedgerSchema.HISTORY_COLUMNS + ", archived_time) SELECT id, " + LedgerSchema.HISTORY_COLUMNS
                        + ", ? FROM drp_status WHERE id = ? AND status = ?");
                        PreparedStatement reset = conn.prepareStatement("UPDATE drp_status SET status = ?, "
                                + "attempt = attempt + 1, " + LedgerSchema.PER_ATTEMPT_RESET + ", last_mod = ? "
                                + "WHERE id = ? AND status = ?")) {
                    hist.setObject(1, LedgerSchema.utc(now));
                    hist.setLong(2, r.id());
                    hist.setString(3, r.status().name());
                    if (hist.executeUpdate() != 1) {
                        conn.rollback();
                        return false;
                    }
                    reset.setString(1, ProcessingStatus.QUEUED.name());
                    reset.setObject(2, LedgerSchema.utc(now));
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
                appendEvent(r.id(), Severity.INFO, "REQUEUED", "requeue", "queued again after " + r.status()
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
                    appendEvent(r.id(), Severity.INFO, "RECOVERED", "recover",
                            "worker " + r.worker() + " is gone; queued again", now);
                } else {
                    transition(r.id(), ProcessingStatus.TRANSFERRING, ProcessingStatus.ERROR,
                            LedgerFields.none().statusCode("TRANSFER_INTERRUPTED"), now);
                    appendEvent(r.id(), Severity.ERROR, "TRANSFER_INTERRUPTED", "recover",
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

    /** Work done in one transaction (package-private: the archive's other tables, {@link HeadersTable}, ...). */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection conn) throws SQLException;
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    <T> T tx(Work<T> work) throws DrpException {
        Connection conn = null;
        try {
            conn = connections.get();
            T result = work.run(conn);
            conn.commit();
            connections.release(conn);
            return result;
        } catch (SQLException e) {
            if (conn != null) {
                rollback(conn, e);
                if (LedgerSql.isConstraintViolation(e)) {
                    connections.release(conn); // a constraint violation leaves the connection sound
                } else {
                    connections.discard(conn); // a failed connection is not returned to the pool
                }
            }
            throw new DrpException(CoreErrorCode.LEDGER_UNAVAILABLE, Location.file(where),
                    LedgerConnections.redact(e.toString()), e);
        } catch (RuntimeException e) {
            if (conn != null) {
                rollback(conn, e);
                connections.discard(conn);
            }
            throw e;
        }
    }

    private static void rollback(Connection conn, Exception cause) {
        try {
            conn.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }

    private static LedgerEvent event(ResultSet rs) throws SQLException {
        return new LedgerEvent(rs.getLong(1), rs.getInt(2), LedgerSchema.read(rs, 3, Instant.class),
                Severity.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7));
    }

    private static void insertEvents(Connection conn, long id, List<StatusEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO drp_event (status_id, attempt, event_time, "
                + "severity, code, step, text) SELECT id, attempt, ?, ?, ?, ?, ? FROM drp_status WHERE id = ?")) {
            for (StatusEvent e : events) {
                ps.setObject(1, LedgerSchema.utc(e.time()));
                ps.setString(2, e.severity().name());
                ps.setString(3, LedgerSql.clip(e.code(), 48));
                ps.setString(4, LedgerSql.clip(e.step(), 64));
                ps.setString(5, LedgerSql.clip(e.text(), 4000));
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

    private DrpException conflict(long id, ProcessingStatus from, ProcessingStatus to) throws DrpException {
        String now = row(id).map(r -> "it is " + r.status()).orElse("it does not exist");
        return new DrpException(CoreErrorCode.LEDGER_CONFLICT, Location.file(where),
                "row " + id + " was expected in " + from + (from == to ? "" : " to move to " + to) + ", but " + now);
    }
}
