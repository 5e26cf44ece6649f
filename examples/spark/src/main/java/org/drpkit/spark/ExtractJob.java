package org.drpkit.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.drpkit.algorithms.calib.CalibFlag;
import org.drpkit.algorithms.calib.Calibrate;
import org.drpkit.algorithms.extract.ExtractParams;
import org.drpkit.algorithms.extract.Extraction;
import org.drpkit.algorithms.extract.ExtractionResult;
import org.drpkit.algorithms.extract.VarianceModel;
import org.drpkit.algorithms.trace.TraceFinder;
import org.drpkit.algorithms.trace.TraceParams;
import org.drpkit.algorithms.trace.TraceResult;
import org.drpkit.algorithms.trace.TraceTweak;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.core.id.ExposureKey;
import org.drpkit.core.image.Mask;
import org.drpkit.core.image.MaskedImage;
import org.drpkit.core.instrument.Chip;
import org.drpkit.core.trace.Traces;
import org.drpkit.fits.FitsWriter;
import org.drpkit.fits.TraceFiles;
import org.drpkit.instruments.apogee.ApogeeChip;
import org.drpkit.instruments.apogee.ApogeeNames;
import org.drpkit.instruments.apogee.ApogeeProduct;
import org.drpkit.instruments.apogee.ApogeeSite;

/**
 * The 2D to 1D step of a night on Spark, after {@link CalibrateJob}, as the demo night composes it: per chip and night
 * the driver calibrates the night's first quartz flat with the published dark and flat, finds the traces on it
 * ({@link TraceFinder}, identified against {@link LabCalibration#nominalTraces}) and publishes them (the traceMain
 * file); then every calibrated science exposure is extracted on the executors by the unchanged stages: the traces
 * moved onto the exposure ({@link TraceTweak}), extraction weights from a variance model fitted to the image
 * ({@link VarianceModel}), and {@link Extraction#optimal}. Each ar1D product (FLUX, IVAR, MASK, FIBRE; the tweak's
 * shift as TRSHIFT) is published atomically with its ledger row at level {@link #LEVEL}, with the same claim, adopt
 * and rerun rules as {@link RateJob}. Each executor reads a chip-night's traces once per JVM.
 *
 * <p>Stage functions inside a task run on one thread (Spark gives a task one core); their results do not depend on it.
 * A chip-night without a usable quartz flat (none taken, or its rate failed) has no traces: its science exposures are
 * reported {@link RateJob.Outcome#FAILED} with code {@link #NO_TRACES} by the driver, and nothing is queued for them.
 *
 * <pre>{@code
 * RateJob.Summary rates = RateJob.run(sc, tasks, lab, options);
 * CalibrateJob.run(sc, tasks, lab, "hdfs:///red", options);
 * RateJob.Summary spectra = ExtractJob.run(sc, tasks, lab, "hdfs:///red", options);
 * }</pre>
 */
public final class ExtractJob {

    /** The ledger level of extracted spectra. */
    public static final int LEVEL = 3;
    /** The image type of the exposure the traces are found on. */
    public static final String QUARTZ = "quartzflat";
    /** The driver's code for a science exposure whose chip-night has no traces. */
    public static final String NO_TRACES = "NO_TRACES";

    private ExtractJob() {
    }

