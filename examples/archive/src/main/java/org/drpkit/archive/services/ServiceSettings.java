package org.drpkit.archive.services;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import org.drpkit.archive.HttpRetry;
import org.drpkit.archive.IngestContext;
import org.drpkit.instruments.keck.service.ProposalService;
import org.drpkit.instruments.keck.service.ScheduleService;

/**
 * Where the observatory's schedule and proposals services are and how hard to try them (the configuration file's
 * {@code services:} section). Either URL may be null: that service stays offline (the default of the plugins).
 *
 * <pre>{@code
 * ServiceSettings s = new ServiceSettings(URI.create("https://www.example.org/api/schedule/"),
 *         URI.create("https://www.example.org/api/proposals/"),
 *         new HttpRetry.Policy(Duration.ofSeconds(10), 3, Duration.ofSeconds(1)),
 *         new ServiceCache(Path.of("/koadata/services-cache"), ServiceCache.DEFAULT_MAX_AGE));
 * IngestContext ctx = s.install(IngestContext.builder(root), Clock.systemUTC()).build();
 * }</pre>
 *
 * @param schedule  the schedule API's base URL ({@code BASE getSchedule?date=...}), or null for offline
 * @param proposals the proposals API's base URL ({@code BASE getPI?ktn=...}), or null for offline
 * @param policy    timeout, attempts and backoff of every call
 * @param cache     where answers are kept
 */
public record ServiceSettings(URI schedule, URI proposals, HttpRetry.Policy policy, ServiceCache cache) {

    /** Checks the values. */
    public ServiceSettings {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(cache, "cache");
        check(schedule, "schedule");
        check(proposals, "proposals");
    }

    private static void check(URI u, String what) {
        if (u != null && !("http".equals(u.getScheme()) || "https".equals(u.getScheme()))) {
            throw new IllegalArgumentException("the " + what + " API must be an http or https URL: " + u);
        }
    }

    /** @return the schedule client, or {@link ScheduleService#OFFLINE} without a URL */
    public ScheduleService scheduleService(Clock clock) {
        return schedule == null ? ScheduleService.OFFLINE : new HttpScheduleService(schedule, policy, cache, clock);
    }

    /** @return the proposals client, or {@link ProposalService#OFFLINE} without a URL */
    public ProposalService proposalService(Clock clock) {
        return proposals == null ? ProposalService.OFFLINE : new HttpProposalService(proposals, policy, cache, clock);
    }

    /** @return {@code b} with the configured clients as its plugins' services (none when no URL is set) */
    public IngestContext.Builder install(IngestContext.Builder b, Clock clock) {
        if (schedule != null) {
            b.service(ScheduleService.class, scheduleService(clock));
        }
        if (proposals != null) {
            b.service(ProposalService.class, proposalService(clock));
        }
        return b;
    }

    /** @return the default cache folder under an output root: {@code OUT/services-cache} */
    public static Path defaultCacheFolder(Path out) {
        return out.resolve("services-cache");
    }
}
