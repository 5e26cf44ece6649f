package org.drpkit.algorithms.refcorr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.drpkit.algorithms.sim.DetectorModel;
import org.drpkit.algorithms.sim.DetectorSimulator;
import org.drpkit.algorithms.sim.Exposure;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.image.Ramp;
import org.drpkit.core.instrument.Chip;
import org.drpkit.core.instrument.H2rgLayout;
import org.junit.jupiter.api.Test;

class ZeropointTest {

    static final Chip CHIP = H2rgLayout.chip("Z", 128, 32, 4, 4, 18);

    /**
     * A noiseless ramp of ADC integers: a pixel pattern, static amplifier offsets, per-read offsets shared by the
     * edge amplifiers (1 and 4: the scheme's reference), other per-read offsets for amplifiers 2 and 3 and for the
     * reference output. The scheme must remove every per-read change exactly.
     */
    static Ramp offsets(int reads) {
        ReadoutClock clock = ReadoutClock.of(CHIP);
        SplittableRandom r = new SplittableRandom(3);
        int w = CHIP.width();
        int h = CHIP.height();
        float[] pattern = new float[w * h];
        for (int i = 0; i < pattern.length; i++) {
            pattern[i] = 12000 + r.nextInt(-80, 80);
        }
        double[] staticOffset = {-150, 40, 210, -90, -300};
        float[][] planes = new float[reads][w * h];
        double[] t = new double[reads];
        for (int k = 0; k < reads; k++) {
            t[k] = k;
            double edge = Math.rint(7.3 * Math.sin(k));
            double[] perRead = {edge, 3 * k, -2 * k + 1, edge, Math.rint(5.5 * Math.cos(k))};
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int o = clock.outputOf(x);
                    planes[k][y * w + x] = (float) (pattern[y * w + x] + staticOffset[o] + perRead[o]);
                }
            }
        }
        return Ramp.of(w, h, t, planes);
    }

    @Test
    void perReadOffsetsOfEveryOutputAreRemovedExactly() throws DrpException {
        Ramp raw = offsets(6);
        ZeropointLevels z = Zeropoint.measure(raw, CHIP, 0, 5);
        Ramp out = Zeropoint.apply(raw, CHIP, z);
        float[] first = out.read(0).array();
        for (int k = 1; k < 6; k++) {
            float[] v = out.read(k).array();
            for (int i = 0; i < v.length; i++) {
                assertEquals(first[i], v[i], 1e-3, "pixel " + i + " read " + k + ": " + z);
            }
        }
        assertTrue(Math.abs(raw.read(3).get(40, 60) - raw.read(0).get(40, 60)) > 1, "offsets were there");
    }

    @Test
    void streamingScanEqualsTheInMemoryMeasureForAnyBlockingAndWorkers() throws DrpException {
        Chip chip = H2rgLayout.chip("Z", 128, 32, 4, 4, 18);
        Ramp ramp = DetectorSimulator.simulate(chip, DetectorModel.apogeeLike(), Exposure.dark(8, 10.6, 4)).ramp();
        ZeropointLevels whole = Zeropoint.measure(ramp, chip, 2, 7);
        ReferenceScan scan = new ReferenceScan(chip, 2, 6);
        int rows = 7;
        float[][] block = new float[8][rows * chip.width()];
        ramp.readRows(0, rows, block);
        scan.setAnchors(block, rows);
        List<ReferenceScan.Accumulator> acc = List.of(scan.newAccumulator(), scan.newAccumulator(),
                scan.newAccumulator());
        List<Integer> order = new ArrayList<>();
        for (int y0 = 0; y0 < chip.height(); y0 += rows) {
            order.add(y0);
        }
        Collections.shuffle(order, new java.util.Random(5));
        int i = 0;
        for (int y0 : order) {
            int n = Math.min(rows, chip.height() - y0);
            ramp.readRows(y0, n, block);
            acc.get(i++ % 3).add(block, y0, n);
        }
        ZeropointLevels streamed = scan.finish();
        assertArrayEquals(whole.science(), streamed.science(), 1e-9);
        assertArrayEquals(whole.reference(), streamed.reference(), 1e-9);
        for (int j = 0; j < 6; j++) {
            assertArrayEquals(whole.amplifier()[j], streamed.amplifier()[j], 1e-9);
        }
    }

    @Test
    void groupedMedianOfIntegerDataFollowsSubDnShifts() {
        SplittableRandom r = new SplittableRandom(9);
        float[] base = new float[20000];
        double[] g = new double[base.length];
        for (int i = 0; i < g.length; i++) {
            g[i] = 4.5 * r.nextGaussian();
        }
        float[] scratch = new float[base.length];
        for (double shift : new double[] {0, 0.25, 0.5, 0.75}) {
            for (int i = 0; i < g.length; i++) {
                base[i] = (float) Math.rint(g[i] + shift);
            }
            double grouped = GroupedMedian.of(base, 0, base.length, scratch);
            // the median of 20000 Gaussian samples scatters by 1.25 x 4.5 / sqrt(20000) = 0.04 DN
            assertEquals(shift, grouped, 0.15, "grouped median at shift " + shift);
        }
    }

    @Test
    void histogramMedianOfSpreadNonIntegerDataIsWithinAHundredthOfADn() {
        SplittableRandom r = new SplittableRandom(11);
        float[] v = new float[100000];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (37.3 + 5 * r.nextGaussian());
        }
        int[] counts = new int[200];
        for (float x : v) {
            counts[(int) Math.floor(x + 0.5)]++;
        }
        double exact = org.drpkit.algorithms.stats.RobustStats.median(v);
        assertEquals(exact, GroupedMedian.ofHistogram(counts, 0, v.length, 0), 0.01);
        assertEquals(exact, GroupedMedian.of(v, 0, v.length, new float[v.length]), 1e-6, "kept samples: exact");
    }

    @Test
    void histogramAndKeptSamplesGiveTheSameGroupedMedian() {
        SplittableRandom r = new SplittableRandom(10);
        float[] v = new float[5001];
        int[] counts = new int[200];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.rint(100 + 6 * r.nextGaussian());
            counts[(int) v[i] - 0]++;
        }
        double kept = GroupedMedian.of(v, 0, v.length, new float[v.length]);
        double hist = GroupedMedian.ofHistogram(counts, 0, v.length, 0);
        assertEquals(kept, hist, 1e-9);
    }

    @Test
    void referenceOutputBeyondTheHistogramRangeIsReportedWithItsCode() {
        Ramp raw = offsets(3);
        float[] p = raw.read(2).array();
        for (int y = 16; y < CHIP.height(); y++) {
            for (int x = 128; x < 160; x++) {
                // below the first block (which anchors the histogram) the reference output jumps by 20000 DN
                p[y * CHIP.width() + x] += 20000;
            }
        }
        DrpException e = assertThrows(DrpException.class, () -> Zeropoint.measure(raw, CHIP, 0, 2));
        assertEquals(ReferenceErrorCode.REFERENCE_LEVEL_RANGE, e.code());
        assertTrue(e.getMessage().contains("read 2"), e.getMessage());
    }
}
