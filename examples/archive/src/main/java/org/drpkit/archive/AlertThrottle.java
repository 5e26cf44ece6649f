package org.drpkit.archive;

import com.google.common.base.Ticker;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Sends at most one alert per (instrument, code) per interval (the archive throttled per code only, and
 * one of its codes embedded a time, defeating the throttle); alerts held back are counted and reported with the next
 * one sent. The time of the last alert per key lives in a Guava cache that forgets it after the interval (read from
 * the given clock), so keys that stop recurring do not accumulate. Thread-safe.
 *
 * <pre>{@code
 * AlertThrottle t = new AlertThrottle(Notifier.log(), Duration.ofHours(1), Clock.systemUTC());
 * t.offer("NIRC2", "MISMATCHED_FILENAME", "n0051.fits: OFNAME n0050.fits != n0051.fits");
 * }</pre>
 */
public final class AlertThrottle {

    private final Notifier notifier;
    private final Clock clock;
    private final Cache<String, Instant> lastSent;
    private final Map<String, Integer> held = new HashMap<>();

    /** @param interval the least time between two alerts of one (instrument, code); zero sends every alert */
    public AlertThrottle(Notifier notifier, Duration interval, Clock clock) {
        this.notifier = Objects.requireNonNull(notifier);
        this.clock = Objects.requireNonNull(clock);
        this.lastSent = CacheBuilder.newBuilder().expireAfterWrite(Objects.requireNonNull(interval))
                .ticker(new Ticker() {
                    @Override
                    public long read() {
                        Instant t = clock.instant();
                        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
                    }
                }).build();
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
            if (lastSent.getIfPresent(key) != null) { // sent less than the interval ago
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
