package org.drpkit.instruments.keck.service;

import java.time.LocalTime;
import java.util.Objects;

/**
 * One program on the telescope schedule of a night.
 *
 * @param programId  the program code, e.g. {@code C257} or {@code 2019A_C257}
 * @param startUt    when the program's time starts (UT)
 * @param endUt      when it ends (UT)
 * @param obsType    the kind of time, e.g. {@code Classical}, {@code ToO}, {@code Engineering}
 * @param observers  the observers' names as the schedule lists them (may be empty)
 */
public record ScheduleEntry(String programId, LocalTime startUt, LocalTime endUt, String obsType, String observers) {

    /** Checks for nulls. */
    public ScheduleEntry {
        Objects.requireNonNull(programId, "programId");
        Objects.requireNonNull(startUt, "startUt");
        Objects.requireNonNull(endUt, "endUt");
        obsType = obsType == null ? "" : obsType;
        observers = observers == null ? "" : observers;
    }

    /** @return true when {@code ut} lies in [start, end] */
    public boolean contains(LocalTime ut) {
        return !ut.isBefore(startUt) && !ut.isAfter(endUt);
    }
}
