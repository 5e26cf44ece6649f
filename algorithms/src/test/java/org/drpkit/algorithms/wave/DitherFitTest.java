package org.drpkit.algorithms.wave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.drpkit.algorithms.sim.LampLines;
import org.drpkit.algorithms.sim.WavelengthModel;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.image.Spectra;
import org.junit.jupiter.api.Test;

/**
 * An etalon exposure dithered against the night: the simulator's etalon (L = 3.7363125e7 A, eps = 0.225) seen through
 * the true wavelengths moved by a known dither or flexure, with photon and read noise, fitted against the night's
 * (true) solutions. The truth is the injected move; the tolerance is the fit's own error, checked by the pulls of
 * ten fibres.
 */
class DitherFitTest {

    private static final FabryPerot.Cavity CAVITY = FabryPerot.Cavity.apo();
    private static final int FIBRES = 10;

    /** The fits of every fibre, three chips each, for an exposure whose truth is {@code moved} of the night's. */
    private static List<DitherFit.Result> fitEtalon(UnaryOperator<WavelengthModel> moved, DitherFit.Params p,
            long seed) throws DrpException {
        SimChips s = new SimChips(FIBRES, seed);
        Spectra[] spectra = new Spectra[3];
        for (int c = 0; c < 3; c++) {
            double[] r = s.range(c);
            spectra[c] = s.observe(c, moved, LampLines.etalon(r[0], r[1], CAVITY.length(), CAVITY.phase()), 20000, 0,
                    0, seed * 10 + c);
        }
        List<DitherFit.Result> out = new ArrayList<>();
        for (int k = 0; k < FIBRES; k++) {
            List<ChipLines> lines = new ArrayList<>();
            ChipWavelength[] ref = new ChipWavelength[3];
            for (int c = 0; c < 3; c++) {
                ref[c] = s.truth(c, k);
                ArcPeaks.Result peaks = ArcPeaks.find(SimChips.row(spectra[c], k, false),
                        SimChips.row(spectra[c], k, true), ArcPeaks.Params.defaults());
                lines.add(EtalonLines.match(c + 1, peaks, ref[c], CAVITY));
            }
            out.add(DitherFit.fit(lines, ref, p));
        }
        return out;
    }

    private static void assertPulls(List<DitherFit.Result> fits, double shift, double scale, String what) {
        double[] pull = new double[fits.size()];
        double[] pullScale = new double[fits.size()];
        for (int k = 0; k < fits.size(); k++) {
            DitherFit.Result d = fits.get(k);
            pull[k] = (d.shift() - shift) / d.shiftError();
            pullScale[k] = d.scaleError() > 0 ? (d.scale() - scale) / d.scaleError() : 0;
            assertTrue(Math.abs(pull[k]) < 4, what + ", fibre row " + k + ": " + d);
            assertTrue(Math.abs(pullScale[k]) < 4, what + ", fibre row " + k + ": " + d);
            assertTrue(d.linesUsed() > 0.95 * d.lines(), "few etalon peaks clipped: " + d);
        }
        System.out.printf("%s: %s; shift pulls rms %.2f, scale pulls rms %.2f%n", what, fits.get(0),
                SimChips.rms(pull), SimChips.rms(pullScale));
        // ten pulls of unit variance: their rms lies in 0.5..1.6 with probability above 99 %
        assertTrue(SimChips.rms(pull) > 0.45 && SimChips.rms(pull) < 1.7, "shift errors say what they are: "
                + SimChips.rms(pull));
    }

    @Test
    void recoversAHalfColumnDitherOfAnEtalonExposureWithinItsError() throws DrpException {
        List<DitherFit.Result> fits = fitEtalon(w -> w.moved(0.5, 0), DitherFit.Params.shift(), 3);
        assertPulls(fits, 0.5, 0, "dither 0.5 columns");
        for (DitherFit.Result d : fits) {
            assertTrue(d.shiftError() < 0.002, "an etalon's comb pins the shift: " + d);
            // half a column is about -13 km/s at these dispersions: the nightly solution would read the lines so far off
            double v = 0.5 * -0.28 / 16100 * WavelengthFit.C_METRES_PER_SECOND;
            assertEquals(v, d.velocity(), 0.1 * Math.abs(v));
        }
    }

    @Test
    void recoversSubPixelFlexureWithAScale() throws DrpException {
        List<DitherFit.Result> fits = fitEtalon(w -> w.moved(0.13, 0.08), DitherFit.Params.shiftAndScale(), 4);
        assertPulls(fits, 0.13, 0.08, "flexure 0.13 + 0.08 u columns");
        ChipWavelength night = new SimChips(FIBRES, 4).truth(1, 0);
        ChipWavelength moved = fits.get(0).apply(night);
        // the tweaked solution against the exposure's truth, over the chip
        WavelengthModel truth = WavelengthModel.apogee("b", 0).moved(0.13, 0.08);
        SimChips s = new SimChips(FIBRES, 4);
        double worst = 0;
        for (int x = 0; x < 2048; x += 8) {
            worst = Math.max(worst, Math.abs(moved.wavelength(x) - truth.wavelength(s.fibre(0), x)));
        }
        double bound = 4 * 0.28 * (fits.get(0).shiftError() + fits.get(0).scaleError());
        assertTrue(worst < bound, "tweaked solution within " + bound + " A of the exposure's truth: " + worst);
    }

    @Test
    void movedIsExactAndColumnInvertsTheSolution() {
        ChipWavelength w = new ChipWavelength(new double[] {16155.772, -289.435, -10.751, 0.112}, 1023.5, 1024);
        ChipWavelength m = w.moved(0.5, 0.2);
        for (double x = 0; x < 2048; x += 97.3) {
            double u = (x - 1023.5) / 1024;
            assertEquals(w.wavelength(x - 0.5 - 0.2 * u), m.wavelength(x), 1e-9);
            assertEquals(x, w.column(w.wavelength(x)), 1e-8);
        }
    }

    @Test
    void tooFewLinesOrAMissingReferenceAreDomainErrors() {
        ChipLines two = new ChipLines(2, new double[] {100, 900}, new double[] {0.01, 0.01},
                new double[] {16400, 16200});
        ChipWavelength g = new ChipWavelength(new double[] {16155.772, -289.435}, 1023.5, 1024);
        DrpException e = assertThrows(DrpException.class, () -> DitherFit.fit(List.of(two),
                new ChipWavelength[] {null, g, null}, DitherFit.Params.shiftAndScale()));
        assertEquals(WaveErrorCode.WAVE_TOO_FEW_LINES, e.code());
        e = assertThrows(DrpException.class, () -> DitherFit.fit(List.of(two), new ChipWavelength[3],
                DitherFit.Params.shift()));
        assertEquals(WaveErrorCode.WAVE_SHAPE_MISMATCH, e.code());
    }
}
