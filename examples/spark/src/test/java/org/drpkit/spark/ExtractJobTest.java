package org.drpkit.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.api.java.JavaSparkContext;
import org.drpkit.algorithms.calib.CalibFlag;
import org.drpkit.algorithms.calib.Calibrate;
import org.drpkit.algorithms.calib.DarkCalibration;
import org.drpkit.algorithms.calib.DarkParams;
import org.drpkit.algorithms.calib.DarkStack;
import org.drpkit.algorithms.calib.FlatField;
import org.drpkit.algorithms.calib.FlatParams;
import org.drpkit.algorithms.calib.FlatStack;
import org.drpkit.algorithms.calib.FrameSource;
import org.drpkit.algorithms.extract.ExtractParams;
import org.drpkit.algorithms.extract.Extraction;
import org.drpkit.algorithms.extract.ExtractionResult;
import org.drpkit.algorithms.extract.VarianceModel;
import org.drpkit.algorithms.ramp.RampProcessor;
import org.drpkit.algorithms.trace.TraceFinder;
import org.drpkit.algorithms.trace.TraceParams;
import org.drpkit.algorithms.trace.TraceTweak;
import org.drpkit.archive.almanac.Almanac;
import org.drpkit.archive.almanac.Exposure;
import org.drpkit.archive.almanac.IndexOptions;
import org.drpkit.archive.ledger.JdbcLedger;
import org.drpkit.core.image.MaskedImage;
import org.drpkit.core.image.Spectra;
import org.drpkit.core.instrument.Chip;
import org.drpkit.core.status.LedgerEvent;
import org.drpkit.core.status.LedgerQuery;
import org.drpkit.core.status.LedgerRow;
import org.drpkit.core.status.ProcessingStatus;
import org.drpkit.core.trace.Traces;
import org.drpkit.fits.FitsRamps;
import org.drpkit.fits.FitsReader;
import org.drpkit.fits.TraceFiles;
import org.drpkit.instruments.apogee.ApogeeChip;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark reduction's 2D to 1D step against the single-machine chain: the same raw files through the demo night's
 * stages run directly (ramp fit, dark and flat stacks, calibration, traces on the quartz flat, trace tweak, variance
 * model, optimal extraction) give bit-for-bit the spectra Spark publishes; the ledger makes reruns and killed attempts
 * do each extraction once.
 */
class ExtractJobTest {

    private static final SimulatedLab LAB = SimulatedLab.demo(1, 384, 0);
    private static JavaSparkContext sc;

    @BeforeAll
    static void start() {
        sc = SparkSession.local();
    }

    @AfterAll
    static void stop() {
        sc.close();
    }

    /** A night with fibres (2 darks, 2 flats, 1 quartz flat, 2 objects per chip), reduced on Spark up to calibration. */
    private static List<ChipTask> calibratedNight(Path dir, List<String> chips) throws Exception {
        Path raw = dir.resolve("raw");
        SmallNight.write(raw, LAB, chips, 2, 2, 1, 2, 6);
        List<ChipTask> tasks;
        try (Almanac almanac = Almanac.open("jdbc:h2:file:" + dir.resolve("almanac"))) {
            almanac.index(List.of(raw), IndexOptions.defaults());
            tasks = RateJob.tasks(Exposure.group(almanac.night(Integer.toString(SmallNight.SJD),
                    Optional.of("APOGEE"))), red(dir));
        }
        assertEquals(7 * chips.size(), tasks.size(), "7 exposures per chip from the almanac: " + tasks);
        assertEquals(chips.size(), tasks.stream().filter(t -> t.imageType().equals(ExtractJob.QUARTZ)).count(),
                "one quartz flat per chip: " + tasks);
        RateJob.Summary rates = RateJob.run(sc, tasks, LAB, options(dir));
        assertEquals(tasks.size(), rates.count(RateJob.Outcome.FITTED), rates.toString());
        RateJob.Summary cal = CalibrateJob.run(sc, tasks, LAB, red(dir), options(dir));
        assertEquals(2 * chips.size(), cal.count(RateJob.Outcome.FITTED), cal.toString());
        return tasks;
    }

    private static String red(Path dir) {
        return dir.resolve("red").toUri().toString();
    }

    private static RateJob.Options options(Path dir) {
        return RateJob.Options.of("jdbc:h2:file:" + dir.resolve("ledger") + ";AUTO_SERVER=TRUE", 4);
    }

