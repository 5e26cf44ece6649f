package org.drpkit.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.drpkit.algorithms.qa.ExposureQa;
import org.drpkit.algorithms.qa.NightQa;
import org.drpkit.algorithms.resample.LogGrid;
import org.drpkit.algorithms.visit.ObjectVisit;
import org.drpkit.algorithms.visit.Visit;
import org.drpkit.algorithms.visit.VisitCombine;
import org.drpkit.algorithms.visit.VisitDrift;
import org.drpkit.algorithms.visit.VisitParams;
import org.drpkit.algorithms.visit.VisitTarget;
import org.drpkit.archive.almanac.FibreMap;
import org.drpkit.archive.almanac.FibreType;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Spectra;
import org.drpkit.fits.AtomicFiles;
import org.drpkit.fits.FitsWriter;
import org.drpkit.fits.TableColumn;
import org.drpkit.algorithms.visit.VisitErrorCode;
import org.drpkit.core.error.Location;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code drpkit visit EXP.fits... --out DIR [--fibre-map MAP.par] [--qa QA.txt|QA.fits]}: a night's exposures of one
 * plate (as {@code drpkit flux} writes them: fibres on one log-uniform grid) combined into one visit spectrum per
 * fibre with outlier rejection ({@link VisitCombine}), written as {@code DIR/visit.fits} and, with the fibre map, split
 * into one file per object ({@code DIR/visit-<TARGET>.fits}); each exposure's drift against the others
 * ({@link VisitDrift}) and the night's stability table ({@link NightQa}).
 *
 * <pre>
 * drpkit visit fluxed-0012.fits fluxed-0013.fits fluxed-0014.fits fluxed-0015.fits \
 *     --fibre-map confSummary-20001.par --qa night-qa.txt --out visits/
 * </pre>
 */
@Command(name = "visit", mixinStandardHelpOptions = true,
        description = "Combine a night's exposures (drpkit flux products on one grid) into visit spectra with "
                + "outlier rejection, split them into one file per object, and measure each exposure's wavelength "
                + "and flux drift (the night's QA table).")
