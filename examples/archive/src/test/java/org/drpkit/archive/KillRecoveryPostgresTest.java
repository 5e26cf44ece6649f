package org.drpkit.archive;

import java.nio.file.Path;
import org.drpkit.archive.ledger.TestDatabases;

/**
 * The kill test with the ledger on PostgreSQL (a schema of its own on the server {@code .ci/postgres} starts):
 * forked ingest processes are killed while they hold connections and open transactions; the server must keep every
 * acknowledged commit and nothing else. Skipped without {@code DRPKIT_TEST_POSTGRES_URL}.
 */
class KillRecoveryPostgresTest extends KillRecoveryTest {

    @Override
    TestDatabases.Target database(Path ledgerDir) throws Exception {
        return TestDatabases.postgres();
    }
}
