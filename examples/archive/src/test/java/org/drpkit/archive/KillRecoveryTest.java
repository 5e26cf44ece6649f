package org.drpkit.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.drpkit.archive.ledger.ArchiveAttributes;
import org.drpkit.archive.ledger.TestDatabases;
import org.drpkit.core.status.Ledger;
import org.drpkit.core.status.LedgerEvent;
import org.drpkit.core.status.LedgerQuery;
import org.drpkit.core.status.LedgerRow;
import org.drpkit.core.status.ProcessingStatus;
import org.drpkit.fits.checksum.Md5;
import org.drpkit.fits.table.Md5SumTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a forked ingest process ({@code destroyForcibly}, SIGKILL) at random points, 60 times, while new files keep
 * arriving, then lets a last run finish. Truth, checked after every kill and at the end: a product set, once its row is
 * PROCESSED, is complete (every file its md5sum table lists exists and matches) and is never replaced (same file
 * identity, size and time); at the end every file has exactly one row, every row is PROCESSED with exactly one
 * successful run in its events, no temporary is left, and every product in the folders belongs to a PROCESSED row.
 */
class KillRecoveryTest {

    private static final int TRIALS = 60;

    @TempDir
    Path tmp;

    /** The ledger's database: H2 in the test's folder here, PostgreSQL in {@link KillRecoveryPostgresTest}. */
    private TestDatabases.Target db;

    /** @return a new, empty ledger database for the test (H2 under {@code ledgerDir}) */
    TestDatabases.Target database(Path ledgerDir) throws Exception {
        return TestDatabases.h2(ledgerDir);
    }

    @AfterEach
    void dropDatabase() throws Exception {
        if (db != null) {
            db.drop();
        }
    }

    /** Kills after which a PROCESSING row had files (temporaries or products) in the product folder. */
    private int killsMidWrite;

    /** A product's identity: a replaced file has another inode or time even with the same bytes. */
    private record Identity(Object fileKey, long size, long modified) {
    }

    @Test
    void aProcessKilledAtRandomPointsLosesNothingAndNeverProcessesAFileTwice() throws Exception {
        Path input = Files.createDirectories(tmp.resolve("in"));
        Path root = tmp.resolve("koadata");
        Path ledgerDir = Files.createDirectories(tmp.resolve("db"));
        db = database(ledgerDir);
        Random random = new Random(20261122);
        Map<Path, Identity> published = new HashMap<>();
        int files = 0;
        int killedWhileProcessing = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            for (int k = 0; k < 3; k++, files++) {
                TestFiles.nirc2(input, String.format("n%04d.fits", files), utc(files), files);
            }
            Process p = fork(db, root, input, random.nextLong(), random.nextBoolean());
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            if (random.nextInt(5) == 0) {
                Thread.sleep(random.nextInt(800)); // anywhere in start-up, recovery and queueing
            } else {
                // at a random step of a random file (a step starts with the line, after a 0-2 ms pause)
                int target = 1 + random.nextInt(45);
                int steps = 0;
                for (String line; (line = out.readLine()) != null && !line.equals("DONE");) {
                    if (line.startsWith("STEP ") && ++steps == target) {
                        Thread.sleep(random.nextInt(3));
                        killedWhileProcessing++;
                        break;
                    }
                }
            }
            p.destroyForcibly();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            checkPublished(root, ledgerDir, published, false);
        }
        Process last = fork(db, root, input, 1, true);
        String all = new String(last.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(last.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, last.exitValue(), all);
        assertTrue(all.contains("DONE"), all);
        checkPublished(root, ledgerDir, published, true);
        assertTrue(killedWhileProcessing >= 30, "most kills land while files are processed: " + killedWhileProcessing);

        try (Ledger l = db.open()) {
            List<LedgerRow> rows = l.find(LedgerQuery.all());
            assertEquals(files, rows.size(), "one row per file: nothing queued twice");
            for (LedgerRow r : rows) {
                assertEquals(ProcessingStatus.PROCESSED, r.status(), r.toString());
                List<LedgerEvent> ev = l.eventsOf(r.id());
                assertEquals(1, ev.stream().filter(e -> e.code().equals("PROCESSED")).count(),
                        "exactly one successful run: " + r + " " + ev);
            }
            assertEquals(files, rows.stream().map(LedgerRow::archiveId).distinct().count());
            long recovered = l.findEvents(LedgerQuery.all()).stream().filter(e -> e.code().equals("RECOVERED")).count();
            assertTrue(recovered >= 10, "kills left claimed files behind, which restarts recovered: " + recovered);
            assertTrue(killsMidWrite >= 1, "some kills left a product set half written or half published");
        }
    }