    /**
     * Finds each chip-night's traces on the driver unless published already, then extracts the calibrated science
     * exposures on the executors.
     *
     * @param rateTasks the night's rate tasks (as {@link RateJob#tasks} made them); rates and calibrated images done
     * @param outRoot   the reduction's output root (darks/, flats/, the traces and apred/ are there)
     * @return one outcome per science exposure and chip
     * @throws DrpException from trace finding ({@code TRACE_*}) or the files
     */
    public static RateJob.Summary run(JavaSparkContext sc, List<ChipTask> rateTasks, LabCalibration lab,
            String outRoot, RateJob.Options o) throws DrpException {
        String root = outRoot.endsWith("/") ? outRoot.substring(0, outRoot.length() - 1) : outRoot;
        Configuration conf = sc.hadoopConfiguration();
        Map<String, List<ChipTask>> byChipNight = new LinkedHashMap<>();
        for (ChipTask t : rateTasks) {
            ExposureKey k = ExposureKey.parse(t.key());
            byChipNight.computeIfAbsent(k.chip() + "/" + k.mjd(), x -> new ArrayList<>()).add(t);
        }
        Map<String, String> traceFiles = new LinkedHashMap<>();
        List<ChipTask> science = new ArrayList<>();
        List<RateJob.TaskResult> untraced = new ArrayList<>();
        for (Map.Entry<String, List<ChipTask>> e : byChipNight.entrySet()) {
            ApogeeChip c = ApogeeChip.valueOf(e.getKey().substring(0, e.getKey().indexOf('/')));
            int night = Integer.parseInt(e.getKey().substring(e.getKey().indexOf('/') + 1));
            String traceUri = traceUri(root, c, night);
            boolean traced = HadoopFiles.exists(traceUri, conf) || trace(e.getValue(), lab, root, c, night, traceUri,
                    conf);
            traceFiles.put(e.getKey(), traceUri);
            for (ChipTask t : e.getValue()) {
                if (!t.imageType().equals(CalibrateJob.SCIENCE)) {
                    continue;
                }
                if (!traced) {
                    untraced.add(new RateJob.TaskResult(t.key(), RateJob.Outcome.FAILED, NO_TRACES, -1, 0));
                    continue;
                }
                science.add(new ChipTask(t.key(), t.chip(), t.imageType(), calibratedUri(root, t), t.md5(), t.size(),
                        extractedUri(root, t)));
            }
        }
        RateJob.Summary s = RateJob.run(sc, science, LEVEL, new Extract(lab, traceFiles), o);
        if (untraced.isEmpty()) {
            return s;
        }
        List<RateJob.TaskResult> all = new ArrayList<>(s.results());
        all.addAll(untraced);
        return new RateJob.Summary(List.copyOf(all), s.seconds());
    }

    /** @return the calibrated image (ar2Dcal) of a science exposure's rate task under {@code root} */
    static String calibratedUri(String root, ChipTask rateTask) throws DrpException {
        return product(root, ApogeeProduct.AR2DCAL, rateTask);
    }

    /** @return the extracted spectra (ar1D) of a science exposure's rate task under {@code root} */
    static String extractedUri(String root, ChipTask rateTask) throws DrpException {
        return product(root, ApogeeProduct.AR1D, rateTask);
    }

    private static String product(String root, ApogeeProduct p, ChipTask t) throws DrpException {
        String r = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
        return r + "/" + CalibrateJob.fits(p.path(ExposureKey.parse(t.key()), t.imageType()));
    }

    /** @return where a chip-night's traces are published under {@code root} (no trailing slash) */
    static String traceUri(String root, ApogeeChip c, int night) {
        String r = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
        return r + "/" + CalibrateJob.fits(ApogeeNames.traceMain(ApogeeSite.APO, night, c));
    }