    @Test
    void spectraOnSparkEqualTheSingleMachineChainBitForBitAndARerunDoesNothing(@TempDir Path dir) throws Exception {
        List<ChipTask> tasks = calibratedNight(dir, List.of("R", "G"));
        RateJob.Summary x = ExtractJob.run(sc, tasks, LAB, red(dir), options(dir));
        assertEquals(4, x.count(RateJob.Outcome.FITTED), "2 chips x 2 science exposures: " + x);

        Map<Path, FileTime> written = new HashMap<>();
        for (String chip : List.of("R", "G")) {
            Direct direct = Direct.of(tasks, chip);
            // the traces: found on the quartz flat where the spectrograph put them, one per fibre on the chip
            Path traceFile = Path.of(URI.create(ExtractJob.traceUri(red(dir), ApogeeChip.valueOf(chip),
                    SmallNight.SJD)));
            Traces published = TraceFiles.read(traceFile);
            assertArrayEquals(LAB.spectrograph(chip).fibres(), published.fibres(), chip + " fibres traced");
            assertArrayEquals(direct.traces().centre(), published.centre(), chip + " trace centres");
            assertArrayEquals(direct.traces().sigma(), published.sigma(), chip + " trace widths");
            for (ChipTask t : tasks) {
                if (!t.chip().equals(chip) || !t.imageType().equals("object")) {
                    continue;
                }
                // the single-machine chain's extraction, with the stages' defaults (all cores)
                MaskedImage cal = direct.calibrated(t);
                TraceTweak.Result tweak = TraceTweak.fit(cal, direct.traces(), TraceTweak.Params.defaults());
                ExtractParams p = VarianceModel.estimate(cal, LAB.chip(chip).lightSensitive(), CalibFlag.BAD_BITS, 2)
                        .map(ExtractParams.defaults()::withVariance).orElse(ExtractParams.defaults());
                ExtractionResult expected = Extraction.optimal(cal, tweak.traces(), p);
                // the flexure since the quartz flat, recovered by the tweak
                assertEquals(SmallNight.FLEXURE, tweak.shift(), 5 * tweak.shiftError() + 0.01,
                        t.key() + " trace shift against the simulated flexure");
                Path product = Path.of(URI.create(ExtractJob.extractedUri(red(dir), t)));
                written.put(product, Files.getLastModifiedTime(product));
                try (FitsReader r = FitsReader.open(product)) {
                    Spectra s = r.readSpectra();
                    Spectra e = expected.spectra();
                    assertEquals(e.fibres(), s.fibres(), t.key() + " rows");
                    assertBits(e.flux(), s.flux(), t.key() + " FLUX");
                    assertBits(e.ivar(), s.ivar(), t.key() + " IVAR");
                    assertArrayEquals(e.mask(), s.mask(), t.key() + " MASK");
                    assertArrayEquals(direct.traces().fibres(), r.readMask("FIBRE").array(), t.key() + " FIBRE");
                    // a header card holds 16 significant digits
                    assertEquals(tweak.shift(), r.headers().get(0).requireDouble("TRSHIFT"), 1e-15,
                            t.key() + " TRSHIFT");
                }
            }
        }

        RateJob.Summary again = ExtractJob.run(sc, tasks, LAB, red(dir), options(dir));
        assertEquals(4, again.count(RateJob.Outcome.ALREADY_DONE), again.toString());
        for (Map.Entry<Path, FileTime> e : written.entrySet()) {
            assertEquals(e.getValue(), Files.getLastModifiedTime(e.getKey()), "a rerun leaves " + e.getKey()
                    + " alone");
        }
        try (var s = Files.walk(dir.resolve("red"))) {
            List<String> names = s.filter(Files::isRegularFile).map(f -> f.getFileName().toString()).toList();
            assertEquals(4, names.stream().filter(n -> n.startsWith("ar1D")).count(), "one ar1D per task: " + names);
            assertTrue(names.stream().noneMatch(n -> n.startsWith(".")), "no temporaries left: " + names);
        }
    }

