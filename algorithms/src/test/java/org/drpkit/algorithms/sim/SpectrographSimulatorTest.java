package org.drpkit.algorithms.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.drpkit.core.image.MaskedImage;
import org.drpkit.core.instrument.Chip;
import org.drpkit.core.instrument.H2rgLayout;
import org.drpkit.core.instrument.Region;
import org.junit.jupiter.api.Test;

class SpectrographSimulatorTest {

    private static final Chip SMALL = H2rgLayout.chip("G", 512, 128, 4, 4, 18);

    @Test
    void fullChipHoldsThreeHundredFibresInTenBundlesWithWiderGaps() {
        SpectrographModel m = SpectrographModel.apogee(H2rgLayout.apogee("G"), 3);
        assertEquals(300, m.fibres().length);
        assertEquals(300, m.fibres()[0]);
        assertEquals(1, m.fibres()[299]);
        int gaps = 0;
        for (int i = 1; i < 300; i++) {
            double d = m.y0()[i] - m.y0()[i - 1];
            gaps += d > 8 ? 1 : 0;
        }
        assertEquals(9, gaps);
        double last = m.centre(299, m.xRef());
        assertTrue(last > 2000 && last < 2030, "last trace near y 2021: " + last);
    }

    @Test
    void smallCutKeepsOnlyFibresWhoseTracesStayOnTheChip() {
        SpectrographModel m = SpectrographModel.apogee(SMALL, 3);
        Region a = SMALL.lightSensitive();
        assertTrue(m.fibres().length > 60 && m.fibres().length < 80, m.toString());
        for (int i = 0; i < m.fibres().length; i++) {
            for (int x = a.x0(); x < a.x1(); x++) {
                double c = m.centre(i, x);
                assertTrue(c >= a.y0() + 8 && c <= a.y1() - 9, "fibre " + m.fibres()[i] + " at x " + x + ": " + c);
            }
        }
    }

    @Test
    void everyColumnCarriesTheTrueFluxOfItsFibres() {
        SpectrographModel m = SpectrographModel.apogee(SMALL, 4).withDead(290);
        SpectrographFrame f = SpectrographSimulator.render(m, FibreLight.science(m, 5));
        Region a = SMALL.lightSensitive();
        for (int x = a.x0(); x < a.x1(); x += 37) {
            double col = 0;
            for (int y = 0; y < SMALL.height(); y++) {
                col += f.light().get(x, y);
            }
            double expected = 0;
            for (int i = 0; i < m.fibres().length; i++) {
                expected += f.truth().height(i, x);
            }
            assertEquals(expected, col, 1e-5 * expected, "column " + x);
        }
        int dead = m.indexOf(290);
        assertEquals(0, f.truth().height(dead, 200));
        assertEquals(m.centre(dead, 200), f.truth().centre(dead, 200));
    }

    @Test
    void observedNoiseHasTheStatedVariance() {
        SpectrographModel m = SpectrographModel.apogee(SMALL, 4);
        SpectrographFrame f = SpectrographSimulator.render(m, FibreLight.quartz(m, 2000));
        MaskedImage o = SpectrographSimulator.observe(f.light(), 1.9, 4, 9);
        double chi2 = 0;
        int n = 0;
        for (int i = 0; i < o.flux().array().length; i++) {
            double d = o.flux().array()[i] - f.light().array()[i];
            chi2 += d * d * o.ivar().array()[i];
            n++;
        }
        // chi2/n of n unit Gaussians: mean 1, sd sqrt(2/n) ~ 0.002
        assertEquals(1, chi2 / n, 0.01);
        assertArrayEquals(o.flux().array(), SpectrographSimulator.observe(f.light(), 1.9, 4, 9).flux().array());
    }
}