    /**
     * The traces of one chip-night on the driver: the first quartz flat (by exposure number) whose rate product
     * exists, calibrated with the published dark and flat, traced against the nominal slit, published.
     *
     * @return false when the chip-night has no quartz flat with a rate
     */
    private static boolean trace(List<ChipTask> tasks, LabCalibration lab, String root, ApogeeChip c, int night,
            String traceUri, Configuration conf) throws DrpException {
        ChipTask quartz = null;
        for (ChipTask t : tasks) {
            if (t.imageType().equals(QUARTZ) && HadoopFiles.exists(t.product(), conf)
                    && (quartz == null || ExposureKey.parse(t.key()).exposure()
                            < ExposureKey.parse(quartz.key()).exposure())) {
                quartz = t;
            }
        }
        if (quartz == null) {
            return false;
        }
        Chip chip = lab.chip(c.name());
        MaskedImage rate = CalibrateJob.readMasked(quartz.product(), "RATE", conf);
        MaskedImage dark = CalibrateJob.readMasked(CalibrateJob.darkUri(root, c, night), "DARK", conf);
        MaskedImage flat = CalibrateJob.readMasked(CalibrateJob.flatUri(root, c, night), "FLAT", conf);
        MaskedImage calibrated = Calibrate.apply(rate, chip, dark, flat, List.of()).image();
        TraceResult found = TraceFinder.find(calibrated, chip.lightSensitive(), c.name(), lab.nominalTraces(c.name()),
                TraceParams.defaults());
        try {
            Path scratch = Files.createTempDirectory("drpkit-spark-trace-");
            Path local = scratch.resolve("traces.fits");
            TraceFiles.write(local, Header.builder().add("TELESCOP", "apo25m")
                    .add("EXPNUM", (long) ExposureKey.parse(quartz.key()).exposure(), "the quartz flat traced")
                    .build(), found.traces(), true);
            HadoopFiles.publish(local, traceUri, conf);
            Files.deleteIfExists(scratch);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return true;
    }

    /** One calibrated science exposure extracted on an executor; the chip-night's traces read once per JVM. */
    private record Extract(LabCalibration lab, Map<String, String> traceFiles) implements LedgerTasks.Maker {
        private static final long serialVersionUID = 1L;
        private static final Map<String, Traces> CACHE = new ConcurrentHashMap<>();

        Extract {
            traceFiles = new LinkedHashMap<>(traceFiles);   // serialisable copy
        }

        @Override
        public String make(ChipTask task, Path local, Path out, Configuration conf) throws DrpException {
            ExposureKey k = ExposureKey.parse(task.key());
            String traceUri = traceFiles.get(k.chip() + "/" + k.mjd());
            Traces traces = CACHE.get(traceUri);
            if (traces == null) {
                traces = readTraces(traceUri, conf);
                CACHE.putIfAbsent(traceUri, traces);
            }
            Chip chip = lab.chip(task.chip());
            MaskedImage image = CalibrateJob.readMasked(task.raw(), "FLUX", conf);
            // the night's traces moved onto this exposure (flexure since the quartz flat), then extracted
            TraceTweak.Result tweak = TraceTweak.fit(image, traces, tweakParams());
            ExtractionResult x = Extraction.optimal(image, tweak.traces(), extractParams(image, chip));
            FitsWriter.create().primary(Header.builder().add("TELESCOP", "apo25m").add("CHIP", k.chip())
                    .add("EXPNUM", (long) k.exposure()).add("BUNIT", "DN/read")
                    .add("TRSHIFT", tweak.shift(), "trace tweak shift, px").build())
                    .spectra(x.spectra())
                    .mask("FIBRE", Header.builder().comment("fibre number of each spectrum row").build(),
                            Mask.of(traces.fibres().length, 1, traces.fibres()))
                    .write(out, true);
            return String.format(Locale.ROOT, "%d fibres, trace shift %.3f px", traces.count(), tweak.shift());
        }

        private static Traces readTraces(String uri, Configuration conf) throws DrpException {
            try {
                Path scratch = Files.createTempDirectory("drpkit-spark-traces-");
                try {
                    Path local = HadoopFiles.local(uri, conf, scratch);
                    try {
                        return TraceFiles.read(local);
                    } finally {
                        if (local.startsWith(scratch)) {
                            Files.deleteIfExists(local);
                        }
                    }
                } finally {
                    Files.deleteIfExists(scratch);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** @return the trace tweak's parameters in a task: the defaults, on the task's one thread */
    static TraceTweak.Params tweakParams() {
        TraceTweak.Params d = TraceTweak.Params.defaults();
        return new TraceTweak.Params(d.columnStep(), d.iterations(), d.fitScale(), d.rejectBits(), false);
    }

    /**
     * @return the extraction's parameters in a task, as the demo night's: weights from a variance model fitted to the
     *         image (the defaults when none fits), on the task's one thread
     */
    static ExtractParams extractParams(MaskedImage image, Chip chip) {
        return VarianceModel.estimate(image, chip.lightSensitive(), CalibFlag.BAD_BITS, 2)
                .map(ExtractParams.defaults()::withVariance).orElse(ExtractParams.defaults()).withParallel(false);
    }
}
