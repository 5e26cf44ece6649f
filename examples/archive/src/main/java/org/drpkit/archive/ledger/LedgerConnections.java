package org.drpkit.archive.ledger;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.drpkit.core.error.CoreErrorCode;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;

/**
 * Where the connections of the archive's JDBC stores (the ledger, the almanac's exposure table) come from: a HikariCP
 * pool over a JDBC URL, or a {@link DataSource} the application owns. An embedded H2 database gets two extra cares: every connection sets {@code WRITE_DELAY 0} (a
 * commit is on disk before it returns; H2 forgets the setting whenever the database closes and reopens), and one
 * connection stays open while the ledger is, so the database does not close between calls.
 */
public final class LedgerConnections implements AutoCloseable {

    private static final int POOL = 8;

    private final DataSource source;
    private final HikariDataSource owned;
    private final Connection keeper;
    private final String where;

    private LedgerConnections(DataSource source, HikariDataSource owned, Connection keeper, String where) {
        this.source = source;
        this.owned = owned;
        this.keeper = keeper;
        this.where = where;
    }

    /**
     * Opens a pool on a JDBC URL (credentials may be null).
     *
     * <pre>{@code
     * try (LedgerConnections c = LedgerConnections.open("jdbc:h2:file:/data/almanac/almanac", null, null)) { ... }
     * }</pre>
     *
     * @throws DrpException {@code LEDGER_UNAVAILABLE} when the database cannot be reached
     */
    public static LedgerConnections open(String url, String user, String password) throws DrpException {
        String where = redact(url);
        boolean h2 = url.startsWith("jdbc:h2:");
        Connection keeper = null;
        try {
            if (h2) {
                keeper = DriverManager.getConnection(url, user, password);
            }
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(url);
            config.setUsername(user);
            config.setPassword(password);
            config.setMaximumPoolSize(POOL);
            config.setMinimumIdle(1);
            config.setAutoCommit(false);
            config.setPoolName("drpkit-ledger");
            if (h2) {
                config.setConnectionInitSql("SET WRITE_DELAY 0");
            }
            return new LedgerConnections(null, new HikariDataSource(config), keeper, where);
        } catch (SQLException | RuntimeException e) {
            if (keeper != null) {
                closeQuietly(keeper);
            }
            throw new DrpException(CoreErrorCode.LEDGER_UNAVAILABLE, Location.file(where), redact(e.toString()), e);
        }
    }

    /** Borrows from an application's {@link DataSource}, which keeps its own pool. */
    public static LedgerConnections of(DataSource ds) {
        return new LedgerConnections(ds, null, null, "DataSource " + ds.getClass().getSimpleName());
    }

    /** @return a connection with auto-commit off (the pool is configured so; an application's source is set here) */
    public Connection get() throws SQLException {
        if (owned != null) {
            return owned.getConnection();
        }
        Connection c = source.getConnection();
        c.setAutoCommit(false);
        return c;
    }

    /** Returns a sound connection to the pool. */
    public void release(Connection c) {
        closeQuietly(c);
    }

    /** Drops a connection that failed, so the pool never hands it out again. */
    public void discard(Connection c) {
        if (owned != null) {
            owned.evictConnection(c);
        } else {
            closeQuietly(c);
        }
    }

    /** @return where the ledger lives, with any password removed, for messages */
    public String where() {
        return where;
    }

    @Override
    public void close() {
        if (owned != null) {
            owned.close();
        }
        if (keeper != null) {
            closeQuietly(keeper);
        }
    }

    static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // closing a connection we are discarding; the failure that led here is already reported
        }
    }

    static String redact(String text) {
        return text.replaceAll("(?i)(password|pwd)=[^;&]*", "$1=***");
    }
}
