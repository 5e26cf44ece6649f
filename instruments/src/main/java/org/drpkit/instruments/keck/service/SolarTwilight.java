package org.drpkit.instruments.keck.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Sunset and sunrise computed from the Sun's position, the offline {@link TwilightService}.
 *
 * <p>The solar transit, declination and hour angle come from the standard low-precision solar formulae (mean
 * anomaly, equation of centre, ecliptic longitude, obliquity 23.4397 degrees; about one minute of accuracy), with
 * the Sun's centre at -0.833 degrees altitude (refraction and semi-diameter, sea-level horizon, as almanacs
 * publish sunrise and sunset). For UT date D the sunset is that of the HST day before (early in D, UT) and the
 * sunrise that of HST day D (later in D, UT).
 *
 * <pre>{@code
 * Twilight t = SolarTwilight.MAUNAKEA.twilight(LocalDate.parse("2022-04-09"));   // sunset ~04:50, sunrise ~16:10 UT
 * t.isDaytime(LocalTime.parse("17:29:20"));                                      // true
 * }</pre>
 *
 * @param latitudeDegrees  geodetic latitude, north positive
 * @param longitudeDegrees longitude, east positive
 */
public record SolarTwilight(double latitudeDegrees, double longitudeDegrees) implements TwilightService {

    /** The Keck telescopes on Maunakea (19.8260 N, 155.4747 W). */
    public static final SolarTwilight MAUNAKEA = new SolarTwilight(19.8260, -155.4747);

    private static final double HORIZON = -0.833;
    private static final double J2000 = 2451545.0;
    private static final double UNIX_EPOCH_JD = 2440587.5;

    @Override
    public Twilight twilight(LocalDate utDate) {
        Instant set = event(utDate.minusDays(1), +1);
        Instant rise = event(utDate, -1);
        return new Twilight(LocalTime.ofInstant(set, ZoneOffset.UTC), LocalTime.ofInstant(rise, ZoneOffset.UTC));
    }

    /**
     * @param localDay the civil day whose solar transit anchors the event
     * @param sign     -1 for sunrise (before transit), +1 for sunset (after transit)
     * @return the instant of the event
     */
    Instant event(LocalDate localDay, int sign) {
        double n = ChronoUnit.DAYS.between(LocalDate.of(2000, 1, 1), localDay);
        double jStar = n - longitudeDegrees / 360.0;
        double m = mod360(357.5291 + 0.98560028 * jStar);
        double mr = Math.toRadians(m);
        double c = 1.9148 * Math.sin(mr) + 0.0200 * Math.sin(2 * mr) + 0.0003 * Math.sin(3 * mr);
        double lambda = Math.toRadians(mod360(m + c + 180.0 + 102.9372));
        double transit = J2000 + jStar + 0.0053 * Math.sin(mr) - 0.0069 * Math.sin(2 * lambda);
        double sinDec = Math.sin(lambda) * Math.sin(Math.toRadians(23.4397));
        double cosDec = Math.cos(Math.asin(sinDec));
        double phi = Math.toRadians(latitudeDegrees);
        double cosW = (Math.sin(Math.toRadians(HORIZON)) - Math.sin(phi) * sinDec) / (Math.cos(phi) * cosDec);
        double w = Math.toDegrees(Math.acos(Math.max(-1.0, Math.min(1.0, cosW))));
        double jd = transit + sign * w / 360.0;
        long millis = Math.round((jd - UNIX_EPOCH_JD) * 86_400_000.0);
        return Instant.ofEpochMilli(millis);
    }

    private static double mod360(double x) {
        double r = x % 360.0;
        return r < 0 ? r + 360.0 : r;
    }
}
