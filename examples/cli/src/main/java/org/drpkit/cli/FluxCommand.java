package org.drpkit.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.drpkit.algorithms.extract.FibreFlat;
import org.drpkit.algorithms.flux.FluxErrorCode;
import org.drpkit.algorithms.flux.RelativeFlux;
import org.drpkit.algorithms.flux.SkyFlux;
import org.drpkit.algorithms.flux.SkyFluxParams;
import org.drpkit.algorithms.flux.SkyScale;
import org.drpkit.algorithms.flux.StandardFlux;
import org.drpkit.algorithms.resample.LogGrid;
import org.drpkit.algorithms.resample.Resample;
import org.drpkit.algorithms.resample.ResampleParams;
import org.drpkit.algorithms.resample.ResampledSpectra;
import org.drpkit.algorithms.stats.RobustStats;
import org.drpkit.archive.almanac.FibreMap;
import org.drpkit.archive.almanac.FibreType;
import org.drpkit.cli.demo.ReductionFiles;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Spectra;
import org.drpkit.fits.ApogeeSpectrumFiles;
import org.drpkit.fits.FitsErrorCode;
import org.drpkit.fits.FitsReader;
import org.drpkit.fits.TableColumn;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code drpkit flux SPEC.fits... --flat FIBREFLAT.fits... --fibre-map MAP.par [--standards STD.txt] --out OUT.fits}:
 * one exposure's chips (extracted spectra with wavelengths) relatively fluxed and put on the log-uniform grid: each
 * chip divided by its own fibre flat ({@link RelativeFlux}), the chips resampled and combined, the sky fibres
 * brought onto one scale with a term per connector block ({@link SkyFlux}), and, with standards of known H
 * magnitude, the exposure's zero point ({@link StandardFlux}).
 *
 * <pre>
 * drpkit flux spec-a.fits spec-b.fits spec-c.fits --flat ff-a.fits --flat ff-b.fits --flat ff-c.fits \
 *     --fibre-map confSummary-20001.par --standards standards.txt --out fluxed-0012.fits
 * </pre>
 */
@Command(name = "flux", mixinStandardHelpOptions = true,
        description = "Relative fluxing of one exposure (fibre flats per chip, then the sky fibres and a term per "
                + "connector block on the log-uniform grid) and its zero point from standards; writes the fluxed "
                + "spectra on the grid (FLUX, ERROR, MASK, IVAR, FIBRE, CONNECTOR).")
