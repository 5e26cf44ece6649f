package org.drpkit.algorithms.resample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.header.Header;
import org.junit.jupiter.api.Test;

class LogGridTest {

    @Test
    void apogeeGridSpansTheSpecsRange() {
        LogGrid g = LogGrid.apogee();
        assertEquals(8700, g.count());
        // spec 2.18: 15074.75 .. 16999.81 A, 4.1418 km/s per pixel
        assertEquals(15074.75, g.wavelength(0), 0.02);
        assertEquals(16999.81, g.wavelength(8699), 0.02);
        assertEquals(4.1418, g.kmPerSecondPerPixel(), 1e-3);
        assertEquals(1234.25, g.pixelOf(g.wavelength(1234.25)), 1e-8);
        double[] e = g.edges();
        assertEquals(Math.sqrt(g.wavelength(0) * g.wavelength(1)), e[1], 1e-9);
        assertTrue(g.toString().contains("8700 px"), g.toString());
    }

    @Test
    void gridReadFromItsOwnCardsIsTheSameGrid() throws DrpException {
        LogGrid g = LogGrid.of(4.179, 6e-6, 8575);
        Header.Builder b = Header.builder().add("NAXIS1", 8575L);
        g.fitsCards().forEach(b::add);
        assertEquals(g, LogGrid.fromHeader(b.build()));
        Header shifted = Header.builder().add("NAXIS1", 10L).add("CRVAL1", 4.2).add("CDELT1", 1e-5)
                .add("CRPIX1", 3.0).build();
        assertEquals(4.2 - 2e-5, LogGrid.fromHeader(shifted).log10Start(), 1e-15);
    }

    @Test
    void linearOrImpossibleGridsAreRefusedNamingTheKeyword() {
        Location at = Location.file("x.fits").hdu(1);
        Header linear = Header.builder().add("NAXIS1", 10L).add("CRVAL1", 15000.0).add("CDELT1", 0.2)
                .add("CTYPE1", "WAVE").origin(at).build();
        DrpException e = assertThrows(DrpException.class, () -> LogGrid.fromHeader(linear));
        assertEquals(ResampleErrorCode.RESAMPLE_BAD_GRID, e.code());
        assertTrue(e.getMessage().contains("x.fits, HDU 1, keyword CTYPE1"), e.getMessage());
        Header huge = Header.builder().add("NAXIS1", 1L << 40).add("CRVAL1", 4.2).add("CDELT1", 6e-6).origin(at)
                .build();
        e = assertThrows(DrpException.class, () -> LogGrid.fromHeader(huge));
        assertEquals("NAXIS1", e.location().keyword());
        Header negative = Header.builder().add("NAXIS1", 10L).add("CRVAL1", 4.2).add("CDELT1", -6e-6).build();
        e = assertThrows(DrpException.class, () -> LogGrid.fromHeader(negative));
        assertEquals("CDELT1", e.location().keyword());
        Header missing = Header.builder().add("NAXIS1", 10L).add("CDELT1", 6e-6).build();
        assertThrows(DrpException.class, () -> LogGrid.fromHeader(missing));
        assertThrows(IllegalArgumentException.class, () -> LogGrid.of(4.2, 0, 10));
    }
}
