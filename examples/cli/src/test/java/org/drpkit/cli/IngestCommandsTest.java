package org.drpkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.drpkit.archive.ledger.JdbcLedger;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Image;
import org.drpkit.core.status.Ledger;
import org.drpkit.core.status.LedgerQuery;
import org.drpkit.core.status.LedgerRow;
import org.drpkit.core.status.ProcessingStatus;
import org.drpkit.core.testing.SharedData;
import org.drpkit.fits.FitsWriter;
import org.drpkit.fits.PixelType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code drpkit ingest}, {@code status}, {@code report}, {@code reprocess} and {@code monitor}. */
class IngestCommandsTest {

    @TempDir
    Path tmp;

    /** A small NIRC2 dark (8x8 int32 pixels of 100) named {@code name}, taken at {@code utc} on 2017-07-25. */
    static Path frame(Path dir, String name, String utc) throws Exception {
        Header h = Header.builder().add("INSTRUME", "NIRC2").add("DATE-OBS", "2017-07-25").add("UTC", utc)
                .add("FILENAME", name).add("OUTDIR", "/sdata904/nirc2eng/2017jul25/").add("IMTYPE", "dark").build();
        Path f = dir.resolve(name);
        FitsWriter.create().primaryImage(h, Image.filled(8, 8, 100f), PixelType.INT32).write(f, false);
        return f;
    }

    @Test
    void theRealNirc2FramesAreArchivedAndStatusAndReportShowThem() throws Exception {
        Path nirc2 = SharedData.require("keck/nirc2");
        Path tables = SharedData.require("keck/keyword-tables");
        String out = tmp.resolve("OUT").toString();
        DrpkitTest.Run r = new DrpkitTest.Run("ingest", nirc2.toString(), "--out", out, "--keyword-tables",
                tables.toString(), "--no-fsync");
        assertEquals(0, r.status, r.out + r.err);
        assertTrue(r.out.contains("17 files processed"), r.out);
        assertTrue(r.out.contains("PROCESSED                                 17"), r.out);
        DrpkitTest.Run status = new DrpkitTest.Run("status", "--out", out);
        assertEquals(0, status.status, status.err);
        assertTrue(status.out.contains("NIRC2      PROCESSED"), status.out);
        assertTrue(status.out.contains("total 17: PROCESSED 17"), status.out);
        DrpkitTest.Run report = new DrpkitTest.Run("report", "--night", "20220409", "--out", out);
        assertEquals(0, report.status, report.out);
        assertTrue(report.out.startsWith("night 20220409: 5 files in the ledger, 5 PROCESSED"), report.out);
        assertTrue(report.out.contains("disk and ledger agree"), report.out);
        DrpkitTest.Run again = new DrpkitTest.Run("ingest", nirc2.toString(), "--out", out, "--no-fsync");
        assertEquals(0, again.status, again.out + again.err);
        assertTrue(again.out.contains("0 files processed") && again.out.contains("17 files skipped"), again.out);
        for (String night : List.of("20170725", "20220409", "20220526", "20220607", "20220619", "20220620")) {
            assertTrue(Files.isDirectory(Path.of(out, "NIRC2", night, "lev0")), night);
        }
    }

