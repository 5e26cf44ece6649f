package org.drpkit.archive.ledger;

import java.time.Instant;
import org.drpkit.core.status.Ledger;

/**
 * Forked by {@link JdbcLedgerContract}: queues a file, queues it again (a refused duplicate: a constraint violation
 * inside the ledger), queues a second file, prints {@code COMMITTED id}, then waits to be killed. Arguments: the
 * JDBC URL and user ({@link TestDatabases.Target#childArgs}); the password comes from the environment.
 */
public final class LedgerKillChild {

    private LedgerKillChild() {
    }

    /** @param args the JDBC URL and the user ("-" for none) */
    public static void main(String[] args) throws Exception {
        Ledger l = TestDatabases.openInChild(args[0], args[1]);
        l.enqueueUnique(0, "NIRC2", "/sdata/a.fits", "aa", 1L, Instant.now());
        l.enqueueUnique(0, "NIRC2", "/sdata/a.fits", "aa", 1L, Instant.now());
        long id = l.enqueueUnique(0, "NIRC2", "/sdata/b.fits", "bb", 1L, Instant.now()).id();
        System.out.println("COMMITTED " + id);
        System.out.flush();
        Thread.sleep(120_000);
    }
}
