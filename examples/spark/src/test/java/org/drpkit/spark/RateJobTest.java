package org.drpkit.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.api.java.JavaSparkContext;
import org.drpkit.algorithms.ramp.RampProcessor;
import org.drpkit.algorithms.ramp.RampResult;
import org.drpkit.archive.almanac.Almanac;
import org.drpkit.archive.almanac.Exposure;
import org.drpkit.archive.almanac.IndexOptions;
import org.drpkit.archive.ledger.JdbcLedger;
import org.drpkit.algorithms.calib.Calibrate;
import org.drpkit.algorithms.calib.DarkCalibration;
import org.drpkit.algorithms.calib.DarkParams;
import org.drpkit.algorithms.calib.DarkStack;
import org.drpkit.algorithms.calib.FlatField;
import org.drpkit.algorithms.calib.FlatParams;
import org.drpkit.algorithms.calib.FlatStack;
import org.drpkit.algorithms.calib.FrameSource;
import org.drpkit.core.id.ExposureKey;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.MaskedImage;
import org.drpkit.instruments.apogee.ApogeeProduct;
import org.drpkit.core.image.Mask;
import org.drpkit.core.status.LedgerEvent;
import org.drpkit.core.status.LedgerQuery;
import org.drpkit.core.status.LedgerRow;
import org.drpkit.core.status.ProcessingStatus;
import org.drpkit.fits.FitsRamps;
import org.drpkit.fits.FitsReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark reduction's 3D to 2D step against the single-machine chain: the same raw files, the same
 * {@link RampProcessor} run directly, bit-for-bit equal products; the ledger makes reruns and killed attempts do each
 * task once.
 */
class RateJobTest {

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

    private static List<ChipTask> tasks(Path dir) throws Exception {
        Path raw = dir.resolve("raw");
        SmallNight.write(raw, LAB, List.of("R", "G"), 2, 2, 2, 8);
        try (Almanac almanac = Almanac.open("jdbc:h2:file:" + dir.resolve("almanac"))) {
            almanac.index(List.of(raw), IndexOptions.defaults());
            List<Exposure> night = Exposure.group(almanac.night(Integer.toString(SmallNight.SJD),
                    Optional.of("APOGEE")));
            return RateJob.tasks(night, dir.resolve("red").toUri().toString());
        }
    }

    private static String ledgerUrl(Path dir) {
        return "jdbc:h2:file:" + dir.resolve("ledger") + ";AUTO_SERVER=TRUE";
    }

    @Test
    void ratesOnSparkEqualTheSingleMachineFitBitForBitAndARerunDoesNothing(@TempDir Path dir) throws Exception {
        List<ChipTask> tasks = tasks(dir);
        assertEquals(12, tasks.size(), "2 chips x 6 exposures from the almanac: " + tasks);

        RateJob.Summary first = RateJob.run(sc, tasks, LAB, RateJob.Options.of(ledgerUrl(dir), 4));
        assertEquals(12, first.count(RateJob.Outcome.FITTED), first.toString());

        Map<String, FileTime> written = new HashMap<>();
        for (ChipTask t : tasks) {
            Path product = Path.of(java.net.URI.create(t.product()));
            written.put(t.key(), Files.getLastModifiedTime(product));
            RampResult direct;
            try (FitsRamps.Source src = FitsRamps.open(Path.of(java.net.URI.create(t.raw())))) {
                direct = RampProcessor.process(src, LAB.chip(t.chip()), LAB.rampParams(t.chip())).ramp();
            }
            try (FitsReader r = FitsReader.open(product)) {
                assertBits(direct.rate(), r.readImage("RATE"), t + " RATE");
                assertBits(direct.ivar(), r.readImage("IVAR"), t + " IVAR");
                assertBits(direct.chi2(), r.readImage("CHI2"), t + " CHI2");
                assertMask(direct.flags(), r.readMask("FLAGS"), t + " FLAGS");
                assertMask(direct.jumps(), r.readMask("JUMPS"), t + " JUMPS");
            }
        }

        RateJob.Summary again = RateJob.run(sc, tasks, LAB, RateJob.Options.of(ledgerUrl(dir), 4));
        assertEquals(12, again.count(RateJob.Outcome.ALREADY_DONE), again.toString());
        for (ChipTask t : tasks) {
            assertEquals(written.get(t.key()), Files.getLastModifiedTime(Path.of(java.net.URI.create(t.product()))),
                    "a rerun leaves " + t.key() + "'s product alone");
        }
        assertEquals(12, products(dir).size(), "one product per task, no temporaries: " + products(dir));
    }

