package org.drpkit.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.drpkit.algorithms.stats.RobustStats;
import org.drpkit.algorithms.wave.ArcCalibration;
import org.drpkit.algorithms.wave.ArcPeaks;
import org.drpkit.algorithms.wave.ChipWavelength;
import org.drpkit.algorithms.wave.FabryPerot;
import org.drpkit.algorithms.wave.LineIdentification;
import org.drpkit.algorithms.wave.WavelengthFit;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.Mask;
import org.drpkit.core.image.Spectra;
import org.drpkit.core.lines.ArcLine;
import org.drpkit.fits.FitsErrorCode;
import org.drpkit.fits.FitsReader;
import org.drpkit.fits.FitsWriter;
import org.drpkit.fits.LineListFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code drpkit wavecal}: wavelength calibration. {@code wavecal arc SPEC.fits --lines LIST} solves every row of an
 * arc spectrum against an APOGEE arc line list ({@link ArcCalibration}): either a plain 1D spectrum image of shape
 * chips x columns (row k is CHIPNUM k + 1 unless {@code --chip} names one chip), or a product of
 * {@code drpkit extract} (one chip, from its CHIP keyword or {@code --chip}; one solution per fibre).
 *
 * <pre>
 * drpkit wavecal arc ../shared/data/apogee/UNe_medspectrum.fits --lines ../shared/data/apogee/UNe.vac.apogee --json
 * drpkit wavecal arc une-spec-b.fits --lines UNe.vac.apogee --out wave-b.fits
 * drpkit wavecal fpi --fpi fpi-R.fits --arc une-R.fits --fpi fpi-G.fits --arc une-G.fits --lines UNe.vac.apogee
 * drpkit wavecal sky sci-R.fits sci-G.fits sci-B.fits --solution wave-fpi.fits --lines APOGEE_lines.csv --json
 * drpkit wavecal dither fpi2-R.fits fpi2-G.fits fpi2-B.fits --solution wave-fpi.fits
 * </pre>
 */
@Command(name = "wavecal", mixinStandardHelpOptions = true, description = "Wavelength calibration.",
        subcommands = {WavecalCommand.Arc.class, WavecalCommand.Fpi.class, WavecalTweak.Sky.class,
            WavecalTweak.Dither.class})
