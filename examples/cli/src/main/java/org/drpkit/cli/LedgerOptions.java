package org.drpkit.cli;

import java.nio.file.Path;
import org.drpkit.archive.config.ArchiveConfig;
import org.drpkit.archive.config.Secret;
import org.drpkit.archive.ledger.JdbcLedger;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.status.Ledger;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Where the archive lives: the output root and the ledger database (H2 in a file under the root by default, any JDBC
 * URL with {@code --db}; the password, when one is needed, comes from the environment variable
 * {@code DRPKIT_DB_PASSWORD}, or the one the configuration file names, never from the command line). The default H2
 * URL lets several drpkit processes share the file ({@code AUTO_SERVER}: {@code drpkit status} while a monitor runs).
 * Commands that take {@code --config} fill what the flags leave out from the file ({@link #defaults}).
 */
final class LedgerOptions {

    @Option(names = {"-o", "--out"}, paramLabel = "ROOT", description = "output root: products in"
            + " ROOT/INSTR/YYYYMMDD/lev0/, the default ledger in ROOT/ledger (required unless --config gives"
            + " folders.out)")
    Path root;

    @Option(names = "--db", paramLabel = "URL", description = "JDBC URL of the ledger (default: H2 in ROOT/ledger,"
            + " shared by concurrent drpkit processes; PostgreSQL: jdbc:postgresql://HOST/DB?currentSchema=SCHEMA)")
    String db;

    @Option(names = "--db-user", paramLabel = "USER", description = "database user (password from DRPKIT_DB_PASSWORD)")
    String user;

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec mixee;

    /** The password's variable from the configuration file, or null for {@code DRPKIT_DB_PASSWORD}. */
    private Secret password;

    /**
     * Takes the root, database URL, user and password variable from the configuration where no flag gave them.
     *
     * @return this
     */
    LedgerOptions defaults(ArchiveConfig config) {
        if (root == null) {
            root = config.folders().out();
        }
        if (db == null) {
            db = config.database().url();
        }
        if (user == null) {
            user = config.database().user();
        }
        password = config.database().password();
        return this;
    }

    /** @return the output root; a usage error when neither {@code --out} nor the configuration gives it */
    Path root() {
        if (root == null) {
            throw new CommandLine.ParameterException(mixee.commandLine(),
                    "Missing required option: '--out=ROOT' (or folders.out in the --config file)");
        }
        return root;
    }

    /** @return the ledger's JDBC URL */
    String url() {
        return db != null ? db : "jdbc:h2:file:" + root().toAbsolutePath().normalize().resolve("ledger")
                + ";AUTO_SERVER=TRUE";
    }

    /** @return the opened (created or migrated) ledger */
    JdbcLedger open() throws DrpException {
        return JdbcLedger.open(url(), user, password != null ? password.reveal() : System.getenv("DRPKIT_DB_PASSWORD"));
    }
}
