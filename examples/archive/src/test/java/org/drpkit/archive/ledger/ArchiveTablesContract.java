package org.drpkit.archive.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.nio.file.Path;
import org.drpkit.archive.ledger.KoapiSend.Action;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code headers} and {@code koapi_send} tables (migration V5) on one database product: each rule of koa-dep
 * section 7.5 as rows written and read back, with dates on both sides of each edge, and the headers row inserted then
 * replaced. Each subclass names the database; every test gets a new, empty one.
 */
abstract class ArchiveTablesContract {

    private static final String SEMID = "2017A_H242";
    private static final LocalDate D = LocalDate.parse("2017-07-25");
    /** Noon UT of the date: well inside the 3-day age limit. */
    private static final Instant NOON = Instant.parse("2017-07-25T12:00:00Z");

    @TempDir
    Path tmp;

    private TestDatabases.Target db;

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

    @Test
    void theFirstFileOfAProgramInsertsARowWithTheSpecFlags() throws Exception {
        try (JdbcLedger l = db.open()) {
            KoapiSend t = KoapiSend.of(l);
            KoapiSend.Change c = t.record(SEMID, "NIRC2", D, NOON);
            assertEquals(Action.INSERTED, c.action());
            List<KoapiSend.Row> rows = t.rows(SEMID, "NIRC2");
            assertEquals(1, rows.size());
            KoapiSend.Row r = rows.get(0);
            assertEquals(List.of(D, D, 1, 0, 1, 0), List.of(r.begin(), r.end(), r.sendData(), r.dataNotified(),
                    r.sendDvd(), r.dvdNotified()));
            assertEquals(c.row(), r, "the change names the row as stored");
            assertEquals(Action.SAME_DAY, t.record(SEMID, "NIRC2", D, NOON.plusSeconds(3600)).action());
            assertEquals(1, t.rows(SEMID, "NIRC2").size(), "a second file of the same night changes nothing");
            assertEquals(Action.INSERTED, t.record(SEMID, "OSIRIS", D, NOON).action(),
                    "another instrument has its own rows");
        }
    }

    @Test
    void theAgeLimitOfAFirstRowIsThreeDaysFromMidnightUt() throws Exception {
        try (JdbcLedger l = db.open()) {
            KoapiSend t = KoapiSend.of(l);
            Instant limit = Instant.parse("2017-07-28T00:00:00Z"); // D 00:00 UT + 3 days
            assertEquals(Action.TOO_OLD, t.record(SEMID, "NIRC2", D, limit.plusSeconds(1)).action());
            assertEquals(List.of(), t.rows(SEMID, "NIRC2"), "one second past the limit: nothing recorded");
            assertEquals(Action.INSERTED, t.record(SEMID, "NIRC2", D, limit).action(), "at the limit: recorded");
        }
    }

    @Test
    void theNextDayExtendsTheRunAndSetsTheSendFlagsAgain() throws Exception {
        try (JdbcLedger l = db.open()) {
            KoapiSend t = KoapiSend.of(l);
            t.record(SEMID, "NIRC2", D, NOON);
            // the outside mailer has told the PI: it clears send_data, sets data_notified
            try (var c = db.connect(); var st = c.createStatement()) {
                st.executeUpdate("UPDATE koapi_send SET send_data = 0, data_notified = 1, send_dvd = 0");
            }
            KoapiSend.Change c = t.record(SEMID, "NIRC2", D.plusDays(1), NOON.plusSeconds(86_400));
            assertEquals(Action.EXTENDED, c.action());
            List<KoapiSend.Row> rows = t.rows(SEMID, "NIRC2");
            assertEquals(1, rows.size());
            KoapiSend.Row r = rows.get(0);
            assertEquals(List.of(D, D.plusDays(1), 1, 1, 1, 0), List.of(r.begin(), r.end(), r.sendData(),
                    r.dataNotified(), r.sendDvd(), r.dvdNotified()), "end moved, send flags set, notified kept");
            assertEquals(c.row(), r);
        }
    }

