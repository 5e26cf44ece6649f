package org.drpkit.instruments.keck.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.drpkit.core.header.Header;
import org.junit.jupiter.api.Test;

class TanWcsTest {

    private static Header.Builder frame() {
        return Header.builder().add("NAXIS1", 1024L).add("NAXIS2", 512L).add("RA", "01:00:00.0")
                .add("DEC", "-30:30:00").add("ROTMODE", "position angle").add("ROTPOSN", 90.7);
    }

    @Test
    void blockAtTheZeroPointAngleIsTheUnrotatedScaleAtTheImageCentre() {
        // position angle 90.7 with zero point 0.7: theta = -90 degrees, so CD1_1 = CD2_2 = 0, CD1_2 = CD2_1 = scale
        TanWcs w = TanWcs.of(frame().build(), 3.6, 0.7).orElseThrow();
        assertEquals(512.5, w.crpix1());
        assertEquals(256.5, w.crpix2());
        assertEquals(15.0, w.crval1(), 1e-12, "1 h of RA");
        assertEquals(-30.5, w.crval2(), 1e-12);
        assertEquals(0.0, w.cd().cd11(), 1e-15);
        assertEquals(0.001, w.cd().cd12(), 1e-15, "3.6 arcsec = 0.001 degree, -sin(-90) = 1");
        assertEquals(0.0, w.cd().cd22(), 1e-15);
        assertEquals("FK5", w.radecsys(), "no EQUINOX is J2000");
        assertEquals("RA---TAN", w.ctype1());
    }

    @Test
    void otherEquinoxIsFk4AndUnknownRotatorModeGivesNoBlock() {
        assertEquals("FK4", TanWcs.of(frame().add("EQUINOX", 1950.0).build(), 1, 0).orElseThrow().radecsys());
        assertTrue(TanWcs.of(frame().build().toBuilder().set("ROTMODE", "unknown").build(), 1, 0).isEmpty());
        assertTrue(TanWcs.of(frame().build().toBuilder().remove("RA").build(), 1, 0).isEmpty());
    }
}
