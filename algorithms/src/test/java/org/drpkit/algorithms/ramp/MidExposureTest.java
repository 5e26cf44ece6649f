package org.drpkit.algorithms.ramp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.header.Header;
import org.junit.jupiter.api.Test;

class MidExposureTest {

    private static final double SECOND = 1.0 / 86400;

    @Test
    void mjdOfTheNewYear2024IsSixtyThousandThreeHundredTen() throws DrpException {
        assertEquals(60310.0, MidExposure.mjd("2024-01-01T00:00:00", null), 1e-12);
        assertEquals(60310.5 + 1.5 * SECOND, MidExposure.mjd("2024-01-01T12:00:01.5", null), 1e-11);
    }

    /** 47 reads 10.6 s apart from 2024-01-01T03:00:00, reads 2..46 used: the spec's three formulas by hand. */
    @Test
    void theThreeVariantsFollowTheSpecFromTheReadHeaders() throws DrpException {
        LocalDateTime t0 = LocalDateTime.of(2024, 1, 1, 3, 0, 0);
        List<Header> reads = new ArrayList<>();
        for (int k = 0; k < 47; k++) {
            LocalDateTime t = t0.plusNanos(Math.round(k * 10.6e9));
            reads.add(Header.builder().add("DATE-OBS", t.toString()).add("INTOFF", 10600.0).build());
        }
        Header primary = Header.builder().add("EXPTIME", 498.2).build();
        ReadPlan plan = new ReadPlan(47, 2, 46, ReadPlan.Method.SUTR);
        MidExposure.Times t = MidExposure.fromHeaders(reads, primary, plan);
        double start = 60310 + 3.0 / 24;
        double t1 = start + 2 * 10.6 * SECOND;
        double tn = start + 46 * 10.6 * SECOND;
        assertEquals(t1 + 0.5 * 498.2 * 45 / 47 * SECOND, t.old(), 1e-9);
        assertEquals(t1 + 10.6 * (0.5 + 0.5 * 44) * SECOND, t.rough(), 1e-9);
        assertEquals(t1 + 0.5 * 10.6 * SECOND + 0.5 * (tn - t1), t.precise(), 1e-9);
        assertEquals(t.rough(), t.precise(), 1e-9, "evenly spaced reads: rough equals precise");
    }

    @Test
    void anUnparsableDateObsNamesItsHeaderAndKeyword() {
        Header bad = Header.builder().add("DATE-OBS", "yesterday").add("INTOFF", 10600.0)
                .origin(Location.file("apR-a-1.fits").hdu(3)).build();
        DrpException e = assertThrows(DrpException.class, () -> MidExposure.fromHeaders(List.of(bad, bad),
                Header.builder().add("EXPTIME", 1.0).build(), new ReadPlan(2, 0, 1, ReadPlan.Method.DCS)));
        assertEquals(RampErrorCode.RAMP_BAD_TIME, e.code());
        assertTrue(e.getMessage().contains("apR-a-1.fits, HDU 3, keyword DATE-OBS"), e.getMessage());
    }
}