    @Test
    void anExtractionKilledAfterPublishingIsRetriedAndAdoptsItsProduct(@TempDir Path dir) throws Exception {
        List<ChipTask> tasks = calibratedNight(dir, List.of("G"));
        ChipTask victim = tasks.stream().filter(t -> t.imageType().equals("object")).findFirst().orElseThrow();
        RateJob.Fault kill = (task, step, attempt) -> {
            if (task.key().equals(victim.key()) && step.equals("published") && attempt == 0) {
                throw new IllegalStateException("killed on purpose after publishing " + task.key());
            }
        };
        RateJob.Summary x = ExtractJob.run(sc, tasks, LAB, red(dir), options(dir).withFault(kill));
        RateJob.TaskResult v = x.results().stream().filter(r -> r.key().equals(victim.key())).findFirst()
                .orElseThrow();
        assertEquals(RateJob.Outcome.ADOPTED, v.outcome(), x.toString());
        assertTrue(v.attempt() >= 1, "done by a retried attempt: " + v);
        assertEquals(1, x.count(RateJob.Outcome.FITTED), x.toString());

        String input = ExtractJob.calibratedUri(red(dir), victim);
        try (JdbcLedger ledger = JdbcLedger.open(options(dir).ledgerUrl())) {
            List<LedgerRow> rows = ledger.find(LedgerQuery.all()).stream().filter(r -> r.level() == ExtractJob.LEVEL)
                    .toList();
            assertEquals(2, rows.size(), "one extraction row per science exposure: " + rows);
            List<String> events = new ArrayList<>();
            for (LedgerRow r : rows) {
                assertEquals(ProcessingStatus.PROCESSED, r.status(), r.ofname());
                if (r.ofname().equals(input)) {
                    ledger.eventsOf(r.id()).stream().map(LedgerEvent::code).forEach(events::add);
                }
            }
            assertEquals(List.of("CLAIMED", "RELEASED", "CLAIMED", "ADOPTED"), events);
        }
        // the adopted product is whole and is the extraction's (published once, by the killed attempt)
        Direct direct = Direct.of(tasks, "G");
        MaskedImage cal = direct.calibrated(victim);
        TraceTweak.Result tweak = TraceTweak.fit(cal, direct.traces(), TraceTweak.Params.defaults());
        ExtractParams p = VarianceModel.estimate(cal, LAB.chip("G").lightSensitive(), CalibFlag.BAD_BITS, 2)
                .map(ExtractParams.defaults()::withVariance).orElse(ExtractParams.defaults());
        try (FitsReader r = FitsReader.open(Path.of(URI.create(ExtractJob.extractedUri(red(dir), victim))))) {
            assertBits(Extraction.optimal(cal, tweak.traces(), p).spectra().flux(), r.readSpectra().flux(),
                    "adopted FLUX");
        }
        try (var s = Files.walk(dir.resolve("red"))) {
            assertEquals(2, s.filter(f -> f.getFileName().toString().startsWith("ar1D")).count(), "one per task");
        }
    }

    /** The single-machine chain of one chip on the same raw files, up to the calibrated images and the traces. */
    private record Direct(Chip chip, Map<String, MaskedImage> rates, DarkCalibration dark, FlatField flat,
            Traces traces) {

        static Direct of(List<ChipTask> tasks, String chipName) throws Exception {
            Chip chip = LAB.chip(chipName);
            Map<String, MaskedImage> rates = new HashMap<>();
            List<MaskedImage> darks = new ArrayList<>();
            List<MaskedImage> flats = new ArrayList<>();
            MaskedImage quartz = null;
            for (ChipTask t : tasks) {
                if (!t.chip().equals(chipName)) {
                    continue;
                }
                try (FitsRamps.Source src = FitsRamps.open(Path.of(URI.create(t.raw())))) {
                    MaskedImage m = RampProcessor.process(src, chip, LAB.rampParams(chipName)).ramp().toMaskedImage();
                    rates.put(t.key(), m);
                    switch (t.imageType()) {
                        case "dark" -> darks.add(m);
                        case "internalflat" -> flats.add(m);
                        case ExtractJob.QUARTZ -> quartz = m;
                        default -> { }
                    }
                }
            }
            DarkCalibration dark = DarkStack.build(darks, chip, DarkParams.defaults());
            FlatField flat = FlatStack.build(FrameSource.of(flats), chip, dark.dark(), FlatParams.defaults());
            MaskedImage quartzCal = Calibrate.apply(quartz, chip, dark, flat).image();
            Traces traces = TraceFinder.find(quartzCal, chip.lightSensitive(), chipName, LAB.nominalTraces(chipName),
                    TraceParams.defaults()).traces();
            return new Direct(chip, rates, dark, flat, traces);
        }

        MaskedImage calibrated(ChipTask t) throws Exception {
            return Calibrate.apply(rates.get(t.key()), chip, dark, flat).image();
        }
    }

    private static void assertBits(float[] e, float[] a, String what) {
        assertEquals(e.length, a.length, what);
        int[] eb = new int[e.length];
        int[] ab = new int[a.length];
        for (int i = 0; i < e.length; i++) {
            eb[i] = Float.floatToIntBits(e[i]);
            ab[i] = Float.floatToIntBits(a[i]);
        }
        assertArrayEquals(eb, ab, what);
    }
}
