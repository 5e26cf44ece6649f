package org.drpkit.instruments.keck.service;

import java.time.Instant;
import java.util.Optional;
import org.drpkit.core.instrument.FixContext;

/**
 * Weather at the telescope. Without an implementation in the {@link FixContext}, {@link #OFFLINE} has no data and
 * the weather keywords are written undefined, as the archive writes them when its archiver has no sample.
 */
@FunctionalInterface
public interface WeatherService {

    /** Has no data. */
    WeatherService OFFLINE = (telescope, at) -> Optional.empty();

    /**
     * @param telescope 1 or 2
     * @param at        the exposure's UT
     * @return the samples closest to {@code at}, when any
     * @throws ServiceException when the archiver cannot be read
     */
    Optional<WeatherSample> sample(int telescope, Instant at) throws ServiceException;

    /** @return the context's weather service, or {@link #OFFLINE} */
    static WeatherService from(FixContext ctx) {
        return ctx.service(WeatherService.class).orElse(OFFLINE);
    }
}
