package org.drpkit.cli.demo;

import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.drpkit.archive.CompareResult;
import org.drpkit.cli.demo.DemoNight.ChipResult;
import org.drpkit.cli.demo.DemoNight.ExposureOutcome;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.flag.ExtraFlag;
import org.drpkit.fits.AtomicFiles;
import org.drpkit.instruments.apogee.ApogeeChip;

/**
 * Writes the demo's QA report: {@code report/index.html} with its PNG figures next to it, viewable offline — rate
 * images with their flag maps, pull histograms against the simulator's truth, dark and flat maps, bad-pixel counts by
 * cause, the archive outcome and the timings.
 *
 * <pre>{@code
 * Path index = QaReport.write(out.resolve("report"), night, archiveRows, seconds);
 * }</pre>
 */
public final class QaReport {

    /**
     * One archived file, for the report's ingest table.
     *
     * @param file       the file's name
     * @param instrument the instrument that accepted it
     * @param archiveId  its archive id, or "" when none was made
     * @param status     its final state
     * @param code       the code that decided an INVALID/ERROR state, or ""
     * @param warnings   warnings recorded for it
     */
    public record ArchiveRow(String file, String instrument, String archiveId, String status, String code,
            long warnings) {
    }

    /**
     * What the archive step showed beyond its rows.
     *
     * @param preview a JPEG preview the ingest wrote (the archive's zscale + asinh picture), if any
     * @param rerun   the comparison of a second run's products with the first's
     */
    public record ArchiveProducts(Optional<Path> preview, CompareResult rerun) {
    }

    private QaReport() {
    }

    /**
     * Writes the figures and {@code index.html} into {@code dir} (created if needed).
     *
     * @return the path of {@code index.html}
     * @throws IOException when a figure cannot be written
     * @throws DrpException when the page cannot be written
     */
    public static Path write(Path dir, DemoNight.Result night, List<ArchiveRow> archive, Map<String, Double> seconds)
            throws IOException, DrpException {
        return write(dir, night, archive, seconds, java.util.Optional.empty());
    }

    /**
     * As {@link #write(Path, DemoNight.Result, List, Map)}, with a section comparing the demo's nights: the raw
     * headers' drift and the night QA trends ({@code trends.png} and the table).
     *
     * @param across the nights compared, when the demo reduced more than one
     */
    public static Path write(Path dir, DemoNight.Result night, List<ArchiveRow> archive, Map<String, Double> seconds,
            java.util.Optional<DemoNights> across) throws IOException, DrpException {
        return write(dir, night, archive, seconds, across, null);
    }

