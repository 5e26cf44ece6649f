package org.drpkit.algorithms.wave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.drpkit.algorithms.sim.FibreLight;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.image.Spectra;
import org.drpkit.core.lines.LineList;
import org.junit.jupiter.api.Test;

/**
 * Twelve sky fibres of the green chip that see the same OH-like sky through known throughputs (0.85..1.15): the
 * table's relative line fluxes must match the throughputs over their median within the quoted errors, and the sky
 * spectrum must match the noiseless sky of the reference fibre, scaled by the median throughput, within its noise.
 */
class SkyLineFluxTest {

    private static final int FIBRES = 12;

    @Test
    void skyFibresGiveTheRelativeSkyFluxAcrossTheFieldAndTheSkySpectrum() throws DrpException {
        SimChips s = new SimChips(FIBRES, 13);
        LineList sky = s.sky(1, 17);
        double[] throughput = new double[FIBRES];
        FibreLight light = FibreLight.lamp(s.model[1], s.wave[1], s.lsf[1], sky, 20000, 5).first(FIBRES);
        double[] f = light.flux().clone();
        int w = light.columns();
        for (int k = 0; k < FIBRES; k++) {
            throughput[k] = 1 + 0.15 * Math.sin(1.7 * k);
            for (int x = 0; x < w; x++) {
                f[k * w + x] *= throughput[k];
            }
        }
        FibreLight seen = new FibreLight(FIBRES, w, f, "sky through known throughputs");
        Spectra sp = seen.observe(1.9, 12, 99);
        List<SkyLineFlux.Fibre> fibres = new ArrayList<>();
        for (int k = 0; k < FIBRES; k++) {
            double[] flux = SimChips.row(sp, k, false);
            double[] ivar = SimChips.row(sp, k, true);
            SkyLines.Result lines = SkyLines.find(2, flux, ivar, s.truth(1, k), sky, SkyLines.Params.defaults());
            fibres.add(new SkyLineFlux.Fibre(s.fibre(k), flux, ivar, s.truth(1, k), lines));
        }
        SkyLineFlux.Result r = SkyLineFlux.measure(fibres);
        System.out.println(r);
        double median = median(throughput);
        double[] pull = new double[FIBRES];
        for (int k = 0; k < FIBRES; k++) {
            SkyLineFlux.Row row = r.rows().get(k);
            assertEquals(s.fibre(k), row.fibre());
            pull[k] = (row.lineFlux() - throughput[k] / median) / row.lineFluxError();
            assertTrue(Math.abs(pull[k]) < 4, row + ", truth " + throughput[k] / median);
            assertTrue(row.lines() >= 20, row.toString());
        }
        System.out.printf("relative line flux pulls rms %.2f; %s%n", SimChips.rms(pull), r.rows().get(0));
        // the median over fibres carries the median's own scatter: the pulls' rms may exceed 1 a little
        assertTrue(SimChips.rms(pull) < 2, "errors near what they say: " + SimChips.rms(pull));
        // the sky spectrum against the noiseless sky of the reference fibre at the median throughput
        int ref = Arrays.stream(s.model[1].fibres()).boxed().toList().indexOf(r.referenceFibre());
        double[] truth = Arrays.copyOfRange(light.flux(), ref * w, (ref + 1) * w);
        double sum = 0;
        double sum2 = 0;
        int n = 0;
        for (int x = 20; x < 2028; x++) {
            double z = (r.flux()[x] - truth[x] * median) * Math.sqrt(r.ivar()[x]);
            sum += z;
            sum2 += z * z;
            n++;
        }
        double mean = sum / n;
        double rms = Math.sqrt(sum2 / n);
        System.out.printf("sky spectrum against the truth: mean pull %+.3f, rms %.3f over %d columns%n", mean, rms, n);
        assertTrue(Math.abs(mean) < 0.15 && rms > 0.6 && rms < 1.4, "sky spectrum within its noise: mean " + mean
                + ", rms " + rms);
    }

    @Test
    void oneSkyFibreIsTooFew() {
        DrpException e = assertThrows(DrpException.class, () -> SkyLineFlux.measure(List.of()));
        assertEquals(WaveErrorCode.WAVE_SHAPE_MISMATCH, e.code());
    }

    private static double median(double[] a) {
        double[] b = a.clone();
        Arrays.sort(b);
        return 0.5 * (b[(b.length - 1) / 2] + b[b.length / 2]);
    }
}