final class FluxCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "SPEC.fits", description = "one exposure's chips: drpkit extract products "
            + "(FLUX, IVAR, MASK, FIBRE) with WAVE, or without and with --wave")
    List<Path> inputs;

    @Option(names = "--flat", required = true, paramLabel = "FIBREFLAT.fits", description = "the fibre flat of each "
            + "chip (drpkit fibreflat), in the order of the inputs")
    List<Path> flats;

    @Option(names = "--wave", paramLabel = "WAVE.fits", description = "wavelength solutions of each chip (drpkit "
            + "wavecal: WAVE and FIBRE per row), in the order of the inputs, for inputs without WAVE")
    List<Path> waves;

    @Option(names = "--fibre-map", required = true, paramLabel = "MAP.par", description = "the exposure's fibre map "
            + "(sky_apogee fibres are the sky, standard_apogee the standards)")
    Path fibreMap;

    @Option(names = "--standards", paramLabel = "FILE", description = "H magnitudes of standards: lines "
            + "'TARGET H' (# comments); without, no zero point")
    Path standards;

    @Option(names = "--no-connector-terms", description = "scale only the sky fibres (each by its own ratio), not "
            + "every fibre by its connector block's term")
    boolean noConnectorTerms;

    @Option(names = "--own-sky-ratio", description = "divide each sky fibre by its own ratio to the median sky "
            + "instead of its block's term")
    boolean ownSkyRatio;

    @Option(names = "--block", defaultValue = "30", paramLabel = "N", description = "fibres per connector block "
            + "(default: ${DEFAULT-VALUE})")
    int block;

    @Option(names = "--grid", defaultValue = "apogee", paramLabel = "apogee|FILE", description = "the APOGEE grid or "
            + "the grid of a file's FLUX HDU (default: ${DEFAULT-VALUE})")
    String grid;

    @Option(names = "--workers", defaultValue = "1", paramLabel = "N", description = "worker threads (default: "
            + "${DEFAULT-VALUE}; the result does not depend on it)")
    int workers;

    @Option(names = "--json", description = "print one JSON document instead of the summary")
    boolean json;

    @CommandLine.Mixin
    OutputOptions output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws DrpException, IOException {
        if (flats.size() != inputs.size() || (waves != null && waves.size() != inputs.size())) {
            throw new CommandLine.ParameterException(spec.commandLine(), inputs.size() + " inputs need as many "
                    + "--flat" + (waves != null ? " and --wave" : "") + " files, in the same order");
        }
        if (workers < 1 || block < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--workers and --block must be at least 1");
        }
        LogGrid g = grid.trim().equalsIgnoreCase("apogee") ? LogGrid.apogee()
                : LogGrid.fromHeader(ApogeeSpectrumFiles.readStar(Path.of(grid)).fluxHeader());
        FibreMap map = FibreMap.read(fibreMap);
        List<Spectra> chips = new ArrayList<>();
        int[] fibres = null;
        Header primary = null;
        for (int c = 0; c < inputs.size(); c++) {
            ReductionFiles.ExtractedSpectra in = ReductionFiles.readSpectra(inputs.get(c));
            if (fibres == null) {
                fibres = in.fibres();
                primary = in.primary();
            } else if (!java.util.Arrays.equals(fibres, in.fibres())) {
                throw new DrpException(FitsErrorCode.FITS_WRONG_DATA, Location.file(inputs.get(c).toString())
                        .keyword("FIBRE"), "its rows are other fibres than those of " + inputs.get(0));
            }
            Spectra s = in.spectra();
            if (waves != null) {
                s = s.withWavelength(wavelengths(waves.get(c), in.fibres(), s.pixels()));
            } else if (s.wavelength().isEmpty()) {
                throw new DrpException(FitsErrorCode.FITS_NO_SUCH_HDU, Location.file(inputs.get(c).toString())
                        .keyword("EXTNAME"), "no WAVE extension: give the chip's wavelength solution with --wave");
            }
            chips.add(RelativeFlux.applyFlat(s, in.fibres(), readFlat(flats.get(c))).spectra());
        }
        ResampledSpectra r = Resample.exposure(chips, g, ResampleParams.defaults(), workers);
        List<Integer> sky = new ArrayList<>();
        List<Integer> std = new ArrayList<>();
        for (int i = 0; i < fibres.length; i++) {
            FibreType t = map.fibre(fibres[i]).type();
            if (t == FibreType.SKY) {
                sky.add(i);
            } else if (t == FibreType.TELLURIC) {
                std.add(i);
            }
        }
        SkyFluxParams p = new SkyFluxParams(block, !noConnectorTerms, ownSkyRatio, 5,
                SkyFluxParams.defaults().badBits());
        SkyScale scale = SkyFlux.fit(r.spectra(), fibres, sky.stream().mapToInt(Integer::intValue).toArray(), p);
        Spectra fluxed = scale.apply(r.spectra());
        StandardFlux.Scale zp = null;
        if (standards != null) {
            Map<String, Double> h = readStandards(standards);
            List<Integer> rows = new ArrayList<>();
            List<Double> mags = new ArrayList<>();
            for (int i : std) {
                Double m = h.get(map.fibre(fibres[i]).target());
                if (m != null) {
                    rows.add(i);
                    mags.add(m);
                }
            }
            zp = StandardFlux.fit(fluxed, g, rows.stream().mapToInt(Integer::intValue).toArray(),
                    mags.stream().mapToDouble(Double::doubleValue).toArray(), scale.sky());
        }
        double skyLevel = skyLevel(scale.sky());
        Header.Builder hb = Header.builder().add("ORIGIN", "drpkit", "written by drpkit")
                .add("PRODTYPE", "FLUXED", "relatively fluxed spectra on a log grid")
                .add("FIBREMAP", map.id(), "fibre map id")
                .add("NSKY", (long) scale.skyUsed(), "sky fibres used")
                .add("SKYLEVEL", skyLevel, "median sky, DN/read per pixel (fluxed)")
                .add("SKYRMS", scale.rmsBefore(), "sky fibres' relative rms over the field")
                .add("SKYRMSB", Double.isFinite(scale.rmsBlocks()) ? scale.rmsBlocks() : -1.0,
                        "their rms within connector blocks (-1: none)")
                .add("CONNTERM", !noConnectorTerms, "connector-block terms applied to every fibre");
        for (String k : new String[] {"MJD-OBS", "MJD5", "EXPOSURE", "EXPNUM", "DATE-OBS", "TELESCOP", "LSFSIG"}) {
            primary.find(k).ifPresent(hb::add);
        }
        if (zp != null) {
            hb.add("ZEROPT", zp.zeroPoint(), "H mag of 1 DN/read per pixel")
                    .add("ZEROPTER", Double.isFinite(zp.zeroPointError()) ? zp.zeroPointError() : -1.0,
                            "its 1-sigma error, mag (-1: one standard)")
                    .add("FLUXCAL", zp.fluxPerCount(), "erg/s/cm2/A per DN/read per pixel");
        }
        int blocks = scale.connector().length;
        long[] index = new long[blocks];
        long[] nsky = new long[blocks];
        for (int b = 0; b < blocks; b++) {
            index[b] = b;
            nsky[b] = scale.skyPerBlock()[b];
        }
        List<TableColumn> conn = List.of(TableColumn.longs("BLOCK", "", index),
                TableColumn.doubles("TERM", "", scale.connector()),
                TableColumn.doubles("ERROR", "", scale.connectorError()), TableColumn.longs("NSKY", "", nsky));
        GridSpectraFiles.write(output.out, hb.build(), g, fluxed, fibres, null,
                List.of(new GridSpectraFiles.Table("CONNECTOR", conn)), output.overwrite);
        print(scale, zp, skyLevel, fibres.length);
        return 0;
    }

    private void print(SkyScale scale, StandardFlux.Scale zp, double skyLevel, int rows)
            throws JsonProcessingException {
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("output", output.out.toString());
            m.put("fibres", rows);
            m.put("skyFibres", scale.skyRows().length);
            m.put("skyFibresUsed", scale.skyUsed());
            m.put("skyLevel", skyLevel);
            m.put("skyFieldRms", scale.rmsBefore());
            m.put("skyBlockRms", Double.isFinite(scale.rmsBlocks()) ? scale.rmsBlocks() : null);
            m.put("skyNoiseRms", scale.rmsExpected());
            m.put("connectorTerms", scale.connector());
            if (zp != null) {
                m.put("zeroPoint", zp.zeroPoint());
                m.put("zeroPointError", Double.isFinite(zp.zeroPointError()) ? zp.zeroPointError() : null);
                m.put("fluxPerCount", zp.fluxPerCount());
                m.put("standardsUsed", java.util.stream.IntStream.range(0, zp.used().length)
                        .filter(i -> zp.used()[i]).count());
            }
            o.println(new ObjectMapper().writeValueAsString(m));
        } else {
            o.println(scale);
            if (zp != null) {
                o.println(zp);
            }
            o.println(String.format(Locale.ROOT, "wrote %s (%d fibres, median sky %.2f DN/read per pixel)",
                    output.out, rows, skyLevel));
        }
        o.flush();
    }

    static double skyLevel(float[] sky) {
        float[] v = new float[sky.length];
        int k = 0;
        for (float s : sky) {
            if (Float.isFinite(s)) {
                v[k++] = s;
            }
        }
        return k == 0 ? Double.NaN : RobustStats.median(v, 0, k, new float[k]);
    }

    /** Reads a fibre-flat product (RELATIVE, ERROR, FIBRE). */
    static FibreFlat.Throughput readFlat(Path file) throws DrpException {
        try (FitsReader r = FitsReader.open(file)) {
            double[] rel = r.readDoubles("RELATIVE");
            double[] err = r.readDoubles("ERROR");
            int[] fibres = r.readMask("FIBRE").toArray();
            if (rel.length != fibres.length || err.length != fibres.length) {
                throw new DrpException(FitsErrorCode.FITS_WRONG_DATA, Location.file(file.toString()), "RELATIVE has "
                        + rel.length + " values, ERROR " + err.length + ", FIBRE " + fibres.length);
            }
            return new FibreFlat.Throughput(fibres, rel, err);
        }
    }

    /** The wavelengths of the given fibres from a wavecal product (WAVE and FIBRE per row). */
    static double[] wavelengths(Path file, int[] fibres, int pixels) throws DrpException {
        try (FitsReader r = FitsReader.open(file)) {
            double[] wave = r.readDoubles("WAVE");
            if (r.find("FIBRE").isEmpty()) {
                throw new DrpException(FitsErrorCode.FITS_NO_SUCH_HDU, Location.file(file.toString())
                        .keyword("EXTNAME"), "no FIBRE extension: the solution does not say which fibre each row is");
            }
            int[] rowFibre = r.readMask("FIBRE").toArray();
            if ((long) rowFibre.length * pixels != wave.length) {
                throw new DrpException(FitsErrorCode.FITS_WRONG_DATA, Location.file(file.toString()).keyword("NAXIS1"),
                        "WAVE holds " + wave.length + " values for " + rowFibre.length + " rows of " + pixels
                                + " pixels (the spectra's)");
            }
            Map<Integer, Integer> row = new HashMap<>();
            for (int k = 0; k < rowFibre.length; k++) {
                row.put(rowFibre[k], k);
            }
            double[] out = new double[fibres.length * pixels];
            for (int i = 0; i < fibres.length; i++) {
                Integer k = row.get(fibres[i]);
                if (k == null) {
                    throw new DrpException(FitsErrorCode.FITS_WRONG_DATA, Location.file(file.toString())
                            .keyword("FIBRE"), "no solution for fibre " + fibres[i]);
                }
                System.arraycopy(wave, k * pixels, out, i * pixels, pixels);
            }
            return out;
        }
    }

    /** Reads 'TARGET H' lines. */
    static Map<String, Double> readStandards(Path file) throws DrpException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DrpException(FluxErrorCode.FLUX_BAD_STANDARDS, Location.file(file.toString()), e.toString(), e);
        }
        Map<String, Double> out = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] t = l.split("\\s+");
            double h;
            try {
                h = t.length == 2 ? Double.parseDouble(t[1]) : Double.NaN;
            } catch (NumberFormatException e) {
                h = Double.NaN;
            }
            if (!Double.isFinite(h)) {
                throw new DrpException(FluxErrorCode.FLUX_BAD_STANDARDS, Location.file(file + ":" + (i + 1)),
                        "expected 'TARGET H' (an id and an H magnitude), got '" + l + "'");
            }
            out.put(t[0], h);
        }
        return out;
    }
}
