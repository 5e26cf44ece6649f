package org.drpkit.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.drpkit.algorithms.resample.LogGrid;
import org.drpkit.algorithms.resample.Resample;
import org.drpkit.algorithms.resample.ResampleMethod;
import org.drpkit.algorithms.resample.ResampleParams;
import org.drpkit.algorithms.resample.ResampledSpectra;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.fits.ApogeeSpectrumFiles;
import org.drpkit.fits.ApogeeVisit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code drpkit resample VISIT.fits --out UNI.fits [--grid apogee|STAR.fits] [--flux-conserving] [--json]}: the
 * chips of a visit spectrum (apVisit layout: FLUX, ERROR, MASK, WAVELENGTH per chip) resampled onto a log-uniform
 * grid and combined into one spectrum, written in the apStar layout (FLUX, ERROR, MASK, IVAR with CRVAL1, CDELT1,
 * NAXIS1).
 *
 * <pre>
 * drpkit resample apVisit-2M00452143+1634446-0.fits --grid apStar-r6-2M03290406+3117075.fits --out uni.fits
 * </pre>
 */
@Command(name = "resample", mixinStandardHelpOptions = true,
        description = "Resample a visit spectrum's chips onto a log-uniform wavelength grid (Lanczos-4, or "
                + "flux-conserving rebinning) and write one spectrum (FLUX, ERROR, MASK, IVAR; CRVAL1/CDELT1 grid).")
final class ResampleCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "VISIT.fits", description = "apVisit-like file: FLUX, ERROR, MASK, "
            + "WAVELENGTH (chips x pixels), by EXTNAME or upstream's HDU positions")
    Path input;

    @CommandLine.Mixin
    OutputOptions output;

    @Option(names = "--grid", defaultValue = "apogee", paramLabel = "apogee|FILE",
            description = "the APOGEE grid (8700 px from 10^4.17825 A) or the grid of a file's FLUX HDU (CRVAL1, "
                    + "CDELT1, NAXIS1, e.g. an apStar) (default: ${DEFAULT-VALUE})")
    String grid;

    @Option(names = "--flux-conserving", description = "rebin by pixel overlap (integrated flux conserved) instead "
            + "of Lanczos-4 interpolation")
    boolean fluxConserving;

    @Option(names = "--bad-bits", defaultValue = "0x7F", paramLabel = "BITS", converter = BitsConverter.class,
            description = "MASK bits that make an input pixel unusable (default: ${DEFAULT-VALUE}, APOGEE_PIXMASK "
                    + "BADPIX..BADERR)")
    int badBits;

    @Option(names = "--workers", defaultValue = "1", paramLabel = "N", description = "worker threads (default: "
            + "${DEFAULT-VALUE}; the result does not depend on it)")
    int workers;

    @Option(names = "--json", description = "print one JSON document for machines instead of the summary line")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws DrpException, JsonProcessingException {
        if (workers < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--workers must be at least 1");
        }
        ApogeeVisit visit = ApogeeSpectrumFiles.readVisit(input);
        LogGrid g = grid.trim().equalsIgnoreCase("apogee") ? LogGrid.apogee()
                : LogGrid.fromHeader(ApogeeSpectrumFiles.readStar(Path.of(grid)).fluxHeader());
        ResampleParams p = ResampleParams.defaults().withBadBits(badBits)
                .withMethod(fluxConserving ? ResampleMethod.FLUX_CONSERVING : ResampleMethod.LANCZOS4);
        ResampledSpectra r = Resample.exposure(visit.chips(), g, p, workers);
        Header.Builder h = Header.builder().add("ORIGIN", "drpkit", "written by drpkit")
                .add("PRODTYPE", "UNISPEC", "spectrum on a log-uniform grid")
                .add("INPUT", input.getFileName().toString(), "resampled visit")
                .add("RESAMPLE", r.method().name(), "kernel").add("GRID", grid.trim(), "grid source")
                .add("NCOVER", r.coveredPixels(), "grid pixels with data")
                .add("NLINEAR", r.linearPixels(), "pixels by the linear fallback");
        for (String k : new String[] {"OBJID", "OBJECT", "TELESCOP", "MJD5", "FIBERID", "RA", "DEC"}) {
            visit.primary().find(k).ifPresent(h::add);
        }
        ApogeeSpectrumFiles.writeStar(output.out, h.build(), g.fitsCards(), r.spectra(), output.overwrite);
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("input", input.toString());
            m.put("output", output.out.toString());
            m.put("method", r.method().name());
            m.put("chips", visit.chipCount());
            m.put("inputPixels", visit.pixels());
            m.put("gridPixels", g.count());
            m.put("log10Start", g.log10Start());
            m.put("log10Step", g.log10Step());
            m.put("coveredPixels", r.coveredPixels());
            m.put("linearPixels", r.linearPixels());
            m.put("notCoveredPixels", r.notCoveredPixels());
            m.put("unusableChips", r.unusableChips());
            o.println(new ObjectMapper().writeValueAsString(m));
        } else {
            o.println(String.format(Locale.ROOT, "resampled %s (%d chips x %d px) onto %s with %s: %d of %d pixels "
                    + "covered (%d by the linear fallback); wrote %s", input.getFileName(), visit.chipCount(),
                    visit.pixels(), g, r.method(), r.coveredPixels(), g.count(), r.linearPixels(), output.out));
        }
        o.flush();
        return 0;
    }

    /** Parses decimal or 0x-prefixed hexadecimal bit masks. */
    static final class BitsConverter implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            return v.startsWith("0x") ? Integer.parseUnsignedInt(v.substring(2), 16) : Integer.parseInt(v);
        }
    }
}
