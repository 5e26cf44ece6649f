package org.drpkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.drpkit.archive.ledger.JdbcLedger;
import org.drpkit.core.status.Ledger;
import org.drpkit.core.status.LedgerQuery;
import org.drpkit.core.status.LedgerRow;
import org.drpkit.core.status.ProcessingStatus;
import org.drpkit.fits.checksum.Md5;
import org.drpkit.fits.table.Md5SumTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code drpkit drp queue}: a pipeline's folder queued at level 1, left to a monitor, then processed with --process. */
class DrpCommandTest {

    @TempDir
    Path tmp;

    @Test
    void aQueuedFolderWaitsForTheMonitorAndProcessCopiesAndDeliversIt() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        IngestCommandsTest.frame(in, "n0001.fits", "10:00:01.00");
        String out = tmp.resolve("OUT").toString();
        String archive = tmp.resolve("archive").toString();
        DrpkitTest.Run ingest = new DrpkitTest.Run("ingest", in.toString(), "--out", out, "--no-fsync");
        assertEquals(0, ingest.status, ingest.out + ingest.err);
        String k;
        try (Ledger l = JdbcLedger.open("jdbc:h2:file:" + tmp.resolve("OUT/ledger"))) {
            k = l.find(LedgerQuery.all()).get(0).archiveId();
        }
        Path drp = Files.createDirectories(tmp.resolve("drp/2017jul25"));
        Files.writeString(drp.resolve(k + "_drp.jpg"), "quick look of " + k);
        Files.writeString(drp.resolve(k + "_drp.fits.gz"), "not really gzip, but bytes to archive");
        Files.writeString(drp.resolve("dark_master.fits"), "a calibration, not a product");

        DrpkitTest.Run queued = new DrpkitTest.Run("drp", "queue", "--out", out, "--koaid", k, "--level", "1",
                drp.toString());
        assertEquals(0, queued.status, queued.out + queued.err);
        assertTrue(queued.out.contains("level 1 " + k + " queued"), queued.out);
        try (Ledger l = JdbcLedger.open("jdbc:h2:file:" + tmp.resolve("OUT/ledger"))) {
            List<LedgerRow> lev1 = l.find(LedgerQuery.all().archiveId(k)).stream().filter(r -> r.level() == 1)
                    .toList();
            assertEquals(1, lev1.size());
            assertEquals(ProcessingStatus.QUEUED, lev1.get(0).status(), "left to a monitor");
        }

        DrpkitTest.Run processed = new DrpkitTest.Run("drp", "queue", "--out", out, "--koaid", k, "--level", "1",
                "--process", "--no-fsync", "--transfer-to", archive, drp.toString());
        assertEquals(0, processed.status, processed.out + processed.err);
        assertTrue(processed.out.contains("busy"), "the row was still queued: " + processed.out);
        Path lev1 = tmp.resolve("OUT/NIRC2/20170725/lev1");
        List<Md5SumTable.Entry> table = Md5SumTable.read(lev1.resolve(k + ".md5sum.table")).entries();
        assertEquals(List.of(k + "_drp.fits.gz", k + "_drp.jpg"), table.stream().map(Md5SumTable.Entry::path).toList());
        for (Md5SumTable.Entry e : table) {
            assertEquals(Md5.hex(drp.resolve(e.path())), e.md5());
            assertEquals(e.md5(), Md5.hex(tmp.resolve("archive/NIRC2/20170725/lev1").resolve(e.path())));
        }

