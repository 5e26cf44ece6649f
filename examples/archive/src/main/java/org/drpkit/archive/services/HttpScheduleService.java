package org.drpkit.archive.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.drpkit.archive.HttpRetry;
import org.drpkit.instruments.keck.service.ScheduleEntry;
import org.drpkit.instruments.keck.service.ScheduleService;
import org.drpkit.instruments.keck.service.ServiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The telescope schedule over HTTP (koa-dep section 4.5 step 3): {@code BASE getSchedule?date=HSTDATE&telnr=N&instr=INSTR}
 * ({@code telnr} left out for the guiders), answered by a JSON list of the night's programs, each with
 * {@code ProjCode}, {@code StartTime} and {@code EndTime} ({@code HH:MM}, compared with the UT as the archive does),
 * and optionally {@code ObsType} and {@code Observers}. A list wrapped in {@code {"data": [...]}} is read too. An
 * empty list is an answer (no program that night).
 *
 * <p>Answers are cached per (night, instrument, telescope) in {@link ServiceCache} kind {@code schedule}; a fresh
 * cached answer is used without asking; when the service cannot answer (no answer after the retries, HTTP 4xx/5xx, a
 * body that is not JSON or an entry without ProjCode or times), an older cached answer is used (logged), else the
 * failure is a {@link ServiceException} (the program rule's WARN {@code SCHEDULE_API_ERROR}). Thread-safe.
 *
 * <pre>{@code
 * ScheduleService s = new HttpScheduleService(URI.create("https://www.example.org/api/schedule/"), policy, cache,
 *         Clock.systemUTC());
 * s.entries(LocalDate.parse("2019-05-08"), "KCWI", OptionalInt.of(2));   // [ScheduleEntry[programId=C257, ...]]
 * }</pre>
 */
public final class HttpScheduleService implements ScheduleService {

    private static final Logger LOG = LoggerFactory.getLogger(HttpScheduleService.class);
    static final String KIND = "schedule";

    private final ServiceHttp http;
    private final ServiceCache cache;
    private final Clock clock;

    /**
     * @param base   the schedule API's base URL
     * @param policy timeout, attempts and backoff
     * @param cache  where answers are kept
     * @param clock  the age of cached answers
     */
    public HttpScheduleService(URI base, HttpRetry.Policy policy, ServiceCache cache, Clock clock) {
        this.http = new ServiceHttp(base, policy);
        this.cache = cache;
        this.clock = clock;
    }

    @Override
    public List<ScheduleEntry> entries(LocalDate hstNight, String instrument, OptionalInt telescope)
            throws ServiceException {
        String instr = instrument.toUpperCase(Locale.ROOT);
        String key = hstNight + "_" + instr + "_" + (telescope.isPresent() ? telescope.getAsInt() : "any");
        Instant now = clock.instant();
        Optional<ServiceCache.Entry> hit = cache.fresh(KIND, key, now);
        if (hit.isPresent()) {
            try {
                return parse(hit.get().answer(), "cache " + key);
            } catch (ServiceException e) {
                LOG.warn("ignoring a cached schedule: {}", e.getMessage());
            }
        }
        Map<String, String> p = new LinkedHashMap<>();
        p.put("date", hstNight.toString());
        if (telescope.isPresent()) {
            p.put("telnr", Integer.toString(telescope.getAsInt()));
        }
        p.put("instr", instr);
        URI url = http.url("getSchedule", p);
        try {
            JsonNode answer = http.get(url, false);
            JsonNode list = answer == null ? ServiceHttp.JSON.createArrayNode() : list(answer);
            List<ScheduleEntry> entries = parse(list, url.getHost() + url.getPath());
            cache.put(KIND, key, list, now);
            return entries;
        } catch (ServiceException e) {
            Optional<ServiceCache.Entry> old = cache.stale(KIND, key);
            if (old.isPresent()) {
                LOG.warn("schedule {}: {}; using the answer cached at {}", key, e.getMessage(), old.get().fetched());
                return parse(old.get().answer(), "cache " + key);
            }
            throw e;
        }
    }

    private static JsonNode list(JsonNode answer) {
        if (answer.isArray()) {
            return answer;
        }
        if (answer.isObject() && answer.has("data") && answer.get("data").isArray()) {
            return answer.get("data");
        }
        ArrayNode one = ServiceHttp.JSON.createArrayNode();
        if (answer.isObject() && answer.has("ProjCode")) {
            one.add(answer);
            return one;
        }
        return answer; // parse() names what it is
    }

    static List<ScheduleEntry> parse(JsonNode list, String where) throws ServiceException {
        if (!list.isArray()) {
            throw new ServiceException(where + ": the schedule is not a list of programs");
        }
        List<ScheduleEntry> out = new ArrayList<>();
        for (JsonNode e : list) {
            String prog = ServiceHttp.field(e, "ProjCode");
            if (prog.isEmpty()) {
                throw new ServiceException(where + ": a schedule entry without ProjCode: " + e);
            }
            out.add(new ScheduleEntry(prog, time(e, "StartTime", where), time(e, "EndTime", where),
                    ServiceHttp.field(e, "ObsType"), ServiceHttp.field(e, "Observers")));
        }
        return out;
    }

    /** @return {@code HH:MM} or {@code HH:MM:SS} of field {@code name}; {@code 24:00} is the day's last second */
    static LocalTime time(JsonNode e, String name, String where) throws ServiceException {
        String t = ServiceHttp.field(e, name);
        String[] p = t.split(":");
        try {
            if (p.length < 2 || p.length > 3) {
                throw new NumberFormatException();
            }
            int h = Integer.parseInt(p[0].trim());
            int m = Integer.parseInt(p[1].trim());
            int s = p.length == 3 ? (int) Double.parseDouble(p[2].trim()) : 0;
            if (h == 24 && m == 0 && s == 0) {
                return LocalTime.of(23, 59, 59);
            }
            return LocalTime.of(h, m, s);
        } catch (RuntimeException x) {
            throw new ServiceException(where + ": " + name + " '" + t + "' is not HH:MM in a schedule entry of "
                    + ServiceHttp.field(e, "ProjCode"));
        }
    }

    @Override
    public String toString() {
        return "HttpScheduleService[" + http.base().getHost() + http.base().getPath() + ", " + cache + "]";
    }
}
