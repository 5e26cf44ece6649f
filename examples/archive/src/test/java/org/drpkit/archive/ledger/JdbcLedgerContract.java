package org.drpkit.archive.ledger;

import static org.drpkit.core.status.ProcessingStatus.ERROR;
import static org.drpkit.core.status.ProcessingStatus.INVALID;
import static org.drpkit.core.status.ProcessingStatus.PROCESSED;
import static org.drpkit.core.status.ProcessingStatus.PROCESSING;
import static org.drpkit.core.status.ProcessingStatus.QUEUED;
import static org.drpkit.core.status.ProcessingStatus.TRANSFERRING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.drpkit.core.error.CoreErrorCode;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.status.Ledger;
import org.drpkit.core.status.LedgerEvent;
import org.drpkit.core.status.LedgerFields;
import org.drpkit.core.status.LedgerQuery;
import org.drpkit.core.status.LedgerRow;
import org.drpkit.core.status.ProcessingStatus;
import org.drpkit.core.status.Severity;
import org.drpkit.core.status.StatusEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger's behaviour on one database product: claims, state moves, concurrent claims and queueing, history,
 * recovery of abandoned claims, durability across a reopen and across a killed process. Each subclass names the
 * database; every test gets a new, empty one ({@link #database}).
 */
abstract class JdbcLedgerContract {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path tmp;

    private TestDatabases.Target db;

    /** @return a new, empty database for one test (skipping the test, by assumption, when the product is absent) */
    abstract TestDatabases.Target database(Path tmp) throws Exception;

    @BeforeEach
    void createDatabase() throws Exception {
        db = database(tmp);
    }

    @AfterEach
    void dropDatabase() throws Exception {
        if (db != null) {
            db.drop();
        }
    }

    private JdbcLedger open() throws DrpException {
        return db.open();
    }

    @Test
    void fileGoesFromQueuedToProcessedWithFieldsAndEvents() throws DrpException {
        try (Ledger l = open()) {
            long id = l.enqueue(0, "NIRC2", "/sdata/n0051.fits", "abc", 1071360L, T0);
            LedgerRow claimed = l.claimNext(null, "host:1", T0.plusSeconds(1)).orElseThrow();
            assertEquals(id, claimed.id());
            assertEquals(PROCESSING, claimed.status());
            assertEquals("host:1", claimed.worker());
            l.update(id, PROCESSING, LedgerFields.none().archiveId("N2.20170725.37273.00")
                    .observed(LocalDateTime.parse("2017-07-25T10:21:13.25")), T0.plusSeconds(2));
            l.appendEvent(id, Severity.WARN, "KOAIMTYP_UDF", "imageType", "no rule matched", T0.plusSeconds(2));
            l.transition(id, PROCESSING, PROCESSED, LedgerFields.none().with(ArchiveAttributes.IMAGE_TYPE, "object")
                    .with(ArchiveAttributes.PROGRAM, "2017B_U098").with(ArchiveAttributes.PROPRIETARY_MONTHS, 18)
                    .with(ArchiveAttributes.FILE_SIZE_MB, 1.0714), T0.plusSeconds(3));
            LedgerRow r = l.row(id).orElseThrow();
            assertEquals(PROCESSED, r.status());
            assertNull(r.statusCode(), "a warning never becomes the status");
            assertEquals("N2.20170725.37273.00", r.archiveId());
            assertEquals(LocalDateTime.parse("2017-07-25T10:21:13.25"), r.observed());
            assertEquals(18, r.attribute(ArchiveAttributes.PROPRIETARY_MONTHS));
            assertEquals(1.0714, r.attribute(ArchiveAttributes.FILE_SIZE_MB));
            assertEquals(T0.plusSeconds(3), r.processEndTime());
            assertEquals(1071360L, r.fileSize());
            List<LedgerEvent> ev = l.eventsOf(id);
            assertEquals(1, ev.size());
            assertEquals("KOAIMTYP_UDF", ev.get(0).code());
            assertEquals(1, ev.get(0).attempt());
            assertEquals(Optional.empty(), l.claimNext(null, "host:1", T0), "nothing left to claim");
        }
    }

    @Test
    void transitionFromTheWrongStateIsAConflictAndIllegalMovesAreRejected() throws DrpException {
        try (Ledger l = open()) {
            long id = l.enqueue(0, "NIRES", "/a.fits", null, null, T0);
            DrpException conflict = assertThrows(DrpException.class,
                    () -> l.transition(id, PROCESSING, PROCESSED, LedgerFields.none(), T0));
            assertEquals(CoreErrorCode.LEDGER_CONFLICT, conflict.code());
            assertTrue(conflict.getMessage().contains("it is QUEUED"), conflict.getMessage());
            DrpException illegal = assertThrows(DrpException.class,
                    () -> l.transition(id, QUEUED, PROCESSED, LedgerFields.none(), T0));
            assertEquals(CoreErrorCode.STATUS_ILLEGAL_TRANSITION, illegal.code());
            assertEquals(QUEUED, l.row(id).orElseThrow().status(), "a refused move changes nothing");
        }
    }

    @Test
    void fourConcurrentWorkersClaimEachOfFiveHundredFilesExactlyOnce() throws Exception {
        try (Ledger l = open()) {
            for (int i = 0; i < 500; i++) {
                l.enqueue(0, "KCWI", "/sdata/kb" + i + ".fits", null, null, T0);
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                String worker = "host:" + w;
                results.add(pool.submit(() -> {
                    List<Long> mine = new ArrayList<>();
                    for (Optional<LedgerRow> r; (r = l.claimNext("KCWI", worker, T0)).isPresent();) {
                        mine.add(r.get().id());
                        l.transition(r.get().id(), PROCESSING, PROCESSED, LedgerFields.none(), T0);
                    }
                    return mine;
                }));
            }
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> f : results) {
                all.addAll(f.get());
            }
            pool.shutdown();
            assertEquals(500, all.size(), "every file claimed");
            assertEquals(500, new HashSet<>(all).size(), "no file claimed twice");
            assertEquals(500, l.find(LedgerQuery.all().status(PROCESSED)).size());
        }
    }

    @Test
    void requeueKeepsHistoryAndIncrementsTheAttempt() throws DrpException {
        try (Ledger l = open()) {
            long bad = l.enqueue(0, "HIRES", "/sdata/hires0001.fits", null, null, T0);
            long good = l.enqueue(0, "HIRES", "/sdata/hires0002.fits", null, null, T0);
            l.claimNext(null, "w", T0);
            l.transition(bad, PROCESSING, ERROR, LedgerFields.none().statusCode("CODE_ERROR").archiveId("HI.20200101.00001.00"), T0);
            l.claimNext(null, "w", T0);
            l.transition(good, PROCESSING, PROCESSED, LedgerFields.none().archiveId("HI.20200101.00002.00"), T0);
            assertEquals(1, l.requeue(LedgerQuery.all().status(ERROR), T0.plusSeconds(60)));
            LedgerRow r = l.row(bad).orElseThrow();
            assertEquals(QUEUED, r.status());
            assertEquals(2, r.attempt());
            assertNull(r.statusCode());
            assertEquals("HI.20200101.00001.00", r.archiveId(), "the archive id survives a reprocess");
            assertEquals(T0, r.creationTime(), "creation time is kept");
            assertEquals(PROCESSED, l.row(good).orElseThrow().status(), "rows not selected are untouched");
            assertEquals("REQUEUED", l.eventsOf(bad).get(0).code());
            assertEquals(0, l.requeue(LedgerQuery.all().status(QUEUED), T0), "non-final rows are never requeued");
        }
    }

    @Test
    void abandonedClaimsAreRecoveredAndInterruptedTransfersEndInError() throws DrpException {
        try (Ledger l = open()) {
            long a = l.enqueue(0, "OSIRIS", "/a.fits", null, null, T0);
            long b = l.enqueue(0, "OSIRIS", "/b.fits", null, null, T0);
            long c = l.enqueue(0, "OSIRIS", "/c.fits", null, null, T0);
            l.claimNext(null, "dead:1", T0);
            l.claimNext(null, "dead:1", T0);
            l.transition(b, PROCESSING, TRANSFERRING, LedgerFields.none(), T0);
            l.claimNext(null, "alive:2", T0);
            assertEquals(2, l.recoverAbandoned(w -> w.startsWith("alive"), T0.plusSeconds(5)));
            assertEquals(QUEUED, l.row(a).orElseThrow().status());
            assertEquals(ERROR, l.row(b).orElseThrow().status());
            assertEquals("TRANSFER_INTERRUPTED", l.row(b).orElseThrow().statusCode());
            assertEquals(PROCESSING, l.row(c).orElseThrow().status(), "a live worker keeps its claim");
            assertEquals("RECOVERED", l.eventsOf(a).get(0).code());
        }
    }

    @Test
    void ledgerSurvivesReopeningAndQueriesFilter() throws DrpException {
        long id;
        try (Ledger l = open()) {
            id = l.enqueue(0, "NIRC2", "/s/sdata904/nirc2eng/2017jul25/n0051.fits", null, null, T0);
            l.enqueue(0, "NIRC2", "/s/sdata904/nirc2/100%_done.fits", null, null, T0);
            l.claimNext(null, "w", T0);
            l.transition(id, PROCESSING, INVALID, LedgerFields.none().statusCode("MISMATCHED_FILENAME")
                    .observed(LocalDateTime.parse("2017-07-25T10:00:00")), T0);
        }
        try (Ledger l = open()) {
            assertEquals(INVALID, l.row(id).orElseThrow().status(), "committed state is durable across a reopen");
            assertEquals(1, l.find(LedgerQuery.all().ofnameContains("2017jul25")).size());
            assertEquals(1, l.find(LedgerQuery.all().ofnameContains("100%_")).size(), "LIKE wildcards are escaped");
            assertEquals(0, l.find(LedgerQuery.all().ofnameContains("1%0")).size());
            assertEquals(1, l.find(LedgerQuery.all().statusCode("MISMATCHED_FILENAME")).size());
            assertEquals(1, l.find(LedgerQuery.all().observedBetween(LocalDateTime.parse("2017-07-25T00:00"),
                    LocalDateTime.parse("2017-07-26T00:00"))).size());
            List<Ledger.StatusCount> counts = l.counts();
            assertEquals(2, counts.size());
            Set<String> lines = new HashSet<>();
            for (Ledger.StatusCount c : counts) {
                lines.add(c.status() + "/" + c.statusCode() + "/" + c.rows());
            }
            assertEquals(Set.of("INVALID/MISMATCHED_FILENAME/1", "QUEUED/null/1"), lines);
        }
    }

    @Test
    void fieldsGivenWhenQueueingAreOnTheNewRowAtOnceAndSurviveReprocessing() throws Exception {
        try (Ledger l = open()) {
            LedgerFields staged = LedgerFields.none().with(ArchiveAttributes.STAGE_FILE, "/stage/20260101/a.fits");
            Ledger.Enqueued e = l.enqueueUnique(0, "NIRC2", "/sdata/a.fits", "aa", 10L, staged, T0);
            assertTrue(e.created());
            LedgerRow claimed = l.claimNext(null, "w1", T0).orElseThrow();
            assertEquals("/stage/20260101/a.fits", claimed.attribute(ArchiveAttributes.STAGE_FILE),
                    "a claimed row always carries its queue-time fields");
            Ledger.Enqueued dup = l.enqueueUnique(0, "NIRC2", "/sdata/a.fits", "aa", 10L, LedgerFields.none()
                    .with(ArchiveAttributes.STAGE_FILE, "/stage/other.fits"), T0);
            assertEquals(new Ledger.Enqueued(e.id(), false), dup);
            l.transition(e.id(), ProcessingStatus.PROCESSING, ProcessingStatus.INVALID, LedgerFields.none()
                    .statusCode("FILEPATH_REJECT").with(ArchiveAttributes.ANC_FILE, "/anc/udf/1/a.fits"), T0);
            assertEquals(1, l.requeue(LedgerQuery.all(), T0));
            LedgerRow again = l.row(e.id()).orElseThrow();
            assertEquals("/stage/20260101/a.fits", again.attribute(ArchiveAttributes.STAGE_FILE),
                    "the duplicate did not touch the row; the copy outlives the attempt");
            assertEquals("/anc/udf/1/a.fits", again.attribute(ArchiveAttributes.ANC_FILE));
            assertEquals(null, again.statusCode());
        }
    }

    @Test
    void theKeywordTableOfAnAttemptIsStoredAndClearedWhenTheRowIsQueuedAgain() throws Exception {
        try (Ledger l = open()) {
            long id = l.enqueueUnique(0, "NIRES", "/sdata/k.fits", "kk", 10L, T0).id();
            l.claimNext(null, "w1", T0).orElseThrow();
            String label = "KOA_NIRES_Keyword_Table.txt sha256:0123456789abcdef";
            l.transition(id, ProcessingStatus.PROCESSING, PROCESSED, LedgerFields.none()
                    .with(ArchiveAttributes.KEYWORD_TABLE, label), T0);
            assertEquals(label, l.row(id).orElseThrow().attribute(ArchiveAttributes.KEYWORD_TABLE));
            assertEquals(1, l.requeue(LedgerQuery.all(), T0));
            assertEquals(null, l.row(id).orElseThrow().attribute(ArchiveAttributes.KEYWORD_TABLE),
                    "a new attempt may use another table");
        }
    }

    @Test
    void queueingTheSameFileVersionTwiceReturnsTheExistingRowEvenFromConcurrentQueuers()
            throws Exception {
        try (Ledger l = open()) {
            Ledger.Enqueued first = l.enqueueUnique(0, "NIRC2", "/sdata/n0051.fits", "aa", 10L, T0);
            assertTrue(first.created());
            Ledger.Enqueued again = l.enqueueUnique(0, "NIRC2", "/sdata/n0051.fits", "aa", 10L, T0);
            assertEquals(new Ledger.Enqueued(first.id(), false), again);
            assertTrue(l.enqueueUnique(0, "NIRC2", "/sdata/n0051.fits", "bb", 10L, T0).created(),
                    "new content at the same path is a new version");
            assertTrue(l.enqueueUnique(0, "NIRC2", "/other/n0051.fits", "aa", 10L, T0).created(),
                    "the same content at another path is another row (the archive-id step decides about it)");
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<Ledger.Enqueued>> racers = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                racers.add(pool.submit(() -> l.enqueueUnique(0, "KCWI", "/sdata/kb1.fits", "cc", 1L, T0)));
            }
            int created = 0;
            Set<Long> ids = new HashSet<>();
            for (Future<Ledger.Enqueued> f : racers) {
                created += f.get().created() ? 1 : 0;
                ids.add(f.get().id());
            }
            pool.shutdown();
            assertEquals(1, created, "exactly one racer creates the row");
            assertEquals(1, ids.size(), "all racers see the same row");
            assertEquals(4, l.find(LedgerQuery.all()).size());
        }
    }

    @Test
    void anArchiveIdIsHeldByOneRowAtATime() throws DrpException {
        try (Ledger l = open()) {
            long a = l.enqueue(0, "NIRC2", "/a.fits", null, null, T0);
            long b = l.enqueue(0, "NIRC2", "/b.fits", null, null, T0);
            DrpException notClaimed = assertThrows(DrpException.class, () -> l.reserveArchiveId(a, "N2.X", T0));
            assertEquals(CoreErrorCode.LEDGER_CONFLICT, notClaimed.code(), "only a PROCESSING row takes an id");
            l.claimNext(null, "w", T0);
            l.claimNext(null, "w", T0);
            assertTrue(l.reserveArchiveId(a, "N2.20170725.51470.75", T0));
            assertTrue(l.reserveArchiveId(a, "N2.20170725.51470.75", T0), "holding it again is fine");
            assertTrue(!l.reserveArchiveId(b, "N2.20170725.51470.75", T0), "another row cannot take it");
            assertNull(l.row(b).orElseThrow().archiveId());
            assertTrue(l.reserveArchiveId(b, "N2.20170725.51470.76", T0));
            assertEquals(List.of(a), l.find(LedgerQuery.all().archiveId("N2.20170725.51470.75")).stream()
                    .map(LedgerRow::id).toList());
        }
    }

    @Test
    void aFinalStateAndItsEventsAreCommittedTogetherOrNotAtAll() throws DrpException {
        try (Ledger l = open()) {
            long id = l.enqueue(0, "NIRES", "/s.fits", null, null, T0);
            List<StatusEvent> ev = List.of(new StatusEvent(T0, Severity.WARN, "MD_TRUNCATE", "metadata", "cut"),
                    new StatusEvent(T0, Severity.INFO, "PROCESSED", "finish", "done"));
            assertThrows(DrpException.class, () -> l.transition(id, PROCESSING, PROCESSED, LedgerFields.none(), ev, T0));
            assertEquals(List.of(), l.eventsOf(id), "a refused transition records no event");
            l.claimNext(null, "w", T0);
            l.transition(id, PROCESSING, PROCESSED, LedgerFields.none().instrument("NIRES"), ev, T0);
            assertEquals(List.of("MD_TRUNCATE", "PROCESSED"), l.eventsOf(id).stream().map(LedgerEvent::code).toList());
            l.appendEvents(id, List.of(new StatusEvent(T0, Severity.INFO, "NOTE", "report", "seen")));
            assertEquals(3, l.findEvents(LedgerQuery.all().status(PROCESSED)).size());
            assertEquals(0, l.findEvents(LedgerQuery.all().status(ERROR)).size());
            assertEquals(List.of(id), l.find(LedgerQuery.all().ofname("/s.fits")).stream().map(LedgerRow::id).toList());
            assertEquals(1, l.find(LedgerQuery.all().queuedBetween(T0, T0.plusSeconds(1))).size());
            assertEquals(0, l.find(LedgerQuery.all().queuedBetween(T0.plusSeconds(1), null)).size());
        }
    }

    @Test
    void aVersionOneLedgerIsMigratedInPlace() throws Exception {
        try (java.sql.Connection c = db.connect();
                java.sql.Statement st = c.createStatement()) {
            String v1 = new String(JdbcLedger.class.getResourceAsStream("migrations/V1__ledger.sql").readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8).replace("${IDENTITY}",
                    "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY");
            for (String sql : v1.split("\n;\n")) {
                String body = sql.lines().filter(x -> !x.trim().startsWith("--")).reduce("", (a, b) -> a + b + "\n");
                if (!body.isBlank()) {
                    st.execute(body);
                }
            }
            st.execute("CREATE TABLE drp_schema_version (version INT NOT NULL, applied TIMESTAMP NOT NULL)");
            st.execute("INSERT INTO drp_schema_version VALUES (1, CURRENT_TIMESTAMP)");
            st.execute("INSERT INTO drp_status (level, instrument, ofname, status, attempt, creation_time, last_mod) "
                    + "VALUES (0, 'NIRC2', '/old.fits', 'PROCESSED', 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        }
        try (Ledger l = open()) {
            assertEquals(PROCESSED, l.find(LedgerQuery.all().ofname("/old.fits")).get(0).status(), "old rows kept");
            assertTrue(l.enqueueUnique(0, "NIRC2", "/new.fits", "dd", 1L, T0).created());
            assertTrue(!l.enqueueUnique(0, "NIRC2", "/new.fits", "dd", 1L, T0).created());
            long v3 = l.enqueueUnique(0, "NIRC2", "/v3.fits", "ee", 1L, LedgerFields.none()
                    .with(ArchiveAttributes.STAGE_FILE, "/stage/v3.fits"), T0).id();
            assertEquals("/stage/v3.fits", l.row(v3).orElseThrow().attribute(ArchiveAttributes.STAGE_FILE),
                    "migrated to version 3: stage and anc columns");
            long v4 = l.enqueueUnique(0, "NIRC2", "/v4.fits", "ff", 1L, LedgerFields.none()
                    .with(ArchiveAttributes.KEYWORD_TABLE, "KOA_NIRC2_Keyword_Table.txt sha256:00"), T0).id();
            assertEquals("KOA_NIRC2_Keyword_Table.txt sha256:00", l.row(v4).orElseThrow()
                    .attribute(ArchiveAttributes.KEYWORD_TABLE), "migrated to version 4: the keyword table column");
            long v6 = l.enqueueUnique(1, "NIRC2", "/drp/night1", "ff", null, LedgerFields.none()
                    .with(ArchiveAttributes.SERVICE, ArchiveAttributes.SERVICE_DRP), T0).id();
            assertEquals("DRP", l.row(v6).orElseThrow().attribute(ArchiveAttributes.SERVICE),
                    "migrated to version 6: the service column");
        }
    }

    /**
     * A frame's level-1 and level-2 rows share its archive id with its level-0 row (the unique index is per level),
     * keep the service that queued them and the product folder across a reprocess, and a second row of the same
     * level cannot take the id.
     */
    @Test
    void levelRowsShareTheFramesArchiveIdAndKeepTheirServiceAcrossAReprocess() throws DrpException {
        String k = "N2.20170725.37273.00";
        try (Ledger l = open()) {
            long lev0 = l.enqueue(0, "NIRC2", "/sdata/n0051.fits", "aa", 1L, T0);
            l.claimNext(null, "host:1", T0);
            assertTrue(l.reserveArchiveId(lev0, k, T0));
            l.transition(lev0, PROCESSING, PROCESSED, LedgerFields.none(), T0);
            long lev1 = l.enqueueUnique(1, "NIRC2", "/drp/night1", "bb", null, LedgerFields.none().archiveId(k)
                    .with(ArchiveAttributes.SERVICE, ArchiveAttributes.SERVICE_DRP)
                    .with(ArchiveAttributes.STAGE_FILE, "/drp/night1"), T0).id();
            long lev2 = l.enqueueUnique(2, "NIRC2", "/drp/night1", "bb", null, LedgerFields.none().archiveId(k)
                    .with(ArchiveAttributes.SERVICE, ArchiveAttributes.SERVICE_DRP), T0).id();
            assertEquals(3, l.find(LedgerQuery.all().archiveId(k)).size());
            LedgerRow r1 = l.claimNext(null, "host:1", T0.plusSeconds(1)).orElseThrow();
            assertEquals(lev1, r1.id(), "the level-1 row is claimed like any other");
            assertEquals(1, r1.level());
            assertEquals(k, r1.archiveId());
            l.transition(lev1, PROCESSING, PROCESSED, LedgerFields.none(), T0.plusSeconds(2));
            assertEquals(1, l.requeue(LedgerQuery.all().id(lev1), T0.plusSeconds(3)));
            LedgerRow again = l.row(lev1).orElseThrow();
            assertEquals(2, again.attempt());
            assertEquals("DRP", again.attribute(ArchiveAttributes.SERVICE), "service kept across a reprocess");
            assertEquals("/drp/night1", again.attribute(ArchiveAttributes.STAGE_FILE));
            assertEquals(k, again.archiveId());
            DrpException taken = assertThrows(DrpException.class, () -> l.enqueueUnique(2, "NIRC2", "/drp/other",
                    "cc", null, LedgerFields.none().archiveId(k), T0));
            assertEquals(CoreErrorCode.LEDGER_CONFLICT, taken.code(), "one row per level holds an id");
            assertEquals(2, l.row(lev2).orElseThrow().level());
        }
    }

    /**
     * A killed client loses no acknowledged commit. H2 forgets WRITE_DELAY 0 when its last connection closes and the database reopens (the pool dropped a
     * connection after a refused duplicate): commits of the next half second were lost when the process was killed.
     */
    @Test
    void aCommitSurvivesAKilledProcessEvenAfterARefusedDuplicate() throws Exception {
        String launcher = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(launcher, "-cp", System.getProperty("java.class.path"),
                LedgerKillChild.class.getName()));
        command.addAll(List.of(db.childArgs()));
        ProcessBuilder child = new ProcessBuilder(command).redirectErrorStream(true);
        db.childEnvironment(child.environment());
        Process p = child.start();
        java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()));
        String line = out.readLine();
        while (line != null && !line.startsWith("COMMITTED ")) {
            line = out.readLine(); // log lines of the child's libraries
        }
        p.destroyForcibly();
        assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
        assertTrue(line != null && line.startsWith("COMMITTED "), String.valueOf(line));
        long id = Long.parseLong(line.substring(10));
        try (Ledger l = open()) {
            assertEquals("/sdata/b.fits", l.row(id).orElseThrow().ofname(), "the acknowledged commit is on disk");
        }
    }
}
