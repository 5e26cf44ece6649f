package org.drpkit.algorithms.visit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.drpkit.algorithms.resample.LogGrid;
import org.drpkit.algorithms.resample.Resample;
import org.drpkit.algorithms.resample.ResampleParams;
import org.drpkit.algorithms.resample.ResampledSpectra;
import org.drpkit.algorithms.sim.NightScene;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.flag.ExtraFlag;
import org.drpkit.core.image.Spectra;
import org.junit.jupiter.api.Test;

/** Visit combination against the simulator's truth: {@link NightScene}'s expected flux on the grid. */
class VisitCombineTest {

    private static final LogGrid GRID = LogGrid.apogee();

    static List<ResampledSpectra> resampled(NightScene night) throws DrpException {
        List<ResampledSpectra> out = new ArrayList<>();
        for (int e = 0; e < night.exposures(); e++) {
            out.add(Resample.exposure(night.exposure(e), GRID, ResampleParams.defaults(), 2));
        }
        return out;
    }

    /** @return the chip (0 a, 1 b, 2 c) where row i sees lambda at least 6 columns inside, or -1 */
    static int chipOf(NightScene night, int i, double lambda) {
        int fibre = night.fibreNumbers()[i];
        for (int c = 0; c < 3; c++) {
            double x = night.wavelengths(c).column(fibre, lambda);
            if (x > 6 && x < NightScene.COLUMNS - 7) {
                return c;
            }
        }
        return -1;
    }

    @Test
    void fluxPullsAreUnbiasedAndTheVarianceIsOneOverTheSumOfIvars() throws DrpException {
        NightScene night = NightScene.of(24, 4, 30, 0, 11);
        List<ResampledSpectra> exps = resampled(night);
        Visit v = VisitCombine.combine(exps, VisitParams.defaults(), 2);
        Spectra s = v.spectra();
        double sum = 0;
        double sum2 = 0;
        long count = 0;
        double worstIvar = 0;
        for (int i = 0; i < s.fibres(); i++) {
            for (int x = 0; x < GRID.count(); x++) {
                int j = i * GRID.count() + x;
                double lambda = GRID.wavelength(x);
                int c = chipOf(night, i, lambda);
                if (c < 0 || v.used()[j] != 4) {
                    continue;
                }
                double sumIvar = 0;
                for (ResampledSpectra r : exps) {
                    sumIvar += r.spectra().ivar()[j];
                }
                worstIvar = Math.max(worstIvar, Math.abs(s.ivar()[j] / sumIvar - 1));
                double truth = night.expected(0, i, c, lambda);
                double pull = (s.flux()[j] - truth) * Math.sqrt(s.ivar()[j]);
                sum += pull;
                sum2 += pull * pull;
                count++;
            }
        }
        double mean = sum / count;
        double rms = Math.sqrt(sum2 / count - mean * mean);
        System.out.printf("visit pulls: %d pixels, mean %+.4f, rms %.4f; ivar against sum of ivars worst %.2e; %s%n",
                count, mean, rms, worstIvar, v);
        assertTrue(count > 100_000, "pixels compared: " + count);
        // neighbouring grid pixels share noise (resampling), so about count/3 independent values: sd of the mean
        // about 0.005, of the rms about 0.004
        assertEquals(0, mean, 0.02, "mean pull");
        assertEquals(1, rms, 0.02, "rms pull");
        assertEquals(0, worstIvar, 1e-6, "combined ivar is the sum of the exposures' ivars");
        // 4 sigma against a slightly narrow variance: a few in 10^4 rejected by chance at most
        assertTrue(v.rejected() < 1e-3 * v.goodPerExposure()[0] * 4, "rejected by chance: " + v);
    }

    @Test
    void anOutlierInOneExposureIsRejectedAndTheOthersGiveTheFlux() throws DrpException {
        NightScene night = NightScene.of(9, 4, 30, 0, 5);
        int row = 4;
        int chip = 1;
        int column = 1000;
        List<ResampledSpectra> clean = resampled(night);
        List<ResampledSpectra> exps = new ArrayList<>();
        for (int e = 0; e < night.exposures(); e++) {
            List<Spectra> chips = night.exposure(e);
            if (e == 2) {
                Spectra b = chips.get(chip);
                for (int x = column; x <= column + 1; x++) {
                    int j = b.index(row, x);
                    b.flux()[j] += (float) (40 / Math.sqrt(b.ivar()[j])); // a cosmic-ray residual of 40 sigma
                }
            }
            exps.add(Resample.exposure(chips, GRID, ResampleParams.defaults(), 1));
        }
        Visit v = VisitCombine.combine(exps, VisitParams.defaults(), 1);
        Visit all = VisitCombine.combine(exps, VisitParams.defaults().withoutRejection(), 1);
        double lambda = night.wavelengths(chip).wavelength(night.fibreNumbers()[row], column + 0.5);
        int centre = (int) Math.rint(GRID.pixelOf(lambda));
        double worstKept = 0;
        double worstAll = 0;
        int flagged = 0;
        for (int x = centre - 3; x <= centre + 3; x++) {
            int j = row * GRID.count() + x;
            double truth = night.expected(0, row, chip, GRID.wavelength(x));
            worstKept = Math.max(worstKept, Math.abs(v.spectra().flux()[j] - truth) * Math.sqrt(v.spectra().ivar()[j]));
            worstAll = Math.max(worstAll, Math.abs(all.spectra().flux()[j] - truth)
                    * Math.sqrt(all.spectra().ivar()[j]));
            flagged += ExtraFlag.VISIT_REJECTED.isSetIn(v.spectra().mask()[j]) ? 1 : 0;
        }
        Visit reference = VisitCombine.combine(clean, VisitParams.defaults(), 1);
        System.out.printf("outlier: %s; near it worst |pull| %.2f with rejection, %.2f without; %d pixels flagged%n",
                v, worstKept, worstAll, flagged);
        assertTrue(worstAll > 10, "without rejection the outlier shows: " + worstAll);
        assertTrue(worstKept < 4.5, "with rejection the flux is the others': " + worstKept);
        assertTrue(flagged >= 3, "pixels flagged VISIT_REJECTED: " + flagged);
        assertTrue(v.rejectedPerExposure()[2] >= reference.rejectedPerExposure()[2] + 3, v + " against " + reference);
        for (int e : new int[] {0, 1, 3}) {
            assertEquals(reference.rejectedPerExposure()[e], v.rejectedPerExposure()[e], 2, "exposure " + e);
        }
    }