    @Test
    void aTaskKilledAfterPublishingIsRetriedAndAdoptsItsProductWithoutWritingItTwice(@TempDir Path dir)
            throws Exception {
        List<ChipTask> tasks = tasks(dir);
        String victim = tasks.get(5).key();
        RateJob.Fault kill = (task, step, attempt) -> {
            if (task.key().equals(victim) && step.equals("published") && attempt == 0) {
                throw new IllegalStateException("killed on purpose after publishing " + task.key());
            }
        };
        RateJob.Summary s = RateJob.run(sc, tasks, LAB, RateJob.Options.of(ledgerUrl(dir), 4).withFault(kill));

        RateJob.TaskResult v = s.results().stream().filter(r -> r.key().equals(victim)).findFirst().orElseThrow();
        assertEquals(RateJob.Outcome.ADOPTED, v.outcome(), s.toString());
        assertTrue(v.attempt() >= 1, "done by a retried attempt: " + v);
        assertEquals(12, products(dir).size(), "one product per task, no temporaries: " + products(dir));
        try (JdbcLedger ledger = JdbcLedger.open(ledgerUrl(dir))) {
            List<LedgerRow> rows = ledger.find(LedgerQuery.all());
            assertEquals(12, rows.size(), "one ledger row per (exposure, chip)");
            List<String> victimEvents = new ArrayList<>();
            for (LedgerRow r : rows) {
                assertEquals(ProcessingStatus.PROCESSED, r.status(), r.ofname());
                if (r.ofname().equals(tasks.get(5).raw())) {
                    ledger.eventsOf(r.id()).stream().map(LedgerEvent::code).forEach(victimEvents::add);
                }
            }
            assertEquals(List.of("CLAIMED", "RELEASED", "CLAIMED", "ADOPTED"), victimEvents);
        }
        // the adopted product is the fit's (published once, by the killed attempt)
        try (FitsRamps.Source src = FitsRamps.open(Path.of(java.net.URI.create(tasks.get(5).raw())));
                FitsReader r = FitsReader.open(Path.of(java.net.URI.create(tasks.get(5).product())))) {
            RampResult direct = RampProcessor.process(src, LAB.chip(tasks.get(5).chip()),
                    LAB.rampParams(tasks.get(5).chip())).ramp();
            assertBits(direct.rate(), r.readImage("RATE"), "adopted RATE");
        }
    }

