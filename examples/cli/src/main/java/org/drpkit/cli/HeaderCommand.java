package org.drpkit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.fits.FitsHeaders;
import org.drpkit.fits.HduInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code drpkit header FILE}: prints the headers of a FITS file, like {@code fitsheader}; a tile-compressed image
 * is shown by the header of the image it holds, and marked as compressed. With {@code --canonical}, the header as
 * the file's instrument plugin fixes it, with the fix log, warnings, archive id and image type.
 */
@Command(name = "header", description = {
    "Print the header(s) of a FITS file, card by card, and report duplicated keywords.",
    "With --canonical: the instrument's fixed header, its fix log and warnings, the archive id and the image type."})
final class HeaderCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "FITS file")
    Path file;

    @Option(names = "--hdu", paramLabel = "N", description = "print only HDU N (0 = primary); default: all")
    Integer hdu;

    @Option(names = "--canonical", description = "fix the header with the file's instrument plugin and print it")
    boolean canonical;

    @Option(names = "--instrument", paramLabel = "NAME",
            description = "with --canonical: use this instrument instead of recognising the header")
    String instrument;

    @Option(names = "--progid", paramLabel = "ID", description = "with --canonical: the program id to assign")
    String progid;

    @Option(names = "--option", paramLabel = "KEY=VALUE",
            description = "with --canonical: a fix option, e.g. zeroPropint=off, assignProgname=U205, corrections=DIR")
    Map<String, String> options = new LinkedHashMap<>();

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
            if (canonical) {
                Map<String, String> opts = new LinkedHashMap<>(options);
                if (progid != null) {
                    opts.put("progid", progid);
                }
                CanonicalHeader.print(CanonicalHeader.fix(file, headers, opts, instrument), file, out);
                out.flush();
                return 0;
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
