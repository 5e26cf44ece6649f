package org.drpkit.archive.notify;

import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.drpkit.archive.Notifier;
import org.drpkit.archive.config.Secret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each alert as a plain-text e-mail over SMTP (Jakarta Mail, implemented by Eclipse Angus). The subject names
 * the instrument, the code and how many alerts were held back ({@link Alerts#subject}); the body is the alert, the
 * host that sent it and the time. A server that is down, refuses the login or times out is logged and counted in
 * {@link #failed()}, never thrown into the worker that raised the alert; each SMTP step (connect, every command, every
 * write) gives up after {@link Settings#timeout()}. Thread-safe.
 *
 * <pre>{@code
 * MailNotifier mail = new MailNotifier(new MailNotifier.Settings("smtp.example.org", 587, MailNotifier.Security.STARTTLS,
 *         "drpkit@example.org", List.of("ops@example.org"), "drpkit",
 *         Secret.fromEnv("DRPKIT_SMTP_PASSWORD", System::getenv), Duration.ofSeconds(10)));
 * new AlertThrottle(mail, Duration.ofHours(1), Clock.systemUTC());
 * }</pre>
 */
public final class MailNotifier implements Notifier {

    private static final Logger LOG = LoggerFactory.getLogger(MailNotifier.class);

    /** How the connection is protected. */
    public enum Security {
        /** Plain SMTP (a relay on the local network, port 25). */
        NONE,
        /** Plain connection upgraded with STARTTLS, required (port 587). */
        STARTTLS,
        /** TLS from the first byte (SMTPS, port 465). */
        TLS
    }

    /**
     * Where and how to send.
     *
     * @param host     the SMTP server
     * @param port     its port (1..65535)
     * @param security plain, STARTTLS or TLS
     * @param from     the sender address
     * @param to       the recipients (at least one)
     * @param user     the login, or null to send without one
     * @param password the login's password (from the environment), or null
     * @param timeout  the limit of each SMTP step (connect, command, write)
     */
    public record Settings(String host, int port, Security security, String from, List<String> to, String user,
            Secret password, Duration timeout) {

        /** Checks the values (addresses are parsed by {@link MailNotifier}'s constructor). */
        public Settings {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(security, "security");
            Objects.requireNonNull(from, "from");
            to = List.copyOf(to);
            Objects.requireNonNull(timeout, "timeout");
            if (host.isBlank()) {
                throw new IllegalArgumentException("the SMTP host is empty");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("the SMTP port must be 1..65535: " + port);
            }
            if (to.isEmpty()) {
                throw new IllegalArgumentException("no recipient");
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("the SMTP timeout must be positive: " + timeout);
            }
        }

        @Override
        public String toString() {
            return "smtp " + host + ":" + port + " (" + security + ") from " + from + " to " + String.join(", ", to)
                    + (user != null ? " as " + user + " password " + password : "") + ", timeout "
                    + timeout.toMillis() + " ms";
        }
    }

    private final Settings settings;
    private final Session session;
    private final InternetAddress from;
    private final InternetAddress[] to;
    private final Clock clock;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    /**
     * @throws IllegalArgumentException when an address cannot be parsed
     */
    public MailNotifier(Settings settings) {
        this(settings, Clock.systemUTC());
    }

    /** @param clock the clock of the time written in the body and the Date header */
    public MailNotifier(Settings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings);
        this.clock = Objects.requireNonNull(clock);
        try {
            this.from = new InternetAddress(settings.from(), true);
            List<InternetAddress> list = new ArrayList<>();
            for (String t : settings.to()) {
                list.add(new InternetAddress(t, true));
            }
            this.to = list.toArray(new InternetAddress[0]);
        } catch (AddressException e) {
            throw new IllegalArgumentException("bad e-mail address: " + e.getMessage(), e);
        }
        this.session = session(settings);
    }

    private static Session session(Settings s) {
        String p = s.security() == Security.TLS ? "mail.smtps." : "mail.smtp.";
        Properties props = new Properties();
        props.put("mail.transport.protocol", s.security() == Security.TLS ? "smtps" : "smtp");
        props.put(p + "host", s.host());
        props.put(p + "port", Integer.toString(s.port()));
        String ms = Long.toString(Math.max(1, s.timeout().toMillis()));
        props.put(p + "connectiontimeout", ms);
        props.put(p + "timeout", ms);
        props.put(p + "writetimeout", ms);
        if (s.security() == Security.STARTTLS) {
            props.put(p + "starttls.enable", "true");
            props.put(p + "starttls.required", "true");
        }
        if (s.security() != Security.NONE) {
            props.put(p + "ssl.checkserveridentity", "true");
        }
        boolean login = s.user() != null && s.password() != null && s.password().isSet();
        props.put(p + "auth", Boolean.toString(login));
        Authenticator auth = !login ? null : new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(s.user(), s.password().reveal());
            }
        };
        return Session.getInstance(props, auth);
    }

    /** Sends the alert; a failure is logged and counted, never thrown. */
    @Override
    public void send(Alert alert) {
        try {
            MimeMessage m = new MimeMessage(session);
            m.setFrom(from);
            m.setRecipients(Message.RecipientType.TO, to);
            m.setSubject(Alerts.subject(alert), "UTF-8");
            m.setSentDate(Date.from(clock.instant()));
            m.setText(Alerts.body(alert, clock.instant()), "UTF-8");
            Transport.send(m);
            sent.incrementAndGet();
        } catch (MessagingException | RuntimeException e) {
            failed.incrementAndGet();
            LOG.warn("e-mail alert [{} {}] not sent through {}:{}: {}", alert.instrument(), alert.code(),
                    settings.host(), settings.port(), e.toString());
        }
    }

    /** @return e-mails the server accepted */
    public long sent() {
        return sent.get();
    }

    /** @return alerts that could not be sent */
    public long failed() {
        return failed.get();
    }

    @Override
    public String toString() {
        return "e-mail " + settings + " (" + sent.get() + " sent, " + failed.get() + " failed)";
    }
}