    @Test
    void calibratedImagesOnSparkEqualTheSingleMachineChainBitForBit(@TempDir Path dir) throws Exception {
        List<ChipTask> tasks = tasks(dir);
        String red = dir.resolve("red").toUri().toString();
        RateJob.run(sc, tasks, LAB, RateJob.Options.of(ledgerUrl(dir), 4));
        RateJob.Summary cal = CalibrateJob.run(sc, tasks, LAB, red, RateJob.Options.of(ledgerUrl(dir), 4));
        assertEquals(4, cal.count(RateJob.Outcome.FITTED), "2 chips x 2 science exposures: " + cal);

        for (String chip : List.of("R", "G")) {
            // the single-machine chain (the demo night's steps 3-6) on the same raw files
            Map<String, MaskedImage> rates = new HashMap<>();
            List<MaskedImage> darks = new ArrayList<>();
            List<MaskedImage> flats = new ArrayList<>();
            for (ChipTask t : tasks) {
                if (!t.chip().equals(chip)) {
                    continue;
                }
                try (FitsRamps.Source src = FitsRamps.open(Path.of(java.net.URI.create(t.raw())))) {
                    MaskedImage m = RampProcessor.process(src, LAB.chip(chip), LAB.rampParams(chip)).ramp()
                            .toMaskedImage();
                    rates.put(t.key(), m);
                    (t.imageType().equals("dark") ? darks : t.imageType().equals("internalflat") ? flats
                            : new ArrayList<MaskedImage>()).add(m);
                }
            }
            DarkCalibration dark = DarkStack.build(darks, LAB.chip(chip), DarkParams.defaults());
            FlatField flat = FlatStack.build(FrameSource.of(flats), LAB.chip(chip), dark.dark(),
                    FlatParams.defaults());
            for (ChipTask t : tasks) {
                if (!t.chip().equals(chip) || !t.imageType().equals("object")) {
                    continue;
                }
                MaskedImage direct = Calibrate.apply(rates.get(t.key()), LAB.chip(chip), dark, flat).image();
                ExposureKey k = ExposureKey.parse(t.key());
                Path file = dir.resolve("red").resolve(ApogeeProduct.AR2DCAL.path(k, "object").replace(".h5",
                        ".fits"));
                try (FitsReader r = FitsReader.open(file)) {
                    assertBits(direct.flux(), r.readImage("FLUX"), t.key() + " FLUX");
                    assertBits(direct.ivar(), r.readImage("IVAR"), t.key() + " IVAR");
                    assertMask(direct.mask(), r.readMask("FLAGS"), t.key() + " FLAGS");
                }
            }
        }
        RateJob.Summary again = CalibrateJob.run(sc, tasks, LAB, red, RateJob.Options.of(ledgerUrl(dir), 4));
        assertEquals(4, again.count(RateJob.Outcome.ALREADY_DONE), again.toString());
    }

    @Test
    void aRawFileThatCannotBeReadEndsItsRowErrorWithTheStageCodeAndIsNotRetried(@TempDir Path dir) throws Exception {
        List<ChipTask> tasks = new ArrayList<>(tasks(dir));
        Path broken = dir.resolve("raw").resolve("apR-a-broken.apz");
        Files.write(broken, "SIMPLE  =                    T".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        ChipTask good = tasks.get(0);
        tasks.add(new ChipTask("apo/60000/R/0099", "R", "dark", broken.toUri().toString(), "0".repeat(32), 30,
                good.product().replace("0001", "0099")));
        RateJob.Summary s = RateJob.run(sc, tasks, LAB, RateJob.Options.of(ledgerUrl(dir), 4));
        assertEquals(12, s.count(RateJob.Outcome.FITTED), s.toString());
        RateJob.TaskResult bad = s.results().stream().filter(r -> r.key().equals("apo/60000/R/0099")).findFirst()
                .orElseThrow();
        assertEquals(RateJob.Outcome.FAILED, bad.outcome());
        assertTrue(bad.code().startsWith("FITS_"), "the reader's code: " + bad.code());
        try (JdbcLedger ledger = JdbcLedger.open(ledgerUrl(dir))) {
            LedgerRow row = ledger.find(LedgerQuery.all().ofname(broken.toUri().toString())).get(0);
            assertEquals(ProcessingStatus.ERROR, row.status());
            assertEquals(bad.code(), row.statusCode());
        }
        assertTrue(Files.notExists(Path.of(java.net.URI.create(tasks.get(12).product()))), "no partial product");
        RateJob.Summary again = RateJob.run(sc, tasks, LAB, RateJob.Options.of(ledgerUrl(dir), 4));
        assertEquals(12, again.count(RateJob.Outcome.ALREADY_DONE), again.toString());
        assertEquals(1, again.count(RateJob.Outcome.FAILED), "reported from the ledger, not run again: " + again);
    }

    private static List<String> products(Path dir) throws Exception {
        try (var s = Files.walk(dir.resolve("red"))) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    private static void assertBits(Image expected, Image actual, String what) {
        assertEquals(expected.width(), actual.width(), what);
        float[] e = expected.array();
        float[] a = actual.array();
        int[] eb = new int[e.length];
        int[] ab = new int[a.length];
        for (int i = 0; i < e.length; i++) {
            eb[i] = Float.floatToIntBits(e[i]);
            ab[i] = Float.floatToIntBits(a[i]);
        }
        assertArrayEquals(eb, ab, what);
    }

    private static void assertMask(Mask expected, Mask actual, String what) {
        assertArrayEquals(expected.array(), actual.array(), what);
    }
}
