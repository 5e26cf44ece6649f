package org.drpkit.archive.ledger;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.drpkit.core.error.DrpException;
import org.junit.jupiter.api.Assumptions;

/**
 * The databases the ledger's tests run on: an H2 file in a test's folder, or a schema of its own on the PostgreSQL
 * server named by {@code DRPKIT_TEST_POSTGRES_URL}, {@code _USER} and {@code _PASSWORD} (set by {@code .ci/postgres};
 * without them the PostgreSQL tests skip). A PostgreSQL test's schema is created empty and dropped after it, so
 * reruns start clean.
 */
public final class TestDatabases {

    /** The environment variable holding the PostgreSQL server's JDBC URL (a database the user may create schemas in). */
    public static final String POSTGRES_URL = "DRPKIT_TEST_POSTGRES_URL";

    /** The environment variable through which a forked test process receives the database password. */
    public static final String CHILD_PASSWORD = "DRPKIT_TEST_LEDGER_PASSWORD";

    private TestDatabases() {
    }

    /** One ledger database: where it is and how to log in (user and password may be null). */
    public record Target(String url, String user, String password, String schema) {

        /** Opens (creating or migrating) the ledger on this database. */
        public JdbcLedger open() throws DrpException {
            return JdbcLedger.open(url, user, password);
        }

        /** @return a plain JDBC connection (auto-commit on), for tests that prepare a database by hand */
        public Connection connect() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }

        /**
         * @return the arguments a forked process needs to open this database ({@code url user}, user "-" for none);
         *         the password travels in {@link #childEnvironment}, never on a command line
         */
        public String[] childArgs() {
            return new String[] {url, user == null ? "-" : user};
        }

        /** Adds the password to a forked process's environment. */
        public void childEnvironment(Map<String, String> env) {
            if (password != null) {
                env.put(CHILD_PASSWORD, password);
            }
        }

        /** Drops the test's own PostgreSQL schema (nothing for H2, whose folder the test framework deletes). */
        public void drop() throws SQLException {
            if (schema == null) {
                return;
            }
            try (Connection c = DriverManager.getConnection(System.getenv(POSTGRES_URL),
                    System.getenv("DRPKIT_TEST_POSTGRES_USER"), System.getenv("DRPKIT_TEST_POSTGRES_PASSWORD"));
                    Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    /** @return an embedded H2 database in {@code dir} */
    public static Target h2(Path dir) {
        return new Target("jdbc:h2:file:" + dir.resolve("ledger").toAbsolutePath(), null, null, null);
    }

    /**
     * @return a new, empty schema of its own on the test PostgreSQL server; skips the test (JUnit assumption) when no
     *         server is configured
     */
    public static Target postgres() throws SQLException {
        String base = System.getenv(POSTGRES_URL);
        Assumptions.assumeTrue(base != null && !base.isBlank(),
                POSTGRES_URL + " is not set (.ci/postgres starts a server and sets it): PostgreSQL tests skipped");
        String user = System.getenv("DRPKIT_TEST_POSTGRES_USER");
        String password = System.getenv("DRPKIT_TEST_POSTGRES_PASSWORD");
        String schema = "ledger_test_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = DriverManager.getConnection(base, user, password); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        }
        String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new Target(url, user, password, schema);
    }

    /** Opens a ledger from a forked process's arguments (see {@link Target#childArgs}) and its environment. */
    public static JdbcLedger openInChild(String url, String user) throws DrpException {
        return JdbcLedger.open(url, "-".equals(user) ? null : user, System.getenv(CHILD_PASSWORD));
    }
}
