package org.drpkit.algorithms.wave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
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
 * An etalon of known cavity (L = 3.7363125e7 A, eps = 0.225, as the spec's APO start) and an arc lamp through the
 * simulator's fibres and true wavelengths, with photon and read noise: the joint fit recovers the cavity and improves
 * on the arc-only solutions.
 */
class FabryPerotTest {

    private static final double L = 3.7363125e7;
    private static final double EPS = 0.225;
    private static final int FIBRES = 60;

    /** One chip's etalon and arc spectra of the first fibres, their fibres for the fit and the truth. */
    private record ChipData(List<FabryPerot.Fibre> fibres, FibreWavelengths arcs, WavelengthModel wave,
            int[] fibreNumbers) {
    }

    private static ChipData chip(String name, String letter, int chipNum, long seed) throws DrpException {
        Chip chip = H2rgLayout.apogee(name);
        SpectrographModel m = SpectrographModel.apogee(chip, seed);
        WavelengthModel wave = WavelengthModel.apogee(letter, 0);
        LsfModel lsf = LsfModel.varying(m.fibres(), chip.width(), 2, 1.3, 0, 0.03);
        double lo = wave.wavelength(150, chip.width() + 40.0);
        double hi = wave.wavelength(150, -40.0);
        Spectra etalon = FibreLight.lamp(m, wave, lsf, LampLines.etalon(lo, hi, L, EPS), 20000, 0).first(FIBRES)
                .observe(1.9, 12, seed * 7 + 1);
        LineList list = LampLines.arc(lo, hi, 120, 0, seed * 7 + 2);
        Spectra arc = FibreLight.lamp(m, wave, lsf, list, 200000, 0).first(FIBRES).observe(1.9, 12, seed * 7 + 3);
        List<ArcLine> lines = LampLines.listed(list, wave, 150, chipNum, -1.4, 2);
        FibreWavelengths arcs = FibreWavelengths.solve(chipNum, arc, 0, lines, ArcCalibration.Params.defaults(), 2);
        List<FabryPerot.Fibre> fibres = new ArrayList<>();
        for (int k = 0; k < FIBRES; k++) {
            double[] f = new double[etalon.pixels()];
            double[] iv = new double[etalon.pixels()];
            for (int x = 0; x < f.length; x++) {
                f[x] = etalon.flux()[etalon.index(k, x)];
                iv[x] = etalon.ivar()[etalon.index(k, x)];
            }
            fibres.add(FabryPerot.Fibre.of(ArcPeaks.find(f, iv, ArcPeaks.Params.defaults()),
                    arcs.solution(k).orElseThrow()));
        }
        return new ChipData(fibres, arcs, wave, Arrays.copyOf(m.fibres(), FIBRES));
    }

    /**
     * Three chips, 60 fibres each (each fibre and chip its own quartic): the cavity is common to all. The etalon
     * order numbers run from about 4410 (red) to 4940 (blue), and that spread separates L from eps, which one chip
     * alone hardly does (measured on the green chip alone: L off by 7e-7 with a quoted error of 1.8e-6).
     */
    @Test
    void recoversTheCavityLengthToOneTenMillionthAndBeatsTheArcAlone() throws DrpException {
        List<ChipData> chips = List.of(chip("R", "a", 1, 5), chip("G", "b", 2, 6), chip("B", "c", 3, 7));
        List<FabryPerot.Fibre> all = new ArrayList<>();
        for (ChipData c : chips) {
            all.addAll(c.fibres());
        }
        // start 2e-6 long and 0.05 off in phase: the orders still come out right
        FabryPerot.Result r = FabryPerot.fit(all, new FabryPerot.Cavity(L * (1 + 2e-6), EPS + 0.05, 0, 0), 4);
        System.out.println(r);
        double rel = (r.cavity().length() - L) / L;
        int n = all.size();
        double[] arcOnly = new double[n];
        double[] joint = new double[n];
        for (int c = 0; c < 3; c++) {
            ChipData d = chips.get(c);
            for (int k = 0; k < FIBRES; k++) {
                ChipWavelength a = d.arcs().solution(k).orElseThrow().fit().solution();
                ChipWavelength j = r.solution(c * FIBRES + k);
                double sa = 0;
                double sj = 0;
                for (int x = 20; x < 2028; x++) {
                    double t = d.wave().wavelength(d.fibreNumbers()[k], x);
                    sa += Math.pow(a.wavelength(x) - t, 2);
                    sj += Math.pow(j.wavelength(x) - t, 2);
                }
                arcOnly[c * FIBRES + k] = Math.sqrt(sa / 2008);
                joint[c * FIBRES + k] = Math.sqrt(sj / 2008);
            }
        }
        Arrays.sort(arcOnly);
        Arrays.sort(joint);
        System.out.printf("cavity length error %.2e relative (quoted %.2e), eps %+.5f (quoted +- %.5f); vs truth: arc"
                + " alone median %.5f A, joint median %.5f A worst %.5f A%n", rel, r.cavity().lengthError() / L,
                r.cavity().phase() - EPS, r.cavity().phaseError(), arcOnly[n / 2], joint[n / 2], joint[n - 1]);
        assertTrue(Math.abs(rel) < 1e-7, "cavity length within 1e-7: " + rel);
        assertTrue(Math.abs(rel) < 4 * r.cavity().lengthError() / L, "within 4 of its quoted errors");
        assertTrue(joint[n / 2] < arcOnly[n / 2], "the etalon improves on the arc alone");
        assertTrue(joint[n / 2] < 0.001, "joint solution within 0.001 A of truth: " + joint[n / 2]);
        for (int[] o : r.orders()) {
            for (int k = 1; k < o.length; k++) {
                assertTrue(o[k] == 0 || o[k - 1] == 0 || o[k] > o[k - 1], "orders rise along the chip (wavelength falls)");
            }
        }
    }

    @Test
    void noFibresIsADomainError() {
        DrpException e = assertThrows(DrpException.class,
                () -> FabryPerot.fit(List.of(), FabryPerot.Cavity.apo(), 4));
        assertEquals(WaveErrorCode.WAVE_TOO_FEW_LINES, e.code());
    }
}
