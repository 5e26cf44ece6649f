package org.drpkit.cli.demo;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.drpkit.algorithms.trace.TraceResult;
import org.drpkit.cli.demo.DemoNight.ChipResult;
import org.drpkit.cli.demo.DemoNight.ExposureOutcome;
import org.drpkit.instruments.apogee.ApogeeChip;

/**
 * The summary table the demo prints at the end: exposures processed and dropped (and why), flags by cause,
 * rate-recovery accuracy against the simulator's truth, the archive outcome, and timings per stage.
 *
 * <pre>{@code
 * System.out.print(DemoSummary.format(night, archiveRows, seconds));
 * }</pre>
 */
public final class DemoSummary {

    private DemoSummary() {
    }

    /** @return the summary as lines of text */
    public static String format(DemoNight.Result night, List<QaReport.ArchiveRow> archive, Map<String, Double> seconds) {
        StringBuilder s = new StringBuilder();
        long processed = night.exposures().stream().filter(e -> e.dropped().isEmpty()).count();
        s.append(String.format("%nExposures: %d planned x %d chips = %d; processed %d; dropped %d%n",
                night.plan().exposures().size(), night.chips().size(), night.exposures().size(), processed,
                night.exposures().size() - processed));
        Map<String, Integer> reasons = new TreeMap<>();
        for (ExposureOutcome e : night.exposures()) {
            e.dropped().ifPresent(r -> reasons.merge("exposure " + e.key().exposureText() + ": " + r, 1, Integer::sum));
        }
        reasons.forEach((r, n) -> s.append(String.format("  dropped x%d  %s%n", n, r)));
        for (org.drpkit.archive.almanac.BadExposures.Outcome b : night.bad()) {
            s.append(String.format("  to the bad-exposure list: %s%n", b));
        }
        s.append(String.format("%nFinal QA pass: %s%n", night.check()));
        s.append(String.format("%n%s", night.flow().table()));

        s.append(String.format("%nAccuracy against the simulator's truth (pull = (measured - true) / sigma, good pixels)%n"));
        s.append(String.format("  %-5s %-28s %12s %10s %8s %10s%n", "chip", "comparison", "pixels", "mean pull", "std",
                ">5 sigma"));
        for (Map.Entry<ApogeeChip, ChipResult> e : night.chips().entrySet()) {
            for (Pulls p : List.of(e.getValue().rampPulls(), e.getValue().calibratedPulls(),
                    e.getValue().extractedPulls())) {
                s.append(String.format("  %-5s %-28s %,12d %+10.4f %8.4f %,10d%n", e.getKey(),
                        p.comparison(), p.n(), p.mean(), p.std(), p.outliers()));
            }
        }
        for (Pulls f : List.of(night.spectra().pulls(), night.spectra().visitPulls())) {
            s.append(String.format("  %-5s %-28s %,12d %+10.4f %8.4f %,10d%n", "all", f.label(), f.n(), f.mean(),
                    f.std(), f.outliers()));
        }

        s.append(String.format("%nTraces found on the quartz flat%n"));
        for (Map.Entry<ApogeeChip, ChipResult> e : night.chips().entrySet()) {
            TraceResult t = e.getValue().traces();
            s.append(String.format("  %-5s %d traces, %d dead %s, offset %+.2f px, centre chi2/n %.2f, %s%n",
                    e.getKey(), t.traces().count(), t.identification().dead().length,
                    java.util.Arrays.toString(t.identification().dead()), t.identification().offset(), t.centreChi2(),
                    t.traces().shape()));
            StringBuilder sh = new StringBuilder();
            for (double d : e.getValue().traceShifts()) {
                sh.append(String.format(" %+.4f", d));
            }
            s.append(String.format("        trace tweak per science exposure:%s px (flexure injected %+.4f)%n", sh,
                    Scene.FLEXURE));
        }

        s.append(String.format("%nWavelength vs truth (arc lamp, one solution per fibre against the true wavelength of every"
                + " column between its outermost lines)%n"));
        for (Map.Entry<ApogeeChip, ChipResult> e : night.chips().entrySet()) {
            WaveTruth w = WaveTruth.of(e.getValue());
            s.append(String.format("  %-5s %s%n", e.getKey(), w));
        }
        s.append(String.format("%nSky lines (synthetic OH list at its wavelengths): each science exposure's drift from"
                + " its sky lines (SkyTweak) against the drift injected%n"));
        night.sky().exposures().forEach((n, e) -> s.append(String.format("  exposure %d: %s%n", n, e)));
        s.append(String.format("%nSpectra: %s%n  visit: %s%n", night.spectra(), night.spectra().visit()));
        s.append(String.format("  standards: %s%n", night.spectra().zeroPointVsTruth()));
        s.append(String.format("  night QA table (%s): %s%n", "qa/nightQa-" + night.spectra().qa().night() + ".txt",
                night.spectra().qa()));
        for (org.drpkit.algorithms.qa.ExposureQa q : night.spectra().qa().exposures()) {
            s.append(String.format("    %s%n", q));
        }
        s.append(String.format("  sky fibres' fibre-aperture (boxcar) over PSF (optimal) flux, against boxcar over true"
                + " flux:%n"));
        night.aperture().forEach(a -> s.append(String.format("    %s%n", a)));
        night.etalon().ifPresent(et -> {
            s.append(String.format("%nEtalon (Fabry-Perot): one cavity for the three chips, fitted with each fibre's "
                    + "polynomial through the etalon peaks and the arc lines%n  %s%n", et));
            et.chips().forEach((c, check) -> s.append(String.format("  %-5s %s%n", c, check)));
        });

        s.append(String.format("%nFlags in the calibrated science exposures (pixels)%n"));
        s.append(String.format("  %-22s", "flag"));
        for (ApogeeChip c : night.chips().keySet()) {
            s.append(String.format(" %12s", "chip " + c));
        }
        s.append('\n');
        for (String name : QaReport.flagNames(night)) {
            s.append(String.format("  %-22s", name));
            for (ChipResult c : night.chips().values()) {
                s.append(String.format(" %,12d", c.flagCounts()[QaReport.bitOf(name)]));
            }
            s.append('\n');
        }

        if (!archive.isEmpty()) {
            Map<String, Map<String, Integer>> by = new TreeMap<>();
            for (QaReport.ArchiveRow r : archive) {
                by.computeIfAbsent(r.instrument(), k -> new TreeMap<>()).merge(
                        r.status() + (r.code().isEmpty() ? "" : " (" + r.code() + ")"), 1, Integer::sum);
            }
            s.append(String.format("%nArchive: %d files%n", archive.size()));
            by.forEach((instr, states) -> s.append(String.format("  %-8s %s%n", instr, states)));
        }

        s.append(String.format("%nTimings (wall seconds)%n"));
        double total = 0;
        for (Map.Entry<String, Double> e : seconds.entrySet()) {
            s.append(String.format("  %-12s %8.2f%n", e.getKey(), e.getValue()));
            total += e.getValue();
        }
        s.append(String.format("  %-12s %8.2f%n", "total", total));
        return s.toString();
    }
}
