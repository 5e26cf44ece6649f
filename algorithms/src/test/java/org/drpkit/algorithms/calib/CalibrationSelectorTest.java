package org.drpkit.algorithms.calib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.drpkit.algorithms.calib.CalibrationSelector.Choice;
import org.drpkit.algorithms.calib.CalibrationSelector.Match;
import org.drpkit.algorithms.calib.CalibrationSelector.Period;
import org.junit.jupiter.api.Test;

class CalibrationSelectorTest {

    private static final List<Period<String>> DARKS = List.of(
            new Period<>(60000, 60030, "A"),
            new Period<>(60020, 60060, "B"),
            new Period<>(60100, 60130, "C"),
            new Period<>(60300, 60330, "D"));

    @Test
    void aCoveringPeriodWinsAndTheLatestStartingOneAmongThem() {
        Choice<String> c = CalibrationSelector.select(DARKS, 60025).orElseThrow();
        assertEquals("B", c.period().product(), "both A and B cover 60025; B starts later");
        assertEquals(Match.COVERING, c.match());
        assertEquals(0, c.daysAway());
    }

    @Test
    void outsideEveryPeriodTheNearestWinsNotTheFurthestFutureOrTheOldest() {
        // upstream would take D (the furthest future) for 60090, and A (the oldest) for 60400
        Choice<String> gap = CalibrationSelector.select(DARKS, 60090).orElseThrow();
        assertEquals("C", gap.period().product());
        assertEquals(Match.NEAREST_AFTER, gap.match());
        assertEquals(10, gap.daysAway());
        Choice<String> late = CalibrationSelector.select(DARKS, 60400).orElseThrow();
        assertEquals("D", late.period().product());
        assertEquals(Match.NEAREST_BEFORE, late.match());
        assertEquals(70, late.daysAway());
        Choice<String> tie = CalibrationSelector.select(DARKS, 60080).orElseThrow();
        assertEquals("C", tie.period().product(), "20 days either way: the later one");
    }

    @Test
    void noCandidateGivesNothing() {
        assertTrue(CalibrationSelector.select(List.<Period<String>>of(), 60000).isEmpty());
    }
}
