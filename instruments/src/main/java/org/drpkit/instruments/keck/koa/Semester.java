package org.drpkit.instruments.keck.koa;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;

/**
 * Keck observing semesters (koa-dep section 4.4): {@code A} runs from Feb 1 to Aug 1 and {@code B} from Aug 1 to
 * Feb 1, with the day rolling over at 10:00 HST, i.e. 20:00 UT the day before.
 *
 * <p>The semester of a UT instant is computed on {@code d = UT - 20 h}: {@code A} when {@code d} lies in
 * [Feb 1, Aug 1) of its year, else {@code B}; the year is {@code d}'s, minus one in January. So the boundary falls
 * at 20:00 UT on Feb 1 and Aug 1: UT 2020-02-01T19:59:59 is still 2019B, 20:00:00 is 2020A.
 *
 * <pre>{@code
 * Semester.of(LocalDate.parse("2019-05-09"), LocalTime.parse("02:05:54.57"));   // "2019A"
 * Semester.of(LocalDateTime.parse("2020-08-01T20:00:00"));                      // "2020B"
 * }</pre>
 */
public final class Semester {

    private Semester() {
    }

    /** @return the semester, e.g. {@code 2019A}, of a UT date and time */
    public static String of(LocalDate utDate, LocalTime ut) {
        return of(utDate.atTime(ut));
    }

    /** @return the semester of a UT date-time */
    public static String of(LocalDateTime ut) {
        LocalDateTime d = ut.minusHours(20);
        int year = d.getYear();
        LocalDateTime a = LocalDateTime.of(year, Month.FEBRUARY, 1, 0, 0);
        LocalDateTime b = LocalDateTime.of(year, Month.AUGUST, 1, 0, 0);
        boolean isA = !d.isBefore(a) && d.isBefore(b);
        if (d.getMonth() == Month.JANUARY) {
            year -= 1;
        }
        return year + (isA ? "A" : "B");
    }
}
