package org.drpkit.instruments.keck.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The offline twilight against astropy 5.2.1: the UT at which the Sun's centre crosses -0.833 degrees (geometric) at
 * 19.8260 N, 155.4747 W, found by bisection on {@code get_sun(t).transform_to(AltAz)}. The low-precision solar formulae
 * are good to about a minute; the tolerance is two.
 */
class SolarTwilightTest {

    private static final Duration TOLERANCE = Duration.ofMinutes(2);

    @ParameterizedTest(name = "{0}: sunset {1}, sunrise {2} UT")
    @CsvSource({
        "2022-04-09, 04:38:07, 16:08:38",
        "2019-06-15, 05:01:54, 15:42:44",
        "2020-01-15, 04:02:37, 16:59:25",
        "2023-08-15, 04:51:00, 16:02:09",
        "2017-12-21, 03:47:50, 16:52:15"})
    void sunsetAndSunriseMatchAstropyWithinTwoMinutes(LocalDate date, LocalTime sunset, LocalTime sunrise) {
        Twilight t = SolarTwilight.MAUNAKEA.twilight(date);
        assertTrue(Duration.between(sunset, t.sunsetUt()).abs().compareTo(TOLERANCE) <= 0,
                "sunset " + t.sunsetUt() + " vs astropy " + sunset);
        assertTrue(Duration.between(sunrise, t.sunriseUt()).abs().compareTo(TOLERANCE) <= 0,
                "sunrise " + t.sunriseUt() + " vs astropy " + sunrise);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"2022-04-09, 17:29:20", "2022-04-09, 03:00:00", "2019-06-15, 23:10:00"})
    void daylightTimesAreDaytime(LocalDate date, LocalTime ut) {
        assertTrue(SolarTwilight.MAUNAKEA.twilight(date).isDaytime(ut));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"2017-07-25, 14:17:50", "2020-01-15, 05:00:00", "2022-04-09, 10:00:00"})
    void nightTimesAreNotDaytime(LocalDate date, LocalTime ut) {
        assertFalse(SolarTwilight.MAUNAKEA.twilight(date).isDaytime(ut));
    }
}
