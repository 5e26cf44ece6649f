package org.drpkit.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RampTest {

    @Test
    void storesReadMajorPlanesWithReadTimes() {
        Ramp r = Ramp.zeros(5, 4, 3, 10.6);
        r.set(2, 3, 2, 1200f);
        assertEquals(1200f, r.read(2).get(2, 3));
        assertArrayEquals(new double[] {0, 10.6, 21.2}, r.readTimes(), 1e-12);
        assertEquals("Ramp[5x4 x 3 reads, 0.0..21.2 s]", r.toString());
    }

    @Test
    void streamsRowBlocksAcrossAllReads() {
        Ramp r = Ramp.zeros(3, 4, 2, 1);
        for (int k = 0; k < 2; k++) {
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 3; x++) {
                    r.set(x, y, k, 100 * k + 10 * y + x);
                }
            }
        }
        float[][] block = new float[2][6];
        r.readRows(1, 2, block);
        assertArrayEquals(new float[] {10, 11, 12, 20, 21, 22}, block[0]);
        assertArrayEquals(new float[] {110, 111, 112, 120, 121, 122}, block[1]);
        Ramp view = r.rows(2, 2);
        assertEquals(121f, view.get(1, 0, 1));
        float[][] again = new float[2][3];
        view.readRows(1, 1, again);
        assertArrayEquals(new float[] {130, 131, 132}, again[1]);
    }

    @Test
    void rejectsInconsistentReads() {
        assertThrows(IllegalArgumentException.class, () -> Ramp.of(2, 2, new double[] {0, 1}, new float[4]));
        assertThrows(IllegalArgumentException.class,
                () -> Ramp.of(2, 2, new double[] {0, 0}, new float[4], new float[4]));
        assertThrows(IllegalArgumentException.class, () -> Ramp.of(2, 2, new double[] {0}, new float[3]));
        assertThrows(IllegalArgumentException.class, () -> Ramp.zeros(2, 2, 0, 1));
    }

    @Test
    void spectraIndexFibreMajor() {
        Spectra s = Spectra.zeros(3, 5);
        s.flux()[s.index(2, 4)] = 7f;
        assertEquals(14, s.index(2, 4));
        assertArrayEquals(new float[] {0, 0, 0, 0, 7}, s.fluxOf(2));
        assertEquals("Spectra[3 fibres x 5 pixels]", s.toString());
        assertEquals(true, s.withWavelength(new double[15]).wavelength().isPresent());
        assertThrows(IllegalArgumentException.class, () -> s.withWavelength(new double[14]));
    }
}
