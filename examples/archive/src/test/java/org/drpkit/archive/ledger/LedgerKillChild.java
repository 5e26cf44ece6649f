package org.drpkit.archive.ledger;

import java.time.Instant;
import org.drpkit.core.status.Ledger;

/**
 * Forked by {@link JdbcLedgerTest}: queues a file, queues it again (a refused duplicate: a constraint violation
 * inside the ledger), queues a second file, prints {@code COMMITTED id}, then waits to be killed.
 */
public final class LedgerKillChild {

    private LedgerKillChild() {
    }

    /** @param args the JDBC URL */
    public static void main(String[] args) throws Exception {
        Ledger l = JdbcLedger.open(args[0]);
        l.enqueueUnique(0, "NIRC2", "/sdata/a.fits", "aa", 1L, Instant.now());
        l.enqueueUnique(0, "NIRC2", "/sdata/a.fits", "aa", 1L, Instant.now());
        long id = l.enqueueUnique(0, "NIRC2", "/sdata/b.fits", "bb", 1L, Instant.now()).id();
        System.out.println("COMMITTED " + id);
        System.out.flush();
        Thread.sleep(120_000);
    }
}
