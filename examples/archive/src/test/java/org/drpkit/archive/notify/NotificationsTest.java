package org.drpkit.archive.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.drpkit.archive.Notifier;
import org.drpkit.archive.config.ArchiveConfig;
import org.junit.jupiter.api.Test;

/** The fan-out of one alert to every target. */
class NotificationsTest {

    @Test
    void aTargetThatThrowsDoesNotKeepTheAlertFromTheOthers() {
        List<String> got = new ArrayList<>();
        Notifier broken = a -> {
            throw new IllegalStateException("a third-party notifier's bug");
        };
        Notifications n = new Notifications(List.of(a -> got.add("first " + a.code()), broken,
                a -> got.add("last " + a.code())));
        n.send(new Notifier.Alert("NIRC2", "CODE_ERROR", "boom", 0));
        assertEquals(List.of("first CODE_ERROR", "last CODE_ERROR"), got);
    }

    @Test
    void theConfiguredTargetsFollowTheLogAndWithoutLogKeepsOnlyThem() {
        Notifications none = Notifications.of(ArchiveConfig.Notify.DEFAULTS);
        assertEquals(1, none.targets().size(), "the log only");
        assertFalse(none.reachesPeople());
        assertEquals(0, none.withoutLog().targets().size());

        ArchiveConfig.Notify hookOnly = new ArchiveConfig.Notify(Duration.ofMinutes(60), Duration.ofMinutes(60), null,
                new WebhookNotifier.Settings(URI.create("https://hooks.example.org/T0/secret"), Duration.ofSeconds(5)));
        Notifications n = Notifications.of(hookOnly);
        assertTrue(n.reachesPeople());
        assertEquals(2, n.targets().size());
        assertTrue(n.withoutLog().targets().get(0) instanceof WebhookNotifier);
        assertFalse(n.toString().contains("secret"), n.toString());
    }
}
