package org.drpkit.archive;

import static org.drpkit.archive.LedgerEvents.last;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.drpkit.archive.ledger.ArchiveAttributes;
import org.drpkit.archive.ledger.JdbcLedger;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Image;
import org.drpkit.core.status.Ledger;
import org.drpkit.core.status.LedgerEvent;
import org.drpkit.core.status.LedgerQuery;
import org.drpkit.core.status.LedgerRow;
import org.drpkit.core.status.ProcessingStatus;
import org.drpkit.fits.FitsWriter;
import org.drpkit.fits.PixelType;
import org.drpkit.fits.table.Md5SumTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Level-1 and level-2 products end to end through {@link IngestService} on an H2 ledger: a pipeline's folder queued
 * with {@link DrpProducts}, claimed like any row, its products copied into {@code lev{N}/}, listed by an md5sum table
 * whose lines are the copies' own MD5s (computed here with the JDK's digest), delivered to a local archive folder and
 * announced to an ingest API on loopback ({@code ingesttype=lev1}).
 */
class LevelProductsTest {

    private static final String KEY = "level-test-key";

    @TempDir
    Path tmp;

    private Ledger ledger() throws DrpException {
        return JdbcLedger.open("jdbc:h2:file:" + tmp.resolve("koadata/ledger").toAbsolutePath());
    }

    private IngestContext context() {
        return IngestContext.builder(tmp.resolve("koadata")).options(IngestOptions.archive().fsync(false)).build();
    }

    private IngestService service(Ledger l, ArchiveApiServer api) {
        return IngestService.delivering(l, context(), DeliverySettings.to(tmp.resolve("archive"))
                .withApi(api.url(), KEY).withRetries(Duration.ofSeconds(5), 2, Duration.ofMillis(10)));
    }

