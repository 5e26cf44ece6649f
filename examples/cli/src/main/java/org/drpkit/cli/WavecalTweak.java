package org.drpkit.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.drpkit.algorithms.stats.RobustStats;
import org.drpkit.algorithms.wave.ArcPeaks;
import org.drpkit.algorithms.wave.ChipLines;
import org.drpkit.algorithms.wave.ChipWavelength;
import org.drpkit.algorithms.wave.DitherFit;
import org.drpkit.algorithms.wave.EtalonLines;
import org.drpkit.algorithms.wave.FabryPerot;
import org.drpkit.algorithms.wave.SkyLineFlux;
import org.drpkit.algorithms.wave.SkyLines;
import org.drpkit.algorithms.wave.WavelengthFit;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.header.Header;
import org.drpkit.core.lines.LineList;
import org.drpkit.fits.FitsErrorCode;
import org.drpkit.fits.FitsReader;
import org.drpkit.fits.FitsWriter;
import org.drpkit.fits.LineListFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code drpkit wavecal sky} and {@code drpkit wavecal dither}: one exposure's move against the night's solution
 * ({@code wavecal fpi} or {@code wavecal arc} output), measured on its sky lines (science exposures) or its etalon
 * peaks (etalon exposures), per fibre, with one shift (and with {@code --scale} a stretch) common to the chips given
 * unless {@code --per-chip}; the exposure's solutions are the night's moved by it ({@link DitherFit}). A fibre whose
 * fit fails gets the median move of the fitted fibres (and says so). {@code wavecal sky --sky-fibres} also measures
 * the sky's flux in each sky fibre relative to the others and the sky spectrum ({@link SkyLineFlux}).
 */
final class WavecalTweak {

    private WavecalTweak() {
    }

    /** {@code drpkit wavecal sky}: the sky-line tweak of a science exposure. */
    @Command(name = "sky", mixinStandardHelpOptions = true,
            description = {"Sky-line tweak of a science exposure: finds each fibre's isolated OH lines where the night's"
                + " solution expects them, fits the exposure's shift (and with --scale a stretch) against that solution"
                + " and writes the tweaked solutions.",
                "Give the exposure's extracted spectra (drpkit extract products, one file per chip). With --sky-fibres"
                + " also prints each sky fibre's OH-line flux relative to the other sky fibres and writes the sky"
                + " spectrum."})
    static final class Sky implements Callable<Integer> {

        @Parameters(arity = "1..3", paramLabel = "SPEC.fits", description = "extracted spectra, one file per chip")
        List<Path> inputs;

        @Option(names = "--lines", required = true, paramLabel = "LIST",
                description = "sky-line list: ApogeeReduction.jl's APOGEE_lines.csv (its OH lines are used)")
        Path lines;

        @Option(names = "--sky-fibres", split = ",", paramLabel = "N",
                description = "fibre numbers of the sky fibres: their sky flux table and the sky spectrum")
        List<Integer> skyFibres;

