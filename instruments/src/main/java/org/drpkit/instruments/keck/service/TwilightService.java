package org.drpkit.instruments.keck.service;

import java.time.LocalDate;
import org.drpkit.core.instrument.FixContext;

/**
 * Sunset and sunrise at the summit for a UT date (the archive calls {@code schedule/getTwilightData}). Without an
 * implementation in the {@link FixContext}, {@link SolarTwilight#MAUNAKEA} computes them from the Sun's position,
 * so the daytime test of the zero-propint policy works offline.
 */
@FunctionalInterface
public interface TwilightService {

    /**
     * @param utDate the UT date of the exposure
     * @return sunset and sunrise (UT) of the night in that UT date
     * @throws ServiceException when the service cannot answer
     */
    Twilight twilight(LocalDate utDate) throws ServiceException;

    /** @return the context's twilight service, or the computed {@link SolarTwilight#MAUNAKEA} */
    static TwilightService from(FixContext ctx) {
        return ctx.service(TwilightService.class).orElse(SolarTwilight.MAUNAKEA);
    }
}
