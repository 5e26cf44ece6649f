package org.drpkit.archive.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.drpkit.archive.AlertThrottle;
import org.drpkit.archive.Notifier;
import org.drpkit.archive.config.Secret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The e-mail notifier against GreenMail, a real SMTP server started on the loopback interface by each test. */
class MailNotifierTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T18:00:00Z"), ZoneOffset.UTC);

    private GreenMail smtp;

    @BeforeEach
    void start() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("ops@example.org", "drpkit", "s3cret"));
        smtp.start();
    }

    @AfterEach
    void stop() {
        smtp.stop();
    }

    private MailNotifier.Settings settings(List<String> to, String user, String password) {
        Secret pw = Secret.fromEnv("DRPKIT_SMTP_PASSWORD", Map.of("DRPKIT_SMTP_PASSWORD", password)::get);
        return new MailNotifier.Settings("127.0.0.1", smtp.getSmtp().getPort(), MailNotifier.Security.NONE,
                "drpkit@example.org", to, user, pw, Duration.ofSeconds(5));
    }

    @Test
    void deliversTheAlertToEveryRecipientWithInstrumentCodeAndMessage() throws Exception {
        MailNotifier mail = new MailNotifier(settings(List.of("ops@example.org", "night@example.org"), "drpkit",
                "s3cret"), CLOCK);
        mail.send(new Notifier.Alert("NIRC2", "MISMATCHED_FILENAME",
                "/sdata/n0051.fits: OFNAME n0050.fits != n0051.fits", 3));

        assertTrue(smtp.waitForIncomingEmail(5000, 2));
        MimeMessage[] got = smtp.getReceivedMessages();
        assertEquals(2, got.length, "one copy per recipient");
        Set<String> to = Arrays.stream(got[0].getRecipients(Message.RecipientType.TO)).map(Address::toString)
                .collect(Collectors.toSet());
        assertEquals(Set.of("ops@example.org", "night@example.org"), to);
        assertEquals("drpkit@example.org", got[0].getFrom()[0].toString());
        assertEquals("drpkit NIRC2 MISMATCHED_FILENAME: /sdata/n0051.fits: OFNAME n0050.fits != n0051.fits"
                + " (+3 held back)", got[0].getSubject());
        String body = GreenMailUtil.getBody(got[0]);
        assertTrue(body.startsWith("/sdata/n0051.fits: OFNAME n0050.fits != n0051.fits"), body);
        assertTrue(body.contains("instrument: NIRC2"), body);
        assertTrue(body.contains("held back since the last alert of this instrument and code: 3"), body);
        assertTrue(body.contains("2026-12-06T18:00:00Z"), body);
        assertEquals(Instant.parse("2026-12-06T18:00:00Z"), got[0].getSentDate().toInstant());
        assertEquals(1, mail.sent());
        assertEquals(0, mail.failed());
    }

    @Test
    void throttledAlertsReachTheMailboxOncePerInstrumentAndCode() throws Exception {
        MailNotifier mail = new MailNotifier(settings(List.of("ops@example.org"), null, ""), CLOCK);
        AlertThrottle t = new AlertThrottle(mail, Duration.ofHours(1), CLOCK);
        for (int i = 0; i < 5; i++) {
            t.offer("NIRC2", "FILEPATH_REJECT", "file " + i);
        }
        t.offer("OSIRIS", "FILEPATH_REJECT", "other instrument");
        assertTrue(smtp.waitForIncomingEmail(5000, 2));
        Thread.sleep(200); // nothing else may arrive
        List<String> subjects = Arrays.stream(smtp.getReceivedMessages()).map(m -> {
            try {
                return m.getSubject();
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).sorted().toList();
        assertEquals(List.of("drpkit NIRC2 FILEPATH_REJECT: file 0", "drpkit OSIRIS FILEPATH_REJECT: other instrument"),
                subjects);
    }

    @Test
    void aWrongPasswordIsLoggedAndCountedNotThrown() {
        MailNotifier mail = new MailNotifier(settings(List.of("ops@example.org"), "drpkit", "wrong"), CLOCK);
        mail.send(new Notifier.Alert("NIRC2", "CODE_ERROR", "boom", 0));
        assertEquals(0, mail.sent());
        assertEquals(1, mail.failed());
        assertEquals(0, smtp.getReceivedMessages().length);
    }

    @Test
    void aStoppedServerIsLoggedAndCountedNotThrown() throws Exception {
        MailNotifier.Settings s = settings(List.of("ops@example.org"), "drpkit", "s3cret");
        MailNotifier mail = new MailNotifier(s, CLOCK);
        smtp.stop();
        mail.send(new Notifier.Alert("NIRC2", "CODE_ERROR", "while the server is down", 0));
        assertEquals(1, mail.failed());
        assertEquals(0, mail.sent());
    }

    @Test
    void aServerThatNeverAnswersHoldsTheCallerForAboutTheTimeoutOnly() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread accept = new Thread(() -> {
                try (Socket s = silent.accept()) {
                    Thread.sleep(10_000); // accepts, never sends the SMTP greeting
                } catch (Exception e) {
                    // closed by the test
                }
            });
            accept.setDaemon(true);
            accept.start();
            MailNotifier mail = new MailNotifier(new MailNotifier.Settings("127.0.0.1", silent.getLocalPort(),
                    MailNotifier.Security.NONE, "drpkit@example.org", List.of("ops@example.org"), null, null,
                    Duration.ofMillis(500)), CLOCK);
            long t0 = System.nanoTime();
            mail.send(new Notifier.Alert("NIRC2", "CODE_ERROR", "nobody listens", 0));
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertEquals(1, mail.failed());
            assertTrue(seconds >= 0.45 && seconds < 3, "waited " + seconds + " s for a 0.5 s timeout");
        }
    }

    @Test
    void toStringNamesThePasswordsVariableNeverItsValue() {
        MailNotifier mail = new MailNotifier(settings(List.of("ops@example.org"), "drpkit", "s3cret"), CLOCK);
        assertFalse(mail.toString().contains("s3cret"), mail.toString());
        assertTrue(mail.toString().contains("$DRPKIT_SMTP_PASSWORD (set)"), mail.toString());
    }
}