        @CommandLine.Mixin
        TweakOptions common;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws DrpException, JsonProcessingException {
            common.check(spec);
            LineList oh = LineListFiles.readSky(lines);
            SkyLines.Params sp = SkyLines.Params.defaults().withMaxShift(common.maxShift);
            Map<Long, SkyLines.Result> skyResults = new HashMap<>();
            Finder finder = (chip, fibre, flux, ivar, ref) -> {
                SkyLines.Result r = SkyLines.find(chip, flux, ivar, ref, oh, sp);
                skyResults.put(key(chip, fibre), r);
                return new Found(r.lines(), r.searched().length);
            };
            Run run = Run.of(inputs, common, finder);
            Map<Long, SkyLineFlux.Row> table = new HashMap<>();
            List<SkyLineFlux.Result> skies = new ArrayList<>();
            if (skyFibres != null && !skyFibres.isEmpty()) {
                for (int chip : run.chips()) {
                    List<SkyLineFlux.Fibre> fs = new ArrayList<>();
                    for (Run.Row r : run.rows()) {
                        SkyLines.Result s = skyResults.get(key(r.chip, r.fibre));
                        if (r.chip == chip && skyFibres.contains(r.fibre) && s != null) {
                            fs.add(new SkyLineFlux.Fibre(r.fibre, r.flux, r.ivar, r.tweaked, s));
                        }
                    }
                    if (fs.size() < 2) {
                        throw new CommandLine.ParameterException(spec.commandLine(), "chip " + chip + ": "
                                + fs.size() + " of the --sky-fibres found in the spectra; at least 2 are needed");
                    }
                    SkyLineFlux.Result sf = SkyLineFlux.measure(fs);
                    skies.add(sf);
                    for (SkyLineFlux.Row row : sf.rows()) {
                        table.put(key(chip, row.fibre()), row);
                    }
                }
            }
            Header.Builder h = primary("sky", run).add("LINELIST", lines.getFileName().toString(), "sky-line list");
            run.report(spec.commandLine().getOut(), common, table);
            if (common.out != null) {
                FitsWriter w = run.writer(h.build());
                if (!skies.isEmpty()) {
                    writeSky(w, run, skies);
                }
                w.write(common.out, common.overwrite);
                if (!common.json) {
                    spec.commandLine().getOut().println("wrote " + common.out);
                }
            }
            spec.commandLine().getOut().flush();
            return 0;
        }

        private static void writeSky(FitsWriter w, Run run, List<SkyLineFlux.Result> skies) {
            List<double[]> rows = new ArrayList<>();
            int n = skies.get(0).wavelength().length;
            double[] wave = new double[skies.size() * n];
            double[] flux = new double[skies.size() * n];
            for (int c = 0; c < skies.size(); c++) {
                SkyLineFlux.Result s = skies.get(c);
                int chip = run.chips().get(c);
                for (SkyLineFlux.Row r : s.rows()) {
                    rows.add(new double[] {chip, r.fibre(), r.lineFlux(), r.lineFluxError(), r.lines(), r.continuum()});
                }
                System.arraycopy(s.wavelength(), 0, wave, c * n, Math.min(n, s.wavelength().length));
                System.arraycopy(s.flux(), 0, flux, c * n, Math.min(n, s.flux().length));
            }
            double[] t = new double[rows.size() * 6];
            for (int i = 0; i < rows.size(); i++) {
                System.arraycopy(rows.get(i), 0, t, i * 6, 6);
            }
            w.doubleImage("SKYFLUX", Header.builder().comment("per sky fibre: CHIPNUM, fibre, OH-line flux relative to"
                    + " the median sky fibre, its error, lines used, continuum (median, data units)").build(), 6,
                    rows.size(), t);
            w.doubleImage("SKYWAVE", Header.builder().comment("sky spectrum wavelengths per chip row, Angstrom")
                    .build(), n, skies.size(), wave);
            w.doubleImage("SKYSPEC", Header.builder().comment("sky spectrum (median of the sky fibres) per chip row")
                    .build(), n, skies.size(), flux);
        }
    }

    /** {@code drpkit wavecal dither}: the dither of an etalon exposure against the night's etalon solution. */
    @Command(name = "dither", mixinStandardHelpOptions = true,
            description = {"Per-exposure dither of an etalon (Fabry-Perot) exposure: identifies each fibre's etalon"
                + " peaks with their orders through the night's solution and its cavity (CAVLEN, CAVEPS of a wavecal"
                + " fpi product, or --length and --phase), fits the exposure's shift (and with --scale a stretch) and"
                + " writes the moved solutions.",
                "A move of more than about 2.5 columns makes the orders unsure."})
    static final class Dither implements Callable<Integer> {

        @Parameters(arity = "1..3", paramLabel = "SPEC.fits", description = "extracted spectra, one file per chip")
        List<Path> inputs;

        @Option(names = "--length", paramLabel = "ANGSTROM", description = "cavity length L (default: CAVLEN of"
                + " the solution)")
        Double length;

        @Option(names = "--phase", paramLabel = "EPS", description = "cavity phase eps (default: CAVEPS of the"
                + " solution)")
        Double phase;

