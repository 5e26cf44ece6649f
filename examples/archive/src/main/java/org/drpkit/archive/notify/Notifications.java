package org.drpkit.archive.notify;

import java.util.ArrayList;
import java.util.List;
import org.drpkit.archive.Notifier;
import org.drpkit.archive.config.ArchiveConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every notification target of a service as one {@link Notifier}: the log always, plus the e-mail and the webhook
 * the configuration names. Each alert goes to every target in turn; a target that fails (they log and count their own
 * failures) never keeps the alert from the others. Thread-safe when its targets are.
 *
 * <pre>{@code
 * Notifications n = Notifications.of(config.notifications());
 * AlertThrottle alerts = new AlertThrottle(n, config.notifications().throttle(), Clock.systemUTC());
 * }</pre>
 *
 * @param targets the notifiers, in the order they are called
 */
public record Notifications(List<Notifier> targets) implements Notifier {

    private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);

    /** Copies the list. */
    public Notifications {
        targets = List.copyOf(targets);
    }

    /** @return the log, then the configured e-mail and webhook */
    public static Notifications of(ArchiveConfig.Notify config) {
        List<Notifier> t = new ArrayList<>();
        t.add(Notifier.log());
        if (config.mail() != null) {
            t.add(new MailNotifier(config.mail()));
        }
        if (config.webhook() != null) {
            t.add(new WebhookNotifier(config.webhook()));
        }
        return new Notifications(t);
    }

    /**
     * @return the same targets without the log, for a command that prints what it sends (the watchdog, the digest)
     */
    public Notifications withoutLog() {
        return new Notifications(targets.stream()
                .filter(n -> n instanceof MailNotifier || n instanceof WebhookNotifier).toList());
    }

    /** @return alerts the e-mail and webhook targets could not deliver so far */
    public long failed() {
        long n = 0;
        for (Notifier t : targets) {
            if (t instanceof MailNotifier m) {
                n += m.failed();
            } else if (t instanceof WebhookNotifier w) {
                n += w.failed();
            }
        }
        return n;
    }

    /** @return true when some target besides the log is configured */
    public boolean reachesPeople() {
        return targets.stream().anyMatch(n -> n instanceof MailNotifier || n instanceof WebhookNotifier);
    }

    @Override
    public void send(Alert alert) {
        for (Notifier n : targets) {
            try {
                n.send(alert);
            } catch (RuntimeException e) { // a third-party target's bug must not silence the others
                LOG.warn("notifier {} failed on [{} {}]: {}", n, alert.instrument(), alert.code(), e.toString());
            }
        }
    }

    @Override
    public String toString() {
        List<String> names = new ArrayList<>();
        for (Notifier n : targets) {
            names.add(n instanceof MailNotifier || n instanceof WebhookNotifier ? n.toString() : "log");
        }
        return "notifications to " + String.join("; ", names);
    }
}
