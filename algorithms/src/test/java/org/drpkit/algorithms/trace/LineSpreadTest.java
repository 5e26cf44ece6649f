package org.drpkit.algorithms.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.drpkit.algorithms.extract.ExtractParams;
import org.drpkit.algorithms.extract.Extraction;
import org.drpkit.algorithms.sim.FibreLight;
import org.drpkit.algorithms.sim.LsfModel;
import org.drpkit.algorithms.sim.WavelengthModel;
import org.drpkit.algorithms.sim.SpectrographFrame;
import org.drpkit.algorithms.sim.SpectrographModel;
import org.drpkit.algorithms.sim.SpectrographSimulator;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.image.MaskedImage;
import org.drpkit.core.image.Spectra;
import org.junit.jupiter.api.Test;

class LineSpreadTest {

    @Test
    void recoversTheLineSpreadWidthOfEveryFibreAndRegionWithinTwoPercent() throws DrpException {
        SpectrographModel m = SpectrographModel.apogee(TraceFinderTest.SMALL, 61);
        double lsf = 1.3;
        SpectrographFrame f = SpectrographSimulator.render(m, FibreLight.arc(m, 24, lsf, 5));
        MaskedImage img = SpectrographSimulator.observe(f.light(), 1.9 * 23, 0.02, 6);
        Spectra arc = Extraction.optimal(img, f.truth(), ExtractParams.defaults()).spectra();
        LineSpread.Result r = LineSpread.measure(arc, m.fibres(), LineSpread.Params.defaults());
        System.out.println("LSF: " + r);
        double worst = 0;
        int empty = 0;
        for (int i = 0; i < m.fibres().length; i++) {
            for (int k = 0; k < r.regions(); k++) {
                if (r.lines()[i * r.regions() + k] == 0) {
                    empty++;
                    continue;
                }
                worst = Math.max(worst, Math.abs(r.sigma(i, k) / lsf - 1));
            }
        }
        System.out.printf("LSF: worst fibre-region error %.3f%%, %d fibre-regions without lines%n", 100 * worst, empty);
        assertEquals(0, empty);
        assertTrue(worst < 0.02, "worst relative error " + worst);
        assertEquals(lsf, r.medianSigma(), 0.002 * lsf);
    }

    @Test
    void aBroaderLsfInOneFibreIsSeenInThatFibreOnly() throws DrpException {
        SpectrographModel m = SpectrographModel.apogee(TraceFinderTest.SMALL, 62);
        FibreLight narrow = FibreLight.arc(m, 24, 1.2, 7);
        FibreLight wide = FibreLight.arc(m, 24, 1.5, 7);
        double[] flux = narrow.flux().clone();
        int broad = 10;
        int w = narrow.columns();
        System.arraycopy(wide.flux(), broad * w, flux, broad * w, w);
        FibreLight mixed = new FibreLight(narrow.fibres(), w, flux, "one broad fibre");
        SpectrographFrame f = SpectrographSimulator.render(m, mixed);
        MaskedImage img = SpectrographSimulator.observe(f.light(), 1.9 * 23, 0.02, 8);
        Spectra arc = Extraction.optimal(img, f.truth(), ExtractParams.defaults()).spectra();
        LineSpread.Result r = LineSpread.measure(arc, m.fibres(), LineSpread.Params.defaults().withRegions(2));
        assertEquals(1.5, r.sigma(broad, 0), 0.03);
        assertEquals(1.2, r.sigma(broad + 1, 0), 0.024);
        assertEquals(1.2, r.sigma(broad - 1, 1), 0.024);
    }

    /** An extracted Fabry-Perot comb (12 px spacing, 1500 DN/read per line) through a varying Gauss-Hermite LSF. */
    private static Spectra comb(SpectrographModel m, LsfModel lsf, long seed) throws DrpException {
        WavelengthModel wave = WavelengthModel.apogee("b", 768);
        SpectrographFrame f = SpectrographSimulator.render(m, FibreLight.fabryPerot(m, wave, lsf, 12, 1500));
        MaskedImage img = SpectrographSimulator.observe(f.light(), 1.9 * 23, 0.02, seed);
        return Extraction.optimal(img, f.truth(), ExtractParams.defaults()).spectra();
    }

