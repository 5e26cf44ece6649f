package org.drpkit.algorithms.flux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.drpkit.algorithms.extract.FibreFlat;
import org.drpkit.algorithms.resample.LogGrid;
import org.drpkit.algorithms.resample.Resample;
import org.drpkit.algorithms.resample.ResampleParams;
import org.drpkit.algorithms.sim.NightScene;
import org.drpkit.algorithms.stats.RobustStats;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.image.Spectra;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fluxing against {@link NightScene}'s truth: throughputs (spectrograph part per fibre and chip, connector term per
 * block of 30), transparency per exposure and the night's flux per count.
 */
class FluxTest {

    static final LogGrid GRID = LogGrid.apogee();
    static NightScene night;
    static int[] fibres;
    static FibreFlat.Throughput[] flats;
    static int[] skyRows;
    static int[] standardRows;

    @BeforeAll
    static void scene() throws DrpException {
        night = NightScene.of(90, 2, 30, 0.03, 21);
        fibres = night.fibreNumbers();
        flats = new FibreFlat.Throughput[3];
        for (int c = 0; c < 3; c++) {
            flats[c] = FibreFlat.of(night.flat(c, 3000), fibres, 0);
        }
        skyRows = IntStream.range(0, night.fibres()).filter(i -> night.category(i).equals("sky_apogee")).toArray();
        standardRows = IntStream.range(0, night.fibres()).filter(i -> night.category(i).equals("standard_apogee"))
                .toArray();
    }

