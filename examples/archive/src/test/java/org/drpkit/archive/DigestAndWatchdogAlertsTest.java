package org.drpkit.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.drpkit.archive.ledger.JdbcLedger;
import org.drpkit.archive.notify.MailNotifier;
import org.drpkit.archive.notify.NightDigest;
import org.drpkit.archive.notify.WatchdogAlerts;
import org.drpkit.core.status.Ledger;
import org.drpkit.core.status.ProcessingStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What is notified besides single files: the night's digest (compared with the outcomes the test's files are known to
 * have) delivered by e-mail to a GreenMail server on loopback, and the watchdog's stuck rows as one alert.
 */
class DigestAndWatchdogAlertsTest {

    /** The night of the test files (DATE-OBS 2017-07-25), and the day they are queued. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2017-07-25T12:00:00Z"), ZoneOffset.UTC);
    private static final LocalDate NIGHT = LocalDate.of(2017, 7, 25);

    @TempDir
    Path tmp;

    private Ledger ledger() throws Exception {
        return JdbcLedger.open("jdbc:h2:file:" + tmp.resolve("koadata/ledger").toAbsolutePath());
    }

    private IngestService service(Ledger l) {
        return new IngestService(l, IngestContext.builder(tmp.resolve("koadata")).clock(CLOCK)
                .options(IngestOptions.archive().fsync(false)).build(), null);
    }

    @Test
    void theDigestCountsEachInstrumentsStatesAndListsTheFailuresAndArrivesByMail() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("sdata/nirc2"));
        TestFiles.nirc2(in, "n0001.fits", "10:00:01.00", 1);
        TestFiles.nirc2(in, "n0002.fits", "10:00:02.00", 2);
        Path renamed = Files.move(TestFiles.nirc2(in, "n0003.fits", "10:00:03.00", 3), in.resolve("n0099.fits"));
        Path mira = TestFiles.nirc2(Files.createDirectories(tmp.resolve("sdata/mira")), "n0004.fits", "10:00:04.00", 4);
        Path notFits = Files.writeString(in.resolve("notes.fits"), "not a FITS file\n"); // no observation time
        try (Ledger l = ledger()) {
            IngestService s = service(l);
            for (Path f : List.of(in.resolve("n0001.fits"), in.resolve("n0002.fits"), renamed, mira, notFits)) {
                s.enqueue(f);
            }
            s.drain(1, x -> { }, () -> false);

            NightDigest d = NightDigest.of(l, NIGHT);
            assertEquals(5, d.files(), "four observed that night, one unreadable queued that day");
            assertEquals(Map.of("NIRC2", Map.of(ProcessingStatus.PROCESSED, 2L, ProcessingStatus.INVALID, 2L),
                    IngestService.UNKNOWN, Map.of(ProcessingStatus.INVALID, 1L)), d.counts(), d.text());
            String unreadable = d.failures().stream().filter(f -> f.instrument().equals(IngestService.UNKNOWN))
                    .findFirst().orElseThrow().code();
            assertEquals(Map.of("NIRC2 INVALID MISMATCHED_FILENAME", 1L, "NIRC2 INVALID FILEPATH_REJECT", 1L,
                    "UNKNOWN INVALID " + unreadable, 1L), d.failuresByCode(), d.text());
            assertEquals("night 20170725: 5 files, 2 PROCESSED, 3 INVALID", d.headline());
            assertEquals(0, NightDigest.of(l, NIGHT.plusDays(1)).files(), "nothing of the next night");

            GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
            smtp.start();
            try {
                MailNotifier mail = new MailNotifier(new MailNotifier.Settings("127.0.0.1", smtp.getSmtp().getPort(),
                        MailNotifier.Security.NONE, "drpkit@example.org", List.of("ops@example.org"), null, null,
                        Duration.ofSeconds(5)), CLOCK);
                mail.send(d.alert());
                assertTrue(smtp.waitForIncomingEmail(5000, 1));
                MimeMessage m = smtp.getReceivedMessages()[0];
                assertEquals("drpkit ALL DIGEST: night 20170725: 5 files, 2 PROCESSED, 3 INVALID", m.getSubject());
                String body = GreenMailUtil.getBody(m);
                assertTrue(body.contains("NIRC2 INVALID MISMATCHED_FILENAME " + renamed), body);
                assertTrue(body.contains("NIRC2 INVALID FILEPATH_REJECT " + mira), body);
                assertTrue(body.contains("UNKNOWN INVALID " + unreadable + " " + notFits), body);
                assertTrue(body.matches("(?s).*\\nNIRC2 +2 +2\\r?\\n.*"), body);
                assertTrue(body.matches("(?s).*\\nUNKNOWN +0 +1\\r?\\n.*"), body);
            } finally {
                smtp.stop();
            }
        }
    }

    @Test
    void stuckRowsBehindOneDeadWorkerAreOneAlertNamingEachFile() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("sdata/nirc2"));
        try (Ledger l = ledger()) {
            IngestService s = service(l);
            long a = s.enqueue(TestFiles.nirc2(in, "n0010.fits", "10:00:10.00", 10)).id();
            long b = s.enqueue(TestFiles.nirc2(in, "n0011.fits", "10:00:11.00", 11)).id();
            Instant claimed = CLOCK.instant();
            l.claimNext(null, "host:1:1", claimed).orElseThrow();
            l.claimNext(null, "host:1:1", claimed).orElseThrow();
            IngestContext ctx = IngestContext.builder(tmp.resolve("koadata")).build();

            Watchdog.Report early = Watchdog.check(l, ctx, Duration.ofMinutes(60), claimed.plus(Duration.ofMinutes(30)));
            assertEquals(List.of(), WatchdogAlerts.of(early, l), "30 minutes is within the limit");

            Watchdog.Report late = Watchdog.check(l, ctx, Duration.ofMinutes(60), claimed.plus(Duration.ofMinutes(90)));
            List<Notifier.Alert> alerts = WatchdogAlerts.of(late, l);
            assertEquals(1, alerts.size(), alerts.toString());
            Notifier.Alert st = alerts.get(0);
            assertEquals("STUCK", st.code());
            assertTrue(st.message().startsWith("2 rows stuck in PROCESSING or TRANSFERRING"), st.message());
            assertTrue(st.message().contains("#" + a + ": PROCESSING since") && st.message().contains("#" + b + ":"),
                    st.message());
            assertTrue(st.message().contains("n0010.fits") && st.message().contains("n0011.fits"), st.message());
        }
    }
}