final class WavecalCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a step: arc, fpi, sky or dither");
    }

    /** {@code drpkit wavecal arc}: the arc-lamp solution per chip or fibre. */
    @Command(name = "arc", mixinStandardHelpOptions = true,
            description = {"Arc-lamp wavelength solution: finds and fits the lines, identifies them against the list "
                + "(USEWAVE = 1 lines; the spectrum may be shifted against the list's XPIX by a few columns) and fits "
                + "a robust weighted polynomial per row.",
                "Prints per row the lines found, used and rejected and the residual rms in Angstrom and m/s; writes "
                + "WAVE (Angstrom per column), COEFF, CHIPNUM and, for extracted spectra, FIBRE with --out."})
    static final class Arc implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "SPEC.fits",
                description = "1D arc spectra: an image of chips x columns, or a drpkit extract product")
        Path input;

        @CommandLine.Mixin
        SolutionOptions common;

        @Option(names = "--chip", paramLabel = "N", description = "CHIPNUM of the input (1 red, 2 green, 3 blue)")
        Integer chip;

        @Option(names = "--all-lines", description = "use every line of the list, not only USEWAVE = 1")
        boolean allLines;

        @Option(names = "--max-shift", defaultValue = "5", paramLabel = "COLUMNS",
                description = "largest shift against the list's XPIX searched (default: ${DEFAULT-VALUE})")
        double maxShift;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws DrpException, JsonProcessingException {
            PrintWriter o = spec.commandLine().getOut();
            common.check(spec);
            if (chip != null && (chip < 1 || chip > 3)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--chip must be 1, 2 or 3");
            }
            List<ArcLine> list = LineListFiles.readArcLines(common.lines);
            Rows rows = Rows.read(input, chip);
            ArcCalibration.Params p = new ArcCalibration.Params(
                    ArcPeaks.Params.defaults(), LineIdentification.Params.defaults().withMaxShift(maxShift),
                    common.degree, !allLines);
            List<ArcCalibration.ChipResult> results = new ArrayList<>();
            for (int r = 0; r < rows.count(); r++) {
                results.add(ArcCalibration.solve(rows.chip(r), rows.flux(r), rows.ivar(r), list, p));
            }
            if (common.json) {
                List<Map<String, Object>> docs = new ArrayList<>();
                for (int r = 0; r < results.size(); r++) {
                    docs.add(toJson(results.get(r), rows.fibre(r)));
                }
                o.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(docs));
            } else {
                for (int r = 0; r < results.size(); r++) {
                    o.println((rows.fibre(r) > 0 ? "fibre " + rows.fibre(r) + ": " : "") + summary(results.get(r)));
                }
            }
            if (common.out != null) {
                write(rows, results);
                if (!common.json) {
                    o.println("wrote " + common.out);
                }
            }
            o.flush();
            return 0;
        }

        static String summary(ArcCalibration.ChipResult c) {
            return String.format(Locale.ROOT, "chip %d: %d lines searched, %d found, %d used, %d rejected, shift %+.2f"
                    + " columns, rms %.4f A (%.0f m/s), weighted rms %.4f A (%.0f m/s)", c.chip(), c.lines().size(),
                    c.linesFound(), c.linesUsed(), c.linesFound() - c.linesUsed(), c.identification().shift(),
                    c.fit().rms(), c.fit().rmsMetresPerSecond(), c.fit().weightedRms(),
                    c.fit().weightedRmsMetresPerSecond());
        }

        static Map<String, Object> toJson(ArcCalibration.ChipResult c, int fibre) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("chip", c.chip());
            if (fibre > 0) {
                m.put("fibre", fibre);
            }
            m.put("linesSearched", c.lines().size());
            m.put("linesFound", c.linesFound());
            m.put("linesUsed", c.linesUsed());
            m.put("linesRejected", c.rejected().stream().map(ArcLine::id).toList());
            m.put("linesMissing", c.missing().stream().map(ArcLine::id).toList());
            m.put("shiftColumns", c.identification().shift());
            m.put("rmsAngstrom", c.fit().rms());
            m.put("rmsMetresPerSecond", c.fit().rmsMetresPerSecond());
            m.put("weightedRmsAngstrom", c.fit().weightedRms());
            m.put("weightedRmsMetresPerSecond", c.fit().weightedRmsMetresPerSecond());
            m.put("coefficients", c.fit().solution().coeff());
            return m;
        }

        private void write(Rows rows, List<ArcCalibration.ChipResult> results) throws DrpException {
            List<ChipWavelength> sols = new ArrayList<>();
            int[] chips = new int[rows.count()];
            int[] fibres = new int[rows.count()];
            for (int r = 0; r < rows.count(); r++) {
                sols.add(results.get(r).fit().solution());
                chips[r] = rows.chip(r);
                fibres[r] = rows.fibre(r);
            }
            Header primary = Header.builder().add("ORIGIN", "drpkit", "written by drpkit")
                    .add("PRODTYPE", "WAVECAL", "product type").add("WAVETYPE", "arc", "solution from an arc lamp")
                    .add("INPUT", input.getFileName().toString(), "arc spectra")
                    .add("LINELIST", common.lines.getFileName().toString(), "arc line list")
                    .add("WDEGREE", common.degree, "polynomial degree in u = (x - 1023.5) / 1024").build();
            writeSolutions(common.out, common.overwrite, primary, sols, rows.columns(), chips, fibres);
        }
    }

    /** {@code drpkit wavecal fpi}: the etalon's cavity and the joint solutions of every fibre and chip. */
    @Command(name = "fpi", mixinStandardHelpOptions = true,
            description = {"Fabry-Perot solution: the etalon's cavity (L, eps), common to every fibre and chip, fitted "
                + "jointly with one polynomial per fibre and chip through the arc lines (absolute) and the etalon "
                + "peaks (lambda_m = 2L/(m + eps)).",
                "Give the chips as pairs of extracted etalon and arc spectra (drpkit extract products, same fibres), "
                + "in the same order; use all three chips: their spread of orders separates L from eps."})
    static final class Fpi implements Callable<Integer> {

        @Option(names = "--fpi", required = true, paramLabel = "SPEC.fits", description = "extracted etalon spectra")
        List<Path> fpi;

        @Option(names = "--arc", required = true, paramLabel = "SPEC.fits",
                description = "extracted arc spectra of the same chip, one per --fpi")
        List<Path> arc;

        @CommandLine.Mixin
        SolutionOptions common;

        @Option(names = "--length", defaultValue = "3.7363125e7", paramLabel = "ANGSTROM",
                description = "starting cavity length L (default: ${DEFAULT-VALUE}, the spec's APO value)")
        double length;

        @Option(names = "--phase", defaultValue = "0.225", paramLabel = "EPS",
                description = "starting phase eps (default: ${DEFAULT-VALUE})")
        double phase;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws DrpException, JsonProcessingException {
            PrintWriter o = spec.commandLine().getOut();
            if (fpi.size() != arc.size()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "give one --arc for every --fpi ("
                        + fpi.size() + " --fpi, " + arc.size() + " --arc)");
            }
            common.check(spec);
            List<ArcLine> list = LineListFiles.readArcLines(common.lines);
            ArcCalibration.Params p = ArcCalibration.Params.defaults().withDegree(common.degree);
            List<FabryPerot.Fibre> fibres = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            List<int[]> rows = new ArrayList<>();   // chip, fibre, columns of each fitted row
            List<ArcCalibration.ChipResult> arcs = new ArrayList<>();
            List<String> leftOut = new ArrayList<>();
            for (int c = 0; c < fpi.size(); c++) {
                Rows f = Rows.read(fpi.get(c), null);
                Rows a = Rows.read(arc.get(c), null);
                if (f.count() != a.count() || f.fibre(0) != a.fibre(0) || f.chip(0) != a.chip(0)) {
                    throw new DrpException(FitsErrorCode.FITS_BAD_HEADER, Location.file(arc.get(c).toString()),
                            "the arc does not match " + fpi.get(c).getFileName() + " (chip, fibres)");
                }
                for (int r = 0; r < f.count(); r++) {
                    String label = "chip " + f.chip(r) + (f.fibre(r) > 0 ? " fibre " + f.fibre(r) : "");
                    ArcCalibration.ChipResult ar;
                    try {
                        ar = ArcCalibration.solve(a.chip(r), a.flux(r), a.ivar(r), list, p);
                    } catch (DrpException e) {
                        leftOut.add(label + ": " + e.getMessage());   // a dark or broken fibre, named below
                        continue;
                    }
                    fibres.add(FabryPerot.Fibre.of(ArcPeaks.find(f.flux(r), f.ivar(r), ArcPeaks.Params.defaults()),
                            ar));
                    labels.add(label);
                    rows.add(new int[] {f.chip(r), f.fibre(r), f.columns()});
                    arcs.add(ar);
                }
            }
            FabryPerot.Result r = FabryPerot.fit(fibres, new FabryPerot.Cavity(length, phase, 0, 0), common.degree);
            double[] rms = r.peakRms().clone();
            Arrays.sort(rms);
            double lam = r.solution(0).wavelength(1023.5);
            if (common.out != null) {
                write(r, rows);
            }
            List<ArcCheck> checks = ArcCheck.of(r, rows, arcs);
            if (common.json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("lengthAngstrom", r.cavity().length());
                m.put("lengthError", r.cavity().lengthError());
                m.put("phase", r.cavity().phase());
                m.put("phaseError", r.cavity().phaseError());
                m.put("fibres", fibres.size());
                m.put("leftOut", leftOut);
                m.put("peaksUsed", r.peaksUsed());
                m.put("medianPeakRmsAngstrom", rms[rms.length / 2]);
                m.put("medianPeakRmsMetresPerSecond", WavelengthFit.C_METRES_PER_SECOND * rms[rms.length / 2] / lam);
                List<Map<String, Object>> cross = new ArrayList<>();
                for (ArcCheck c : checks) {
                    Map<String, Object> cm = new LinkedHashMap<>();
                    cm.put("chip", c.chip());
                    cm.put("fibres", c.fibres());
                    cm.put("medianAngstrom", c.median());
                    cm.put("medianMetresPerSecond", c.medianMetresPerSecond());
                    cm.put("worstAngstrom", c.worst());
                    cm.put("worstMetresPerSecond", c.worstMetresPerSecond());
                    cross.add(cm);
                }
                m.put("arcMinusFpi", cross);
                o.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m));
            } else {
                o.println(r);
                o.printf(Locale.ROOT, "%d fibre-chips fitted of %s%n", fibres.size(), labels.isEmpty() ? "none"
                        : labels.get(0) + " .. " + labels.get(labels.size() - 1));
                for (ArcCheck c : checks) {
                    o.println(c);
                }
                for (String l : leftOut) {
                    o.println("left out (no arc solution): " + l);
                }
                if (common.out != null) {
                    o.println("wrote " + common.out);
                }
            }
            o.flush();
            return 0;
        }

        /**
         * The cross-check of the two calibrations on one chip: each fibre's arc-lamp solution against its joint
         * etalon solution, rms over the columns between the arc's first and last line used (Angstrom); medians and
         * worst over the chip's fibres. The etalon's comb constrains the solution far better than the arc's few
         * lines, so this measures the arc solutions' error.
         *
         * @param lambda a wavelength of the chip (Angstrom), for m/s
         */
        record ArcCheck(int chip, int fibres, double median, double worst, double lambda) {

            static List<ArcCheck> of(FabryPerot.Result r, List<int[]> rows, List<ArcCalibration.ChipResult> arcs) {
                Map<Integer, List<Double>> byChip = new java.util.TreeMap<>();
                Map<Integer, Double> lambda = new java.util.TreeMap<>();
                for (int k = 0; k < rows.size(); k++) {
                    ArcCalibration.ChipResult a = arcs.get(k);
                    double[] range = a.usedRange();
                    if (Double.isNaN(range[0])) {
                        continue;
                    }
                    ChipWavelength arc = a.fit().solution();
                    byChip.computeIfAbsent(rows.get(k)[0], c -> new ArrayList<>())
                            .add(arc.rmsDifference(r.solution(k), range[0], range[1]));
                    lambda.putIfAbsent(rows.get(k)[0], arc.wavelength(0.5 * (range[0] + range[1])));
                }
                List<ArcCheck> out = new ArrayList<>();
                for (Map.Entry<Integer, List<Double>> e : byChip.entrySet()) {
                    double[] d = e.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
                    out.add(new ArcCheck(e.getKey(), d.length, RobustStats.median(d), d[d.length - 1],
                            lambda.get(e.getKey())));
                }
                return out;
            }

            double medianMetresPerSecond() {
                return WavelengthFit.C_METRES_PER_SECOND * median / lambda;
            }

            double worstMetresPerSecond() {
                return WavelengthFit.C_METRES_PER_SECOND * worst / lambda;
            }

            @Override
            public String toString() {
                return String.format(Locale.ROOT, "chip %d: arc minus etalon solution over the arc's lines, %d fibres:"
                        + " median %.4f A (%.0f m/s), worst %.4f A (%.0f m/s)", chip, fibres, median,
                        medianMetresPerSecond(), worst, worstMetresPerSecond());
            }
        }

        private void write(FabryPerot.Result r, List<int[]> rows) throws DrpException {
            int n = rows.get(0)[2];
            List<ChipWavelength> sols = new ArrayList<>();
            int[] chips = new int[rows.size()];
            int[] fibreNumbers = new int[rows.size()];
            for (int k = 0; k < rows.size(); k++) {
                if (rows.get(k)[2] != n) {
                    throw new DrpException(FitsErrorCode.FITS_BAD_HEADER, Location.file(fpi.get(0).toString()),
                            "the inputs differ in columns (" + n + " and " + rows.get(k)[2] + "): one WAVE image"
                                    + " cannot hold them");
                }
                sols.add(r.solution(k));
                chips[k] = rows.get(k)[0];
                fibreNumbers[k] = rows.get(k)[1];
            }
            Header primary = Header.builder().add("ORIGIN", "drpkit", "written by drpkit")
                    .add("PRODTYPE", "WAVECAL", "product type").add("WAVETYPE", "fpi", "etalon and arc, joint fit")
                    .add("LINELIST", common.lines.getFileName().toString(), "arc line list")
                    .add("WDEGREE", common.degree, "polynomial degree in u = (x - 1023.5) / 1024")
                    .add("CAVLEN", r.cavity().length(), "etalon cavity length L, Angstrom")
                    .add("CAVLENER", r.cavity().lengthError(), "its 1-sigma error, Angstrom")
                    .add("CAVEPS", r.cavity().phase(), "etalon phase eps")
                    .add("CAVEPSER", r.cavity().phaseError(), "its 1-sigma error").build();
            writeSolutions(common.out, common.overwrite, primary, sols, n, chips, fibreNumbers);
        }
    }

    /**
     * Writes solutions: the primary header, then WAVE (float64, Angstrom per column, one row per solution), COEFF
     * (a_0..a_d), CHIPNUM and, when any fibre number is known, FIBRE.
     */
    static void writeSolutions(Path out, boolean overwrite, Header primary, List<ChipWavelength> sols, int columns,
            int[] chips, int[] fibres) throws DrpException {
        solutionsWriter(primary, sols, columns, chips, fibres).write(out, overwrite);
    }

    /** @return a writer holding the HDUs of {@link #writeSolutions}, to which a step may add its own */
    static FitsWriter solutionsWriter(Header primary, List<ChipWavelength> sols, int columns, int[] chips,
            int[] fibres) {
        int deg = sols.get(0).coeff().length;
        double[] wave = new double[sols.size() * columns];
        double[] coeff = new double[sols.size() * deg];
        for (int k = 0; k < sols.size(); k++) {
            System.arraycopy(sols.get(k).wavelengths(columns), 0, wave, k * columns, columns);
            System.arraycopy(sols.get(k).coeff(), 0, coeff, k * deg, deg);
        }
        FitsWriter w = FitsWriter.create().primary(primary)
                .doubleImage("WAVE", Header.builder().comment("vacuum wavelength per column, Angstrom").build(),
                        columns, sols.size(), wave)
                .doubleImage("COEFF", Header.builder().comment("a_0..a_d of lambda(u), Angstrom").build(), deg,
                        sols.size(), coeff)
                .mask("CHIPNUM", Header.builder().comment("CHIPNUM of each row").build(),
                        Mask.of(sols.size(), 1, chips));
        if (Arrays.stream(fibres).anyMatch(f -> f > 0)) {
            w.mask("FIBRE", Header.builder().comment("fibre number of each row").build(),
                    Mask.of(sols.size(), 1, fibres));
        }
        return w;
    }

    /** The options both steps share: the line list, the polynomial degree, JSON output and the product written. */
    static final class SolutionOptions {

        @Option(names = "--lines", required = true, paramLabel = "LIST",
                description = "APOGEE arc line list (UNe.vac.apogee, tharne.lines.vac.apogee)")
        Path lines;

        @Option(names = "--degree", defaultValue = "4", paramLabel = "D",
                description = "polynomial degree of each solution (default: ${DEFAULT-VALUE})")
        int degree;

        @Option(names = "--json", description = "print one JSON document instead of the text summary")
        boolean json;

        @Option(names = "--out", paramLabel = "WAVE.fits",
                description = "write the solutions: WAVE, COEFF, CHIPNUM, FIBRE (fpi: the cavity in the primary)")
        Path out;

        @Option(names = "--overwrite", description = "replace an existing output")
        boolean overwrite;

        /** @throws CommandLine.ParameterException for a degree outside 1..6 */
        void check(CommandLine.Model.CommandSpec spec) {
            if (degree < 1 || degree > 6) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--degree must be 1..6");
            }
        }
    }

    /** The rows of an input: a plain chips x columns image, or extracted spectra of one chip. */
    record Rows(double[][] flux, double[][] ivar, int[] chips, int[] fibres) {

        int count() {
            return flux.length;
        }

        int columns() {
            return flux[0].length;
        }

        double[] flux(int r) {
            return flux[r];
        }

        double[] ivar(int r) {
            return ivar == null ? null : ivar[r];
        }

        int chip(int r) {
            return chips[r];
        }

        int fibre(int r) {
            return fibres == null ? 0 : fibres[r];
        }

        static Rows read(Path file, Integer chip) throws DrpException {
            try (FitsReader r = FitsReader.open(file)) {
                if (r.find(FitsReader.FLUX).isPresent()) {
                    return extracted(file, r, chip);
                }
                Image img = r.readImage(0);
                if (img.height() > 3 || chip != null && img.height() != 1) {
                    throw new DrpException(FitsErrorCode.FITS_BAD_HEADER, Location.file(file.toString()).hdu(0)
                            .keyword("NAXIS2"), "a plain arc spectrum has one row per chip (at most 3), or one row"
                            + " with --chip; this image has " + img.height());
                }
                double[][] f = new double[img.height()][img.width()];
                int[] chips = new int[img.height()];
                for (int y = 0; y < img.height(); y++) {
                    for (int x = 0; x < img.width(); x++) {
                        f[y][x] = img.get(x, y);
                    }
                    chips[y] = chip != null ? chip : y + 1;
                }
                return new Rows(f, null, chips, null);
            }
        }

        private static Rows extracted(Path file, FitsReader r, Integer chip) throws DrpException {
            Spectra s = r.readSpectra();
            int[] fibres = r.find("FIBRE").isPresent() ? r.readMask("FIBRE").toArray() : null;
            int c;
            if (chip != null) {
                c = chip;
            } else {
                String name = r.hdus().get(0).header().getString("CHIP").orElseThrow(() -> new DrpException(
                        FitsErrorCode.FITS_BAD_HEADER, Location.file(file.toString()).hdu(0).keyword("CHIP"),
                        "no CHIP keyword: name the chip with --chip"));
                c = switch (name.trim()) {   // drpkit's chip names, or the raw files' letters
                    case "R", "a" -> 1;
                    case "G", "b" -> 2;
                    case "B", "c" -> 3;
                    default -> throw new DrpException(FitsErrorCode.FITS_BAD_HEADER,
                            Location.file(file.toString()).hdu(0).keyword("CHIP"),
                            "CHIP '" + name + "' is not R, G, B (or a, b, c): name the chip with --chip");
                };
            }
            double[][] f = new double[s.fibres()][s.pixels()];
            double[][] iv = new double[s.fibres()][s.pixels()];
            float[] flux = s.flux();
            float[] ivar = s.ivar();
            int[] mask = s.mask();
            int[] chips = new int[s.fibres()];
            for (int k = 0; k < s.fibres(); k++) {
                for (int x = 0; x < s.pixels(); x++) {
                    int i = s.index(k, x);
                    f[k][x] = flux[i];
                    iv[k][x] = mask[i] == 0 ? ivar[i] : 0;
                }
                chips[k] = c;
            }
            return new Rows(f, iv, chips, fibres);
        }
    }
}
