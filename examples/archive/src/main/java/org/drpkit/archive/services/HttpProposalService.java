package org.drpkit.archive.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.drpkit.archive.HttpRetry;
import org.drpkit.instruments.keck.service.Proposal;
import org.drpkit.instruments.keck.service.ProposalService;
import org.drpkit.instruments.keck.service.ServiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proposals database over HTTP (koa-dep sections 4.5 step 8 and 4.6), keyed by SEMID ({@code 2019A_C257}):
 * {@code BASE getPI?ktn=SEMID} ({@code LastName}), {@code getAllocInst} ({@code AllocInst}), {@code getTitle}
 * ({@code ProgramTitle}) and {@code getApprovedPP} ({@code ProprietaryPeriod}, months), each answered by a JSON object
 * (or that object under {@code data}, or in a one-element list). No PI (an empty answer, no {@code LastName}, or
 * HTTP 404) means the program is unknown: empty, and not cached. A missing or non-numeric proprietary period is left
 * empty (the program rule then writes 18 months with WARN {@code PROPINT_ERROR}).
 *
 * <p>A known program's four answers are cached together per SEMID in {@link ServiceCache} kind {@code proposals}
 * (the spec's per-(semid, date) cache: the date chooses the SEMID through the schedule, which is cached per night;
 * a program's PI, institution, title and period do not depend on the night). A fresh cached answer is used without
 * asking; when the service fails (no answer after the retries, HTTP 5xx or 4xx other than 404, a body that is not
 * JSON) an older cached answer is used (logged), else the failure is a {@link ServiceException} (WARN
 * {@code PROP_API_ERROR}). Thread-safe.
 *
 * <pre>{@code
 * ProposalService p = new HttpProposalService(URI.create("https://www.example.org/api/proposals/"), policy, cache,
 *         Clock.systemUTC());
 * p.proposal("2019A_C257");   // Optional[Proposal[piLastName=Martin, institution=CIT, ...]]
 * }</pre>
 */
public final class HttpProposalService implements ProposalService {

    private static final Logger LOG = LoggerFactory.getLogger(HttpProposalService.class);
    static final String KIND = "proposals";

    private final ServiceHttp http;
    private final ServiceCache cache;
    private final Clock clock;

    /**
     * @param base   the proposals API's base URL
     * @param policy timeout, attempts and backoff
     * @param cache  where answers are kept
     * @param clock  the age of cached answers
     */
    public HttpProposalService(URI base, HttpRetry.Policy policy, ServiceCache cache, Clock clock) {
        this.http = new ServiceHttp(base, policy);
        this.cache = cache;
        this.clock = clock;
    }

    @Override
    public Optional<Proposal> proposal(String semid) throws ServiceException {
        Instant now = clock.instant();
        Optional<ServiceCache.Entry> hit = cache.fresh(KIND, semid, now);
        if (hit.isPresent()) {
            return Optional.of(proposal(hit.get().answer()));
        }
        ObjectNode answer;
        try {
            answer = fetch(semid);
        } catch (ServiceException e) {
            Optional<ServiceCache.Entry> old = cache.stale(KIND, semid);
            if (old.isPresent()) {
                LOG.warn("proposals {}: {}; using the answer cached at {}", semid, e.getMessage(), old.get().fetched());
                return Optional.of(proposal(old.get().answer()));
            }
            throw e;
        }
        if (answer == null) {
            return Optional.empty();
        }
        cache.put(KIND, semid, answer, now);
        return Optional.of(proposal(answer));
    }

    /** @return the four answers as one object, or null when the program has no PI */
    private ObjectNode fetch(String semid) throws ServiceException {
        Map<String, String> ktn = Map.of("ktn", semid);
        String pi = ServiceHttp.field(http.get(http.url("getPI", ktn), true), "LastName");
        if (pi.isEmpty()) {
            return null;
        }
        ObjectNode o = ServiceHttp.JSON.createObjectNode();
        o.put("LastName", pi);
        o.put("AllocInst", ServiceHttp.field(http.get(http.url("getAllocInst", ktn), true), "AllocInst"));
        o.put("ProgramTitle", ServiceHttp.field(http.get(http.url("getTitle", ktn), true), "ProgramTitle"));
        o.put("ProprietaryPeriod", ServiceHttp.field(http.get(http.url("getApprovedPP", ktn), true),
                "ProprietaryPeriod"));
        return o;
    }

    private static Proposal proposal(JsonNode a) {
        String pp = ServiceHttp.field(a, "ProprietaryPeriod");
        OptionalInt months = OptionalInt.empty();
        try {
            if (!pp.isEmpty()) {
                double d = Double.parseDouble(pp);
                if (d >= 0 && d <= 1200 && d == Math.rint(d)) {
                    months = OptionalInt.of((int) d);
                }
            }
        } catch (NumberFormatException e) {
            // not a number: unknown, as the archive's default
        }
        return new Proposal(ServiceHttp.field(a, "LastName"), ServiceHttp.field(a, "AllocInst"),
                ServiceHttp.field(a, "ProgramTitle"), months);
    }

    @Override
    public String toString() {
        return "HttpProposalService[" + http.base().getHost() + http.base().getPath() + ", " + cache + "]";
    }
}