        @CommandLine.Mixin
        TweakOptions common;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws DrpException, JsonProcessingException {
            common.check(spec);
            Header sol;
            try (FitsReader r = FitsReader.open(common.solution)) {
                sol = r.hdu(0).header();
            }
            double l = length != null ? length : sol.getDouble("CAVLEN").orElseThrow(() -> new DrpException(
                    FitsErrorCode.FITS_BAD_HEADER, Location.file(common.solution.toString()).hdu(0).keyword("CAVLEN"),
                    "no etalon cavity in the solution: give --length and --phase"));
            double e = phase != null ? phase : sol.getDouble("CAVEPS").orElseThrow(() -> new DrpException(
                    FitsErrorCode.FITS_BAD_HEADER, Location.file(common.solution.toString()).hdu(0).keyword("CAVEPS"),
                    "no etalon phase in the solution: give --phase"));
            FabryPerot.Cavity cavity = new FabryPerot.Cavity(l, e, 0, 0);
            Finder finder = (chip, fibre, flux, ivar, ref) -> {
                ArcPeaks.Result peaks = ArcPeaks.find(flux, ivar, ArcPeaks.Params.defaults());
                return new Found(EtalonLines.match(chip, peaks, ref, cavity), peaks.peaks().size());
            };
            Run run = Run.of(inputs, common, finder);
            run.report(spec.commandLine().getOut(), common, Map.of());
            if (common.out != null) {
                run.writer(primary("fpi-dither", run).add("CAVLEN", l, "etalon cavity length L, Angstrom")
                        .add("CAVEPS", e, "etalon phase eps").build()).write(common.out, common.overwrite);
                if (!common.json) {
                    spec.commandLine().getOut().println("wrote " + common.out);
                }
            }
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    /** The options both steps share. */
    static final class TweakOptions {

        @Option(names = "--solution", required = true, paramLabel = "WAVE.fits",
                description = "the night's solution: a wavecal fpi or arc product (COEFF, CHIPNUM, FIBRE)")
        Path solution;

        @Option(names = "--scale", description = "fit a stretch (columns at the chip ends) as well as the shift")
        boolean scale;

        @Option(names = "--per-chip", description = "fit each chip on its own (default: one move for the chips of a"
                + " fibre, which sit on one mount)")
        boolean perChip;

        @Option(names = "--max-shift", defaultValue = "3", paramLabel = "COLUMNS",
                description = "largest shift searched when identifying sky lines (default: ${DEFAULT-VALUE})")
        double maxShift;

        @Option(names = "--json", description = "print a JSON array, one object per fibre and chip")
        boolean json;

        @Option(names = "--out", paramLabel = "WAVE.fits", description = "write the exposure's solutions: WAVE,"
                + " COEFF, CHIPNUM, FIBRE and DITHER (shift, its error, scale, its error, m/s, its error per row)")
        Path out;

        @Option(names = "--overwrite", description = "replace an existing output")
        boolean overwrite;

        void check(CommandLine.Model.CommandSpec spec) {
            if (!(maxShift >= 0) || maxShift > 50) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--max-shift must be 0..50 columns");
            }
        }
    }

    private static Header.Builder primary(String type, Run run) {
        return Header.builder().add("ORIGIN", "drpkit", "written by drpkit").add("PRODTYPE", "WAVECAL", "product type")
                .add("WAVETYPE", type, "the night's solution moved to this exposure")
                .add("SOLUTION", run.solutionName, "the night's solution")
                .add("INPUT", run.inputNames, "the exposure's spectra")
                .add("WDEGREE", run.degree, "polynomial degree in u = (x - 1023.5) / 1024")
                .add("DITHSCAL", run.scale, "a stretch was fitted as well as the shift")
                .add("DITHJOIN", !run.perChip, "one move for the chips of a fibre");
    }

    private static long key(int chip, int fibre) {
        return (long) chip << 32 | fibre & 0xffffffffL;
    }

    /** Finds one fibre-chip's identified lines. */
    @FunctionalInterface
    interface Finder {
        Found find(int chip, int fibre, double[] flux, double[] ivar, ChipWavelength reference) throws DrpException;
    }

    /** One fibre-chip's identified lines and how many were searched (lines) or seen (peaks). */
    record Found(ChipLines lines, int searched) {
    }

