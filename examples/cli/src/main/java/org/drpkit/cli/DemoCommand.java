package org.drpkit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.drpkit.archive.FitsFiles;
import org.drpkit.archive.CompareResult;
import org.drpkit.cli.demo.DemoArchive;
import org.drpkit.cli.demo.DemoNight;
import org.drpkit.cli.demo.DemoNights;
import org.drpkit.cli.demo.DemoSummary;
import org.drpkit.cli.demo.NightPlan;
import org.drpkit.cli.demo.QaReport;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.progress.ProgressListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code drpkit demo}: simulates and reduces an APOGEE-like night end to end, archives its raw files (and real Keck
 * frames when available), prints a summary and writes a QA report. The composition itself is
 * {@link DemoNight}; this command adds progress bars and the report.
 */
@Command(name = "demo", description = {
    "Simulate an APOGEE-like night (darks, internal flats, science exposures, a quartz flat and an arc on three"
            + " chips), write the raw files, reduce them with drpkit (3D to 2D, dark and flat stacks, 2D calibration,"
            + " traces, extraction, wavelength solutions), compare every step with the"
            + " simulator's truth, archive the raw files (and the real Keck NIRC2 frames in ../shared/data/keck/nirc2"
            + " or --keck DIR) through the ingest stages and the embedded ledger, and write OUT/report/index.html.",
    "--size small finishes in under a minute on 2 cores; --size full uses the real 2560x2048 APOGEE geometry."})
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--size", defaultValue = "small", paramLabel = "small|full",
            description = "small (512x512 science pixels per chip, short ramps) or full (2048x2048 + 512, 47 reads). "
                    + "Default: ${DEFAULT-VALUE}")
    String size;

    @Option(names = "--out", defaultValue = "demo-out", paramLabel = "DIR",
            description = "output folder (raw/, apred/, darks/, flats/, archive/, report/). Default: ${DEFAULT-VALUE}")
    Path out;

    @Option(names = "--keck", paramLabel = "DIR",
            description = "folder of real Keck FITS frames to archive too (default: ../shared/data/keck/nirc2 when it "
                    + "exists)")
    Path keck;

    @Option(names = "--no-keck", description = "archive no Keck frames")
    boolean noKeck;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "simulation seed. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--nights", defaultValue = "1", paramLabel = "N",
            description = "nights to simulate and reduce into the same folder (1..5; later nights: an aged detector and "
                    + "one raw keyword renamed), then compare them: header drift and QA trends. Default: ${DEFAULT-VALUE}")
    int nights;

    @Option(names = "--progress", negatable = true, description = "show progress bars (default: when on a terminal)")
    Boolean progress;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        NightPlan.Size s;
        try {
            s = NightPlan.Size.parse(size);
        } catch (IllegalArgumentException e) {
            err.println("--size must be small or full, not " + size);
            return Drpkit.EXIT_BAD_INPUT;
        }
        Optional<Path> keckDir = noKeck ? Optional.empty()
                : Optional.ofNullable(keck).or(() -> Optional.of(Path.of("..", "shared", "data", "keck", "nirc2"))
                        .filter(Files::isDirectory));
        if (keck != null && !Files.isDirectory(keck)) {
            err.println("--keck " + keck + " is not a folder");
            return Drpkit.EXIT_BAD_INPUT;
        }
        if (nights < 1 || nights > 5) {
            err.println("--nights must be 1 to 5, not " + nights);
            return Drpkit.EXIT_BAD_INPUT;
        }
        boolean bars = progress != null ? progress : System.console() != null;
        o.printf("drpkit demo: %s night, seed %d, into %s%s%n", s.name().toLowerCase(), seed, out,
                keckDir.map(d -> "; Keck frames from " + d).orElse(""));
        o.flush();
        try (Bars listener = new Bars(bars)) {
            List<DemoNight.Result> reduced = new java.util.ArrayList<>();
            Map<String, Double> seconds = new LinkedHashMap<>();
            List<Path> files = new java.util.ArrayList<>();
            for (int n = 0; n < nights; n++) {
                DemoNight.Result r = DemoNight.reduce(new DemoNight.Options(s, out, seed, true, n), listener);
                reduced.add(r);
                r.seconds().forEach((k, v) -> seconds.merge(k, v, Double::sum));
                files.addAll(r.rawFiles());
            }
            DemoNight.Result night = reduced.get(reduced.size() - 1);
            Optional<DemoNights> across = nights > 1 ? Optional.of(DemoNights.compare(out, reduced))
                    : Optional.empty();
            long t0 = System.nanoTime();
            keckDir.ifPresent(d -> files.addAll(FitsFiles.under(d)));
            List<QaReport.ArchiveRow> archive = DemoArchive.ingest(out.resolve("archive"), files, listener);
            seconds.put("archive", (System.nanoTime() - t0) / 1e9);
            t0 = System.nanoTime();
            CompareResult rerun = DemoArchive.rerunAndCompare(out.resolve("archive"), out.resolve("archive-rerun"), files);
            seconds.put("archive rerun and compare", (System.nanoTime() - t0) / 1e9);
            t0 = System.nanoTime();
            Path index = QaReport.write(out.resolve("report"), night, archive, seconds, across,
                    new QaReport.ArchiveProducts(DemoArchive.firstPreview(out.resolve("archive")), rerun));
            seconds.put("report", (System.nanoTime() - t0) / 1e9);
            listener.close();
            for (DemoNight.Result r : reduced) {
                if (nights > 1) {
                    o.printf("%n== Night %s ==%n", DemoNights.sjd(r));
                }
                o.print(DemoSummary.format(r, r == night ? archive : List.of(), r == night ? seconds : r.seconds()));
            }
            if (across.isPresent()) {
                o.printf("%n== Across nights ==%nRaw header drift (drpkit almanac drift):%n%s%n%s",
                        across.get().driftText(), across.get().trends().table());
            }
            o.printf("%nArchive rerun against the first run (drpkit compare %s %s):%n  %s%n", out.resolve("archive"),
                    out.resolve("archive-rerun"), rerun.summary());
            o.printf("%nProducts in %s; QA report: %s%n", out, index);
            o.flush();
            return 0;
        } catch (DrpException e) {
            err.println(e.getMessage());
            return Drpkit.EXIT_BAD_INPUT;
        } catch (IOException e) {
            err.println("cannot write the report: " + e);
            return Drpkit.EXIT_BAD_INPUT;
        }
    }

    /** One progress bar per stage, shown on standard error. */
    private static final class Bars implements ProgressListener, AutoCloseable {
        private final boolean on;
        private ProgressBar bar;
        private String stage;

        Bars(boolean on) {
            this.on = on;
        }

        @Override
        public synchronized void progress(String name, long done, long total) {
            if (!on) {
                return;
            }
            if (!name.equals(stage)) {
                close();
                stage = name;
                bar = new ProgressBarBuilder().setTaskName(name).setInitialMax(Math.max(total, 1))
                        .setConsumer(new ConsoleProgressBarConsumer(System.err)).setUpdateIntervalMillis(200).build();
            }
            bar.stepTo(Math.max(0, done));
        }

        @Override
        public synchronized void close() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }
    }
}