    @Test
    void recoversTheGaussHermiteLsfOfEveryFibreAndRegion() throws DrpException {
        SpectrographModel m = SpectrographModel.apogee(TraceFinderTest.SMALL, 63);
        LsfModel truth = LsfModel.varying(m.fibres(), TraceFinderTest.SMALL.width(), 4, 1.4, 0.06, 0.05);
        LineSpread.Result r = LineSpread.measure(comb(m, truth, 9), m.fibres(), LineSpread.Params.defaults());
        double worst = 0;
        double worst3 = 0;
        double worst4 = 0;
        double pull2 = 0;
        double pull = 0;
        int n = 0;
        for (int i = 0; i < m.fibres().length; i++) {
            for (int k = 0; k < 4; k++) {
                if (k == 3) {
                    // the last region [480, 640) holds only 3 comb lines: the light-sensitive area ends at 576
                    assertTrue(r.lines()[i * 4 + k] >= 2, "lines in fibre " + m.fibres()[i] + " region 3");
                    assertEquals(truth.sigma(i, k), r.sigma(i, k), 0.03 * truth.sigma(i, k));
                    continue;
                }
                assertTrue(r.lines()[i * 4 + k] >= 10, "lines in fibre " + m.fibres()[i] + " region " + k);
                worst = Math.max(worst, Math.abs(r.sigma(i, k) / truth.sigma(i, k) - 1));
                worst3 = Math.max(worst3, Math.abs(r.h3()[i * 4 + k] - truth.h3(i, k)));
                worst4 = Math.max(worst4, Math.abs(r.h4()[i * 4 + k] - truth.h4(i, k)));
                double z = (r.sigma(i, k) - truth.sigma(i, k)) / r.error()[i * 4 + k];
                pull2 += z * z;
                pull += z;
                n++;
            }
        }
        System.out.printf("Gauss-Hermite LSF: %s; regions 0-2: worst sigma error %.3f%%, h3 %.4f, h4 %.4f, sigma pull"
                + " mean %.3f, rms %.2f%n", r, 100 * worst, worst3, worst4, pull / n, Math.sqrt(pull2 / n));
        assertTrue(worst < 0.02, "worst relative sigma error " + worst);
        assertTrue(worst3 < 0.02, "worst h3 error " + worst3);
        assertTrue(worst4 < 0.02, "worst h4 error " + worst4);
        // the quoted errors against the truth: pulls of unit rms (the errors include the shared shape's, which h4 and
        // the widths trade; without it the rms was 2.3) and no bias beyond 4 / sqrt(n) of the 213 fibre-regions
        assertEquals(1, Math.sqrt(pull2 / n), 0.2, "sigma pull rms");
        assertEquals(0, pull / n, 4 / Math.sqrt(n), "sigma pull mean");
        // a Gaussian fit of the same comb is biased by h4: the shape fit is what makes the 2% possible
        LineSpread.Result g = LineSpread.measure(comb(m, truth, 9), m.fibres(),
                LineSpread.Params.defaults().withGaussHermite(false));
        assertTrue(Math.abs(g.sigma(0, 0) / truth.sigma(0, 0) - 1) > 0.02, "Gaussian fit " + g.sigma(0, 0));
    }

    @Test
    void comparingTwoNightsFindsTheFibreWhoseLsfBroadened() throws DrpException {
        SpectrographModel m = SpectrographModel.apogee(TraceFinderTest.SMALL, 64);
        int w = TraceFinderTest.SMALL.width();
        LsfModel night1 = LsfModel.varying(m.fibres(), w, 2, 1.3, 0.03, 0.04);
        double[] s = night1.sigma();
        int broad = 7;
        s[broad * 2 + 1] *= 1.05;
        LsfModel night2 = new LsfModel(m.fibres(), w, 2, s, night1.h3(), night1.h4());
        LineSpread.Params p = LineSpread.Params.defaults().withRegions(2);
        LineSpread.Result a = LineSpread.measure(comb(m, night1, 11), m.fibres(), p);
        LineSpread.Result b = LineSpread.measure(comb(m, night2, 12), m.fibres(), p);
        LineSpread.Comparison c = LineSpread.compare(a, b, 5);
        System.out.println("LSF between nights: " + c);
        assertEquals(m.fibres().length * 2, c.compared());
        assertEquals(m.fibres()[broad], c.worstFibre());
        assertEquals(1, c.worstRegion());
        assertEquals(0.05, c.worstRelative(), 0.01);
        assertEquals(1, c.significant());
        assertEquals(0, c.medianRelative(), 0.002);
        LineSpread.Result other = LineSpread.measure(comb(m, night1, 13), m.fibres(), p.withRegions(3));
        assertEquals(TraceErrorCode.TRACE_SHAPE_MISMATCH,
                assertThrows(DrpException.class, () -> LineSpread.compare(a, other, 5)).code());
    }
}
