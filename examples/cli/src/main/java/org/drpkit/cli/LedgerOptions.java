package org.drpkit.cli;

import java.nio.file.Path;
import org.drpkit.archive.ledger.JdbcLedger;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.status.Ledger;
import picocli.CommandLine.Option;

/**
 * Where the archive lives: the output root and the ledger database (H2 in a file under the root by default, any JDBC
 * URL with {@code --db}; the password, when one is needed, comes from the environment variable
 * {@code DRPKIT_DB_PASSWORD}, never from the command line). The default H2 URL lets several drpkit processes share
 * the file ({@code AUTO_SERVER}: {@code drpkit status} while a monitor runs).
 */
final class LedgerOptions {

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "ROOT",
            description = "output root: products in ROOT/INSTR/YYYYMMDD/lev0/, the default ledger in ROOT/ledger")
    Path root;

    @Option(names = "--db", paramLabel = "URL", description = "JDBC URL of the ledger (default: H2 in ROOT/ledger,"
            + " shared by concurrent drpkit processes; PostgreSQL: jdbc:postgresql://HOST/DB?currentSchema=SCHEMA)")
    String db;

    @Option(names = "--db-user", paramLabel = "USER", description = "database user (password from DRPKIT_DB_PASSWORD)")
    String user;

    /** @return the ledger's JDBC URL */
    String url() {
        return db != null ? db : "jdbc:h2:file:" + root.toAbsolutePath().normalize().resolve("ledger")
                + ";AUTO_SERVER=TRUE";
    }

    /** @return the opened (created or migrated) ledger */
    Ledger open() throws DrpException {
        return JdbcLedger.open(url(), user, System.getenv("DRPKIT_DB_PASSWORD"));
    }
}
