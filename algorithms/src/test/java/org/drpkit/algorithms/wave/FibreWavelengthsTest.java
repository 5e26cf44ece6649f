package org.drpkit.algorithms.wave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.drpkit.algorithms.sim.FibreLight;
import org.drpkit.algorithms.sim.LampLines;
import org.drpkit.algorithms.sim.LsfModel;
import org.drpkit.algorithms.sim.SpectrographModel;
import org.drpkit.algorithms.sim.WavelengthModel;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.image.Spectra;
import org.drpkit.core.instrument.Chip;
import org.drpkit.core.instrument.H2rgLayout;
import org.drpkit.core.lines.ArcLine;
import org.drpkit.core.lines.LineList;
import org.junit.jupiter.api.Test;

/**
 * Arc spectra of the simulator's fibres (its true wavelength solution, a Gauss-Hermite line-spread function, lines
 * drawn from a seed, photon and read noise), solved per fibre and compared with the truth.
 */
class FibreWavelengthsTest {

    private static final Chip CHIP = H2rgLayout.apogee("G");

    @Test
    void solutionsMatchTheTrueWavelengthsToTwoThousandthsOfAnAngstrom() throws DrpException {
        SpectrographModel m = SpectrographModel.apogee(CHIP, 3);
        int[] fibres = Arrays.copyOf(m.fibres(), 40);
        WavelengthModel wave = WavelengthModel.apogee("b", 0);
        LineList list = LampLines.arc(wave.wavelength(150, 2047), wave.wavelength(150, 0), 120, 0, 8);
        LsfModel lsf = LsfModel.varying(m.fibres(), CHIP.width(), 2, 1.3, 0, 0.03);
        FibreLight light = FibreLight.lamp(m, wave, lsf, list, 200000, 0);
        // as a line list's curators do (USEWAVE): a line with another within 2 A (7 columns) is a blend
        List<ArcLine> lines = LampLines.listed(list, wave, 150, 2, -1.4, 2);
        Spectra s = light.first(40).observe(1.9, 12, 4);
        FibreWavelengths w = FibreWavelengths.solve(2, s, 0, lines, ArcCalibration.Params.defaults(), 2);
        System.out.println(w);
        double worst = 0;
        double[] rms = new double[40];
        for (int k = 0; k < 40; k++) {
            ArcCalibration.ChipResult r = w.solution(k).orElseThrow();
            double ss = 0;
            for (int x = 20; x < 2028; x++) {
                double d = r.fit().solution().wavelength(x) - wave.wavelength(m.fibres()[k], x);
                ss += d * d;
            }
            rms[k] = Math.sqrt(ss / 2008);
            worst = Math.max(worst, rms[k]);
        }
        Arrays.sort(rms);
        System.out.printf("vs truth: median %.5f A, worst %.5f A%n", rms[20], worst);
        assertTrue(rms[20] < 0.002, "median rms against truth " + rms[20]);
        assertEquals(w, FibreWavelengths.solve(2, s, 0, lines, ArcCalibration.Params.defaults(), 1),
                "same result with one worker");
    }
}
