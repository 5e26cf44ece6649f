package org.drpkit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.fits.FitsErrorCode;
import org.drpkit.fits.table.KeywordTable;
import org.drpkit.fits.table.KeywordTableFinding;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code drpkit keyword-tables FILE|DIR...}: every problem of the archive's keyword tables ({@link KeywordTable#check})
 * and, for a table without problems, its version, as the ingest records it.
 */
@Command(name = "keyword-tables", description = {"Check the archive's keyword tables (KOA_{INSTR}_Keyword_Table.txt):"
        + " keywords or database columns defined twice, unknown types, widths too small for the type or format,"
        + " missing columns; print every problem as file:line: keyword: CODE detail, and each good table's version"
        + " (sha256 of its bytes), as the ingest records it in the ledger and the logs.",
    "Exit status: 0 when every table loads, 2 when one has a problem."})
final class KeywordTablesCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "keyword tables, or folders holding"
            + " *_Keyword_Table.txt")
    List<Path> inputs;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws DrpException {
        PrintWriter out = spec.commandLine().getOut();
        List<Path> files = new ArrayList<>();
        for (Path p : inputs) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    s.filter(f -> f.getFileName().toString().endsWith("_Keyword_Table.txt")).sorted()
                            .forEach(files::add);
                } catch (IOException e) {
                    throw new DrpException(FitsErrorCode.FITS_UNREADABLE, Location.file(p.toString()), e.toString(), e);
                }
            } else {
                files.add(p);
            }
        }
        int bad = 0;
        for (Path f : files) {
            List<KeywordTableFinding> found = KeywordTable.check(f);
            if (found.isEmpty()) {
                KeywordTable t = KeywordTable.load(f);
                out.printf("%s: %d keywords, %s%n", f, t.definitions().size(), t.version());
            } else {
                bad++;
                for (KeywordTableFinding x : found) {
                    out.println(x);
                }
            }
        }
        out.printf("%d of %d tables have problems%n", bad, files.size());
        out.flush();
        return bad == 0 ? 0 : Drpkit.EXIT_BAD_INPUT;
    }
}
