package org.drpkit.instruments.keck.service;

import java.time.LocalDate;
import java.util.Optional;
import org.drpkit.core.instrument.FixContext;

/**
 * Who worked a night: the observing assistant (OA). Without an implementation in the {@link FixContext},
 * {@link #OFFLINE} knows nobody and OA is written undefined.
 */
@FunctionalInterface
public interface NightStaffService {

    /** Knows nobody. */
    NightStaffService OFFLINE = (night, telescope) -> Optional.empty();

    /**
     * @param hstNight  the HST date of the night
     * @param telescope 1 or 2
     * @return the alias of the night's (last) observing assistant, when known
     * @throws ServiceException when the staff list cannot be read
     */
    Optional<String> observingAssistant(LocalDate hstNight, int telescope) throws ServiceException;

    /** @return the context's night-staff service, or {@link #OFFLINE} */
    static NightStaffService from(FixContext ctx) {
        return ctx.service(NightStaffService.class).orElse(OFFLINE);
    }
}