    /**
     * Every PROCESSED row's products are complete and were never replaced; at the end, nothing else is there but the
     * rows' stage copies (and hidden temporaries of a copy that a kill interrupted, never under a staged name).
     */
    private void checkPublished(Path root, Path ledgerDir, Map<Path, Identity> published, boolean end)
            throws Exception {
        List<String> owners = new ArrayList<>();
        List<Path> staged = new ArrayList<>();
        try (Ledger l = db.open()) {
            for (LedgerRow r : l.find(LedgerQuery.all().status(ProcessingStatus.PROCESSING))) {
                if (r.archiveId() != null && Files.isDirectory(root.resolve("NIRC2/20170725/lev0"))) {
                    try (Stream<Path> s = Files.list(root.resolve("NIRC2/20170725/lev0"))) {
                        killsMidWrite += s.anyMatch(p -> p.getFileName().toString().contains(r.archiveId())) ? 1 : 0;
                    }
                }
            }
            for (LedgerRow r : l.find(LedgerQuery.all())) {
                if (r.attribute(ArchiveAttributes.STAGE_FILE) != null) {
                    staged.add(Path.of(r.attribute(ArchiveAttributes.STAGE_FILE)));
                }
            }
            for (LedgerRow r : l.find(LedgerQuery.all().status(ProcessingStatus.PROCESSED))) {
                Path dir = Path.of(r.attribute(ArchiveAttributes.PROCESS_DIR));
                owners.add(r.archiveId());
                List<Path> set = new ArrayList<>();
                for (Md5SumTable.Entry e : Md5SumTable.read(dir.resolve(r.archiveId() + ".md5sum.table")).entries()) {
                    assertEquals(Md5.hex(dir.resolve(e.path())), e.md5(), "complete product " + e.path());
                    set.add(dir.resolve(e.path()));
                }
                set.add(dir.resolve(r.archiveId() + ".md5sum.table"));
                set.add(dir.resolve(r.archiveId() + ".log"));
                for (Path p : set) {
                    Identity now = identity(p);
                    Identity before = published.putIfAbsent(p, now);
                    assertTrue(before == null || before.equals(now), "a published product was replaced: " + p);
                }
            }
        }
        if (end) {
            try (Stream<Path> s = Files.walk(root)) {
                for (Path p : s.filter(Files::isRegularFile).toList()) {
                    String n = p.getFileName().toString();
                    if (p.startsWith(ledgerDir) || n.startsWith("ledger")) {
                        continue;
                    }
                    assertFalse(n.startsWith(".") && !p.startsWith(root.resolve("stage")), "temporary left: " + p);
                    if (p.startsWith(root.resolve("stage"))) {
                        assertTrue(n.startsWith(".") || staged.contains(p), "stage copy without a row: " + p);
                        continue;
                    }
                    assertTrue(owners.stream().anyMatch(k -> n.startsWith(k + ".")), "product without a row: " + p);
                }
            }
        }
    }

    private static Identity identity(Path p) throws IOException {
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
        return new Identity(a.fileKey(), a.size(), a.lastModifiedTime().toMillis());
    }

    private static Process fork(TestDatabases.Target db, Path root, Path input, long seed, boolean fsync)
            throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), IngestChild.class.getName()));
        command.addAll(List.of(db.childArgs()));
        command.addAll(List.of(root.toString(), input.toString(), Long.toString(seed), Boolean.toString(fsync)));
        ProcessBuilder child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        db.childEnvironment(child.environment());
        return child.start();
    }

    private static String utc(int i) {
        return String.format("%02d:%02d:%02d.00", 10 + i / 3600, (i / 60) % 60, i % 60);
    }
}
