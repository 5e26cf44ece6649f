package org.drpkit.archive.ledger;

import java.nio.file.Path;

/**
 * The ledger's contract on PostgreSQL, each test in a schema of its own on the server that {@code .ci/postgres}
 * starts ({@code DRPKIT_TEST_POSTGRES_URL}, {@code _USER}, {@code _PASSWORD}); skipped without that server.
 */
class JdbcLedgerPostgresTest extends JdbcLedgerContract {

    @Override
    TestDatabases.Target database(Path tmp) throws Exception {
        return TestDatabases.postgres();
    }
}
