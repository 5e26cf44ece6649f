package org.drpkit.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.drpkit.archive.IngestContext;
import org.drpkit.archive.IngestService;
import org.drpkit.archive.ledger.JdbcLedger;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Image;
import org.drpkit.core.status.LedgerQuery;
import org.drpkit.core.status.LedgerRow;
import org.drpkit.core.status.ProcessingStatus;
import org.drpkit.fits.FitsWriter;
import org.drpkit.fits.PixelType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive ingest on Spark against {@code drpkit ingest}'s single-machine service on the same files: the same
 * ledger states, codes and archive ids, the same products byte for byte (logs aside: they name the worker); a lane
 * killed in the middle of a file is retried and every file is ingested exactly once.
 */
class IngestJobTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2017-07-26T10:00:00Z"), ZoneOffset.UTC);
    private static JavaSparkContext sc;

    @BeforeAll
    static void start() {
        sc = SparkSession.local();
    }

    @AfterAll
    static void stop() {
        sc.close();
    }

    /** Eight NIRC2 frames, one taken in the same second as another (a KOAID collision), one of an instrument no plugin knows. */
    private static List<String> files(Path dir) throws DrpException {
        Path raw = dir.resolve("sdata");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String utc = i == 3 ? "10:21:13.00" : String.format("10:%02d:13.00", 20 + i);   // 3 and 1 collide
            Header.Builder h = Header.builder().add("INSTRUME", i == 6 ? "NOSUCH" : "NIRC2").add("TELESCOP", "Keck II")
                    .add("UTC", utc).add("FILENAME", "n" + (51 + i) + ".fits")
                    .add("OUTDIR", "/sdata904/nirc2eng/2017jul25/").add("COADDS", 1L).add("ITIME", 1.0)
                    .add("IMTYPE", "dark").add("CAMNAME", "narrow");
            h.add("DATE-OBS", "2017-07-25");
            float[] px = new float[16 * 8];
            for (int k = 0; k < px.length; k++) {
                px[k] = 100 * i + k;
            }
            Path f = raw.resolve("n" + (51 + i) + ".fits");
            FitsWriter.create().primaryImage(h.build(), Image.of(16, 8, px), PixelType.INT32).write(f, false);
            out.add(f.toString());
        }
        return out;
    }

    private static String url(Path db) {
        return "jdbc:h2:file:" + db + ";AUTO_SERVER=TRUE";
    }

    /** Per original file name: state, status code, archive id. */
    private static Map<String, String> states(String url) throws DrpException {
        Map<String, String> m = new TreeMap<>();
        try (JdbcLedger ledger = JdbcLedger.open(url)) {
            for (LedgerRow r : ledger.find(LedgerQuery.all())) {
                String name = Path.of(r.ofname()).getFileName().toString();
                String was = m.put(name, r.status() + " " + r.statusCode() + " " + r.archiveId());
                assertEquals(null, was, "one ledger row per file: " + name);
            }
        }
        return m;
    }

    /**
     * Products under root (stage copies and logs left out), path to bytes; the folder of a file no plugin took is named
     * by its ledger row id, which depends on queueing order, so it is written {@code anc/udf/#/}.
     */
    private static Map<String, byte[]> products(Path root) throws Exception {
        Map<String, byte[]> m = new TreeMap<>();
        try (var s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String rel = root.relativize(p).toString();
                if (!rel.startsWith("stage") && !rel.endsWith(".log")) {
                    m.put(rel.replaceFirst("^anc/udf/[0-9]+/", "anc/udf/#/"), Files.readAllBytes(p));
                }
            }
        }
        return m;
    }

    private static Map<String, byte[]> singleMachine(Path dir, List<String> files) throws Exception {
        Path root = dir.resolve("koa-single");
        try (JdbcLedger ledger = JdbcLedger.open(url(dir.resolve("ledger-single")))) {
            IngestService s = new IngestService(ledger, IngestContext.builder(root).clock(CLOCK).build(), null);
            for (String f : files) {
                s.enqueue(Path.of(f));
            }
            s.drain(1, f -> { }, () -> false);
        }
        return products(root);
    }

    @Test
    void sparkIngestGivesTheSameLedgerAndProductsAsTheSingleMachineService(@TempDir Path dir) throws Exception {
        List<String> files = files(dir);
        Map<String, byte[]> expected = singleMachine(dir, files);

        IngestJob.Summary s = IngestJob.run(sc, files, IngestJob.Options.of(url(dir.resolve("ledger-spark")),
                dir.resolve("koa-spark").toString(), 2).withClock(CLOCK));
        assertEquals(8, s.queued(), s.toString());
        assertEquals(8, s.ingested().size(), s.toString());

        Map<String, String> single = states(url(dir.resolve("ledger-single")));
        assertEquals(single, states(url(dir.resolve("ledger-spark"))));
        assertTrue(single.values().stream().anyMatch(v -> v.startsWith("INVALID")), "the unknown instrument's frame: " + single);
        Map<String, byte[]> actual = products(dir.resolve("koa-spark"));
        assertEquals(expected.keySet(), actual.keySet());
        for (String k : expected.keySet()) {
            assertArrayEquals(expected.get(k), actual.get(k), k);
        }

        IngestJob.Summary again = IngestJob.run(sc, files, IngestJob.Options.of(url(dir.resolve("ledger-spark")),
                dir.resolve("koa-spark").toString(), 2).withClock(CLOCK));
        assertEquals(0, again.queued(), "every file is in the ledger already: " + again);
        assertEquals(0, again.ingested().size(), again.toString());
    }

    @Test
    void aLaneKilledInTheMiddleOfAFileIsRetriedAndEveryFileIsIngestedOnce(@TempDir Path dir) throws Exception {
        List<String> files = files(dir);
        String url = url(dir.resolve("ledger"));
        // lane 0's first attempt claims a row and dies holding it, before finishing any file
        IngestJob.Fault kill = (ledger, worker, finished, attempt) -> {
            if (worker.contains(":lane0:") && attempt == 0 && finished == 0) {
                ledger.claimNext(null, worker, Instant.now());
                throw new IllegalStateException("lane killed on purpose in the middle of a file");
            }
        };
        IngestJob.Summary s = IngestJob.run(sc, files, IngestJob.Options.of(url, dir.resolve("koa").toString(), 2)
                .withClock(CLOCK).withFault(kill));

        Map<String, String> states = states(url);
        assertEquals(8, states.size(), states.toString());
        for (Map.Entry<String, String> e : states.entrySet()) {
            assertTrue(e.getValue().startsWith("PROCESSED") || e.getValue().startsWith("INVALID"), e.toString());
        }
        assertTrue(s.ingested().stream().anyMatch(i -> i.worker().endsWith(":lane0:attempt1")),
                "lane 0 was retried: " + s.ingested());
        try (JdbcLedger ledger = JdbcLedger.open(url)) {
            long recovered = ledger.find(LedgerQuery.all()).stream().filter(r -> {
                try {
                    return ledger.eventsOf(r.id()).stream().anyMatch(ev -> ev.text().contains("lane0:attempt0"));
                } catch (DrpException x) {
                    throw new IllegalStateException(x);
                }
            }).count();
            assertTrue(recovered >= 1, "the killed attempt's claim was recovered and logged");
        }
        // one archived FITS product per PROCESSED file, none twice
        long fits = products(dir.resolve("koa")).keySet().stream()
                .filter(k -> k.contains("/lev0/") && k.endsWith(".fits")).count();
        long processed = states.values().stream().filter(v -> v.startsWith("PROCESSED")).count();
        assertEquals(processed, fits, products(dir.resolve("koa")).keySet().toString());
        assertEquals(ProcessingStatus.PROCESSED.name(), states.get("n51.fits").split(" ")[0]);
    }
}
