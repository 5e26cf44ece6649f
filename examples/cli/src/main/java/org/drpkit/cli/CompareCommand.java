package org.drpkit.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.drpkit.archive.ArchiveCompare;
import org.drpkit.archive.CompareResult;
import org.drpkit.core.error.DrpException;
import org.drpkit.fits.AtomicFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code drpkit compare OLD_ROOT NEW_ROOT [--json] [--report FILE]}: compares the products of two archive trees with
 * {@link ArchiveCompare} (the real-time run against the nightly one, before against after a code change).
 */
@Command(name = "compare", description = {"Compare the products of two archive trees (ROOT/INSTR/YYYYMMDD/levN/):"
        + " files in one tree only; metadata tables column by column with the archive's tolerance (numbers at 1"
        + " decimal); md5sum tables (FITS lines must match, preview and metadata lines may differ); previews by the"
        + " mean and rms of their pixel differences; other products byte for byte. Logs and ledgers are skipped.",
    "Exit status: 0 when equal within the tolerances, 1 when they differ, 2 when a root is not a folder."})
final class CompareCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "OLD_ROOT", description = "the tree compared against")
    Path oldRoot;

    @Parameters(index = "1", paramLabel = "NEW_ROOT", description = "the tree compared")
    Path newRoot;

    @Option(names = "--json", description = "print the result as JSON instead of the text report")
    boolean json;

    @Option(names = "--report", paramLabel = "FILE", description = "also write a short report: HTML when FILE ends in"
            + " .html or .htm, else Markdown (replaced when it exists)")
    Path report;

    @Option(names = "--decimals", paramLabel = "N", description = "compare metadata numbers at N decimals (default:"
            + " ${DEFAULT-VALUE}, the archive's; -1 exact)", defaultValue = "1")
    int decimals;

    @Option(names = "--preview-mean", paramLabel = "LEVELS", description = "largest |mean| preview pixel difference"
            + " in 8-bit levels (default: ${DEFAULT-VALUE})", defaultValue = "1.0")
    double previewMean;

    @Option(names = "--preview-rms", paramLabel = "LEVELS", description = "largest rms preview pixel difference in"
            + " 8-bit levels (default: ${DEFAULT-VALUE})", defaultValue = "3.0")
    double previewRms;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws DrpException {
        ArchiveCompare.Options options;
        try {
            options = new ArchiveCompare.Options(decimals, previewMean, previewRms);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        CompareResult r = ArchiveCompare.compare(oldRoot, newRoot, options);
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? r.toJson() : r.toString());
        out.flush();
        if (report != null) {
            String name = report.getFileName().toString().toLowerCase(Locale.ROOT);
            byte[] text = (name.endsWith(".html") || name.endsWith(".htm") ? r.toHtml() : r.toMarkdown())
                    .getBytes(StandardCharsets.UTF_8);
            AtomicFiles.write(report, true, o -> o.write(text));
        }
        return r.equal() ? 0 : 1;
    }
}
