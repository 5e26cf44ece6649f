package org.drpkit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.drpkit.core.error.DrpException;
import org.drpkit.fits.Fpack;
import org.drpkit.fits.TileCompression;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code drpkit fpack FILE... [--out DIR] [--tile-rows N] [--overwrite]}: RICE_1 tile compression of integer images,
 * as CFITSIO's fpack writes it ({@link Fpack}).
 */
@Command(name = "fpack", description = {"Tile-compress the integer images of FITS files with RICE_1, as fpack does:"
        + " FILE becomes FILE.fz (or DIR/NAME.fz with --out), lossless, readable by funpack, astropy and nom-tam-fits.",
    "Floating-point images, cubes and tables are refused (RICE_1 would have to quantise them).",
    "Exit status: 0 when every file was compressed, 2 when a file cannot be (nothing is written for it)."})
final class FpackCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "FITS files")
    List<Path> files;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "write the .fz files here (default: beside"
            + " each input)")
    Path out;

    @Option(names = "--tile-rows", paramLabel = "N", defaultValue = "1", description = "rows per tile (default 1, as"
            + " fpack)")
    int tileRows;

    @Option(names = "--overwrite", description = "replace existing .fz files")
    boolean overwrite;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws DrpException {
        if (tileRows < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--tile-rows must be at least 1: " + tileRows);
        }
        PrintWriter pw = spec.commandLine().getOut();
        TileCompression c = TileCompression.rice().withTileRows(tileRows);
        long in = 0;
        long written = 0;
        for (Path f : files) {
            Path target = (out != null ? out : f.toAbsolutePath().getParent()).resolve(f.getFileName() + ".fz");
            Fpack.Result r = Fpack.compress(f, target, c, overwrite);
            pw.println(r);
            in += r.inputBytes();
            written += r.outputBytes();
        }
        if (files.size() > 1) {
            pw.printf("%d files: %d -> %d bytes (%.2fx)%n", files.size(), in, written, (double) in / written);
        }
        pw.flush();
        return 0;
    }
}
