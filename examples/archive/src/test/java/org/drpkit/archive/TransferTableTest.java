package org.drpkit.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.drpkit.fits.table.IpacTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link TransferTable}: concurrent deliveries of one night lose no line, and a delivery replaces its own lines. */
class TransferTableTest {

    @TempDir
    Path tmp;

    private static List<Transfer.FileSent> files(String k, boolean copied) {
        return List.of(new Transfer.FileSent(k + ".fits", 2880, "0".repeat(32), copied),
                new Transfer.FileSent(k + ".md5sum.table", 70, "f".repeat(32), copied));
    }

    @Test
    void fourWritersOfOneNightKeepEveryLineAndARedeliveryReplacesItsOwn() throws Exception {
        Path night = Files.createDirectories(tmp.resolve("NIRC2/20170725"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> jobs = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int worker = w;
            jobs.add(pool.submit(() -> {
                for (int i = 0; i < 25; i++) {
                    String k = String.format("N2.20170725.%05d.00", worker * 100 + i);
                    TransferTable.record(night, k, files(k, true), Instant.parse("2026-12-06T18:00:00Z"));
                }
                return null;
            }));
        }
        for (Future<?> f : jobs) {
            f.get();
        }
        pool.shutdown();
        IpacTable t = IpacTable.read(night.resolve(TransferTable.NAME));
        assertEquals(100 * 2, t.rows().size(), "every writer's lines survive the others' updates");

        String k = "N2.20170725.00107.00";
        TransferTable.record(night, k, files(k, false), Instant.parse("2026-12-06T19:00:00Z"));
        t = IpacTable.read(night.resolve(TransferTable.NAME));
        assertEquals(200, t.rows().size());
        Map<String, Integer> actions = new HashMap<>();
        for (int i = 0; i < t.rows().size(); i++) {
            actions.merge(t.value(i, "action") + " " + t.value(i, "time"), 1, Integer::sum);
            if (t.value(i, "koaid").equals(k)) {
                assertEquals("unchanged", t.value(i, "action"));
            }
        }
        assertEquals(Map.of("sent 2026-12-06T18:00:00Z", 198, "unchanged 2026-12-06T19:00:00Z", 2), actions);
        assertEquals("N2.20170725.00000.00", t.value(0, "koaid"), "sorted by archive id, then file");
    }
}
