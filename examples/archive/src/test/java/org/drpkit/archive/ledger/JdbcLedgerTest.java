package org.drpkit.archive.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.drpkit.core.error.CoreErrorCode;
import org.drpkit.core.error.DrpException;
import org.junit.jupiter.api.Test;

/** The ledger's contract on embedded H2 (the default database), and what does not depend on the database. */
class JdbcLedgerTest extends JdbcLedgerContract {

    @Override
    TestDatabases.Target database(Path tmp) {
        return TestDatabases.h2(tmp);
    }

    @Test
    void unreachableDatabaseIsADomainErrorWithoutCredentials() {
        DrpException e = assertThrows(DrpException.class,
                () -> JdbcLedger.open("jdbc:nosuchdriver://db;password=secret"));
        assertEquals(CoreErrorCode.LEDGER_UNAVAILABLE, e.code());
        assertTrue(!e.getMessage().contains("secret"), e.getMessage());
    }
}
