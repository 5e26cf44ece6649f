package org.drpkit.algorithms.wave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.drpkit.algorithms.sim.LampLines;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.image.Spectra;
import org.drpkit.core.lines.ArcLine;
import org.drpkit.core.lines.LineList;
import org.junit.jupiter.api.Test;

/**
 * A night of three etalon exposures, the later two dithered by +0.5 and -0.3 columns, and one arc (three chips x 8
 * fibres, photon and read noise): the first exposure's joint etalon-arc fit is the reference; each later exposure's
 * dither is fitted against it per fibre over the chips, its peaks are moved back and pooled with the first's, and the
 * pooled fit is the nightly solution. Truth: the injected dithers, the cavity (L = 3.7363125e7 A, eps = 0.225) and
 * the simulator's wavelengths.
 */
class NightlyEtalonTest {

    private static final int FIBRES = 8;
    private static final double[] DITHERS = {0, 0.5, -0.3};

    @Test
    void laterExposuresMovedBackByTheirDithersSharpenTheNightlySolution() throws DrpException {
        SimChips s = new SimChips(FIBRES, 51);
        FabryPerot.Cavity cavity = FabryPerot.Cavity.apo();
        Spectra[][] etalon = new Spectra[DITHERS.length][3];
        List<FabryPerot.Fibre> first = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            double[] r = s.range(c);
            LineList comb = LampLines.etalon(r[0] - 20, r[1] + 20, cavity.length(), cavity.phase());
            for (int e = 0; e < DITHERS.length; e++) {
                double d = DITHERS[e];
                etalon[e][c] = s.observe(c, w -> w.moved(d, 0), comb, 20000, 0, 0, 500 + 10 * e + c);
            }
            LineList arcLines = LampLines.arc(r[0], r[1], 120, 0, 60 + c);
            Spectra arc = s.observe(c, w -> w, arcLines, 200000, 0, 0, 70 + c);
            List<ArcLine> listed = LampLines.listed(arcLines, s.wave[c], 150, c + 1, -1.4, 2);
            for (int k = 0; k < FIBRES; k++) {
                ArcCalibration.ChipResult a = ArcCalibration.solve(c + 1, SimChips.row(arc, k, false),
                        SimChips.row(arc, k, true), listed, ArcCalibration.Params.defaults());
                first.add(FabryPerot.Fibre.of(peaks(etalon[0][c], k), a));
            }
        }
        // index c * FIBRES + k: chip index c, fibre row k
        FabryPerot.Result one = FabryPerot.fit(first, cavity, 4);
        List<FabryPerot.Fibre> pooled = new ArrayList<>(first);
        for (int e = 1; e < DITHERS.length; e++) {
            double[] pull = new double[FIBRES];
            for (int k = 0; k < FIBRES; k++) {
                List<ChipLines> lines = new ArrayList<>();
                ChipWavelength[] ref = new ChipWavelength[3];
                ArcPeaks.Result[] p = new ArcPeaks.Result[3];
                for (int c = 0; c < 3; c++) {
                    ref[c] = one.solution(c * FIBRES + k);
                    p[c] = peaks(etalon[e][c], k);
                    lines.add(EtalonLines.match(c + 1, p[c], ref[c], one.cavity()));
                }
                DitherFit.Result d = DitherFit.fit(lines, ref, DitherFit.Params.shift());
                pull[k] = (d.shift() - DITHERS[e]) / d.shiftError();
                assertTrue(Math.abs(pull[k]) < 4, "exposure " + e + ", fibre row " + k + ": " + d);
                for (int c = 0; c < 3; c++) {
                    int i = c * FIBRES + k;
                    pooled.set(i, pooled.get(i).plusPeaks(d.toReference(p[c].centres(), ref[c]),
                            p[c].centreErrors()));
                }
            }
            System.out.printf("exposure %d: dither %+.2f recovered with pulls rms %.2f%n", e, DITHERS[e],
                    SimChips.rms(pull));
        }
        FabryPerot.Result night = FabryPerot.fit(pooled, cavity, 4);
        double[] oneErr = vsTruth(one, s);
        double[] nightErr = vsTruth(night, s);
        System.out.printf("one exposure: %s%nthree pooled: %s%nvs truth, median: one %.5f A, night %.5f A%n", one,
                night, median(oneErr), median(nightErr));
        assertEquals(cavity.length(), night.cavity().length(), 4 * night.cavity().lengthError());
        assertTrue(night.peaksUsed() > 2.8 * one.peaksUsed(), "the later exposures' peaks are used");
        // the cavity's error hardly changes: the arc lines, the same in every exposure, fix the absolute scale; the
        // later exposures' peaks average the comb's own noise (measured: 0.00046 -> 0.00032 A median vs truth)
        assertTrue(median(nightErr) < median(oneErr), "the night's solutions closer to the truth than one exposure's");
    }

    private static ArcPeaks.Result peaks(Spectra s, int k) throws DrpException {
        return ArcPeaks.find(SimChips.row(s, k, false), SimChips.row(s, k, true), ArcPeaks.Params.defaults());
    }

    private static double[] vsTruth(FabryPerot.Result r, SimChips s) {
        double[] out = new double[3 * FIBRES];
        for (int c = 0; c < 3; c++) {
            for (int k = 0; k < FIBRES; k++) {
                ChipWavelength w = r.solution(c * FIBRES + k);
                double ss = 0;
                int n = 0;
                for (int x = 40; x < 2008; x += 4) {
                    double d = w.wavelength(x) - s.wave[c].wavelength(s.fibre(k), x);
                    ss += d * d;
                    n++;
                }
                out[c * FIBRES + k] = Math.sqrt(ss / n);
            }
        }
        return out;
    }

    private static double median(double[] a) {
        double[] b = a.clone();
        Arrays.sort(b);
        return 0.5 * (b[(b.length - 1) / 2] + b[b.length / 2]);
    }
}
