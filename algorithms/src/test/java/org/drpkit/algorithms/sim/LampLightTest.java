package org.drpkit.algorithms.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.drpkit.core.instrument.Chip;
import org.drpkit.core.instrument.H2rgLayout;
import org.drpkit.core.lines.LineList;

import org.junit.jupiter.api.Test;

class LampLightTest {

    static final Chip SMALL = H2rgLayout.chip("G", 512, 128, 4, 4, 18);

    @Test
    void theWavelengthModelInvertsAndCurvesAlongTheSlit() {
        WavelengthModel w = WavelengthModel.apogee("b", 768);
        for (double x = -10; x < 520; x += 37.3) {
            assertEquals(x, w.column(42, w.wavelength(42, x)), 1e-7);
        }
        WavelengthModel full = WavelengthModel.apogee("G", 0);
        assertTrue(full.wavelength(150, 0) > 16430 && full.wavelength(150, 2047) < 15860, full.toString());
        double lambda = full.wavelength(150, 1000);
        assertEquals(1.5, full.column(150, lambda) - full.column(300, lambda), 0.01);
        assertThrows(IllegalArgumentException.class, () -> WavelengthModel.apogee("d", 0));
    }

    @Test
    void eachFibreSeesItsLinesWhereTheWavelengthModelPutsThemWithItsOwnLsf() {
        SpectrographModel m = SpectrographModel.apogee(SMALL, 3);
        WavelengthModel wave = WavelengthModel.apogee("b", 768);
        LsfModel lsf = LsfModel.varying(m.fibres(), SMALL.width(), 4, 1.3, 0.05, 0.04);
        double[] lambda = {wave.wavelength(150, 60.3), wave.wavelength(150, 300.7), wave.wavelength(150, 451.1)};
        FibreLight light = FibreLight.lamp(m, wave, lsf, new LineList("test", lambda, new double[] {1, 0.5, 2}), 800,
                0);
        int w = SMALL.width();
        for (int i = 0; i < m.fibres().length; i += 7) {
            for (int k = 0; k < lambda.length; k++) {
                double x = wave.column(m.fibres()[i], lambda[k]);
                int r = lsf.regionOf(x);
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                for (int xx = (int) x - 25; xx <= (int) x + 25; xx++) {
                    double f = light.flux()[i * w + xx];
                    s0 += f;
                    s1 += f * (xx - x);
                    s2 += f * (xx - x) * (xx - x);
                }
                double expected = 800 * new double[] {0.5, 0.25, 1}[k];
                assertEquals(expected, s0, 1e-6 * expected, "flux of line " + k + " in fibre " + m.fibres()[i]);
                assertEquals(0, s1 / s0, 1e-4, "centroid");
                // He3 and He4 leave the mean and variance of a Gauss-Hermite profile alone; pixels add 1/12
                double s = lsf.sigma(i, r);
                assertEquals(s * s + 1.0 / 12, s2 / s0, 1e-3, "second moment");
            }
        }
    }

    @Test
    void aFabryPerotCombIsEvenlySpacedInFrequency() {
        SpectrographModel m = SpectrographModel.apogee(SMALL, 3);
        WavelengthModel wave = WavelengthModel.apogee("b", 768);
        LsfModel lsf = LsfModel.gaussian(m.fibres(), SMALL.width(), 1, 1.2);
        FibreLight fp = FibreLight.fabryPerot(m, wave, lsf, 12, 500);
        int peaks = 0;
        for (int x = SMALL.lightSensitive().x0() + 1; x < SMALL.lightSensitive().x1() - 1; x++) {
            double f = fp.flux()[x];
            if (f > fp.flux()[x - 1] && f >= fp.flux()[x + 1] && f > 50) {
                peaks++;
            }
        }
        assertEquals(SMALL.lightSensitive().width() / 12.0, peaks, 1.5, fp.toString());
        LineList lines = FibreLight.fabryPerotLines(16000, 16010, 1.6e8);
        double[] l = lines.wavelength();
        for (int k = 1; k < l.length; k++) {
            assertEquals(1.6e8 / l[k] - 1.6e8 / l[k - 1], -1, 1e-6);   // consecutive orders
        }
        assertThrows(IllegalArgumentException.class, () -> FibreLight.fabryPerotLines(16000, 15000, 1e8));
    }
}
