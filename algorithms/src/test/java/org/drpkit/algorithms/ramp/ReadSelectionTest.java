package org.drpkit.algorithms.ramp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.drpkit.core.error.DrpException;
import org.junit.jupiter.api.Test;

/** Upstream's read selection (spec section 2.1) as the truth. */
class ReadSelectionTest {

    @Test
    void scienceRampsDropTheFirstTwoReadsAndFitUpTheRamp() throws DrpException {
        ReadPlan p = ReadSelection.plan(47, ReadSelection.Params.UPSTREAM);
        assertEquals(new ReadPlan(47, 2, 46, ReadPlan.Method.SUTR), p);
        assertEquals(44, p.differences());
    }

    @Test
    void threeReadRampsFallBackToDcsOnReadsTwoAndThree() throws DrpException {
        assertEquals(new ReadPlan(3, 1, 2, ReadPlan.Method.DCS), ReadSelection.plan(3, ReadSelection.Params.UPSTREAM));
    }

    @Test
    void forcedDcsForDomeFlatsUsesReadTwoToTheLast() throws DrpException {
        assertEquals(new ReadPlan(5, 1, 4, ReadPlan.Method.DCS),
                ReadSelection.plan(5, ReadSelection.Params.UPSTREAM.withForcedDcs()));
    }

    @Test
    void fourReadsLeaveOneDifferenceUpTheRamp() throws DrpException {
        assertEquals(new ReadPlan(4, 2, 3, ReadPlan.Method.SUTR), ReadSelection.plan(4, ReadSelection.Params.UPSTREAM));
    }

    @Test
    void twoReadsAreDcsOfBoth() throws DrpException {
        assertEquals(new ReadPlan(2, 0, 1, ReadPlan.Method.DCS), ReadSelection.plan(2, ReadSelection.Params.UPSTREAM));
    }

    @Test
    void anAbsurdReadCountIsRefusedBeforeAnyTableIsAllocated() {
        DrpException e = assertThrows(DrpException.class,
                () -> ReadSelection.plan(100_000, ReadSelection.Params.UPSTREAM));
        assertEquals(org.drpkit.core.error.CoreErrorCode.SIZE_LIMIT_EXCEEDED, e.code());
    }

    @Test
    void aSingleReadHasNoRateAndSaysSo() {
        DrpException e = assertThrows(DrpException.class, () -> ReadSelection.plan(1, ReadSelection.Params.UPSTREAM));
        assertEquals(RampErrorCode.RAMP_TOO_SHORT, e.code());
    }
}