        DrpkitTest.Run bad = new DrpkitTest.Run("drp", "queue", "--out", out, "--koaid", k, "--level", "3",
                drp.toString());
        assertEquals(2, bad.status, bad.out + bad.err);
        assertTrue(bad.err.contains("DRP_LEVEL_INVALID"), bad.err);
    }

    private static Path only(Path dir, String suffix) throws java.io.IOException {
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            List<Path> l = s.filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
            assertEquals(1, l.size(), "files ending " + suffix + ": " + l);
            return l.get(0);
        }
    }

    private static void ok(String... args) {
        DrpkitTest.Run r = new DrpkitTest.Run(args);
        assertEquals(0, r.status, String.join(" ", args) + ": " + r.out + r.err);
    }

    /**
     * drpkit's own APOGEE products as the APOGEE plugin's level 1 and 2: a simulated raw chip archived at level 0,
     * its rate image from {@code drpkit ramp} ({@code ID_ar2D.fits}) at level 1, the rate calibrated with a dark from
     * {@code drpkit calib dark} ({@code ID_ar2Dcal.fits}) at level 2; each level takes only its own product.
     */
    @Test
    void apogeeRateAndCalibratedImagesAreItsLevelOneAndTwoProducts() throws Exception {
        Path sim = tmp.resolve("sim");
        ok("simulate", "--out", sim.resolve("science").toString(), "--kind", "flat", "--reads", "6", "--seed", "3");
        Path raw = only(sim.resolve("science"), "0003.fits");
        String out = tmp.resolve("OUT").toString();
        ok("ingest", raw.toString(), "--out", out, "--no-fsync");
        String k;
        try (Ledger l = JdbcLedger.open("jdbc:h2:file:" + tmp.resolve("OUT/ledger"))) {
            LedgerRow r = l.find(LedgerQuery.all()).get(0);
            assertEquals(ProcessingStatus.PROCESSED, r.status(), r.toString());
            assertEquals("APOGEE", r.instrument());
            k = r.archiveId();
        }
        Path drp = Files.createDirectories(tmp.resolve("drp"));
        Path rate = drp.resolve(k + "_ar2D.fits");
        ok("ramp", raw.toString(), rate.toString(), "--no-progress");
        List<String> dark = new java.util.ArrayList<>(List.of("calib", "dark"));
        for (int seed = 11; seed <= 13; seed++) {
            Path d = sim.resolve("dark" + seed);
            ok("simulate", "--out", d.toString(), "--kind", "dark", "--reads", "6", "--seed", Integer.toString(seed));
            Path dr = drp.resolve("calib/dark" + seed + "-rate.fits");
            Files.createDirectories(dr.getParent());
            ok("ramp", only(d, String.format("%04d.fits", seed)).toString(), dr.toString(), "--no-progress");
            dark.add(dr.toString());
        }
        Path darkFile = drp.resolve("calib/dark.fits");
        dark.addAll(List.of("--out", darkFile.toString()));
        ok(dark.toArray(new String[0]));
        Path cal = drp.resolve(k + "_ar2Dcal.fits");
        ok("calibrate", rate.toString(), "--dark", darkFile.toString(), "--out", cal.toString());

        ok("drp", "queue", "--out", out, "--koaid", k, "--level", "1", drp.toString());
        ok("drp", "queue", "--out", out, "--koaid", k, "--level", "2", "--process", "--no-fsync", drp.toString());
        String night = k.split("\\.")[1];
        for (int level = 1; level <= 2; level++) {
            Path dir = tmp.resolve("OUT/APOGEE/" + night + "/lev" + level);
            Path product = level == 1 ? rate : cal;
            List<Md5SumTable.Entry> table = Md5SumTable.read(dir.resolve(k + ".md5sum.table")).entries();
            assertEquals(List.of(product.getFileName().toString()), table.stream().map(Md5SumTable.Entry::path)
                    .toList(), "level " + level + " takes its own product only");
            assertEquals(Md5.hex(product), table.get(0).md5());
            assertEquals(Md5.hex(product), Md5.hex(dir.resolve(table.get(0).path())));
        }
        try (Ledger l = JdbcLedger.open("jdbc:h2:file:" + tmp.resolve("OUT/ledger"))) {
            for (LedgerRow r : l.find(LedgerQuery.all().archiveId(k))) {
                assertEquals(ProcessingStatus.PROCESSED, r.status(), r + " " + l.eventsOf(r.id()));
            }
            assertEquals(3, l.find(LedgerQuery.all().archiveId(k)).size(), "levels 0, 1 and 2");
        }
    }
}
