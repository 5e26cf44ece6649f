package org.drpkit.cli;

import java.nio.file.Path;
import org.drpkit.archive.almanac.Almanac;
import org.drpkit.core.error.DrpException;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Where the almanac lives: a folder ({@code --out ALMANAC}) holding its H2 database, its bad-exposure list and its
 * runlists, or any JDBC URL with {@code --db} (password from {@code DRPKIT_DB_PASSWORD}).
 */
final class AlmanacOptions {

    @Option(names = {"-o", "--out"}, paramLabel = "ALMANAC",
            description = "almanac folder: its H2 database (ALMANAC/almanac), bad-exposures.csv and runlists/")
    Path folder;

    @Option(names = "--db", paramLabel = "URL", description = "JDBC URL of the exposure table (default: H2 in ALMANAC)")
    String db;

    @Option(names = "--db-user", paramLabel = "USER", description = "database user (password from DRPKIT_DB_PASSWORD)")
    String user;

    /**
     * @param spec the command, for the usage error
     * @return the almanac folder
     * @throws CommandLine.ParameterException without {@code --out}
     */
    Path requireFolder(CommandLine.Model.CommandSpec spec) {
        if (folder == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--out ALMANAC is required");
        }
        return folder;
    }

    /** @return {@code products}, or the folder holding the almanac (upstream's layout: outdir/almanac beside apred) */
    Path productsRoot(Path products) {
        return products != null ? products : folder.toAbsolutePath().normalize().getParent();
    }

    /** @return the opened (created or migrated) almanac */
    Almanac open() throws DrpException {
        return Almanac.open(db != null ? db : Almanac.h2Url(folder), user, System.getenv("DRPKIT_DB_PASSWORD"));
    }
}
