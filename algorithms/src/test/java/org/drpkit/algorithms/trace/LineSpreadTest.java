package org.drpkit.algorithms.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.drpkit.algorithms.extract.ExtractParams;
import org.drpkit.algorithms.extract.Extraction;
import org.drpkit.algorithms.sim.FibreLight;
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
}
