package org.drpkit.algorithms.wave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.drpkit.core.error.DrpException;
import org.junit.jupiter.api.Test;

class WavelengthFitTest {

    private static final ChipWavelength TRUTH = new ChipWavelength(new double[] {16155.772, -289.435, -10.751, 0.112},
            1023.5, 1024);

    /** Lines with known centre errors and three gross outliers: the outliers are clipped, the rest recover truth. */
    @Test
    void knownSolutionIsRecoveredAndOutliersAreClipped() throws DrpException {
        Random rnd = new Random(7);
        int n = 80;
        double[] x = new double[n];
        double[] lam = new double[n];
        double[] sx = new double[n];
        for (int i = 0; i < n; i++) {
            double xt = 10 + 2028.0 * i / (n - 1);
            sx[i] = 0.02 + 0.2 * rnd.nextDouble();
            x[i] = xt + sx[i] * rnd.nextGaussian();
            lam[i] = TRUTH.wavelength(xt);
        }
        x[5] += 3;
        x[40] -= 2;
        x[70] += 5;
        WavelengthFit.Result r = WavelengthFit.fit(x, lam, sx, 3);
        System.out.println(r);
        assertFalse(r.used()[5]);
        assertFalse(r.used()[40]);
        assertFalse(r.used()[70]);
        assertTrue(r.linesUsed() >= n - 5, "no good line lost in bulk: " + r.linesUsed());
        double worst = 0;
        for (int xc = 0; xc < 2048; xc += 16) {
            worst = Math.max(worst, Math.abs(r.solution().wavelength(xc) - TRUTH.wavelength(xc)));
        }
        // centre errors average 0.12 column = 0.034 A; 77 lines on a cubic: the solution within 0.02 A everywhere
        assertTrue(worst < 0.02, "worst solution error " + worst + " A");
        assertEquals(0.034, r.rms(), 0.015, "rms of the used lines near the centre scatter in Angstrom");
    }

    @Test
    void tooFewLinesIsADomainError() {
        DrpException e = assertThrows(DrpException.class,
                () -> WavelengthFit.fit(new double[] {1, 2, 3}, new double[] {3, 2, 1}, null, 3));
        assertEquals(WaveErrorCode.WAVE_TOO_FEW_LINES, e.code());
    }
}