    /** The night's solutions by chip and fibre (fibre 0: one solution for the whole chip). */
    record Solutions(Map<Long, ChipWavelength> rows, int degree) {

        static Solutions read(Path file) throws DrpException {
            try (FitsReader r = FitsReader.open(file)) {
                int deg = r.hdu("COEFF").header().getInt("NAXIS1").orElse(0);
                double[] coeff = r.readDoubles("COEFF");
                int[] chips = r.readMask("CHIPNUM").toArray();
                int[] fibres = r.find("FIBRE").isPresent() ? r.readMask("FIBRE").toArray() : new int[chips.length];
                if (deg < 1 || coeff.length != deg * chips.length || fibres.length != chips.length) {
                    throw new DrpException(FitsErrorCode.FITS_WRONG_DATA, Location.file(file.toString()).hdu(
                            r.hdu("COEFF").index()), "COEFF holds " + coeff.length + " values for " + chips.length
                            + " rows of CHIPNUM and " + fibres.length + " of FIBRE");
                }
                Map<Long, ChipWavelength> m = new HashMap<>();
                for (int k = 0; k < chips.length; k++) {
                    m.put(key(chips[k], fibres[k]), new ChipWavelength(Arrays.copyOfRange(coeff, k * deg,
                            (k + 1) * deg), 1023.5, 1024));
                }
                return new Solutions(m, deg - 1);
            }
        }

        ChipWavelength get(int chip, int fibre) {
            ChipWavelength w = rows.get(key(chip, fibre));
            return w != null ? w : rows.get(key(chip, 0));
        }
    }

    /** Every fibre-chip of the exposure: its lines, the fit of its fibre, its tweaked solution. */
    static final class Run {

        /** One fibre-chip. */
        static final class Row {
            int chip;
            int fibre;
            double[] flux;
            double[] ivar;
            int columns;
            ChipWavelength reference;
            Found found;
            String failure;
            DitherFit.Result fit;
            int index;   // this row's chip index in fit
            ChipWavelength tweaked;
        }

        private final List<Row> rows = new ArrayList<>();
        private List<Integer> chips;
        String solutionName;
        String inputNames;
        int degree;
        boolean scale;
        boolean perChip;
        double medianShift;
        double medianScale;

        List<Row> rows() {
            return rows;
        }

        List<Integer> chips() {
            return chips;
        }

        static Run of(List<Path> inputs, TweakOptions o, Finder finder) throws DrpException {
            Solutions sol = Solutions.read(o.solution);
            Run run = new Run();
            run.solutionName = o.solution.getFileName().toString();
            run.inputNames = String.join(",", inputs.stream().map(p -> p.getFileName().toString()).toList());
            run.degree = sol.degree();
            run.scale = o.scale;
            run.perChip = o.perChip;
            List<Integer> chips = new ArrayList<>();
            for (Path in : inputs) {
                WavecalCommand.Rows r = WavecalCommand.Rows.read(in, null);
                if (r.fibres() == null) {
                    throw new DrpException(FitsErrorCode.FITS_NO_SUCH_HDU, Location.file(in.toString()),
                            "extracted spectra with a FIBRE extension are needed");
                }
                if (chips.contains(r.chip(0))) {
                    throw new DrpException(FitsErrorCode.FITS_BAD_HEADER, Location.file(in.toString()).hdu(0)
                            .keyword("CHIP"), "chip " + r.chip(0) + " is given twice");
                }
                chips.add(r.chip(0));
                for (int k = 0; k < r.count(); k++) {
                    Row row = new Row();
                    row.chip = r.chip(k);
                    row.fibre = r.fibre(k);
                    row.flux = r.flux(k);
                    row.ivar = r.ivar(k);
                    row.columns = r.columns();
                    row.reference = sol.get(row.chip, row.fibre);
                    if (row.reference == null) {
                        row.failure = "no solution for chip " + row.chip + " fibre " + row.fibre + " in "
                                + run.solutionName;
                    } else {
                        try {
                            row.found = finder.find(row.chip, row.fibre, row.flux, row.ivar, row.reference);
                        } catch (DrpException e) {
                            row.failure = e.getMessage();
                        }
                    }
                    run.rows.add(row);
                }
            }
            run.chips = chips;
            run.fit(o);
            return run;
        }