final class VisitCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "EXP.fits", description = "the exposures: spectra on one log grid "
            + "(FLUX, IVAR, MASK, FIBRE; drpkit flux)")
    List<Path> inputs;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder (created if needed)")
    Path out;

    @Option(names = "--overwrite", description = "replace existing outputs")
    boolean overwrite;

    @Option(names = "--fibre-map", paramLabel = "MAP.par", description = "the plate's fibre map: one file per "
            + "science and standard target (and sky fibre with --with-sky), carrying its id, category and position")
    Path fibreMap;

    @Option(names = "--with-sky", description = "also write the sky fibres' visits")
    boolean withSky;

    @Option(names = "--clip", defaultValue = "4", paramLabel = "SIGMA", description = "reject an exposure's pixel "
            + "this many sigma from the median of the others (default: ${DEFAULT-VALUE})")
    double clip;

    @Option(names = "--qa", paramLabel = "FILE", description = "write the night's stability table: text "
            + "(tab-separated) or, for a name ending in .fits, a FITS binary table")
    Path qa;

    @Option(names = "--night", defaultValue = "night", paramLabel = "NAME", description = "the night's name in the QA "
            + "table (default: ${DEFAULT-VALUE})")
    String night;

    @Option(names = "--workers", defaultValue = "1", paramLabel = "N", description = "worker threads (default: "
            + "${DEFAULT-VALUE}; the result does not depend on it)")
    int workers;

    @Option(names = "--json", description = "print one JSON document instead of the summary")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws DrpException, IOException {
        if (workers < 1 || !(clip > 0)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--workers must be at least 1, --clip above 0");
        }
        if (qa != null && inputs.size() < 2) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--qa needs at least 2 exposures");
        }
        List<GridSpectraFiles.Read> exps = new ArrayList<>();
        for (Path p : inputs) {
            GridSpectraFiles.Read r = GridSpectraFiles.read(p);
            if (!exps.isEmpty()) {
                GridSpectraFiles.Read first = exps.get(0);
                if (!r.grid().equals(first.grid()) || !Arrays.equals(r.fibres(), first.fibres())) {
                    throw new DrpException(VisitErrorCode.VISIT_SHAPE_MISMATCH, Location.file(p.toString()),
                            "its grid or fibres differ from " + first.file() + "'s (" + r.grid() + ", "
                                    + r.fibres().length + " fibres against " + first.grid() + ", "
                                    + first.fibres().length + ")");
                }
            }
            exps.add(r);
        }
        LogGrid g = exps.get(0).grid();
        int[] fibres = exps.get(0).fibres();
        List<Spectra> spectra = exps.stream().map(GridSpectraFiles.Read::spectra).toList();
        VisitParams params = VisitParams.defaults().withClipSigma(clip);
        Visit v = VisitCombine.combine(spectra, g, params, workers);
        FibreMap map = fibreMap == null ? null : FibreMap.read(fibreMap);
        List<VisitTarget> targets = new ArrayList<>();
        List<Integer> stars = new ArrayList<>();
        for (int i = 0; i < fibres.length; i++) {
            FibreMap.Fibre f = map == null ? null : map.fibre(fibres[i]);
            boolean star = f == null || f.type() == FibreType.SCIENCE || f.type() == FibreType.TELLURIC;
            if (star) {
                stars.add(i);
            }
            if (f != null && !f.target().isEmpty() && (star || (withSky && f.type() == FibreType.SKY))) {
                targets.add(new VisitTarget(i, fibres[i], f.target(), f.category(), f.ra(), f.dec()));
            }
        }
        // every output's name, checked before anything is written (two fibres on one target get their fibre added)
        Map<VisitTarget, Path> names = new LinkedHashMap<>();
        java.util.Set<String> taken = new java.util.HashSet<>();
        for (VisitTarget t : targets) {
            String name = fileName(t.id());
            if (!taken.add(name)) {
                name = fileName(t.id() + "-" + t.fibre());
                taken.add(name);
            }
            names.put(t, out.resolve(name));
        }
        AtomicFiles.requireWritable(out.resolve("visit.fits"), overwrite);
        for (Path p : names.values()) {
            AtomicFiles.requireWritable(p, overwrite);
        }
        if (qa != null) {
            AtomicFiles.requireWritable(qa, overwrite);
        }
        Files.createDirectories(out);
        Header.Builder hb = Header.builder().add("ORIGIN", "drpkit", "written by drpkit")
                .add("PRODTYPE", "VISIT", "exposures combined on a log grid").add("NEXP", (long) exps.size(),
                        "exposures combined").add("CLIPSIG", clip, "rejection limit, sigma");
        if (map != null) {
            hb.add("FIBREMAP", map.id(), "fibre map id");
        }
        for (int e = 0; e < exps.size(); e++) {
            hb.add(String.format(Locale.ROOT, "EXP%03d", e + 1), exps.get(e).file().getFileName().toString(),
                    "input " + (e + 1));
        }
        Header visitHeader = hb.build();
        Path all = out.resolve("visit.fits");
        GridSpectraFiles.write(all, visitHeader, g, v.spectra(), fibres, v.used(), List.of(), overwrite);
        List<ObjectVisit> objects = VisitCombine.split(v, targets);
        for (ObjectVisit o : objects) {
            Header.Builder h = visitHeader.toBuilder().add("OBJID", o.target().id(), "target id")
                    .add("FIBERID", (long) o.target().fibre(), "fibre number").add("CATEGORY", o.target().category(),
                            "fibre-map category")
                    .add("SNR", o.medianSnr(), "median S/N per pixel");
            if (Double.isFinite(o.target().ra()) && Double.isFinite(o.target().dec())) {
                h.add("RA", o.target().ra(), "right ascension, deg").add("DEC", o.target().dec(), "declination, deg");
            }
            Spectra one = Spectra.of(1, g.count(), o.flux(), o.ivar(), o.mask(), null);
            GridSpectraFiles.write(names.get(o.target()), h.build(), g, one,
                    new int[] {o.target().fibre()}, o.used(), List.of(), overwrite);
        }
        NightQa table = null;
        if (exps.size() >= 2) {
            List<VisitDrift.Drift> drifts = VisitDrift.measure(spectra, g,
                    stars.stream().mapToInt(Integer::intValue).toArray(), params, workers);
            List<ExposureQa> rows = new ArrayList<>();
            for (int e = 0; e < exps.size(); e++) {
                Header p = exps.get(e).primary();
                VisitDrift.Drift d = drifts.get(e);
                rows.add(new ExposureQa(exps.get(e).file().getFileName().toString(),
                        number(p, "MJD-OBS"), d.velocity(), d.velocityError(), d.fluxScale(), d.fluxError(),
                        number(p, "ZEROPT"), number(p, "SKYLEVEL"), number(p, "SKYRMS"), number(p, "LSFSIG")));
            }
            table = NightQa.of(night, rows);
            if (qa != null) {
                writeQa(qa, table);
            }
        }
        print(v, objects, names, table);
        return 0;
    }

    /** @return a file name from a target id that cannot leave its folder */
    static String fileName(String target) {
        String safe = target.replaceAll("[^A-Za-z0-9+._-]", "_");
        if (safe.isEmpty() || safe.chars().allMatch(c -> c == '.')) {
            safe = "_" + safe;
        }
        return "visit-" + safe + ".fits";
    }

    private static double number(Header h, String key) {
        return h.getDouble(key).orElse(Double.NaN);
    }

    private void writeQa(Path file, NightQa table) throws DrpException {
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".fits")) {
            List<TableColumn> cols = new ArrayList<>();
            cols.add(TableColumn.texts("EXPOSURE", "", table.names()));
            for (NightQa.Column c : table.columns()) {
                cols.add(TableColumn.doubles(c.name(), c.unit(), c.values()));
            }
            Header h = Header.builder().add("ORIGIN", "drpkit", "written by drpkit")
                    .add("PRODTYPE", "NIGHTQA", "night stability table").add("NIGHT", table.night(), "night")
                    .add("VELRMS", finite(table.velocityRms()), "wavelength stability, m/s rms")
                    .add("FLUXRMS", finite(table.fluxRms()), "flux stability, relative rms")
                    .add("ZPRMS", finite(table.zeroPointRms()), "zero point rms, mag")
                    .add("SKYFLD", finite(table.skyFieldRms()), "sky flux over the field, relative rms")
                    .add("LSFRANGE", finite(table.lsfRange()), "LSF width range, px").build();
            FitsWriter.create().primary(h).table("NIGHTQA", Header.empty(), cols).write(file, overwrite);
        } else {
            byte[] b = table.toText().getBytes(StandardCharsets.UTF_8);
            AtomicFiles.write(file, overwrite, o -> o.write(b));
        }
    }

    /** FITS cards cannot hold NaN: -1 for what was not measured (every such number is non-negative). */
    private static double finite(double v) {
        return Double.isFinite(v) ? v : -1;
    }

    private void print(Visit v, List<ObjectVisit> objects, Map<VisitTarget, Path> names, NightQa table)
            throws JsonProcessingException {
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("output", out.toString());
            m.put("exposures", v.exposures());
            m.put("fibres", v.spectra().fibres());
            m.put("rejectedPerExposure", v.rejectedPerExposure());
            m.put("goodPerExposure", v.goodPerExposure());
            m.put("objects", objects.stream().map(x -> Map.of("target", x.target().id(), "fibre", x.target().fibre(),
                    "category", x.target().category(), "file", names.get(x.target()).getFileName().toString(),
                    "snr", x.medianSnr()))
                    .toList());
            if (table != null) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (ExposureQa q : table.exposures()) {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("exposure", q.exposure());
                    r.put("velocity", q.velocity());
                    r.put("velocityError", q.velocityError());
                    r.put("fluxScale", q.fluxScale());
                    rows.add(r);
                }
                m.put("drifts", rows);
                m.put("velocityRms", table.velocityRms());
                m.put("fluxRms", table.fluxRms());
            }
            o.println(new ObjectMapper().writeValueAsString(m));
        } else {
            o.println(v);
            for (ObjectVisit x : objects) {
                o.println("  " + x + " -> " + names.get(x.target()).getFileName());
            }
            if (table != null) {
                table.exposures().forEach(q -> o.println("  " + q));
                o.println(table);
            }
            o.println("wrote " + out.resolve("visit.fits") + " and " + objects.size() + " object files"
                    + (qa != null ? " and " + qa : ""));
        }
        o.flush();
    }
}
