package org.drpkit.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.drpkit.archive.almanac.Almanac;
import org.drpkit.archive.almanac.Exposure;
import org.drpkit.archive.almanac.IndexOptions;
import org.drpkit.core.error.DrpException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The entry point of {@code drpkit-spark}, for {@code spark-submit} or {@code java -cp}: {@code night} reduces the
 * nights of a raw folder (indexed by the almanac) to rate and calibrated images and extracted spectra,
 * {@code ingest} runs the archive ingest over files. Exit status 0 when every task ended well, 1 when some failed (listed in the ledger), 2 on bad input.
 *
 * <pre>{@code
 * spark-submit --master local[2] drpkit-spark-submit.jar night --raw demo-out/raw --out red
 * spark-submit --master yarn --num-executors 100 drpkit-spark-submit.jar ingest --root /koadata \
 *     --ledger jdbc:postgresql://db/koa /sdata/nirc2/2017jul25
 * }</pre>
 */
@Command(name = "drpkit-spark", mixinStandardHelpOptions = true, subcommands = {SparkNight.Night.class,
        SparkNight.IngestFiles.class}, description = "drpkit's stages as Apache Spark jobs.")
public final class SparkNight {

    private SparkNight() {
    }

    /** Runs a command and exits with its status. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** @return the command line, with a DrpException handler (message, exit 2) */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new SparkNight());
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof DrpException d) {
                line.getErr().println("drpkit-spark: " + d.getMessage());
                return 2;
            }
            throw e;
        });
        return cl;
    }

    static JavaSparkContext context(String master, String app) {
        SparkConf conf = new SparkConf().setAppName(app);
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        return new JavaSparkContext(conf);
    }

    /** {@code night}: rates and calibrated images of every night under a raw folder. */
    @Command(name = "night", mixinStandardHelpOptions = true,
            description = "Fit every (exposure, chip) ramp under --raw on Spark, then calibrate and extract the science "
                    + "exposures (traces found per chip-night on the driver).")
    static final class Night implements Callable<Integer> {
        @Option(names = "--master", description = "Spark master (default: spark-submit's, else local[*])")
        String master;
        @Option(names = "--raw", required = true, description = "raw folder (as drpkit demo writes it: raw/<site>/<SJD>/)")
        Path raw;
        @Option(names = "--out", required = true, description = "output root: a Hadoop path or URI (file:, hdfs:, s3a:)")
        String out;
        @Option(names = "--almanac", description = "almanac JDBC URL (default: H2 file beside --raw)")
        String almanac;
        @Option(names = "--ledger", description = "ledger JDBC URL (default: H2 AUTO_SERVER file beside --raw)")
        String ledger;
        @Option(names = "--night", description = "only this night (SJD); default every night indexed")
        String night;
        @Option(names = "--partitions", defaultValue = "0", description = "task partitions (default: 2 x default parallelism)")
        int partitions;
        @Option(names = "--seed", defaultValue = "1", description = "the demo's seed (its simulated lab calibrations)")
        long seed;
        @Option(names = "--size", defaultValue = "512", description = "science pixels per side: 512 (demo small) or 2048")
        int size;
        @Option(names = "--demo-night", defaultValue = "0", description = "which night of the demo (its detector's age)")
        int demoNight;
        @Option(names = "--task-threads", defaultValue = "1",
                description = "threads of one ramp fit (1: Spark's one core per task; 0: every core)")
        int taskThreads;
        @Option(names = "--no-calibrate", description = "stop after the rates")
        boolean noCalibrate;
        @Option(names = "--no-extract", description = "stop after the calibrated images")
        boolean noExtract;

        @Override
        public Integer call() throws DrpException {
            Path base = raw.toAbsolutePath().normalize().getParent();
            String almanacUrl = almanac != null ? almanac : Almanac.h2Url(base);
            String ledgerUrl = ledger != null ? ledger
                    : "jdbc:h2:file:" + base.resolve("spark-ledger") + ";AUTO_SERVER=TRUE";
            List<Exposure> exposures = new ArrayList<>();
            try (Almanac a = Almanac.open(almanacUrl)) {
                a.index(List.of(raw), IndexOptions.defaults());
                for (Map.Entry<String, List<String>> e : a.nights().entrySet()) {
                    if (e.getValue().contains("APOGEE") && (night == null || night.equals(e.getKey()))) {
                        exposures.addAll(Exposure.group(a.night(e.getKey(), Optional.of("APOGEE"))));
                    }
                }
            }
            List<ChipTask> tasks = RateJob.tasks(exposures, out);
            LabCalibration lab = SimulatedLab.demo(seed, size, demoNight);
            try (JavaSparkContext sc = context(master, "drpkit night")) {
                int parts = partitions > 0 ? partitions : 2 * sc.defaultParallelism();
                RateJob.Options o = RateJob.Options.of(ledgerUrl, parts).withTaskThreads(taskThreads);
                RateJob.Summary rates = RateJob.run(sc, tasks, lab, o);
                System.out.println("rates: " + rates);
                boolean failed = rates.count(RateJob.Outcome.FAILED) > 0;
                if (!noCalibrate) {
                    RateJob.Summary cal = CalibrateJob.run(sc, tasks, lab, out, o);
                    System.out.println("calibrated: " + cal);
                    failed |= cal.count(RateJob.Outcome.FAILED) > 0;
                    if (!noExtract) {
                        RateJob.Summary spectra = ExtractJob.run(sc, tasks, lab, out, o);
                        System.out.println("extracted: " + spectra);
                        failed |= spectra.count(RateJob.Outcome.FAILED) > 0;
                    }
                }
                return failed ? 1 : 0;
            }
        }
    }

    /** {@code ingest}: the archive ingest of files (folders are walked). */
    @Command(name = "ingest", mixinStandardHelpOptions = true,
            description = "Ingest files into the archive on Spark, with one shared ledger.")
    static final class IngestFiles implements Callable<Integer> {
        @Option(names = "--master", description = "Spark master (default: spark-submit's, else local[*])")
        String master;
        @Option(names = "--root", required = true, description = "archive root, mounted by every executor")
        Path root;
        @Option(names = "--ledger", description = "ledger JDBC URL (default: H2 AUTO_SERVER file in --root)")
        String ledger;
        @Option(names = "--lanes", defaultValue = "0", description = "concurrent ingest tasks (default: parallelism)")
        int lanes;
        @Parameters(arity = "1..*", description = "files or folders")
        List<Path> inputs;

        @Override
        public Integer call() throws Exception {
            List<String> files = new ArrayList<>();
            for (Path p : inputs) {
                if (Files.isDirectory(p)) {
                    try (Stream<Path> s = Files.walk(p)) {
                        s.filter(Files::isRegularFile).map(f -> f.toAbsolutePath().normalize().toString()).sorted()
                                .forEach(files::add);
                    }
                } else {
                    files.add(p.toAbsolutePath().normalize().toString());
                }
            }
            String url = ledger != null ? ledger
                    : "jdbc:h2:file:" + root.toAbsolutePath().resolve("ledger") + ";AUTO_SERVER=TRUE";
            try (JavaSparkContext sc = context(master, "drpkit ingest")) {
                int n = lanes > 0 ? lanes : sc.defaultParallelism();
                IngestJob.Summary s = IngestJob.run(sc, files, IngestJob.Options.of(url,
                        root.toAbsolutePath().toString(), n));
                System.out.println("ingest: " + s);
                return s.ingested().stream().anyMatch(i -> i.status() == org.drpkit.core.status.ProcessingStatus.ERROR)
                        ? 1 : 0;
            }
        }
    }
}
