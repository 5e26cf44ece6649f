package org.drpkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.drpkit.algorithms.extract.ExtractParams;
import org.drpkit.algorithms.extract.Extraction;
import org.drpkit.algorithms.sim.FibreLight;
import org.drpkit.algorithms.sim.LsfModel;
import org.drpkit.algorithms.sim.SpectrographFrame;
import org.drpkit.algorithms.sim.SpectrographModel;
import org.drpkit.algorithms.sim.SpectrographSimulator;
import org.drpkit.algorithms.sim.WavelengthModel;
import org.drpkit.algorithms.trace.LineSpread;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.image.MaskedImage;
import org.drpkit.core.image.Spectra;
import org.drpkit.core.instrument.Chip;
import org.drpkit.core.instrument.H2rgLayout;
import org.drpkit.core.lines.LineList;
import org.drpkit.core.testing.SharedData;
import org.drpkit.fits.LineListFiles;
import org.junit.jupiter.api.Test;

/** The simulator's lamps with APOGEE's real line lists (skipped without ../shared), measured by LineSpread. */
class RealLineListLampTest {

    private static final Chip CHIP = H2rgLayout.chip("G", 512, 128, 4, 4, 18);

    @Test
    void theUNeArcThroughAKnownGaussHermiteLsfIsMeasuredWithinTwoPercent() throws DrpException {
        // blends bias a line's width: with all 119 green-chip lines the first region came out 2.1% broad on average
        // (worst 4.4%), so the lamp carries the lines without a neighbour of 1% of their intensity within 3 A (about
        // 10 px), as upstream flags its LSF lines
        LineList une = isolated(LineListFiles.readArc(SharedData.require("apogee/UNe.vac.apogee"), 2), 3, 0.01);
        SpectrographModel m = SpectrographModel.apogee(CHIP, 71);
        WavelengthModel wave = WavelengthModel.apogee("b", 1024);   // the cut sees columns 1024.. of the green chip
        LsfModel truth = LsfModel.varying(m.fibres(), CHIP.width(), 2, 1.35, 0.04, 0.04);
        SpectrographFrame f = SpectrographSimulator.render(m, FibreLight.lamp(m, wave, truth, une, 4000, 0));
        MaskedImage img = SpectrographSimulator.observe(f.light(), 1.9 * 23, 0.02, 72);
        Spectra arc = Extraction.optimal(img, f.truth(), ExtractParams.defaults()).spectra();
        LineSpread.Result r = LineSpread.measure(arc, m.fibres(), LineSpread.Params.defaults().withRegions(2));
        double worst = 0;
        int measured = 0;
        double[] mean = new double[2];
        double[] pull2 = new double[2];
        for (int i = 0; i < m.fibres().length; i++) {
            for (int k = 0; k < 2; k++) {
                if (r.lines()[i * 2 + k] >= 3) {
                    double e = r.sigma(i, k) / truth.sigma(i, k) - 1;
                    worst = Math.max(worst, Math.abs(e));
                    mean[k] += e / m.fibres().length;
                    double z = (r.sigma(i, k) - truth.sigma(i, k)) / r.error()[i * 2 + k];
                    pull2[k] += z * z / m.fibres().length;
                    measured++;
                }
            }
        }
        System.out.printf("UNe arc (%s): %s, %d fibre-regions with 3+ lines, worst sigma error %.2f%%, mean %.2f%% /"
                + " %.2f%%, pull rms %.2f / %.2f, lines %d / %d%n", une, r, measured, 100 * worst, 100 * mean[0],
                100 * mean[1], Math.sqrt(pull2[0]), Math.sqrt(pull2[1]), r.lines()[0], r.lines()[1]);
        assertTrue(measured >= m.fibres().length, "fibre-regions measured: " + measured);
        assertTrue(worst < 0.02, "worst relative sigma error " + worst);
    }

    private static LineList isolated(LineList l, double angstrom, double fraction) {
        double[] w = l.wavelength();
        double[] f = l.intensity();
        boolean[] keep = new boolean[w.length];
        int n = 0;
        for (int i = 0; i < w.length; i++) {
            keep[i] = true;
            for (int j = 0; j < w.length; j++) {
                keep[i] &= j == i || Math.abs(w[j] - w[i]) > angstrom || f[j] < fraction * f[i];
            }
            n += keep[i] ? 1 : 0;
        }
        double[] kw = new double[n];
        double[] kf = new double[n];
        for (int i = 0, k = 0; i < w.length; i++) {
            if (keep[i]) {
                kw[k] = w[i];
                kf[k++] = f[i];
            }
        }
        return new LineList(l.name() + " isolated", kw, kf);
    }

    @Test
    void theNightSkyCarriesTheOhLinesOnItsContinuum() throws DrpException {
        LineList oh = LineListFiles.readSky(SharedData.require("apogee/APOGEE_lines.csv"));
        SpectrographModel m = SpectrographModel.apogee(CHIP, 73);
        WavelengthModel wave = WavelengthModel.apogee("b", 768);
        LsfModel lsf = LsfModel.gaussian(m.fibres(), CHIP.width(), 1, 1.3);
        FibreLight sky = FibreLight.nightSky(m, wave, lsf, oh, 300, 3);
        double lo = wave.wavelength(m.fibres()[0], CHIP.lightSensitive().x1());
        double hi = wave.wavelength(m.fibres()[0], CHIP.lightSensitive().x0());
        LineList seen = oh.between(lo, hi);
        assertTrue(seen.size() >= 2, seen.toString());
        double total = 0;
        for (int x = CHIP.lightSensitive().x0(); x < CHIP.lightSensitive().x1(); x++) {
            total += sky.flux()[x] - 3;
        }
        double expected = 0;
        for (double v : seen.intensity()) {
            expected += 300 * v / oh.between(lo - 3, hi + 3).maxIntensity();
        }
        // lines within a few LSF widths of the chip's edges lose part of their flux
        assertEquals(expected, total, 0.05 * expected, sky.toString());
    }
}
