package org.drpkit.archive;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Sends at most one alert per (instrument, code) per interval (the archive throttled per code only, and
 * one of its codes embedded a time, defeating the throttle); alerts held back are counted and reported with the next
 * one sent. Thread-safe.
 *
 * <pre>{@code
 * AlertThrottle t = new AlertThrottle(Notifier.log(), Duration.ofHours(1), Clock.systemUTC());
 * t.offer("NIRC2", "MISMATCHED_FILENAME", "n0051.fits: OFNAME n0050.fits != n0051.fits");
 * }</pre>
 */
public final class AlertThrottle {

    private final Notifier notifier;
    private final Duration interval;
    private final Clock clock;
    private final Map<String, Instant> lastSent = new HashMap<>();
    private final Map<String, Integer> held = new HashMap<>();

    /** @param interval the least time between two alerts of one (instrument, code) */
    public AlertThrottle(Notifier notifier, Duration interval, Clock clock) {
        this.notifier = Objects.requireNonNull(notifier);
        this.interval = Objects.requireNonNull(interval);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * Sends the alert unless one of the same instrument and code was sent less than the interval ago.
     *
     * @return true when sent
     */
    public boolean offer(String instrument, String code, String message) {
        String key = instrument + "\u0000" + code;
        Notifier.Alert alert;
        synchronized (this) {
            Instant now = clock.instant();
            Instant last = lastSent.get(key);
            if (last != null && now.isBefore(last.plus(interval))) {
                held.merge(key, 1, Integer::sum);
                return false;
            }
            lastSent.put(key, now);
            Integer suppressed = held.remove(key);
            alert = new Notifier.Alert(instrument, code, message, suppressed == null ? 0 : suppressed);
        }
        notifier.send(alert);
        return true;
    }
}
