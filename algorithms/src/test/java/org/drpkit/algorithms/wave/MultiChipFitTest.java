package org.drpkit.algorithms.wave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.drpkit.algorithms.sim.LampLines;
import org.drpkit.algorithms.sim.WavelengthModel;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.image.Spectra;
import org.drpkit.core.lines.LineList;
import org.junit.jupiter.api.Test;

/**
 * The spec's multi-chip model: one quartic in a coordinate that runs over the three chips, each chip mapped in by an
 * offset and a scale. Truth: a simulator whose three chips follow such a model exactly (the model that best matches
 * the simulator's own chips, below), arc lamps with photon and read noise through it.
 */
class MultiChipFitTest {

    /** The truth: the spec's model closest to the simulator's three chips (fitted to them, rounded). */
    static final MultiChipWavelength TRUTH = new MultiChipWavelength(
            new double[] {16155.7712, -578.888113, -42.9799499, 1.01638611, -0.0906914921},
            new double[] {-1.07267, 0, 1.07356}, new double[] {1.00078, 1, 1.00022});

    private static WavelengthModel[] truthChips() {
        WavelengthModel[] w = new WavelengthModel[3];
        for (int c = 0; c < 3; c++) {
            w[c] = new WavelengthModel(SimChips.LETTERS[c], TRUTH.chip(c + 1).coeff(), 0, 1.5);
        }
        return w;
    }

    @Test
    void recoversTheChipOffsetsAndScalesFromThreeArcSpectraWithinTheirErrors() throws DrpException {
        int fibres = 6;
        SimChips s = new SimChips(fibres, 21, truthChips());
        List<List<ChipLines>> perFibre = new ArrayList<>();
        double[][] ownRms = new double[3][fibres];
        for (int k = 0; k < fibres; k++) {
            perFibre.add(new ArrayList<>());
        }
        for (int c = 0; c < 3; c++) {
            double[] r = s.range(c);
            LineList arc = LampLines.arc(r[0], r[1], 80, 0, 31 + c);
            Spectra sp = s.observe(c, w -> w, arc, 100000, 0, 0, 41 + c);
            var listed = LampLines.listed(arc, s.wave[c], 150, c + 1, -1.4, 2);
            for (int k = 0; k < fibres; k++) {
                ArcCalibration.ChipResult a = ArcCalibration.solve(c + 1, SimChips.row(sp, k, false),
                        SimChips.row(sp, k, true), listed, ArcCalibration.Params.defaults());
                perFibre.get(k).add(ChipLines.of(a));
                ownRms[c][k] = vsTruth(a.fit().solution(), s, c, k);
            }
        }
        double[][] jointRms = new double[3][fibres];
        for (int k = 0; k < fibres; k++) {
            MultiChipFit.Result r = MultiChipFit.fit(perFibre.get(k), MultiChipFit.Params.defaults());
            // the slit curve moves fibre k's spectrum by kappa columns on every chip: in the green chip's
            // coordinate that is a new polynomial, and offsets o_c + (s_c - 1) kappa / 2048
            double v = (s.fibre(k) - 150.5) / 149.5;
            double kappa = 1.5 * v * v;
            for (int c : new int[] {1, 3}) {
                double o = TRUTH.offset(c) + (TRUTH.scale(c) - 1) * kappa / 2048;
                assertEquals(o, r.model().offset(c), 4 * r.offsetError()[c - 1], "offset of chip " + c + ": " + r);
                assertEquals(TRUTH.scale(c), r.model().scale(c), 4 * r.scaleError()[c - 1], "scale of chip " + c);
                assertTrue(r.offsetError()[c - 1] < 1e-4 && r.scaleError()[c - 1] < 2e-4, "errors of 0.2 column or less: " + r);
            }
            for (int c = 0; c < 3; c++) {
                jointRms[c][k] = vsTruth(r.model().chip(c + 1), s, c, k);
                assertTrue(jointRms[c][k] < 0.002, "chip " + (c + 1) + " row " + k + " within 0.002 A of the truth: "
                        + jointRms[c][k]);
            }
            if (k == 0) {
                System.out.println(r);
            }
        }
        double[] joint = Arrays.stream(jointRms).flatMapToDouble(Arrays::stream).toArray();
        double[] own = Arrays.stream(ownRms).flatMapToDouble(Arrays::stream).toArray();
        assertTrue(median(joint) < median(own), "one model over the chips beats a quartic per chip: " + median(joint)
                + " against " + median(own) + " A");
        for (int c = 0; c < 3; c++) {
            System.out.printf("chip %d vs truth, median over %d fibres: joint model %.5f A, own quartic %.5f A%n",
                    c + 1, fibres, median(jointRms[c]), median(ownRms[c]));
        }
    }

    @Test
    void theSimulatorsThreeChipsAreNearlyOneModelNearTheSpecsStart() throws DrpException {
        // the simulator's chips were fitted independently to APOGEE's UNe list; the spec's model ties them together
        List<ChipLines> lines = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            WavelengthModel w = WavelengthModel.apogee(SimChips.LETTERS[c], 0);
            double[] x = new double[128];
            double[] l = new double[128];
            double[] e = new double[128];
            for (int i = 0; i < 128; i++) {
                x[i] = 16 * i;
                l[i] = w.wavelength(150, x[i]);   // fibre 150: no slit curve
                e[i] = 0.02;
            }
            lines.add(new ChipLines(c + 1, x, e, l));
        }
        MultiChipFit.Result r = MultiChipFit.fit(lines, MultiChipFit.Params.defaults());
        System.out.println("simulator's chips as one model: " + r);
        assertTrue(r.rms() < 0.002, "one quartic over the three chips within 0.002 A rms: " + r.rms());
        assertEquals(MultiChipWavelength.START_OFFSET_RED, r.model().offset(1), 0.004);
        assertEquals(MultiChipWavelength.START_OFFSET_BLUE, r.model().offset(3), 0.004);
    }

    @Test
    void theChipViewIsTheSameFunction() {
        for (int c = 1; c <= 3; c++) {
            ChipWavelength w = TRUTH.chip(c);
            for (double x = 0; x < 2048; x += 101.7) {
                assertEquals(TRUTH.wavelength(c, x), w.wavelength(x), 1e-8);
            }
        }
    }

    @Test
    void withoutTheGreenChipOrWithTooFewLinesItIsADomainError() {
        ChipLines red = new ChipLines(1, new double[] {100, 500, 900}, new double[] {0.01, 0.01, 0.01},
                new double[] {16900, 16800, 16700});
        DrpException e = assertThrows(DrpException.class, () -> MultiChipFit.fit(List.of(red),
                MultiChipFit.Params.defaults()));
        assertEquals(WaveErrorCode.WAVE_SHAPE_MISMATCH, e.code());
        ChipLines green = new ChipLines(2, new double[] {100, 500}, new double[] {0.01, 0.01},
                new double[] {16400, 16300});
        e = assertThrows(DrpException.class, () -> MultiChipFit.fit(List.of(red, green),
                MultiChipFit.Params.defaults()));
        assertEquals(WaveErrorCode.WAVE_TOO_FEW_LINES, e.code());
    }

    private static double vsTruth(ChipWavelength w, SimChips s, int c, int k) {
        double ss = 0;
        int n = 0;
        for (int x = 40; x < 2008; x += 4) {
            double d = w.wavelength(x) - s.wave[c].wavelength(s.fibre(k), x);
            ss += d * d;
            n++;
        }
        return Math.sqrt(ss / n);
    }

    private static double median(double[] a) {
        double[] b = a.clone();
        Arrays.sort(b);
        return b[b.length / 2];
    }
}