    /** Exposure e divided by the fibre flats, on the grid. */
    static Spectra flatFluxed(List<Spectra> chips) throws DrpException {
        List<Spectra> fluxed = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            fluxed.add(RelativeFlux.applyFlat(chips.get(c), fibres, flats[c]).spectra());
        }
        return Resample.exposure(fluxed, GRID, ResampleParams.defaults(), 2).spectra();
    }

    /** @return per (row, chip) the recovered scale over the true throughput, divided by its median over rows */
    static double[][] relativeError(SkyScale s) {
        double[][] q = new double[night.fibres()][3];
        double[] all = new double[night.fibres() * 3];
        for (int i = 0; i < night.fibres(); i++) {
            for (int c = 0; c < 3; c++) {
                q[i][c] = flats[c].relative()[i] * s.scale(i) / night.throughput(i, c);
                all[3 * i + c] = q[i][c];
            }
        }
        double med = RobustStats.median(all);
        for (double[] row : q) {
            for (int c = 0; c < 3; c++) {
                row[c] = row[c] / med - 1;
            }
        }
        return q;
    }

    @Test
    void relativeFluxingFromFlatsAndSkyIsWithinHalfAPercentOfTheTrueThroughputs() throws DrpException {
        Spectra exp = flatFluxed(night.exposure(0));
        SkyScale s = SkyFlux.fit(exp, fibres, skyRows, SkyFluxParams.defaults());
        double[][] q = relativeError(s);
        double worst = 0;
        double worstSky = 0;
        double sq = 0;
        for (int i = 0; i < night.fibres(); i++) {
            for (int c = 0; c < 3; c++) {
                sq += q[i][c] * q[i][c] / (3.0 * night.fibres());
                if (night.category(i).equals("sky_apogee")) {
                    worstSky = Math.max(worstSky, Math.abs(q[i][c]));
                } else {
                    worst = Math.max(worst, Math.abs(q[i][c]));
                }
            }
        }
        SkyScale without = SkyFlux.fit(exp, fibres, skyRows, SkyFluxParams.defaults().withoutConnectorTerms());
        double worstWithout = 0;
        for (int i = 0; i < night.fibres(); i++) {
            if (!night.category(i).equals("sky_apogee")) {
                worstWithout = Math.max(worstWithout, Math.abs(relativeError(without)[i][0]));
            }
        }
        System.out.printf("relative fluxing vs truth: rms %.3f%%, worst %.3f%% (fibres), %.3f%% (sky fibres); without "
                + "connector terms worst %.2f%%; %s%n", 100 * Math.sqrt(sq), 100 * worst, 100 * worstSky,
                100 * worstWithout, s);
        assertTrue(worst < 0.005, "worst relative fluxing error " + worst);
        assertTrue(worstSky < 0.005, "worst sky fibre " + worstSky);
        assertTrue(worstWithout > 0.01, "the connector terms matter in this scene: " + worstWithout);
        assertEquals(skyRows.length, s.skyUsed());
        // what the connector terms leave between sky fibres is their noise: the ivar's, times at most 1.6 for the
        // covariance between neighbouring grid pixels that the ivar of resampled spectra leaves out
        assertTrue(s.rmsBlocks() > 0.8 * s.rmsExpected() && s.rmsBlocks() < 1.6 * s.rmsExpected(), s.toString());
        // each sky fibre's own ratio, against its quoted (scaled) error
        SkyScale own = SkyFlux.fit(exp, fibres, skyRows, SkyFluxParams.defaults().withOwnSkyRatio());
        double[][] qOwn = relativeError(own);
        double chi2 = 0;
        for (int k = 0; k < skyRows.length; k++) {
            double pull = qOwn[skyRows[k]][1] / (own.ratioError()[k] / own.ratio()[k]);
            chi2 += pull * pull / skyRows.length;
        }
        System.out.printf("own sky ratios against the truth: rms pull %.2f (quoted errors scaled by %.2f)%n",
                Math.sqrt(chi2), s.rmsBlocks() / s.rmsExpected());
        assertTrue(Math.sqrt(chi2) > 0.6 && Math.sqrt(chi2) < 1.5, "rms pull of the sky fibres' own ratios "
                + Math.sqrt(chi2));
    }

    @Test
    void aStarInASkyFibreIsLeftOut() throws DrpException {
        List<Spectra> chips = night.exposure(1);
        int bad = skyRows[4];
        for (Spectra chip : chips) {
            for (int x = 0; x < chip.pixels(); x++) {
                chip.flux()[chip.index(bad, x)] += 40f; // a faint star's continuum on the sky's 30 DN/read
            }
        }
        SkyScale s = SkyFlux.fit(flatFluxed(chips), fibres, skyRows, SkyFluxParams.defaults());
        assertFalse(s.used()[4], s.toString());
        assertEquals(skyRows.length - 1, s.skyUsed());
        double worst = 0;
        double[][] q = relativeError(s);
        for (int i = 0; i < night.fibres(); i++) {
            if (night.category(i).equals("science")) {
                worst = Math.max(worst, Math.abs(q[i][1]));
            }
        }
        assertTrue(worst < 0.005, "worst relative fluxing error with the odd sky fibre left out: " + worst);
    }

    @Test
    void standardsGiveTheNightsFluxScaleWithinTheirErrors() throws DrpException {
        List<StandardFlux.Scale> scales = new ArrayList<>();
        double[] hMag = Arrays.stream(standardRows).mapToDouble(night::hMagnitude).toArray();
        // the relative fluxing's unit against the truth: fluxed = transparency T S / R, R / T = unit
        double[] unit = new double[night.fibres()];
        for (int e = 0; e < night.exposures(); e++) {
            Spectra exp = flatFluxed(night.exposure(e));
            SkyScale s = SkyFlux.fit(exp, fibres, skyRows, SkyFluxParams.defaults());
            for (int i = 0; i < night.fibres(); i++) {
                unit[i] = flats[1].relative()[i] * s.scale(i) / night.throughput(i, 1);
            }
            double u = RobustStats.median(unit);
            StandardFlux.Scale scale = StandardFlux.fit(s.apply(exp), GRID, standardRows, hMag, s.sky());
            double truth = 2.5 * Math.log10(StandardFlux.H_ZERO_POINT * night.transparency(e)
                    / (night.fluxPerCount() * u));
            System.out.printf("exposure %d: %s; true zero point %.4f (transparency %.4f)%n", e, scale, truth,
                    night.transparency(e));
            assertEquals(standardRows.length, Arrays.stream(standardRows).count());
            assertTrue(scale.zeroPointError() < 0.01, scale.toString());
            assertEquals(truth, scale.zeroPoint(), 4 * scale.zeroPointError() + 0.002, scale.toString());
            scales.add(scale);
        }
        StandardFlux.Night n = StandardFlux.night(scales);
        double spread = Math.abs(2.5 * Math.log10(night.transparency(0) / night.transparency(1)));
        System.out.println(n + "; true transparency change " + spread + " mag");
        assertEquals(spread / 2, n.rms(), 0.002);
    }

    @Test
    void badRowListsAndTooFewSkyFibresAreRefused() throws DrpException {
        Spectra exp = flatFluxed(night.exposure(0));
        assertEquals(FluxErrorCode.FLUX_TOO_FEW_REFERENCES, assertThrows(DrpException.class,
                () -> SkyFlux.fit(exp, fibres, Arrays.copyOf(skyRows, 2), SkyFluxParams.defaults())).code());
        assertEquals(FluxErrorCode.FLUX_SHAPE_MISMATCH, assertThrows(DrpException.class,
                () -> SkyFlux.fit(exp, fibres, new int[] {0, 1, 900}, SkyFluxParams.defaults())).code());
        assertEquals(FluxErrorCode.FLUX_SHAPE_MISMATCH, assertThrows(DrpException.class,
                () -> RelativeFlux.applyFlat(night.exposure(0).get(0), new int[3], flats[0])).code());
        assertEquals(FluxErrorCode.FLUX_SHAPE_MISMATCH, assertThrows(DrpException.class,
                () -> StandardFlux.fit(exp, GRID, standardRows, new double[1], null)).code());
    }
}
