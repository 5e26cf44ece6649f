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
}