    /**
     * As {@link #write(Path, DemoNight.Result, List, Map, java.util.Optional)}, with the archive's JPEG preview and the
     * report comparing two runs of the archive step.
     *
     * @param products the preview and the comparison, or null to leave them out
     */
    public static Path write(Path dir, DemoNight.Result night, List<ArchiveRow> archive, Map<String, Double> seconds,
            java.util.Optional<DemoNights> across, ArchiveProducts products) throws IOException, DrpException {
        Files.createDirectories(dir);
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>drpkit demo night</title>\n")
                .append("<style>body{font-family:sans-serif;margin:2em;max-width:1400px}table{border-collapse:collapse;"
                        + "margin:0.5em 0}td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}"
                        + "th{background:#eee}td.l{text-align:left}img{margin:4px;border:1px solid #ddd}"
                        + ".swatch{display:inline-block;width:1em;height:1em;margin:0 4px 0 12px;vertical-align:middle}"
                        + "</style></head><body>\n");
        NightPlan plan = night.plan();
        h.append("<h1>drpkit demo night</h1>\n<p>A simulated APOGEE-like night (").append(plan.size().name().toLowerCase())
                .append(": three chips of ").append(plan.chip(ApogeeChip.R).width()).append(" x ")
                .append(plan.chip(ApogeeChip.R).height()).append(" pixels, seed ").append(night.options().seed())
                .append(", first exposure ").append(plan.start()).append(" UT), written as APOGEE raw files and reduced "
                        + "with drpkit's public API: 3D to 2D, dark and flat stacks, 2D calibration, traces and extraction, archive ingest. "
                        + "Every number below is compared with the simulator's truth.</p>\n");

        h.append("<h2>Accuracy against the truth</h2>\n<p>Pull = (measured - true) / sigma over good light-sensitive "
                + "pixels of the science exposures; honest error bars give mean 0 and standard deviation 1.</p>\n");
        h.append("<table><tr><th>chip</th><th>comparison</th><th>pixels</th><th>mean pull</th><th>std</th>"
                + "<th>beyond 5 sigma</th></tr>\n");
        for (Map.Entry<ApogeeChip, ChipResult> e : night.chips().entrySet()) {
            for (Pulls p : List.of(e.getValue().rampPulls(), e.getValue().calibratedPulls(),
                    e.getValue().extractedPulls())) {
                h.append(String.format("<tr><td>%s</td><td class=l>%s</td><td>%,d</td><td>%+.4f</td><td>%.4f</td>"
                        + "<td>%,d</td></tr>%n", e.getKey(), p.comparison(), p.n(), p.mean(),
                        p.std(), p.outliers()));
            }
        }
        h.append("</table>\n");
        for (Map.Entry<ApogeeChip, ChipResult> e : night.chips().entrySet()) {
            String f = "pulls_" + e.getKey() + ".png";
            QaFigures.pulls(dir.resolve(f), "Pulls against truth, chip " + e.getKey(),
                    List.of(e.getValue().rampPulls(), e.getValue().calibratedPulls(), e.getValue().extractedPulls()));
            h.append(img(f));
        }

        h.append("<h2>Rate images and flags</h2>\n<p>First science exposure of each chip: its rate (log10 DN/read) and "
                + "its calibrated flags, each cell coloured by the most severe cause among its pixels:");
        for (Map.Entry<String, Color> c : QaFigures.causes().entrySet()) {
            Color col = c.getValue();
            h.append(String.format("<span class=swatch style=\"background:rgb(%d,%d,%d)\"></span>%s", col.getRed(),
                    col.getGreen(), col.getBlue(), c.getKey()));
        }
        h.append("</p>\n");
        for (Map.Entry<ApogeeChip, ChipResult> e : night.chips().entrySet()) {
            ChipResult c = e.getValue();
            if (c.firstScience() == null) {
                continue;
            }
            String r = "rate_" + e.getKey() + ".png";
            String fl = "flags_" + e.getKey() + ".png";
            QaFigures.image(dir.resolve(r), "Rate, chip " + e.getKey() + " (log10 DN/read)", c.firstScienceRate().flux(),
                    c.chip().lightSensitive(), true);
            QaFigures.flags(dir.resolve(fl), "Flags, chip " + e.getKey(), c.firstScience().mask(), c.chip().lightSensitive());
            h.append("<div>").append(img(r)).append(img(fl)).append("</div>\n");
        }

        h.append("<h2>Traces and extraction</h2>\n<p>The traces are found on the calibrated quartz flat (peaks "
                + "identified against the nominal slit, dead fibres named, the profile shape fitted, centres and widths "
                + "smoothed along x); every calibrated science exposure is extracted with all fibres of a column solved "
                + "together. The extracted flux vs truth rows above compare the spectra with the simulator's true fibre "
                + "fluxes.</p>\n<table><tr><th>chip</th><th class=l>traces</th><th class=l>identification</th></tr>\n");
        for (Map.Entry<ApogeeChip, ChipResult> e : night.chips().entrySet()) {
            h.append("<tr><td>").append(e.getKey()).append("</td><td class=l>")
                    .append(esc(e.getValue().traces().traces().toString())).append("</td><td class=l>")
                    .append(esc(e.getValue().traces().identification().toString())).append("</td></tr>\n");
        }
        h.append("</table>\n");
        for (Map.Entry<ApogeeChip, ChipResult> e : night.chips().entrySet()) {
            ChipResult c = e.getValue();
            String ov = "traces_" + e.getKey() + ".png";
            QaFigures.traceOverlay(dir.resolve(ov), c.quartz().flux(), c.traces().traces(), 160, 80, 5);
            h.append("<div>").append(img(ov));
            if (c.firstExtraction() != null) {
                String res = "residual_" + e.getKey() + ".png";
                QaFigures.image(dir.resolve(res), "Residual image - model, first science exposure, chip " + e.getKey()
                        + " (DN/read)", c.firstExtraction().residual().orElseThrow(), c.chip().lightSensitive(), false);
                h.append(img(res));
                int n = c.traces().traces().count();
                for (int row : new int[] {5, n / 3, n / 2 + 3}) {
                    String sp = "spectrum_" + e.getKey() + "_" + row + ".png";
                    QaFigures.spectrum(dir.resolve(sp), String.format("Chip %s, fibre %d: extracted vs truth",
                            e.getKey(), c.traces().traces().fibres()[row]), c.firstExtraction().spectra(), row,
                            c.trueFlux(), c.traces().traces().x0(), c.traces().traces().x1());
                    h.append(img(sp));
                }
            }
            h.append("</div>\n");
        }

        h.append("<h2>Wavelengths</h2>\n<p>The arc exposure is extracted like a science exposure; in every fibre its "
                + "lines are fitted (pixel-integrated Gaussians), identified against the lamp's list (whose columns sit "
                + Scene.ARC_LIST_OFFSET + " columns off) and fitted with a robust weighted cubic; the solutions are "
                + "then regularised across the slit (each coefficient a quadratic in the fibre number). Left: each "
                + "fibre's rms against the simulator's true wavelengths; right: the line residuals of the middle "
                + "fibre.</p>\n<table><tr><th>chip</th><th class=l>solutions</th></tr>\n");
        for (Map.Entry<ApogeeChip, ChipResult> e : night.chips().entrySet()) {
            h.append("<tr><td>").append(e.getKey()).append("</td><td class=l>")
                    .append(esc(WaveTruth.of(e.getValue()).toString())).append("</td></tr>\n");
        }
        h.append("</table>\n");
        for (Map.Entry<ApogeeChip, ChipResult> e : night.chips().entrySet()) {
            ChipResult c = e.getValue();
            WaveTruth w = WaveTruth.of(c);
            double[] fibres = java.util.Arrays.stream(c.traces().traces().fibres()).asDoubleStream().toArray();
            String tr = "wave_truth_" + e.getKey() + ".png";
            QaFigures.scatter(dir.resolve(tr), "Wavelength vs truth, chip " + e.getKey(), "fibre", "rms, m/s",
                    Map.of("own solution", new double[][] {fibres, ms(c.waveVsTruth(), w)},
                            "regularised", new double[][] {fibres, ms(c.smoothVsTruth(), w)}));
            h.append("<div>").append(img(tr));
            int mid = c.traces().traces().count() / 2;
            if (c.wavelengths().solution(mid).isPresent()) {
                org.drpkit.algorithms.wave.ArcCalibration.ChipResult r = c.wavelengths().solution(mid).get();
                double[] x = r.centres();
                double[] res = r.fit().residual();
                double[] used = new double[x.length];
                double[] clipped = new double[x.length];
                boolean[] u = r.fit().used();
                for (int i = 0; i < x.length; i++) {
                    used[i] = u[i] ? 1000 * res[i] : Double.NaN;
                    clipped[i] = u[i] ? Double.NaN : 1000 * res[i];
                }
                String lr = "wave_lines_" + e.getKey() + ".png";
                QaFigures.scatter(dir.resolve(lr), String.format("Line residuals, chip %s, fibre %d", e.getKey(),
                        c.traces().traces().fibres()[mid]), "column x", "residual, mA",
                        Map.of("used", new double[][] {x, used}, "clipped", new double[][] {x, clipped}));
                h.append(img(lr));
            }
            h.append("</div>\n");
        }
        night.etalon().ifPresent(et -> {
            h.append("<h3>Etalon</h3>\n<p>The Fabry-Perot exposure (an arclamp with both arc lamps off), extracted "
                    + "like the arc: one cavity (L, eps) fitted for the three chips with one polynomial per fibre and "
                    + "chip through the etalon peaks and the arc lines, started from the spec's nominal cavity. "
                    + esc(et.toString()) + "</p>\n<table><tr><th>chip</th><th class=l>etalon solutions</th></tr>\n");
            et.chips().forEach((c, check) -> h.append("<tr><td>").append(c).append("</td><td class=l>")
                    .append(esc(check.toString())).append("</td></tr>\n"));
            h.append("</table>\n");
        });

        h.append("<h3>Sky lines</h3>\n<p>The sky's OH lines sit at their wavelengths (a synthetic OH list); each "
                + "science exposure's spectrum was moved by a known zero-point drift. In every fibre the sky lines are "
                + "found where the night's solution expects them and one shift common to the chips is fitted "
                + "(SkyTweak); the exposure's drift is the weighted mean over its fibres, and its solutions are the "
                + "night's moved by it.</p>\n<table><tr><th>exposure</th><th class=l>drift: injected, recovered, "
                + "against the truth</th></tr>\n");
        night.sky().exposures().forEach((n, e) -> h.append("<tr><td>").append(n).append("</td><td class=l>")
                .append(esc(e.toString())).append("</td></tr>\n"));
        h.append("</table>\n");

        NightSpectra.Result sp = night.spectra();
        h.append("<h2>Spectra: fluxed, resampled, combined</h2>\n<p>Every science exposure's chips are divided by "
                + "each fibre's throughput on that chip (fibre flats from the quartz flat), put on the log-uniform grid "
                + "with the etalon's wavelengths moved by the exposure's sky-line drift, and the three exposures "
                + "combined into one visit spectrum per fibre. " + esc(sp.toString()) + "</p>\n<p>Standards: "
                + esc(sp.zeroPointVsTruth()) + "</p>\n<table><tr><th>comparison</th><th>pixels</th><th>mean pull</th>"
                + "<th>std</th><th>&gt;5 sigma</th></tr>\n");
        for (Pulls p : List.of(sp.pulls(), sp.visitPulls())) {
            h.append(String.format("<tr><td>%s</td><td>%,d</td><td>%+.4f</td><td>%.4f</td><td>%,d</td></tr>%n",
                    esc(p.label()), p.n(), p.mean(), p.std(), p.outliers()));
        }
        h.append("</table>\n<p>").append(esc(sp.visit().toString())).append("</p>\n<p>The night's QA table ("
                + "<code>qa/nightQa-").append(esc(sp.qa().night())).append(".txt</code>): ").append(esc(sp.qa()
                .toString())).append("</p>\n<table><tr><th class=l>exposure: drift against the others, flux scale, "
                + "zero point, sky level (sky over the field), arc LSF, sky fibres' aperture over PSF flux</th></tr>\n");
        for (org.drpkit.algorithms.qa.ExposureQa q : sp.qa().exposures()) {
            h.append("<tr><td class=l>").append(esc(q.toString())).append("</td></tr>\n");
        }
        h.append("</table>\n<div>").append(img(stabilityFigure(dir, sp.drifts())));
        for (int row : new int[] {sp.fibres().length / 3, 2 * sp.fibres().length / 3 + 1}) {
            String f = "visit_" + row + ".png";
            double mid = sp.grid().wavelength(firstCovered(sp.visit().spectra(), row));
            QaFigures.gridSpectrum(dir.resolve(f), String.format("Fibre %d: visit spectrum vs truth",
                    sp.fibres()[row]), sp.grid(), sp.visit().spectra(), sp.truth().spectra(), row, mid, mid + 40);
            h.append(img(f));
        }
        h.append("</div>\n");

        h.append("<h2>Dark and flat</h2>\n<table><tr><th>chip</th><th class=l>dark stack</th><th class=l>flat stack</th></tr>\n");
        for (Map.Entry<ApogeeChip, ChipResult> e : night.chips().entrySet()) {
            h.append("<tr><td>").append(e.getKey()).append("</td><td class=l>").append(esc(e.getValue().dark().toString()))
                    .append("</td><td class=l>").append(esc(e.getValue().flat().toString())).append("</td></tr>\n");
        }
        h.append("</table>\n");
        for (Map.Entry<ApogeeChip, ChipResult> e : night.chips().entrySet()) {
            ChipResult c = e.getValue();
            String d = "dark_" + e.getKey() + ".png";
            String f = "flat_" + e.getKey() + ".png";
            QaFigures.image(dir.resolve(d), "Dark rate, chip " + e.getKey() + " (DN/read)", c.dark().rate(),
                    c.chip().lightSensitive(), false);
            QaFigures.image(dir.resolve(f), "Pixel flat, chip " + e.getKey(), c.flat().response(),
                    c.chip().lightSensitive(), false);
            h.append("<div>").append(img(d)).append(img(f)).append("</div>\n");
        }

        h.append("<h2>Bad pixels by cause</h2>\n<p>Pixels of the calibrated science exposures with each flag set, summed "
                + "over the exposures of a chip.</p>\n");
        Map<String, List<? extends Number>> series = new LinkedHashMap<>();
        List<String> causes = flagNames(night);
        h.append("<table><tr><th class=l>flag</th>");
        for (ApogeeChip c : night.chips().keySet()) {
            h.append("<th>").append(c).append("</th>");
        }
        h.append("</tr>\n");
        for (String cause : causes) {
            h.append("<tr><td class=l>").append(cause).append("</td>");
            for (ChipResult c : night.chips().values()) {
                h.append(String.format("<td>%,d</td>", c.flagCounts()[bitOf(cause)]));
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
        for (Map.Entry<ApogeeChip, ChipResult> e : night.chips().entrySet()) {
            List<Long> v = new ArrayList<>();
            for (String cause : causes) {
                v.add(e.getValue().flagCounts()[bitOf(cause)]);
            }
            series.put("chip " + e.getKey(), v);
        }
        if (!causes.isEmpty()) {
            QaFigures.bars(dir.resolve("badpixels.png"), "Flagged pixels by cause (science exposures)", "pixels", causes,
                    series, true);
            h.append(img("badpixels.png"));
        }

        h.append("<h2>Almanac, runlists and drop flow</h2>\n<p>The raw files are indexed into the almanac "
                + "(<code>almanac/</code>), the night's runlists are built by upstream's rules (the darks' fewest reads "
                + "set to the plan's), and only the exposures they pick are reduced. After the reduction the final QA "
                + "pass checks every product the runlists call for: ").append(esc(night.check().toString()))
                .append(". The flow counts what entered and left each stage, and why.</p>\n");
        QaFigures.flow(dir.resolve("dropflow.png"), night.flow());
        h.append(img("dropflow.png"));
        h.append("<table><tr><th class=l>stage</th><th class=l>unit</th><th>in</th><th>out</th><th class=l>dropped</th>"
                + "</tr>\n");
        for (org.drpkit.archive.almanac.DropFlow.Stage st : night.flow().stages()) {
            List<String> why = new ArrayList<>();
            st.dropped().forEach((k, v) -> why.add(v + " " + k));
            h.append("<tr><td class=l>").append(esc(st.name())).append("</td><td class=l>").append(esc(st.unit()))
                    .append("</td><td>").append(st.in()).append("</td><td>").append(st.out()).append("</td><td class=l>")
                    .append(esc(String.join("; ", why))).append("</td></tr>\n");
        }
        h.append("</table>\n");
        for (org.drpkit.archive.almanac.NightCheck.ProductCheck pc : night.check().problems()) {
            h.append("<p>").append(esc(pc.toString())).append("</p>\n");
        }

        if (!night.bad().isEmpty()) {
            h.append("<p>Added to the almanac's bad-exposure list (the next runlists leave them out):</p>\n<ul>\n");
            for (org.drpkit.archive.almanac.BadExposures.Outcome b : night.bad()) {
                h.append("<li>").append(esc(b.toString())).append("</li>\n");
            }
            h.append("</ul>\n");
        }
        if (across.isPresent()) {
            DemoNights a = across.get();
            h.append("<h2>Across nights</h2>\n<p>The nights share one almanac. The raw headers' keyword schema from the "
                    + "first night to the last (<code>drpkit almanac drift</code>):</p>\n<pre>")
                    .append(esc(a.driftText())).append("</pre>\n<p>Night QA values read back from each night's "
                    + "products (<code>drpkit almanac trends</code>):</p>\n<pre>").append(esc(a.trends().table()))
                    .append("</pre>\n");
            TrendFigure.write(dir.resolve("trends.png"), a.trends());
            h.append(img("trends.png"));
        }

        h.append("<h2>Exposures</h2>\n<table><tr><th>exposure</th><th class=l>kind</th><th>reads</th><th class=l>product</th>"
                + "<th class=l>dropped</th></tr>\n");
        for (ExposureOutcome o : night.exposures()) {
            h.append("<tr><td class=l>").append(o.key()).append("</td><td class=l>").append(o.planned().kind().imageType())
                    .append("</td><td>").append(o.planned().reads()).append("</td><td class=l>")
                    .append(o.product().map(p -> esc(p.getFileName().toString())).orElse("")).append("</td><td class=l>")
                    .append(esc(o.dropped().orElse(""))).append("</td></tr>\n");
        }
        h.append("</table>\n");

        h.append("<h2>Archive ingest</h2>\n");
        Map<String, Map<String, Integer>> byStatus = new TreeMap<>();
        for (ArchiveRow r : archive) {
            byStatus.computeIfAbsent(r.instrument(), k -> new TreeMap<>()).merge(r.status(), 1, Integer::sum);
        }
        h.append("<table><tr><th class=l>file</th><th class=l>instrument</th><th class=l>archive id</th><th class=l>state"
                + "</th><th class=l>code</th><th>warnings</th></tr>\n");
        for (ArchiveRow r : archive) {
            h.append("<tr><td class=l>").append(esc(r.file())).append("</td><td class=l>").append(esc(r.instrument()))
                    .append("</td><td class=l>").append(esc(r.archiveId())).append("</td><td class=l>").append(r.status())
                    .append("</td><td class=l>").append(esc(r.code())).append("</td><td>").append(r.warnings())
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
        if (!archive.isEmpty()) {
            List<String> states = archive.stream().map(ArchiveRow::status).distinct().sorted().toList();
            Map<String, List<? extends Number>> bars = new LinkedHashMap<>();
            for (Map.Entry<String, Map<String, Integer>> e : byStatus.entrySet()) {
                List<Integer> v = new ArrayList<>();
                for (String s : states) {
                    v.add(e.getValue().getOrDefault(s, 0));
                }
                bars.put(e.getKey(), v);
            }
            QaFigures.bars(dir.resolve("ingest.png"), "Archive outcome by instrument", "files", states, bars, false);
            h.append(img("ingest.png"));
        }
        if (products != null) {
            h.append("<h3>A preview as the archive publishes it</h3>\n<p>");
            if (products.preview().isPresent()) {
                Path jpg = products.preview().get();
                Files.copy(jpg, dir.resolve("preview.jpg"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                h.append(esc(jpg.getFileName().toString()));
            } else {
                // the archived APOGEE raw files are tile-compressed ramps, which the ingest does not preview
                byte[] jpg = org.drpkit.archive.PreviewJpeg.koa(night.chips().get(ApogeeChip.R).firstScience().flux());
                AtomicFiles.write(dir.resolve("preview.jpg"), true, out -> out.write(jpg));
                h.append("No archived file has a preview (the APOGEE raw files are tile-compressed ramps; run with the "
                        + "Keck frames of ../shared for theirs): the archive's JPEG (<code>PreviewJpeg.koa</code>) of the "
                        + "first calibrated science frame of chip R");
            }
            h.append(": zscale interval, asinh stretch, one pixel per data pixel, JPEG quality 0.92.</p>\n")
                    .append(img("preview.jpg"));
            h.append("<h3>Two runs of the archive step compared (<code>drpkit compare</code>)</h3>\n<pre>")
                    .append(esc(products.rerun().toString())).append("</pre>\n");
        }

        h.append("<h2>Timings</h2>\n<table><tr><th class=l>stage</th><th>seconds</th></tr>\n");
        for (Map.Entry<String, Double> e : seconds.entrySet()) {
            h.append(String.format("<tr><td class=l>%s</td><td>%.2f</td></tr>%n", e.getKey(), e.getValue()));
        }
        h.append("</table>\n<p>Wall time on this machine (").append(Runtime.getRuntime().availableProcessors())
                .append(" cores).</p>\n</body></html>\n");
        Path index = dir.resolve("index.html");
        byte[] page = h.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(index, true, out -> out.write(page));
        return index;
    }

    /** @return the names of the flag bits set anywhere in the science exposures, in bit order */
    static List<String> flagNames(DemoNight.Result night) {
        List<String> out = new ArrayList<>();
        for (int b = 0; b < 32; b++) {
            long n = 0;
            for (ChipResult c : night.chips().values()) {
                n += c.flagCounts()[b];
            }
            if (n > 0) {
                out.add(ExtraFlag.nameOfBit(b));
            }
        }
        return out;
    }

    /** @return the bit index of a flag name from either table */
    static int bitOf(String name) {
        for (int b = 0; b < 32; b++) {
            if (ExtraFlag.nameOfBit(b).equals(name)) {
                return b;
            }
        }
        throw new IllegalArgumentException(name);
    }

    private static String img(String file) {
        return "<img src=\"" + file + "\" alt=\"" + file + "\">\n";
    }

    /** @return rms values in Angstrom as m/s */
    private static double[] ms(double[] angstrom, WaveTruth w) {
        return java.util.Arrays.stream(angstrom).map(w::metresPerSecond).toArray();
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** @return the first grid pixel where a row has data (0 when none) */
    private static int firstCovered(org.drpkit.core.image.Spectra s, int row) {
        for (int i = 0; i < s.pixels(); i++) {
            if (s.ivar()[s.index(row, i)] > 0) {
                return i;
            }
        }
        return 0;
    }

    /** @return the file name of the figure of each exposure's drift against the others with its 1-sigma range */
    private static String stabilityFigure(Path dir, List<org.drpkit.algorithms.visit.VisitDrift.Drift> drifts)
            throws IOException {
        double[] index = new double[drifts.size()];
        double[] v = new double[index.length];
        double[] lo = new double[index.length];
        double[] hi = new double[index.length];
        for (int i = 0; i < index.length; i++) {
            org.drpkit.algorithms.visit.VisitDrift.Drift d = drifts.get(i);
            index[i] = i + 1;
            v[i] = d.velocity();
            lo[i] = d.velocity() - d.velocityError();
            hi[i] = d.velocity() + d.velocityError();
        }
        QaFigures.scatter(dir.resolve("stability.png"), "Wavelength stability: each exposure against the others",
                "science exposure", "drift, m/s", Map.of("drift", new double[][] {index, v},
                        "drift - 1 sigma", new double[][] {index, lo}, "drift + 1 sigma", new double[][] {index, hi}));
        return "stability.png";
    }
}
