package org.drpkit.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.drpkit.algorithms.calib.CalibratedImage;
import org.drpkit.algorithms.calib.Calibrate;
import org.drpkit.algorithms.calib.DarkCalibration;
import org.drpkit.algorithms.calib.DarkParams;
import org.drpkit.algorithms.calib.DarkStack;
import org.drpkit.algorithms.calib.FlatField;
import org.drpkit.algorithms.calib.FlatParams;
import org.drpkit.algorithms.calib.FlatStack;
import org.drpkit.algorithms.calib.FrameSource;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.core.id.ExposureKey;
import org.drpkit.core.image.MaskedImage;
import org.drpkit.core.instrument.Chip;
import org.drpkit.fits.FitsReader;
import org.drpkit.fits.FitsWriter;
import org.drpkit.fits.PixelType;
import org.drpkit.instruments.apogee.ApogeeChip;
import org.drpkit.instruments.apogee.ApogeeNames;
import org.drpkit.instruments.apogee.ApogeeProduct;
import org.drpkit.instruments.apogee.ApogeeSite;

/**
 * The 2D calibration of a night on Spark, after {@link RateJob}: per chip, the driver stacks the night's dark rates
 * ({@link DarkStack}) and flat rates ({@link FlatStack}) once and publishes them as files (darkRate, flatFraction);
 * then every science exposure of every chip is calibrated on the executors by the unchanged {@link Calibrate}, each
 * reading the chip's dark and flat files once per JVM, and published as ar2Dcal with its ledger row at level
 * {@link #LEVEL} (one row per rate product, named by the raw file's MD5).
 *
 * <pre>{@code
 * RateJob.Summary rates = RateJob.run(sc, tasks, lab, options);
 * RateJob.Summary cal = CalibrateJob.run(sc, tasks, lab, "hdfs:///red", options);
 * }</pre>
 */
public final class CalibrateJob {

    /** The ledger level of calibrated images. */
    public static final int LEVEL = 2;
    /** The image types calibrated: science exposures. */
    public static final String SCIENCE = "object";

    private CalibrateJob() {
    }

    /**
     * Builds each chip's dark and flat on the driver (from the rate products of {@code rateTasks} whose image types
     * are {@code dark} and {@code internalflat}) unless published already, then calibrates the science exposures on the
     * executors.
     *
     * @param rateTasks the night's rate tasks, all done (as {@link RateJob#run} left them)
     * @param outRoot   the reduction's output root (darks/ and flats/ go there)
     * @return one outcome per science exposure and chip
     * @throws DrpException from the stacks ({@code CALIB_*}) or the files
     */
    public static RateJob.Summary run(JavaSparkContext sc, List<ChipTask> rateTasks, LabCalibration lab,
            String outRoot, RateJob.Options o) throws DrpException {
        String root = outRoot.endsWith("/") ? outRoot.substring(0, outRoot.length() - 1) : outRoot;
        Configuration conf = sc.hadoopConfiguration();
        Map<String, String[]> calibrations = new LinkedHashMap<>();
        List<ChipTask> science = new ArrayList<>();
        Map<String, List<ChipTask>> byChipNight = new LinkedHashMap<>();
        for (ChipTask t : rateTasks) {
            ExposureKey k = ExposureKey.parse(t.key());
            byChipNight.computeIfAbsent(k.chip() + "/" + k.mjd(), x -> new ArrayList<>()).add(t);
        }
        for (Map.Entry<String, List<ChipTask>> e : byChipNight.entrySet()) {
            String chipName = e.getKey().substring(0, e.getKey().indexOf('/'));
            int night = Integer.parseInt(e.getKey().substring(e.getKey().indexOf('/') + 1));
            ApogeeChip c = ApogeeChip.valueOf(chipName);
            String dark = darkUri(root, c, night);
            String flat = flatUri(root, c, night);
            calibrations.put(e.getKey(), new String[] {dark, flat});
            if (!HadoopFiles.exists(dark, conf) || !HadoopFiles.exists(flat, conf)) {
                stack(e.getValue(), lab.chip(chipName), dark, flat, conf);
            }
            for (ChipTask t : e.getValue()) {
                if (t.imageType().equals(SCIENCE)) {
                    ExposureKey k = ExposureKey.parse(t.key());
                    science.add(new ChipTask(t.key(), t.chip(), t.imageType(), t.product(), t.md5(), t.size(),
                            root + "/" + fits(ApogeeProduct.AR2DCAL.path(k, t.imageType()))));
                }
            }
        }
        return RateJob.run(sc, science, LEVEL, new Apply(lab, calibrations), o);
    }

