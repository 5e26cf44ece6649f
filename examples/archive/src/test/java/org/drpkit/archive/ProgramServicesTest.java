package org.drpkit.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.drpkit.archive.services.HttpProposalService;
import org.drpkit.archive.services.HttpScheduleService;
import org.drpkit.archive.services.ServiceCache;
import org.drpkit.instruments.keck.service.Proposal;
import org.drpkit.instruments.keck.service.ScheduleEntry;
import org.drpkit.instruments.keck.service.ServiceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP clients of the schedule and proposals services against {@link FixtureServer} on 127.0.0.1, serving answers
 * shaped after the spec (not captured): the queries the services receive, the parsed answers compared with the
 * fixtures' fields, retries of errors and late answers, and the disk cache (fresh, stale, after a restart without any
 * server).
 */
class ProgramServicesTest {

    private static final Instant NOW = Instant.parse("2017-07-25T18:00:00Z");
    private static final LocalDate NIGHT = LocalDate.parse("2017-07-24");

    @TempDir
    Path tmp;

    private static HttpRetry.Policy policy(int attempts) {
        return new HttpRetry.Policy(Duration.ofMillis(800), attempts, Duration.ofMillis(20));
    }

    private ServiceCache cache() {
        return new ServiceCache(tmp.resolve("cache"), Duration.ofDays(7));
    }

    private static Clock at(Instant t) {
        return Clock.fixed(t, ZoneOffset.UTC);
    }

    @Test
    void theScheduleIsAskedAsTheSpecSaysAndReadFromTheRecordedAnswer() throws Exception {
        try (FixtureServer s = new FixtureServer()) {
            HttpScheduleService sched = new HttpScheduleService(s.schedule(), policy(3), cache(), at(NOW));
            List<ScheduleEntry> e = sched.entries(NIGHT, "nirc2", OptionalInt.of(2));
            assertEquals(List.of(
                    new ScheduleEntry("H242", LocalTime.of(5, 0), LocalTime.of(10, 30), "Classical", "Martin, Kahale"),
                    new ScheduleEntry("U065", LocalTime.of(10, 30), LocalTime.of(16, 0), "Classical", "van der Berg")),
                    e);
            FixtureServer.Seen q = s.seen().get(0);
            assertEquals("GET", q.method());
            assertEquals("/api/schedule/getSchedule", q.path());
            assertEquals(Map.of("date", "2017-07-24", "telnr", "2", "instr", "NIRC2"), q.params());
            List<ScheduleEntry> kcwi = sched.entries(LocalDate.parse("2019-05-08"), "KCWI", OptionalInt.of(2));
            assertEquals(1, kcwi.size(), "a list wrapped in data is read too");
            assertEquals("C257", kcwi.get(0).programId());
            ServiceException guider = assertThrows(ServiceException.class,
                    () -> sched.entries(LocalDate.parse("2019-05-08"), "GUIDER", OptionalInt.empty()));
            assertTrue(guider.getMessage().contains("HTTP 404"), "no recorded answer: a failure, not 'no program': "
                    + guider.getMessage());
            assertEquals(Map.of("date", "2019-05-08", "instr", "GUIDER"), s.seen().get(2).params(),
                    "the guiders' query sends no telnr");
        }
    }

    @Test
    void aProposalComesFromItsFourCallsAndIsCachedOnDiskForARestartWithoutServer() throws Exception {
        Proposal p;
        try (FixtureServer s = new FixtureServer()) {
            p = new HttpProposalService(s.proposals(), policy(3), cache(), at(NOW)).proposal("2017A_H242").orElseThrow();
            assertEquals(List.of("getPI", "getAllocInst", "getTitle", "getApprovedPP"),
                    s.seen().stream().map(x -> x.path().substring("/api/proposals/".length())).toList());
            for (FixtureServer.Seen x : s.seen()) {
                assertEquals(Map.of("ktn", "2017A_H242"), x.params());
            }
        }
        assertEquals("Martin", p.piLastName());
        assertEquals("CIT", p.institution());
        assertTrue(p.title().startsWith("Orbits of the Galactic Centre stars") && p.title().endsWith("año 8"), p.title());
        assertEquals(OptionalInt.of(12), p.proprietaryMonths());
        // the server is gone; a new client (a restarted service) on the same folder answers from the cache
        Proposal again = new HttpProposalService(URI.create("http://127.0.0.1:9/api/proposals/"), policy(1), cache(),
                at(NOW.plus(Duration.ofDays(2)))).proposal("2017A_H242").orElseThrow();
        assertEquals(p, again);
        assertTrue(Files.exists(tmp.resolve("cache/proposals/2017A_H242.json")));
    }

    @Test
    void aWrappedAnswerWithoutPeriodGivesAnEmptyPeriodAndAnUnknownProgramIsNotCached() throws Exception {
        try (FixtureServer s = new FixtureServer()) {
            HttpProposalService svc = new HttpProposalService(s.proposals(), policy(3), cache(), at(NOW));
            Proposal u = svc.proposal("2017A_U065").orElseThrow();
            assertEquals("van der Berg", u.piLastName(), "the client keeps the name; the program rule removes spaces");
            assertEquals("UC Santa Cruz", u.institution());
            assertEquals(OptionalInt.empty(), u.proprietaryMonths());
            int before = s.seen().size();
            assertEquals(Optional.empty(), svc.proposal("2017A_X999"), "HTTP 404 for getPI: no such program");
            assertEquals(Optional.empty(), svc.proposal("2017A_X999"));
            assertEquals(before + 2, s.seen().size(), "an unknown program is asked again, not cached");
            assertFalse(Files.exists(tmp.resolve("cache/proposals/2017A_X999.json")));
        }
    }