        /** Fits every fibre (or fibre-chip with --per-chip); failed ones get the median move of the others. */
        private void fit(TweakOptions o) {
            DitherFit.Params p = o.scale ? DitherFit.Params.shiftAndScale() : DitherFit.Params.shift();
            Map<Long, List<Row>> groups = new LinkedHashMap<>();
            for (Row r : rows) {
                groups.computeIfAbsent(o.perChip ? key(r.chip, r.fibre) : key(0, r.fibre), k -> new ArrayList<>())
                        .add(r);
            }
            List<Double> shifts = new ArrayList<>();
            List<Double> scales = new ArrayList<>();
            for (List<Row> g : groups.values()) {
                List<Row> ok = g.stream().filter(r -> r.found != null).toList();
                if (ok.isEmpty()) {
                    continue;
                }
                ChipWavelength[] ref = new ChipWavelength[3];
                List<ChipLines> lines = new ArrayList<>();
                for (int i = 0; i < ok.size(); i++) {
                    ref[ok.get(i).chip - 1] = ok.get(i).reference;
                    lines.add(ok.get(i).found.lines());
                    ok.get(i).index = i;
                }
                try {
                    DitherFit.Result d = DitherFit.fit(lines, ref, p);
                    for (Row r : ok) {
                        r.fit = d;
                        r.tweaked = d.apply(r.reference);
                    }
                    shifts.add(d.shift());
                    scales.add(d.scale());
                } catch (DrpException e) {
                    for (Row r : ok) {
                        r.failure = e.getMessage();
                    }
                }
            }
            medianShift = shifts.isEmpty() ? 0 : RobustStats.median(shifts.stream().mapToDouble(d -> d).toArray());
            medianScale = scales.isEmpty() ? 0 : RobustStats.median(scales.stream().mapToDouble(d -> d).toArray());
            for (Row r : rows) {
                if (r.tweaked == null && r.reference != null) {
                    r.tweaked = r.reference.moved(medianShift, medianScale);
                }
            }
        }

        /** Prints the text summary or the JSON array. */
        void report(PrintWriter out, TweakOptions o, Map<Long, SkyLineFlux.Row> sky) throws JsonProcessingException {
            List<Map<String, Object>> docs = new ArrayList<>();
            for (Row r : rows) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("chip", r.chip);
                m.put("fibre", r.fibre);
                m.put("fitted", r.fit != null);
                if (r.failure != null) {
                    m.put("failure", r.failure);
                }
                m.put("linesSearched", r.found == null ? 0 : r.found.searched());
                m.put("linesFound", r.found == null ? 0 : r.found.lines().size());
                double[] stats = r.fit == null ? null : chipStats(r);
                m.put("linesUsed", stats == null ? 0 : (int) stats[0]);
                m.put("rmsAngstrom", stats == null ? null : stats[1]);
                m.put("rmsMetresPerSecond", stats == null ? null : stats[2]);
                m.put("shiftPixels", r.fit == null ? medianShift : r.fit.shift());
                m.put("shiftErrorPixels", r.fit == null ? null : r.fit.shiftError());
                m.put("scalePixels", r.fit == null ? medianScale : r.fit.scale());
                m.put("scaleErrorPixels", r.fit == null ? null : r.fit.scaleError());
                m.put("shiftMetresPerSecond", r.fit == null ? null : r.fit.velocity());
                m.put("shiftErrorMetresPerSecond", r.fit == null ? null : r.fit.velocityError());
                SkyLineFlux.Row s = sky.get(key(r.chip, r.fibre));
                if (s != null) {
                    m.put("skyLineFlux", s.lineFlux());
                    m.put("skyLineFluxError", s.lineFluxError());
                    m.put("skyLines", s.lines());
                    m.put("skyContinuum", s.continuum());
                }
                docs.add(m);
                if (!o.json) {
                    out.println(text(r, stats, s));
                }
            }
            if (o.json) {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(docs));
            }
        }

