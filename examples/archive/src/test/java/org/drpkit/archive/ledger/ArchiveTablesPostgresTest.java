package org.drpkit.archive.ledger;

import java.nio.file.Path;

/** The archive's tables on PostgreSQL (the server {@code .ci/postgres} starts); skipped without that server. */
class ArchiveTablesPostgresTest extends ArchiveTablesContract {

    @Override
    TestDatabases.Target database(Path tmp) throws Exception {
        return TestDatabases.postgres();
    }
}
