package org.drpkit.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.fits.FitsHeaders;
import org.drpkit.fits.HduInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code drpkit header FILE}: prints the headers of a FITS file, like {@code fitsheader}; a tile-compressed image
 * is shown by the header of the image it holds, and marked as compressed.
 */
@Command(name = "header", description = "Print the header(s) of a FITS file, card by card, and report duplicated keywords.")
final class HeaderCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "FITS file")
    Path file;

    @Option(names = "--hdu", paramLabel = "N", description = "print only HDU N (0 = primary); default: all")
    Integer hdu;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            List<HduInfo> hdus = FitsHeaders.scan(file);
            List<Header> headers = new ArrayList<>();
            for (HduInfo h : hdus) {
                headers.add(h.imageHeader()); // a tile-compressed image shows the header of the image it holds
            }
            for (int i = 0; i < headers.size(); i++) {
                if (hdu != null && hdu != i) {
                    continue;
                }
                if (hdus.get(i).isCompressedImage()) {
                    out.printf("# HDU %d in %s (tile-compressed %s image; its image header):%n", i, file,
                            hdus.get(i).header().getString("ZCMPTYPE").map(String::trim).orElse("?"));
                } else {
                    out.printf("# HDU %d in %s:%n", i, file);
                }
                out.print(headers.get(i));
                for (Map.Entry<String, Integer> d : headers.get(i).duplicates().entrySet()) {
                    out.printf("# duplicated keyword %s appears %d times%n", d.getKey(), d.getValue());
                }
            }
            if (hdu != null && hdu >= headers.size()) {
                spec.commandLine().getErr().printf("%s has %d HDUs; there is no HDU %d%n", file, headers.size(), hdu);
                return Drpkit.EXIT_BAD_INPUT;
            }
            out.flush();
            return 0;
        } catch (DrpException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return Drpkit.EXIT_BAD_INPUT;
        }
    }
}
