package org.drpkit.algorithms.flux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import org.drpkit.algorithms.calib.CalibFlag;
import org.drpkit.algorithms.extract.ExtractParams;
import org.drpkit.algorithms.extract.Extraction;
import org.drpkit.algorithms.sim.FibreLight;
import org.drpkit.algorithms.sim.SpectrographFrame;
import org.drpkit.algorithms.sim.SpectrographModel;
import org.drpkit.algorithms.sim.SpectrographSimulator;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.Mask;
import org.drpkit.core.image.MaskedImage;
import org.drpkit.core.image.Spectra;
import org.drpkit.core.instrument.Chip;
import org.drpkit.core.instrument.H2rgLayout;
import org.junit.jupiter.api.Test;

/**
 * Aperture against PSF fluxing of sky fibres on a simulated frame: the truth is the aperture sum of the noiseless
 * light over each fibre's true flux.
 */
class ApertureVsPsfTest {

    static final Chip SMALL = H2rgLayout.chip("G", 512, 128, 4, 4, 18);

    @Test
    void theApertureFractionOfTheSkyFibresIsTheProfilesWithinTheirNoise() throws DrpException {
        SpectrographModel m = SpectrographModel.apogee(SMALL, 61);
        SpectrographFrame f = SpectrographSimulator.render(m, FibreLight.science(m, 8));
        MaskedImage img = SpectrographSimulator.observe(f.light(), 1.9 * 23, 0.02, 9);
        ExtractParams p = ExtractParams.defaults().withBoxcarHalfWidth(1);
        int[] sky = IntStream.range(0, m.fibres().length).filter(i -> i % 3 == 2).toArray();
        ApertureVsPsf.Result r = ApertureVsPsf.compare(Extraction.boxcar(img, f.truth(), p).spectra(),
                Extraction.optimal(img, f.truth(), p).spectra(), sky, CalibFlag.BAD_BITS);
        // truth: the same aperture on the noiseless light, over the true flux of each fibre
        int w = f.light().width();
        int h = f.light().height();
        MaskedImage clean = MaskedImage.of(f.light(), Image.of(w, h, filled(w * h)), Mask.zeros(w, h));
        Spectra box = Extraction.boxcar(clean, f.truth(), p).spectra();
        double worst = 0;
        double[] expected = new double[sky.length];
        for (int q = 0; q < sky.length; q++) {
            double a = 0;
            double t = 0;
            for (int x = f.truth().x0(); x < f.truth().x1(); x++) {
                int j = sky[q] * w + x;
                a += box.flux()[j];
                t += f.truth().height(sky[q], x);
            }
            expected[q] = a / t;
            worst = Math.max(worst, Math.abs(r.ratio()[q] - expected[q]) / r.error()[q]);
        }
        double meanExpected = java.util.Arrays.stream(expected).average().orElseThrow();
        System.out.printf("%s; expected (profile fraction in +-1 px) mean %.4f; worst |measured - expected| %.2f of "
                + "the quoted error%n", r, meanExpected, worst);
        assertTrue(worst < 4, "worst deviation in quoted errors: " + worst);
        assertEquals(meanExpected, r.median(), 0.003);
        assertTrue(r.median() < 0.95, "a +-1 px aperture misses light: " + r.median());
    }

    @Test
    void extractionsOfDifferentShapesAreRefused() {
        assertEquals(FluxErrorCode.FLUX_SHAPE_MISMATCH, assertThrows(DrpException.class, () -> ApertureVsPsf.compare(
                Spectra.zeros(3, 10), Spectra.zeros(3, 11), new int[] {0}, 0)).code());
        assertEquals(FluxErrorCode.FLUX_TOO_FEW_REFERENCES, assertThrows(DrpException.class, () -> ApertureVsPsf
                .compare(Spectra.zeros(3, 10), Spectra.zeros(3, 10), new int[] {0, 1}, 0)).code());
    }

    private static float[] filled(int n) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, 1f);
        return a;
    }
}