    @Test
    void twoExposuresAreNeverClippedAndOneGivesItself() throws DrpException {
        NightScene night = NightScene.of(6, 2, 30, 0, 2);
        List<ResampledSpectra> exps = resampled(night);
        Visit two = VisitCombine.combine(exps, VisitParams.defaults(), 1);
        assertEquals(0, two.rejected());
        Visit one = VisitCombine.combine(exps.subList(0, 1), VisitParams.defaults(), 1);
        Spectra in = exps.get(0).spectra();
        for (int j = 0; j < in.flux().length; j++) {
            if (in.ivar()[j] > 0) {
                assertEquals(in.flux()[j], one.spectra().flux()[j], 0f);
                assertEquals(in.ivar()[j], one.spectra().ivar()[j], 0f);
            } else {
                assertTrue(ExtraFlag.NOT_COVERED.isSetIn(one.spectra().mask()[j]));
                assertEquals(0f, one.spectra().ivar()[j]);
            }
        }
    }

    @Test
    void theResultIsTheSameForAnyWorkerCount() throws DrpException {
        List<ResampledSpectra> exps = resampled(NightScene.of(12, 3, 30, 0, 9));
        Visit a = VisitCombine.combine(exps, VisitParams.defaults(), 1);
        Visit b = VisitCombine.combine(exps, VisitParams.defaults(), 2);
        assertArrayEquals(a.spectra().flux(), b.spectra().flux());
        assertArrayEquals(a.spectra().ivar(), b.spectra().ivar());
        assertArrayEquals(a.spectra().mask(), b.spectra().mask());
        assertArrayEquals(a.rejectedPerExposure(), b.rejectedPerExposure());
    }

    @Test
    void splitGivesEachTargetItsRowAndRefusesBadRows() throws DrpException {
        List<ResampledSpectra> exps = resampled(NightScene.of(6, 3, 30, 0, 4));
        Visit v = VisitCombine.combine(exps, VisitParams.defaults(), 1);
        List<ObjectVisit> objects = VisitCombine.split(v, List.of(new VisitTarget(4, 201, "2M-b", "science", 1, 2),
                new VisitTarget(0, 1, "2M-a", "standard_apogee", 3, 4)));
        assertEquals("2M-b", objects.get(0).target().id());
        assertArrayEquals(v.spectra().fluxOf(4), objects.get(0).flux());
        assertArrayEquals(v.spectra().fluxOf(0), objects.get(1).flux());
        assertEquals(3, objects.get(1).exposures());
        assertTrue(objects.get(0).medianSnr() > 10, objects.get(0).toString());
        DrpException out = assertThrows(DrpException.class, () -> VisitCombine.split(v,
                List.of(new VisitTarget(6, 300, "x", "science", 0, 0))));
        assertEquals(VisitErrorCode.VISIT_SHAPE_MISMATCH, out.code());
        assertThrows(DrpException.class, () -> VisitCombine.split(v, List.of(new VisitTarget(1, 2, "x", "", 0, 0),
                new VisitTarget(1, 2, "y", "", 0, 0))));
    }

    @Test
    void exposuresOfDifferentShapesAreRefused() throws DrpException {
        NightScene night = NightScene.of(6, 1, 30, 0, 4);
        ResampledSpectra a = Resample.exposure(night.exposure(0), GRID, ResampleParams.defaults(), 1);
        ResampledSpectra b = Resample.exposure(night.exposure(0), LogGrid.of(4.179, 6e-6, 8575),
                ResampleParams.defaults(), 1);
        assertEquals(VisitErrorCode.VISIT_SHAPE_MISMATCH, assertThrows(DrpException.class,
                () -> VisitCombine.combine(List.of(a, b), VisitParams.defaults(), 1)).code());
        assertEquals(VisitErrorCode.VISIT_SHAPE_MISMATCH, assertThrows(DrpException.class,
                () -> VisitCombine.combine(List.of(), VisitParams.defaults(), 1)).code());
    }
}