    /** Stacks one chip-night's darks and flats from their rate products and publishes them. */
    private static void stack(List<ChipTask> tasks, Chip chip, String darkUri, String flatUri, Configuration conf)
            throws DrpException {
        List<MaskedImage> darks = new ArrayList<>();
        List<MaskedImage> flats = new ArrayList<>();
        try {
            Path scratch = Files.createTempDirectory("drpkit-spark-driver-");
            for (ChipTask t : tasks) {
                List<MaskedImage> to = t.imageType().equals("dark") ? darks
                        : t.imageType().equals("internalflat") ? flats : null;
                // a rate that failed (ERROR in the ledger) has no product: the stack goes on without it
                if (to != null && HadoopFiles.exists(t.product(), conf)) {
                    Path local = HadoopFiles.local(t.product(), conf, scratch);
                    to.add(readRate(local));
                    if (local.startsWith(scratch)) {
                        Files.deleteIfExists(local);
                    }
                }
            }
            DarkCalibration dark = DarkStack.build(darks, chip, DarkParams.defaults());
            FlatField flat = FlatStack.build(FrameSource.of(flats), chip, dark.dark(), FlatParams.defaults());
            Path d = scratch.resolve("dark.fits");
            FitsWriter.create().primary(Header.builder().add("CHIP", chip.name()).add("NFRAMES", (long) dark.frames())
                    .build()).image("DARK", Header.builder().add("BUNIT", "DN/read").build(), dark.dark().flux(),
                            PixelType.FLOAT32)
                    .image("IVAR", Header.empty(), dark.dark().ivar(), PixelType.FLOAT32)
                    .mask("FLAGS", Header.empty(), dark.dark().mask()).write(d, true);
            HadoopFiles.publish(d, darkUri, conf);
            Path f = scratch.resolve("flat.fits");
            FitsWriter.create().primary(Header.builder().add("CHIP", chip.name())
                    .add("NFRAMES", (long) flat.framesUsed()).build())
                    .image("FLAT", Header.empty(), flat.flat().flux(), PixelType.FLOAT32)
                    .image("IVAR", Header.empty(), flat.flat().ivar(), PixelType.FLOAT32)
                    .image("MODEL", Header.empty(), flat.model(), PixelType.FLOAT32)
                    .mask("FLAGS", Header.empty(), flat.flat().mask()).write(f, true);
            HadoopFiles.publish(f, flatUri, conf);
            Files.deleteIfExists(scratch);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** @return the rate, its ivar and flags from a rate product (as {@code RampResult.toMaskedImage()}) */
    static MaskedImage readRate(Path file) throws DrpException {
        try (FitsReader r = FitsReader.open(file)) {
            return r.readMaskedImage("RATE", "IVAR", "FLAGS");
        }
    }

    /** @return where a chip-night's dark stack is published under {@code root} (no trailing slash) */
    static String darkUri(String root, ApogeeChip c, int night) {
        return root + "/" + fits(ApogeeNames.darkRate(ApogeeSite.APO, c, night, night));
    }

    /** @return where a chip-night's pixel flat is published under {@code root} (no trailing slash) */
    static String flatUri(String root, ApogeeChip c, int night) {
        return root + "/" + fits(ApogeeNames.flatFraction(ApogeeSite.APO, c, night, night));
    }

    /**
     * @param flux the flux extension's name ({@code DARK}, {@code FLAT}, {@code FLUX})
     * @return a published dark, flat or calibrated image: flux, IVAR and FLAGS
     */
    static MaskedImage readMasked(String uri, String flux, Configuration conf) throws DrpException {
        try {
            Path scratch = Files.createTempDirectory("drpkit-spark-cal-");
            try {
                Path local = HadoopFiles.local(uri, conf, scratch);
                try (FitsReader r = FitsReader.open(local)) {
                    return r.readMaskedImage(flux, "IVAR", "FLAGS");
                } finally {
                    if (local.startsWith(scratch)) {
                        Files.deleteIfExists(local);
                    }
                }
            } finally {
                Files.deleteIfExists(scratch);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String fits(String h5Name) {
        return h5Name.endsWith(".h5") ? h5Name.substring(0, h5Name.length() - 3) + ".fits" : h5Name;
    }

    /** One science exposure calibrated on an executor; the chip's dark and flat read once per JVM. */
    private record Apply(LabCalibration lab, Map<String, String[]> calibrations) implements LedgerTasks.Maker {
        private static final long serialVersionUID = 1L;
        private static final Map<String, MaskedImage> CACHE = new ConcurrentHashMap<>();

        Apply {
            calibrations = new LinkedHashMap<>(calibrations);   // serialisable copy
        }

        @Override
        public String make(ChipTask task, Path local, Path out, Configuration conf) throws DrpException {
            ExposureKey k = ExposureKey.parse(task.key());
            String[] files = calibrations.get(k.chip() + "/" + k.mjd());
            MaskedImage dark = cached(files[0], "DARK", conf);
            MaskedImage flat = cached(files[1], "FLAT", conf);
            CalibratedImage cal = Calibrate.apply(readRate(local), lab.chip(task.chip()), dark, flat, List.of());
            FitsWriter.create().primary(Header.builder().add("TELESCOP", "apo25m").add("CHIP", k.chip())
                    .add("EXPNUM", (long) k.exposure()).build())
                    .image("FLUX", Header.builder().add("BUNIT", "DN/read").build(), cal.image().flux(),
                            PixelType.FLOAT32)
                    .image("IVAR", Header.empty(), cal.image().ivar(), PixelType.FLOAT32)
                    .mask("FLAGS", Header.empty(), cal.image().mask()).write(out, true);
            return "calibrated with " + files[0] + " and " + files[1];
        }

        private static MaskedImage cached(String uri, String flux, Configuration conf) throws DrpException {
            MaskedImage m = CACHE.get(uri);
            if (m == null) {
                m = readMasked(uri, flux, conf);
                CACHE.putIfAbsent(uri, m);
            }
            return m;
        }
    }
}