        private String text(Row r, double[] stats, SkyLineFlux.Row s) {
            String head = String.format(Locale.ROOT, "chip %d fibre %d: ", r.chip, r.fibre);
            String sky = s == null ? "" : String.format(Locale.ROOT, "; sky line flux %.4f +- %.4f of the median"
                    + " (%d lines), continuum %.4g", s.lineFlux(), s.lineFluxError(), s.lines(), s.continuum());
            if (r.fit == null) {
                return head + "not fitted (" + r.failure + "); given the median move " + String.format(Locale.ROOT,
                        "%+.4f columns%s", medianShift, scale ? String.format(Locale.ROOT, ", scale %+.4f",
                                medianScale) : "") + sky;
            }
            DitherFit.Result d = r.fit;
            return head + String.format(Locale.ROOT, "%d searched, %d found, %d used, shift %+.4f +- %.4f columns"
                    + "%s (%+.0f +- %.0f m/s), rms %.4f A (%.0f m/s)", r.found.searched(), r.found.lines().size(),
                    (int) stats[0], d.shift(), d.shiftError(), scale ? String.format(Locale.ROOT,
                            ", scale %+.4f +- %.4f", d.scale(), d.scaleError()) : "", d.velocity(), d.velocityError(),
                    stats[1], stats[2]) + sky;
        }

        /** @return {lines used, rms Angstrom, rms m/s} of this row's chip in its fibre's fit */
        private static double[] chipStats(Row r) {
            boolean[] used = r.fit.used()[r.index];
            double[] res = r.fit.residual()[r.index];
            double[] x = r.found.lines().x();
            double[] lam = r.found.lines().lambda();
            double ss = 0;
            double l = 0;
            int n = 0;
            for (int i = 0; i < used.length; i++) {
                if (used[i]) {
                    double d = res[i] * r.reference.dispersion(x[i]);
                    ss += d * d;
                    l += lam[i];
                    n++;
                }
            }
            double rms = n == 0 ? Double.NaN : Math.sqrt(ss / n);
            return new double[] {n, rms, n == 0 ? Double.NaN : WavelengthFit.C_METRES_PER_SECOND * rms / (l / n)};
        }

        /** @return a writer with the exposure's solutions and the DITHER rows; rows without a solution are left out */
        FitsWriter writer(Header primary) throws DrpException {
            List<ChipWavelength> sols = new ArrayList<>();
            List<int[]> ids = new ArrayList<>();
            List<double[]> dither = new ArrayList<>();
            int columns = -1;
            for (Row r : rows) {
                if (r.tweaked == null) {
                    continue;
                }
                if (columns >= 0 && r.columns != columns) {
                    throw new DrpException(FitsErrorCode.FITS_WRONG_DATA, Location.NOWHERE, "the inputs differ in"
                            + " columns (" + columns + " and " + r.columns + "): one WAVE image cannot hold them");
                }
                columns = r.columns;
                sols.add(r.tweaked);
                ids.add(new int[] {r.chip, r.fibre});
                DitherFit.Result d = r.fit;
                dither.add(d == null ? new double[] {medianShift, Double.NaN, medianScale, Double.NaN, Double.NaN,
                    Double.NaN} : new double[] {d.shift(), d.shiftError(), d.scale(), d.scaleError(), d.velocity(),
                        d.velocityError()});
            }
            if (sols.isEmpty()) {
                throw new DrpException(FitsErrorCode.FITS_WRONG_DATA, Location.NOWHERE, "no fibre of the inputs has a"
                        + " solution in " + solutionName);
            }
            double[] t = new double[dither.size() * 6];
            for (int i = 0; i < dither.size(); i++) {
                System.arraycopy(dither.get(i), 0, t, i * 6, 6);
            }
            return WavecalCommand.solutionsWriter(primary, sols, columns, ids.stream().mapToInt(a -> a[0]).toArray(),
                    ids.stream().mapToInt(a -> a[1]).toArray()).doubleImage("DITHER", Header.builder()
                    .comment("per row: shift, its error, scale, its error (columns), velocity the night's solution"
                            + " reads off the lines and its error (m/s); NaN errors: not fitted, the median move")
                    .build(), 6, dither.size(), t);
        }
    }
}