    /** MD5 of a file by the JDK's digest, independent of drpkit's {@code Md5}. */
    static String md5(Path f) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(f)));
    }

    /** A gzipped FITS image as a pipeline writes it (a reduced 16x8 image of float32 values). */
    static Path gzFits(Path f, float level) throws Exception {
        Files.createDirectories(f.getParent());
        Path plain = Files.createTempFile(f.getParent(), ".plain", ".fits");
        float[] px = new float[16 * 8];
        for (int i = 0; i < px.length; i++) {
            px[i] = level + 0.25f * i;
        }
        FitsWriter.create().primaryImage(Header.builder().add("BUNIT", "DN/s").add("DRPVERS", "1.0").build(),
                Image.of(16, 8, px), PixelType.FLOAT32).write(plain, true);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
            Files.copy(plain, out);
        }
        Files.delete(plain);
        return f;
    }

    static Path text(Path f, String content) throws Exception {
        Files.createDirectories(f.getParent());
        return Files.writeString(f, content);
    }

    /** Every line of a product folder's md5sum table, as relative path to MD5. */
    static Map<String, String> table(Path dir, String koaid) throws DrpException {
        Map<String, String> m = new TreeMap<>();
        for (Md5SumTable.Entry e : Md5SumTable.read(dir.resolve(koaid + ".md5sum.table")).entries()) {
            m.put(e.path(), e.md5());
        }
        return m;
    }

    /** Checks that the table lists exactly these files and that each line is the file's MD5 (local and delivered). */
    private void assertTableMatches(Path dir, Path delivered, String koaid, List<String> expected) throws Exception {
        Map<String, String> t = table(dir, koaid);
        assertEquals(new java.util.TreeSet<>(expected), t.keySet(), "the table lists exactly the copied files");
        for (Map.Entry<String, String> e : t.entrySet()) {
            assertEquals(md5(dir.resolve(e.getKey())), e.getValue(), e.getKey());
            assertEquals(md5(delivered.resolve(e.getKey())), e.getValue(), "delivered copy of " + e.getKey());
        }
        List<String> local = new ArrayList<>(TestFiles.tree(dir));
        local.removeIf(n -> n.equals(koaid + ".md5sum.table") || n.equals(koaid + ".log"));
        assertEquals(expected.stream().sorted().toList(), local, "nothing but the products in " + dir);
    }

    private static long count(List<LedgerEvent> ev, String code) {
        return ev.stream().filter(e -> e.code().equals(code)).count();
    }

    @Test
    void nirc2QuickLookProductsAreCopiedListedDeliveredAndReprocessed() throws Exception {
        try (ArchiveApiServer api = new ArchiveApiServer(); Ledger l = ledger()) {
            IngestService s = service(l, api);
            Path raw = TestFiles.nirc2(Files.createDirectories(tmp.resolve("in")), "n0051.fits", "10:21:13.25", 7);
            long lev0 = s.enqueue(raw).id();
            s.drain(1, f -> { }, () -> false);
            LedgerRow frame = l.row(lev0).orElseThrow();
            assertEquals(ProcessingStatus.COMPLETE, frame.status());
            String k = frame.archiveId();

            // the quick-look pipeline's folder: this frame's products, another frame's, calibrations
            Path drp = tmp.resolve("drp/nirc2/2017jul25");
            gzFits(drp.resolve(k + "_drp.fits.gz"), 100);
            text(drp.resolve(k + "_drp.jpg"), "jpeg bytes of " + k);
            text(drp.resolve("plots/" + k + "_psf.png"), "psf plot");
            text(drp.resolve("night/logs/" + k + "_drp.log"), "reduced with dark_1024_1024_2_1_1.0_1");
            gzFits(drp.resolve("N2.20170725.40000.00_drp.fits.gz"), 5);
            gzFits(drp.resolve("calib/dark_1024_1024_2_1_1.0_1.fits.gz"), 1);

            DrpProducts.Queued q = DrpProducts.queue(l, null, k, 1, drp, Instant.now());
            assertEquals(DrpProducts.Action.QUEUED, q.action());
            LedgerRow queued = l.row(q.id()).orElseThrow();
            assertEquals(1, queued.level());
            assertEquals("NIRC2", queued.instrument(), "taken from the frame's level-0 row");
            assertEquals(k, queued.archiveId());
            assertEquals(ArchiveAttributes.SERVICE_DRP, queued.attribute(ArchiveAttributes.SERVICE));
            assertEquals(drp.toString(), queued.attribute(ArchiveAttributes.STAGE_FILE));

            List<IngestService.Finished> done = s.drain(2, f -> { }, () -> false);
            assertEquals(1, done.size());
            LedgerRow row = l.row(q.id()).orElseThrow();
            assertEquals(ProcessingStatus.COMPLETE, row.status(), row + " " + l.eventsOf(q.id()));
            Path lev1 = tmp.resolve("koadata/NIRC2/20170725/lev1");
            assertEquals(lev1.toString(), row.attribute(ArchiveAttributes.PROCESS_DIR));
            assertEquals("dark", row.attribute(ArchiveAttributes.IMAGE_TYPE), "the frame's image type");
            assertEquals(frame.attribute(ArchiveAttributes.PROGRAM), row.attribute(ArchiveAttributes.PROGRAM));
            assertEquals(frame.observed(), row.observed());
            Path delivered = tmp.resolve("archive/NIRC2/20170725/lev1");
            List<String> products = List.of(k + "_drp.fits.gz", k + "_drp.jpg", "plots/" + k + "_psf.png",
                    "logs/" + k + "_drp.log");
            assertTableMatches(lev1, delivered, k, products);
            long bytes = 0;
            for (String p : products) {
                bytes += Files.size(lev1.resolve(p));
            }
            assertEquals(Math.round(bytes / 1e6 * 1e4) / 1e4, row.attribute(ArchiveAttributes.ARCHIVE_SIZE_MB));
            assertEquals(Math.round(Files.size(lev1.resolve(k + "_drp.fits.gz")) / 1e6 * 1e4) / 1e4,
                    row.attribute(ArchiveAttributes.FILE_SIZE_MB));
            assertEquals(Files.getLastModifiedTime(drp.resolve(k + "_drp.jpg")),
                    Files.getLastModifiedTime(lev1.resolve(k + "_drp.jpg")), "copies keep the source's time");
            assertEquals(Map.of("instrument", "NIRC2", "ingesttype", "lev1", "koaid", k),
                    api.seen().get(api.seen().size() - 1).params());
            assertTrue(Files.isRegularFile(lev1.resolve(k + ".log")));
            assertTrue(Files.isRegularFile(tmp.resolve("koadata/NIRC2/20170725/lev0/" + k + ".fits")),
                    "level 0 untouched");

            // the same folder again: nothing to do
            assertEquals(DrpProducts.Action.UNCHANGED, DrpProducts.queue(l, "NIRC2", k, 1, drp, Instant.now())
                    .action());
            assertTrue(s.drain(1, f -> { }, () -> false).isEmpty());

            // the pipeline runs again: a newer reduced image, the plot dropped
            Path reduced = gzFits(drp.resolve(k + "_drp.fits.gz"), 200);
            Files.setLastModifiedTime(reduced, FileTime.from(Instant.now().plusSeconds(60)));
            Files.delete(drp.resolve("plots/" + k + "_psf.png"));
            DrpProducts.Queued again = DrpProducts.queue(l, null, k, 1, drp, Instant.now());
            assertEquals(DrpProducts.Action.REQUEUED, again.action());
            assertEquals(q.id(), again.id(), "one row per level and archive id");
            s.drain(1, f -> { }, () -> false);
            row = l.row(q.id()).orElseThrow();
            assertEquals(ProcessingStatus.COMPLETE, row.status());
            assertEquals(2, row.attempt());
            List<String> now = List.of(k + "_drp.fits.gz", k + "_drp.jpg", "logs/" + k + "_drp.log");
            assertTableMatches(lev1, delivered, k, now);
            assertEquals(md5(reduced), md5(lev1.resolve(k + "_drp.fits.gz")), "the newer source replaced the copy");
            List<LedgerEvent> ev = l.eventsOf(q.id());
            assertTrue(last(ev, "DRP_COPIED").text().startsWith("1 of 3 products copied"), ev.toString());
            assertEquals("true", api.seen().get(api.seen().size() - 1).params().get("reingest"));
            assertEquals(1, l.find(LedgerQuery.all().archiveId(k)).stream().filter(r -> r.level() == 1).count());
            Watchdog.Report w = Watchdog.check(l, context(), Duration.ofHours(1), Instant.now());
            assertTrue(w.ok(), "the watchdog owns level-1 products by their md5sum table: " + w);
            Path stray = text(lev1.resolve("plots/stray.png"), "no row lists this");
            w = Watchdog.check(l, context(), Duration.ofHours(1), Instant.now());
            assertEquals(List.of(stray), w.problems().stream().map(Watchdog.Problem::path).toList(), w.toString());
        }
    }

    @Test
    void aCopyIsReplacedWhenItsContentDiffersEvenIfItIsNewerThanTheSource() throws Exception {
        // the archive skipped a copy when the source was newer (koa-dep Q24); here only identical bytes are skipped
        try (ArchiveApiServer api = new ArchiveApiServer(); Ledger l = ledger()) {
            IngestService s = service(l, api);
            String k = "OS.20240101.36000.00";
            Path drp = tmp.resolve("drp/osiris/240101");
            Path cube = gzFits(drp.resolve(k + ".lev1.fits.gz"), 3);
            Path lev1 = tmp.resolve("koadata/OSIRIS/20240101/lev1");
            Files.createDirectories(lev1);
            Path stale = text(lev1.resolve(k + ".lev1.fits.gz"), "an older attempt's different bytes");
            Files.setLastModifiedTime(stale, FileTime.from(Instant.now().plusSeconds(3600)));
            DrpProducts.queue(l, "OSIRIS", k, 1, drp, Instant.now());
            s.drain(1, f -> { }, () -> false);
            assertEquals(md5(cube), md5(lev1.resolve(k + ".lev1.fits.gz")));
        }
    }

    @Test
    void osirisLevelOneAndTwoTakeTheirOwnFilesFromOneFolder() throws Exception {
        try (ArchiveApiServer api = new ArchiveApiServer(); Ledger l = ledger()) {
            IngestService s = service(l, api);
            String k = "OS.20240101.36000.00";
            Path drp = tmp.resolve("drp/osiris/240101/SPEC/ORP");
            gzFits(drp.resolve(k + "_drp.fits.gz"), 1);
            text(drp.resolve(k + "_drp.jpg"), "quick look");
            gzFits(drp.resolve(k + ".lev1.fits.gz"), 2);
            text(drp.resolve(k + ".lev1.jpg"), "lev1 image");
            gzFits(drp.resolve(k + ".lev2.fits.gz"), 3);
            text(drp.resolve(k + ".lev2_median.jpg"), "median");
            text(drp.resolve(k + ".lev2_sum_positive_slices.jpg"), "sum");
            text(drp.resolve("redux/" + k + "_redux.log"), "odrfgui log");
            text(drp.resolve(k + ".lev2_unknown.txt"), "not a product");
            DrpProducts.queue(l, "OSIRIS", k, 1, drp, Instant.now());
            DrpProducts.queue(l, "OSIRIS", k, 2, drp, Instant.now());
            List<IngestService.Finished> done = s.drain(1, f -> { }, () -> false);
            assertEquals(2, done.size());
            for (IngestService.Finished f : done) {
                assertEquals(ProcessingStatus.COMPLETE, f.status(), f.result().toString());
            }
            Path night = tmp.resolve("koadata/OSIRIS/20240101");
            assertTableMatches(night.resolve("lev1"), tmp.resolve("archive/OSIRIS/20240101/lev1"), k,
                    List.of(k + "_drp.fits.gz", k + "_drp.jpg", k + ".lev1.fits.gz", k + ".lev1.jpg",
                            "redux/" + k + "_redux.log"));
            assertTableMatches(night.resolve("lev2"), tmp.resolve("archive/OSIRIS/20240101/lev2"), k,
                    List.of(k + ".lev2.fits.gz", k + ".lev2_median.jpg", k + ".lev2_sum_positive_slices.jpg",
                            "redux/" + k + "_redux.log"));
            assertEquals(List.of("lev1", "lev2"), api.seen().stream().map(x -> x.params().get("ingesttype"))
                    .sorted().toList());
        }
    }

    @Test
    void aFolderWithoutTheFramesProductsEndsErrorAndBadRequestsAreRefused() throws Exception {
        try (Ledger l = ledger()) {
            IngestService s = new IngestService(l, context(), null);
            String k = "N2.20170725.37273.25";
            Path drp = tmp.resolve("drp/empty");
            text(drp.resolve("N2.20170725.99999.00_drp.jpg"), "another frame's");
            long id = DrpProducts.queue(l, "NIRC2", k, 1, drp, Instant.now()).id();
            s.drain(1, f -> { }, () -> false);
            LedgerRow r = l.row(id).orElseThrow();
            assertEquals(ProcessingStatus.ERROR, r.status());
            assertEquals("NO_DRP_FILES", r.statusCode());
            assertTrue(last(l.eventsOf(id), "NO_DRP_FILES").text().contains(drp.toString()));
            assertFalse(Files.exists(tmp.resolve("koadata/NIRC2/20170725/lev1/" + k + ".md5sum.table")));

            DrpException level = assertThrows(DrpException.class,
                    () -> DrpProducts.queue(l, "NIRC2", k, 3, drp, Instant.now()));
            assertEquals(IngestCode.DRP_LEVEL_INVALID, level.code());
            DrpException id2 = assertThrows(DrpException.class,
                    () -> DrpProducts.queue(l, "NIRC2", "not-an-id", 1, drp, Instant.now()));
            assertEquals(IngestCode.INVALID_KOAID, id2.code());
            DrpException missing = assertThrows(DrpException.class,
                    () -> DrpProducts.queue(l, "NIRC2", k, 1, tmp.resolve("nowhere"), Instant.now()));
            assertEquals(IngestCode.DRP_FILES_MISSING, missing.code());
            DrpException who = assertThrows(DrpException.class,
                    () -> DrpProducts.queue(l, null, "N2.20170725.11111.00", 1, drp, Instant.now()));
            assertEquals(IngestCode.INSTRUMENT_UNKNOWN, who.code());
            assertEquals(1, count(l.eventsOf(id), "DRP_QUEUED"));
        }
    }
}
