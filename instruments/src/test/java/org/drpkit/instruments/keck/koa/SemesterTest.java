package org.drpkit.instruments.keck.koa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class SemesterTest {

    @Test
    void aStartsAtTwentyHundredUtOnFebruaryFirst() {
        assertEquals("2019B", Semester.of(LocalDateTime.parse("2020-02-01T19:59:59.999")));
        assertEquals("2020A", Semester.of(LocalDateTime.parse("2020-02-01T20:00:00")));
    }

    @Test
    void bStartsAtTwentyHundredUtOnAugustFirst() {
        assertEquals("2021A", Semester.of(LocalDateTime.parse("2021-08-01T19:59:59.99")));
        assertEquals("2021B", Semester.of(LocalDateTime.parse("2021-08-01T20:00:00")));
    }

    @Test
    void januaryBelongsToTheSemesterOfThePreviousYear() {
        assertEquals("2019B", Semester.of(LocalDateTime.parse("2020-01-15T05:00:00")));
        assertEquals("2019B", Semester.of(LocalDateTime.parse("2020-01-01T19:59:00")));
    }

    @Test
    void newYearsEveInUtBeforeTwentyHundredStaysInTheOldYear() {
        assertEquals("2020B", Semester.of(LocalDateTime.parse("2020-12-31T10:00:00")));
        assertEquals("2020B", Semester.of(LocalDateTime.parse("2021-01-01T02:00:00")));
    }

    @Test
    void goldProductsAreSemester2019A() {
        assertEquals("2019A", Semester.of(LocalDateTime.parse("2019-05-09T02:05:54.57")));
        assertEquals("2019A", Semester.of(LocalDateTime.parse("2019-06-15T03:29:31.36")));
    }
}
