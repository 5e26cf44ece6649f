package org.drpkit.instruments.keck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.drpkit.core.header.Header;
import org.drpkit.core.instrument.FixContext;
import org.drpkit.instruments.fixtures.HeaderFixture;
import org.junit.jupiter.api.Test;

/** ESI's slit keywords from the slit-mask name, for every kind of name (fuzzing found a name without a width). */
class EsiSlitTest {

    private static Header fixedWithMask(String mask) throws Exception {
        return fixed(mask, "high");
    }

    private static Header fixed(String mask, String mode) throws Exception {
        HeaderFixture f = HeaderFixture.load("keck/esi-echelle-object.hdr");
        Header primary = f.hdus().get(0).toBuilder().set("SLMSKNAM", mask).set("OBSMODE", mode).build();
        return new Esi().fix(primary, f.context()).header();
    }

    @Test
    void aSlitInAModeWithoutANominalLengthLeavesTheLengthUndefinedInsteadOfFailing() throws Exception {
        Header h = fixed("0.75_arcsec", "image");
        assertEquals(0.75, h.getDouble("SLITWIDT").orElseThrow());
        assertTrue(h.find("SLITLEN").orElseThrow().value() == null, h.toString());
        assertEquals(480.0, fixed("0.75_arcsec", "low").getDouble("SLITLEN").orElseThrow());
    }

    @Test
    void aSlitMaskNameWithoutANumberLeavesTheWidthUndefinedInsteadOfFailing() throws Exception {
        Header h = fixedWithMask("pinhole");
        assertTrue(h.contains("SLITWIDT") && h.find("SLITWIDT").orElseThrow().value() == null, h.toString());
        assertTrue(h.find("SPECRES").orElseThrow().value() == null, "no width, no resolution");
    }

    @Test
    void theWidthComesFromTheMaskNameOrItsKind() throws Exception {
        assertEquals(0.75, fixedWithMask("0.75_arcsec").getDouble("SLITWIDT").orElseThrow());
        assertEquals(0.5, fixedWithMask("multiholes").getDouble("SLITWIDT").orElseThrow());
        assertEquals(1.13, fixedWithMask("IFU").getDouble("SLITWIDT").orElseThrow());
    }
}
