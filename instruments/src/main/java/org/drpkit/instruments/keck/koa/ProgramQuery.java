package org.drpkit.instruments.keck.koa;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import org.drpkit.core.header.Header;
import org.drpkit.core.instrument.FixContext;
import org.drpkit.instruments.keck.service.ScheduleEntry;
import org.drpkit.instruments.keck.service.ScheduleService;
import org.drpkit.instruments.keck.service.ServiceException;

/**
 * What program resolvers see: the header, the context, the exposure's UT, and the night's schedule (fetched once,
 * on first use). Used by one fix call on one thread; not shared.
 */
public final class ProgramQuery {

    private final String instrument;
    private final Header header;
    private final FixContext context;
    private final LocalDate utDate;
    private final LocalTime ut;
    private final OptionalInt telescope;
    private final boolean classicalOnlyFallback;
    private List<ScheduleEntry> schedule;
    private ServiceException failure;

    /**
     * @param instrument            the instrument as the schedule names it (GUIDER: its current instrument)
     * @param header                the header being fixed (DATE-OBS and UTC already repaired)
     * @param context               the fix context
     * @param utDate                UT date of the exposure
     * @param ut                    UT of the exposure
     * @param telescope             1 or 2 to restrict the schedule query, or empty (guiders)
     * @param classicalOnlyFallback true when the before-first/after-last fallback considers only Classical entries
     */
    public ProgramQuery(String instrument, Header header, FixContext context, LocalDate utDate, LocalTime ut,
            OptionalInt telescope, boolean classicalOnlyFallback) {
        this.instrument = Objects.requireNonNull(instrument, "instrument");
        this.header = Objects.requireNonNull(header, "header");
        this.context = Objects.requireNonNull(context, "context");
        this.utDate = Objects.requireNonNull(utDate, "utDate");
        this.ut = Objects.requireNonNull(ut, "ut");
        this.telescope = Objects.requireNonNull(telescope, "telescope");
        this.classicalOnlyFallback = classicalOnlyFallback;
    }

    /** @return the instrument name used for the schedule */
    public String instrument() {
        return instrument;
    }

    /** @return the header */
    public Header header() {
        return header;
    }

    /** @return the fix context */
    public FixContext context() {
        return context;
    }

    /** @return the UT date */
    public LocalDate utDate() {
        return utDate;
    }

    /** @return the UT time of day */
    public LocalTime ut() {
        return ut;
    }

    /** @return the HST night: the UT date minus one day (the Keck convention, an archive quirk kept) */
    public LocalDate hstNight() {
        return utDate.minusDays(1);
    }

    /** @return true when the first/last fallback considers only Classical entries (guiders) */
    public boolean classicalOnlyFallback() {
        return classicalOnlyFallback;
    }

    /**
     * @return the night's schedule for the instrument, fetched from the context's {@link ScheduleService} once (a
     *         failure is remembered and rethrown, so the service is asked once per query)
     * @throws ServiceException when the schedule cannot be read
     */
    public List<ScheduleEntry> schedule() throws ServiceException {
        if (failure != null) {
            throw failure;
        }
        if (schedule == null) {
            try {
                schedule = List.copyOf(ScheduleService.from(context).entries(hstNight(), instrument, telescope));
            } catch (ServiceException e) {
                failure = e;
                throw e;
            }
        }
        return schedule;
    }
}