    @Test
    void serverErrorsAreRetriedAndPersistentOnesAreAServiceException() throws Exception {
        try (FixtureServer s = new FixtureServer()) {
            s.then(FixtureServer.Reply.of(503, "busy"), 2);
            HttpScheduleService sched = new HttpScheduleService(s.schedule(), policy(3), cache(), at(NOW));
            assertEquals(2, sched.entries(NIGHT, "NIRC2", OptionalInt.of(2)).size());
            assertEquals(3, s.seen().size(), "two 503 answers, then the recorded one");
            s.then(FixtureServer.Reply.of(500, "database down"), 3);
            HttpProposalService prop = new HttpProposalService(s.proposals(), policy(3), cache(), at(NOW));
            ServiceException e = assertThrows(ServiceException.class, () -> prop.proposal("2017A_H242"));
            assertTrue(e.getMessage().contains("3 calls") && e.getMessage().contains("database down"), e.getMessage());
            assertEquals(6, s.seen().size());
            s.then(FixtureServer.Reply.of(400, "{\"error\": \"bad ktn\"}"), 1);
            ServiceException refused = assertThrows(ServiceException.class, () -> prop.proposal("2017A_H242"));
            assertTrue(refused.getMessage().contains("HTTP 400"), refused.getMessage());
            assertEquals(7, s.seen().size(), "a client error is an answer: not retried");
            s.then(FixtureServer.Reply.of(200, "<html>maintenance</html>"), 1);
            ServiceException malformed = assertThrows(ServiceException.class, () -> prop.proposal("2017A_H242"));
            assertTrue(malformed.getMessage().contains("not JSON"), malformed.getMessage());
            assertEquals(8, s.seen().size());
        }
    }

    @Test
    void aLateAnswerIsAbandonedAtTheTimeoutAndAskedAgain() throws Exception {
        try (FixtureServer s = new FixtureServer()) {
            s.then(new FixtureServer.Reply(200, "[]", 3000), 1);
            HttpScheduleService sched = new HttpScheduleService(s.schedule(), policy(2), cache(), at(NOW));
            long t0 = System.nanoTime();
            List<ScheduleEntry> e = sched.entries(NIGHT, "NIRC2", OptionalInt.of(2));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(2, e.size(), "the second call got the recorded schedule, not the late empty one");
            assertTrue(ms < 2500, "gave up on the late answer after the 800 ms timeout: " + ms + " ms");
            s.then(new FixtureServer.Reply(200, "[]", 3000), 2);
            HttpScheduleService other = new HttpScheduleService(s.schedule(), policy(2), new ServiceCache(
                    tmp.resolve("other"), Duration.ofDays(7)), at(NOW));
            ServiceException x = assertThrows(ServiceException.class,
                    () -> other.entries(NIGHT, "NIRC2", OptionalInt.of(2)));
            assertTrue(x.getMessage().contains("no answer"), x.getMessage());
        }
    }

    @Test
    void aFreshCachedAnswerAsksNothingAndAStaleOneIsUsedOnlyWhenTheServiceFails() throws Exception {
        try (FixtureServer s = new FixtureServer()) {
            new HttpScheduleService(s.schedule(), policy(2), cache(), at(NOW)).entries(NIGHT, "NIRC2", OptionalInt.of(2));
            assertEquals(1, s.seen().size());
            new HttpScheduleService(s.schedule(), policy(2), cache(), at(NOW.plus(Duration.ofDays(6))))
                    .entries(NIGHT, "NIRC2", OptionalInt.of(2));
            assertEquals(1, s.seen().size(), "6 days old: fresh, nothing asked");
            new HttpScheduleService(s.schedule(), policy(2), cache(), at(NOW.plus(Duration.ofDays(8))))
                    .entries(NIGHT, "NIRC2", OptionalInt.of(2));
            assertEquals(2, s.seen().size(), "8 days old: asked again");
        }
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort(); // closed again: nothing listens there
        }
        HttpScheduleService down = new HttpScheduleService(URI.create("http://127.0.0.1:" + port + "/api/schedule/"),
                policy(2), cache(), at(NOW.plus(Duration.ofDays(40))));
        assertEquals(2, down.entries(NIGHT, "NIRC2", OptionalInt.of(2)).size(),
                "the service is down: the 32-day-old answer is used");
        ServiceException none = assertThrows(ServiceException.class,
                () -> down.entries(NIGHT.plusDays(1), "NIRC2", OptionalInt.of(2)));
        assertTrue(none.getMessage().contains("ConnectException"), none.getMessage());
    }

    @Test
    void aKeyThatCouldLeaveTheCacheFolderIsNotCached() throws Exception {
        try (FixtureServer s = new FixtureServer()) {
            HttpProposalService svc = new HttpProposalService(s.proposals(), policy(1), cache(), at(NOW));
            assertEquals(Optional.empty(), svc.proposal("../../evil"));
            assertFalse(Files.exists(tmp.resolve("evil.json")));
            try (Stream<Path> all = Files.walk(tmp)) {
                assertEquals(0, all.filter(Files::isRegularFile).count(), "nothing written anywhere");
            }
        }
    }
}
