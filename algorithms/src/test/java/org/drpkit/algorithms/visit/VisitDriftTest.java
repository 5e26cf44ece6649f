package org.drpkit.algorithms.visit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.drpkit.algorithms.qa.ExposureQa;
import org.drpkit.algorithms.qa.NightQa;
import org.drpkit.algorithms.resample.LogGrid;
import org.drpkit.algorithms.resample.Resample;
import org.drpkit.algorithms.resample.ResampleParams;
import org.drpkit.algorithms.sim.NightScene;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.image.Spectra;
import org.junit.jupiter.api.Test;

/**
 * Exposure drifts against the simulator's truth: a wavelength error injected into one exposure's solution, and the
 * exposures' transparencies.
 */
class VisitDriftTest {

    static final double C = 299_792_458.0;
    static final NightScene NIGHT = NightScene.of(30, 4, 30, 0.01, 17);
    static final int[] STARS = IntStream.range(0, NIGHT.fibres())
            .filter(i -> !NIGHT.category(i).equals("sky_apogee")).toArray();

    /** The night's drifts with exposure 1's wavelengths all said to be {@code injected} m/s longer than they are. */
    static List<VisitDrift.Drift> drifts(double injected) throws DrpException {
        List<Spectra> exps = new ArrayList<>();
        for (int e = 0; e < NIGHT.exposures(); e++) {
            List<Spectra> chips = NIGHT.exposure(e);
            if (e == 1) {
                List<Spectra> moved = new ArrayList<>();
                for (Spectra s : chips) {
                    double[] w = s.wavelength().orElseThrow().clone();
                    for (int k = 0; k < w.length; k++) {
                        w[k] *= 1 + injected / C;
                    }
                    moved.add(s.withWavelength(w));
                }
                chips = moved;
            }
            exps.add(Resample.exposure(chips, LogGrid.apogee(), ResampleParams.defaults(), 2).spectra());
        }
        return VisitDrift.measure(exps, LogGrid.apogee(), STARS, VisitParams.defaults(), 2);
    }

    @Test
    void anInjectedWavelengthShiftIsRecoveredInFullAndTheTransparenciesAsFluxScales() throws DrpException {
        List<VisitDrift.Drift> base = drifts(0);
        List<VisitDrift.Drift> moved = drifts(300);
        List<ExposureQa> rows = new ArrayList<>();
        for (int e = 0; e < NIGHT.exposures(); e++) {
            VisitDrift.Drift x = moved.get(e);
            double expectedV = e == 1 ? 300 : -100; // leave one out: exposure 1 is a third of each other's reference
            double others = 0;
            for (int j = 0; j < NIGHT.exposures(); j++) {
                others += j == e ? 0 : NIGHT.transparency(j) / (NIGHT.exposures() - 1);
            }
            double expectedScale = NIGHT.transparency(e) / others;
            double dv = x.velocity() - base.get(e).velocity();
            System.out.printf("%s (without the injection %+.1f m/s); moved by %+.1f m/s, expected %+.1f; flux "
                    + "expected x %.4f%n", x, base.get(e).velocity(), dv, expectedV, expectedScale);
            assertTrue(x.velocityError() < 40, x.toString());
            // the same noise in both runs (moved a little by the changed resampling weights): the difference is the
            // estimator's response
            assertEquals(expectedV, dv, 0.05 * Math.abs(expectedV) + 5, x.toString());
            // without the injection: noise and the resampling's phase-dependent centroid shifts between dithered and
            // undithered exposures (up to 0.0146 grid px = 60 m/s for broad features, README)
            assertEquals(0, base.get(e).velocity(), 4 * base.get(e).velocityError() + 60, base.get(e).toString());
            assertEquals(expectedScale, x.fluxScale(), 4 * x.fluxError() + 0.001, x.toString());
            rows.add(new ExposureQa("exp" + e, 60000 + 0.01 * e, x.velocity(), x.velocityError(), x.fluxScale(),
                    x.fluxError(), Double.NaN, 30, 0.01, 1.3 + 0.01 * e));
        }
        NightQa qa = NightQa.of("sim", rows);
        System.out.println(qa);
        double mean = moved.stream().mapToDouble(VisitDrift.Drift::velocity).average().orElseThrow();
        double rms = Math.sqrt(moved.stream().mapToDouble(d -> (d.velocity() - mean) * (d.velocity() - mean))
                .average().orElseThrow());
        assertEquals(rms, qa.velocityRms(), 1e-9);
        assertEquals(0.03, qa.lsfRange(), 1e-9);
        assertEquals(6, qa.toText().lines().count(), qa.toText());
    }
}