    @Test
    void anEarlierDateChangesNothingAndAGapOfTwoDaysStartsANewRowWithoutAgeLimit() throws Exception {
        try (JdbcLedger l = db.open()) {
            KoapiSend t = KoapiSend.of(l);
            t.record(SEMID, "NIRC2", D, NOON);
            t.record(SEMID, "NIRC2", D.plusDays(1), NOON);
            assertEquals(Action.EARLIER, t.record(SEMID, "NIRC2", D.minusDays(1), NOON).action());
            assertEquals(Action.EARLIER, t.record(SEMID, "NIRC2", D, NOON).action(),
                    "the run's first day is before its end: nothing");
            assertEquals(1, t.rows(SEMID, "NIRC2").size());
            // a gap: D+1 is the latest end; D+3 is two days later; processed a month later (a reprocess)
            KoapiSend.Change c = t.record(SEMID, "NIRC2", D.plusDays(3), NOON.plusSeconds(30L * 86_400));
            assertEquals(Action.INSERTED, c.action());
            List<KoapiSend.Row> rows = t.rows(SEMID, "NIRC2");
            assertEquals(2, rows.size());
            assertEquals(List.of(D.plusDays(3), D.plusDays(3)), List.of(rows.get(1).begin(), rows.get(1).end()));
            assertEquals(Action.EXTENDED, t.record(SEMID, "NIRC2", D.plusDays(4), NOON).action(),
                    "the latest row (greatest utdate_beg) is the one extended");
            assertEquals(D.plusDays(4), t.rows(SEMID, "NIRC2").get(1).end());
            assertEquals(D.plusDays(1), t.rows(SEMID, "NIRC2").get(0).end());
        }
    }

    @Test
    void twoWorkersRecordingTheSameNewRunAtOnceWriteOneRow() throws Exception {
        try (JdbcLedger l = db.open()) {
            KoapiSend t = KoapiSend.of(l);
            int n = 4;
            CyclicBarrier start = new CyclicBarrier(n);
            ExecutorService pool = Executors.newFixedThreadPool(n);
            try {
                List<Future<KoapiSend.Change>> fs = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    Callable<KoapiSend.Change> c = () -> {
                        start.await();
                        return t.record(SEMID, "NIRC2", D, NOON);
                    };
                    fs.add(pool.submit(c));
                }
                int inserted = 0;
                for (Future<KoapiSend.Change> f : fs) {
                    Action a = f.get().action();
                    assertTrue(a == Action.INSERTED || a == Action.SAME_DAY, a.toString());
                    inserted += a == Action.INSERTED ? 1 : 0;
                }
                assertEquals(1, inserted);
                assertEquals(1, t.rows(SEMID, "NIRC2").size());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aHeaderRowIsInsertedThenReplacedOnReprocess() throws Exception {
        try (JdbcLedger l = db.open()) {
            HeadersTable h = HeadersTable.of(l);
            String id = "N2.20170725.28800.00";
            assertEquals(Optional.empty(), h.get(id));
            String big = "{\"K\":{\"value\":\"" + "x".repeat(100_000) + "\",\"comment\":\"\"}}";
            assertEquals(HeadersTable.Write.INSERTED, h.put(id, big, NOON));
            assertEquals(Optional.of(big), h.get(id), "a long header is stored whole");
            assertEquals(HeadersTable.Write.UPDATED, h.put(id, "{\"A\":{\"value\":1,\"comment\":\"c\"}}", NOON));
            assertEquals(Optional.of("{\"A\":{\"value\":1,\"comment\":\"c\"}}"), h.get(id));
            try (var c = db.connect(); var st = c.createStatement();
                    var rs = st.executeQuery("SELECT COUNT(*) FROM headers")) {
                rs.next();
                assertEquals(1, rs.getInt(1));
            }
        }
    }
}