    @Test
    void malformedFilesEndInvalidWithTheirCodesAndTheExitStatusSaysSo() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.createFile(in.resolve("empty.fits"));
        Files.writeString(in.resolve("text.fits"), "plain text\n".repeat(300));
        byte[] good = Files.readAllBytes(frame(in, "n0001.fits", "10:00:01.00"));
        Files.write(in.resolve("truncated.fits"), Arrays.copyOf(good, good.length - 2880));
        DrpkitTest.Run r = new DrpkitTest.Run("ingest", in.toString(), "--out", tmp.resolve("OUT").toString(),
                "--no-fsync");
        assertEquals(Drpkit.EXIT_BAD_INPUT, r.status, r.out + r.err);
        assertTrue(r.out.contains("4 files processed"), r.out);
        for (String code : List.of("FILE_EMPTY", "NOT_FITS", "DATA_TRUNCATED")) {
            assertTrue(r.out.contains("INVALID      " + code), code + " in\n" + r.out);
        }
        assertTrue(r.out.contains("PROCESSED                                  1"), r.out);
        assertTrue(r.out.contains("INVALID FILE_EMPTY " + in.resolve("empty.fits")), r.out);
    }

    @Test
    void reprocessListsUntilExecutedThenRunsEachFileAgainKeepingItsId() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        frame(in, "n0001.fits", "10:00:01.00");
        frame(in, "n0002.fits", "10:00:02.00");
        String out = tmp.resolve("OUT").toString();
        assertEquals(0, new DrpkitTest.Run("ingest", in.toString(), "--out", out, "--no-fsync").status);
        DrpkitTest.Run dry = new DrpkitTest.Run("reprocess", "--out", out, "--status", "PROCESSED", "--since",
                "2017-07-25T10:00:02");
        assertEquals(0, dry.status, dry.err);
        assertTrue(dry.out.contains("1 files selected, 1 in a final state; add --execute"), dry.out);
        assertTrue(dry.out.contains("N2.20170725.36002.00"), dry.out);
        DrpkitTest.Run run = new DrpkitTest.Run("reprocess", "--out", out, "--status", "PROCESSED", "--execute",
                "--no-fsync");
        assertEquals(0, run.status, run.out + run.err);
        assertTrue(run.out.contains("2 files queued again") && run.out.contains("2 files processed"), run.out);
        try (Ledger l = JdbcLedger.open("jdbc:h2:file:" + Path.of(out, "ledger")
                + ";AUTO_SERVER=TRUE")) {
            for (LedgerRow r : l.find(LedgerQuery.all())) {
                assertEquals(2, r.attempt());
                assertEquals(ProcessingStatus.PROCESSED, r.status());
            }
        }
    }

    @Test
    void theReportFindsFilesNeverIngestedAndProductsThatFailTheirChecksums() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("sdata"));
        Path a = frame(src, "n0001.fits", "10:00:01.00");
        Path b = frame(src, "n0002.fits", "10:00:02.00");
        FileTime night = FileTime.from(Instant.parse("2017-07-25T12:00:00Z"));
        Files.setLastModifiedTime(a, night);
        Files.setLastModifiedTime(b, night);
        String out = tmp.resolve("OUT").toString();
        assertEquals(0, new DrpkitTest.Run("ingest", a.toString(), "--out", out, "--no-fsync").status);
        Path png = Path.of(out, "NIRC2/20170725/lev0/N2.20170725.36001.00.png");
        Files.write(png, new byte[] {1}, java.nio.file.StandardOpenOption.APPEND);
        DrpkitTest.Run r = new DrpkitTest.Run("report", "--night", "20170725", "--out", out, "--source",
                src.toString());
        assertEquals(1, r.status, r.out + r.err);
        assertTrue(r.out.contains("never ingested (source files of the night without a ledger row): 1\n  " + b), r.out);
        assertTrue(r.out.contains("PROCESSED rows with missing or corrupt products: 1\n  N2.20170725.36001.00: "
                + "N2.20170725.36001.00.png does not match its MD5"), r.out);
        assertTrue(r.out.contains("disk and ledger need attention"), r.out);
    }

    @Test
    void theWatchdogIsQuietOnAHealthyArchiveAndExitsThreeListingEachBreakage() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("sdata"));
        Path a = frame(in, "n0001.fits", "10:00:01.00");
        frame(in, "n0002.fits", "10:00:02.00");
        String out = tmp.resolve("OUT").toString();
        assertEquals(0, new DrpkitTest.Run("ingest", in.toString(), "--out", out, "--no-fsync").status);
        Files.delete(a); // the summit disk is wiped: the stage copy keeps the file
        DrpkitTest.Run ok = new DrpkitTest.Run("watchdog", "--out", out);
        assertEquals(0, ok.status, ok.out + ok.err);
        assertTrue(ok.out.contains(": 2 rows, 18 files, no problem"), ok.out); // 2 x 8 products + 2 stage copies

        Path lev0 = Path.of(out, "NIRC2/20170725/lev0");
        Files.delete(lev0.resolve("N2.20170725.36001.00.metadata.table"));
        Files.writeString(lev0.resolve("notes.txt"), "left by hand");
        DrpkitTest.Run bad = new DrpkitTest.Run("watchdog", "--out", out);
        assertEquals(WatchdogCommand.EXIT_PROBLEMS, bad.status, bad.out + bad.err);
        assertTrue(bad.out.contains("2 problems"), bad.out);
        assertTrue(bad.out.contains("MISSING_PRODUCT #1 " + lev0.resolve("N2.20170725.36001.00.metadata.table")
                + ": a product the md5sum table lists is gone"), bad.out);
        assertTrue(bad.out.contains("UNKNOWN_FILE " + lev0.resolve("notes.txt") + ": no ledger row owns this file"),
                bad.out);

        DrpkitTest.Run json = new DrpkitTest.Run("watchdog", "--out", out, "--json", "--stuck-minutes", "5");
        assertEquals(WatchdogCommand.EXIT_PROBLEMS, json.status, json.err);
        var doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out);
        assertEquals(false, doc.get("ok").asBoolean());
        assertEquals(1, doc.get("counts").get("MISSING_PRODUCT").asInt());
        assertEquals(1, doc.get("counts").get("UNKNOWN_FILE").asInt());
        assertEquals("UNKNOWN_FILE", doc.get("problems").get(1).get("kind").asText());

        DrpkitTest.Run none = new DrpkitTest.Run("watchdog", "--out", tmp.resolve("nowhere").toString());
        assertEquals(Drpkit.EXIT_BAD_INPUT, none.status, none.out);
        assertTrue(none.err.contains("no ledger here"), none.err);
        assertTrue(!Files.exists(tmp.resolve("nowhere")), "no ledger created by looking");
    }

    @Test
    void theMonitorStopsCleanlyOnSigtermLeavingNoFileInFlight() throws Exception {
        Path watched = Files.createDirectories(tmp.resolve("sdata"));
        for (int i = 0; i < 4; i++) {
            frame(watched, String.format("n%04d.fits", i), String.format("10:00:%02d.00", i));
        }
        Path out = tmp.resolve("OUT");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Drpkit.class.getName(),
                "monitor", watched.toString(), "--out", out.toString(), "--workers", "1", "--settle", "0.2",
                "--no-fsync").redirectErrorStream(true).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream()));
        String first = lines.readLine();
        assertTrue(first != null && first.startsWith("monitoring "), String.valueOf(first));
        String url = "jdbc:h2:file:" + out.resolve("ledger") + ";AUTO_SERVER=TRUE";
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (Ledger l = JdbcLedger.open(url)) {
            while (l.find(LedgerQuery.all().status(ProcessingStatus.PROCESSED)).isEmpty()) {
                assertTrue(System.nanoTime() < end, "the monitor archived nothing");
                Thread.sleep(50);
            }
        }
        p.destroy(); // SIGTERM: the shutdown hook stops the monitor
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "stopped within the grace period");
        assertEquals(0, p.exitValue(), "a clean stop");
        try (Ledger l = JdbcLedger.open(url)) {
            List<LedgerRow> rows = l.find(LedgerQuery.all());
            assertEquals(4, rows.size());
            for (LedgerRow r : rows) {
                assertTrue(r.status() == ProcessingStatus.PROCESSED || r.status() == ProcessingStatus.QUEUED,
                        "finished or released, never left PROCESSING: " + r + " " + l.eventsOf(r.id()));
            }
        }
    }
}
