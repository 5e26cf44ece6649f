package org.drpkit.instruments.keck.service;

import java.time.LocalTime;
import java.util.Objects;

/**
 * Sunset and sunrise (UT) bracketing the night of one UT date at the summit: sunset early in the UT day (the
 * evening before, in HST) and sunrise later the same UT day.
 *
 * @param sunsetUt  sunset, UT
 * @param sunriseUt sunrise, UT
 */
public record Twilight(LocalTime sunsetUt, LocalTime sunriseUt) {

    /** Checks for nulls. */
    public Twilight {
        Objects.requireNonNull(sunsetUt, "sunsetUt");
        Objects.requireNonNull(sunriseUt, "sunriseUt");
    }

    /** @return true when {@code ut} is before sunset or after sunrise (the archive's daytime test) */
    public boolean isDaytime(LocalTime ut) {
        return ut.isBefore(sunsetUt) || ut.isAfter(sunriseUt);
    }
}
