package org.drpkit.instruments.keck.service;

import java.time.LocalDate;
import java.util.List;
import java.util.OptionalInt;
import org.drpkit.core.instrument.FixContext;

/**
 * The telescope schedule: which programs used an instrument on a night. Callers provide an implementation in the
 * {@link FixContext} (the archive calls {@code schedule/getSchedule}); without one, {@link #OFFLINE} knows no
 * programs and the program resolver falls back to the header and the directory.
 *
 * <pre>{@code
 * FixContext ctx = FixContext.builder().service(ScheduleService.class, (night, instr, tel) ->
 *         List.of(new ScheduleEntry("C257", LocalTime.of(4, 0), LocalTime.of(16, 0), "Classical", ""))).build();
 * }</pre>
 */
@FunctionalInterface
public interface ScheduleService {

    /** Knows no schedule. */
    ScheduleService OFFLINE = (night, instrument, telescope) -> List.of();

    /**
     * @param hstNight   the HST date of the night (UT date minus one day, the Keck convention)
     * @param instrument the instrument name, e.g. {@code NIRC2}
     * @param telescope  1 or 2, or empty when the query must not be restricted to a telescope (guiders)
     * @return the night's entries for the instrument, in schedule order
     * @throws ServiceException when the schedule cannot be read
     */
    List<ScheduleEntry> entries(LocalDate hstNight, String instrument, OptionalInt telescope) throws ServiceException;

    /**
     * @return the telescope (1 or 2) the instrument is mounted on, when the schedule knows
     * @throws ServiceException when the schedule cannot be read
     */
    default OptionalInt telescope(String instrument) throws ServiceException {
        return OptionalInt.empty();
    }

    /** @return the context's schedule, or {@link #OFFLINE} */
    static ScheduleService from(FixContext ctx) {
        return ctx.service(ScheduleService.class).orElse(OFFLINE);
    }
}
