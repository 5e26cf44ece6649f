package org.drpkit.algorithms.ramp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.drpkit.algorithms.refcorr.RowNoiseParams;
import org.drpkit.algorithms.sim.DetectorModel;
import org.drpkit.algorithms.sim.DetectorSimulator;
import org.drpkit.algorithms.sim.Exposure;
import org.drpkit.algorithms.sim.SimulatedRamp;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.Ramp;
import org.drpkit.core.image.RampSource;
import org.drpkit.core.instrument.Chip;
import org.drpkit.core.instrument.H2rgLayout;
import org.drpkit.core.progress.ProgressListener;
import org.junit.jupiter.api.Test;

class RampProcessorTest {

    /** A small APOGEE-structured chip: 128 science columns in 4 amplifiers, a 32-column reference output. */
    static final Chip SMALL = H2rgLayout.chip("T", 128, 32, 4, 4, 18);

    static Image gradient(Chip chip, double lo, double hi) {
        float[] r = new float[chip.width() * chip.height()];
        for (int y = 0; y < chip.height(); y++) {
            double v = lo * Math.pow(hi / lo, (double) y / (chip.height() - 1));
            java.util.Arrays.fill(r, y * chip.width(), (y + 1) * chip.width(), (float) v);
        }
        return Image.of(chip.width(), chip.height(), r);
    }

    static void assertSameResult(RampResult a, RampResult b) {
        assertArrayEquals(a.rate().array(), b.rate().array());
        assertArrayEquals(a.ivar().array(), b.ivar().array());
        assertArrayEquals(a.chi2().array(), b.chi2().array());
        assertArrayEquals(a.flags().array(), b.flags().array());
        assertArrayEquals(a.jumps().array(), b.jumps().array());
        assertArrayEquals(a.lastDiff().array(), b.lastDiff().array());
        assertEquals(a.stats(), b.stats());
    }

    @Test
    void resultIsIdenticalForAnyThreadCountBlockHeightAndExecutor() throws DrpException {
        DetectorModel m = DetectorModel.apogeeLike().toBuilder().cosmicRayRate(2e-3).build();
        SimulatedRamp s = DetectorSimulator.simulate(SMALL, m, Exposure.of(12, 10.6, gradient(SMALL, 0.5, 3000), 5));
        RampProcessor.Params p = RampProcessor.Params.defaults(NoiseModel.of(1.9, 25))
                .withSaturationMap(s.truth().saturation())
                .withFit(FitParams.defaults(NoiseModel.of(1.9, 25))
                        .withCovarianceRate(FitParams.CovarianceRate.NEIGHBOURS));
        RampProcessor.Result one = RampProcessor.process(s.ramp(), SMALL, p.withBlocks(1, 1));
        RampProcessor.Result three = RampProcessor.process(s.ramp(), SMALL, p.withBlocks(5, 3));
        ExecutorService ex = Executors.newFixedThreadPool(4);
        try {
            RampProcessor.Result pooled = RampProcessor.process(s.ramp(), SMALL, p.withBlocks(64, 4), ex,
                    ProgressListener.NONE);
            assertSameResult(one.ramp(), pooled.ramp());
            assertEquals(one.rowNoise(), pooled.rowNoise());
        } finally {
            ex.shutdown();
        }
        assertSameResult(one.ramp(), three.ramp());
        assertEquals(one.rowNoise(), three.rowNoise());
        assertEquals(one.zeropoint().orElseThrow().toString(), three.zeropoint().orElseThrow().toString());
        assertTrue(one.ramp().stats().jumps() > 0, one.toString());
    }

    @Test
    void withoutCorrectionsItEqualsTheInMemoryStages() throws DrpException {
        DetectorModel m = DetectorModel.apogeeLike().toBuilder().oneOverFRms(0).biasDriftSigma(0).build();
        SimulatedRamp s = DetectorSimulator.simulate(SMALL, m, Exposure.of(10, 10.6, gradient(SMALL, 1, 8000), 6));
        FitParams fp = FitParams.defaults(NoiseModel.of(1.9, 20.3)).withEstimator(FitParams.Estimator.OLS_FIXSEN);
        RampProcessor.Params p = RampProcessor.Params.defaults(fp.noise()).withZeropoint(false).withRowNoise(null)
                .withSaturationMap(s.truth().saturation()).withFit(fp).withBlocks(3, 2);
        RampResult streamed = RampProcessor.process(s.ramp(), SMALL, p).ramp();
        ReadPlan plan = ReadSelection.plan(10, ReadSelection.Params.UPSTREAM);
        SaturationResult sat = Saturation.scan(s.ramp(), plan, s.truth().saturation(), SMALL, 0.9);
        RampResult staged = RampFit.fit(s.ramp(), plan, sat, JumpParams.DEFAULTS, fp, SMALL);
        assertSameResult(staged, streamed);
        assertTrue(sat.partial() + sat.full() > 0, sat.toString());
    }

    @Test
    void sourceOfAnotherShapeIsRejectedWithAStableCode() {
        Ramp r = Ramp.zeros(16, 16, 5, 1);
        DrpException e = assertThrows(DrpException.class,
                () -> RampProcessor.process(r, SMALL, RampProcessor.Params.defaults(NoiseModel.UPSTREAM_DEFAULTS)));
        assertEquals(RampErrorCode.RAMP_SHAPE_MISMATCH, e.code());
    }

    /**
     * Every stage at once on an APOGEE-structured chip (drifts, 1/f, cosmic rays, nonlinearity, saturation), against
     * the true rates. Each read's zeropoint of an amplifier is estimated from its 512 reference-row pixels here, to
     * {@code 1.25 sqrt(2) s / sqrt(512) = 0.08 s}: every pixel of that amplifier shares that error, which shifts
     * the pulls of read-noise-limited pixels by about 0.08 (0.04 over four amplifiers) and is invisible where photon
     * noise dominates. So the mean pull is held to 0.02 above 30 DN/read and to 3 x 0.04 below.
     */
    @Test
    void fullChainRecoversTrueRatesWithinTheirErrors() throws DrpException {
        Chip chip = H2rgLayout.chip("C", 256, 64, 4, 4, 18);
        DetectorModel m = DetectorModel.apogeeLike().toBuilder().oneOverFRms(1.0).cosmicRayRate(5e-4)
                .hotPixels(0, 1, 2).build();
        SimulatedRamp s = DetectorSimulator.simulate(chip, m, Exposure.of(30, 10.6, gradient(chip, 0.2, 1800), 8));
        NoiseModel noise = NoiseModel.of(m.gain(), m.readVariance());
        RampProcessor.Params p = RampProcessor.Params.defaults(noise).withSaturationMap(s.truth().saturation())
                .withNonlinearity(new Nonlinearity.Params(
                        Nonlinearity.Coefficients.perPixel(s.truth().linearityCoefficients(8)), 1,
                        java.util.Optional.empty()))
                .withFit(FitParams.defaults(noise).withCovarianceRate(FitParams.CovarianceRate.NEIGHBOURS));
        RampProcessor.Result r = RampProcessor.process(s.ramp(), chip, p);
        float[] rate = r.ramp().rate().array();
        float[] ivar = r.ramp().ivar().array();
        float[] truth = s.truth().rate().array();
        int[] last = r.ramp().lastDiff().array();
        double[] sum = new double[2];
        double[] sum2 = new double[2];
        long[] count = new long[2];
        for (int y = 0; y < chip.height(); y++) {
            for (int x = 0; x < chip.width(); x++) {
                int i = y * chip.width() + x;
                if (!chip.lightSensitive().contains(x, y) || last[i] < 10) {
                    continue;
                }
                double z = (rate[i] - truth[i]) * Math.sqrt(ivar[i]);
                int regime = truth[i] > 30 ? 1 : 0;
                sum[regime] += z;
                sum2[regime] += z * z;
                count[regime]++;
            }
        }
        double[] tolerance = {0.12, 0.02};
        for (int regime = 0; regime < 2; regime++) {
            double mean = sum[regime] / count[regime];
            double std = Math.sqrt(sum2[regime] / count[regime] - mean * mean);
            String what = (regime == 0 ? "below" : "above") + " 30 DN/read, " + count[regime] + " pixels; " + r;
            assertEquals(0, mean, tolerance[regime], "mean pull " + what);
            assertEquals(1, std, 0.05, "pull std " + what);
            assertTrue(count[regime] > 20000, what);
        }
        assertTrue(r.ramp().stats().jumps() > 0 && r.ramp().stats().partialSaturation() > 0, r.toString());
    }

    /** The same reads as a plain {@link RampSource}, so the processor takes its streaming path (no planes to share). */
    static RampSource streamed(Ramp r) {
        return new RampSource() {
            @Override
            public int width() {
                return r.width();
            }

            @Override
            public int height() {
                return r.height();
            }

            @Override
            public int reads() {
                return r.reads();
            }

            @Override
            public double[] readTimes() {
                return r.readTimes();
            }

            @Override
            public void readRows(int y0, int rows, float[][] dest) {
                r.readRows(y0, rows, dest);
            }
        };
    }

    /**
     * The streaming path (a source that does not hold its planes: every block is copied and differenced in place) and
     * the in-memory path (a {@link Ramp}, read in place) go through the same kernels, so they agree bit for bit with
     * every correction on: zeropoint, row noise, nonlinearity (the cubic float path and the generic polynomial path),
     * saturation, jumps, for both estimators. The scene drifts in bias and carries 1/f noise, so each correction
     * changes the result (checked against the same run without it).
     */
    @Test
    void streamedSourceEqualsInMemoryRampBitForBitWithEveryCorrection() throws DrpException {
        SimulatedRamp s = DetectorSimulator.simulate(SMALL, DetectorModel.apogeeLike().toBuilder().cosmicRayRate(2e-3)
                .build(), Exposure.of(12, 10.6, gradient(SMALL, 0.5, 20000), 9));
        NoiseModel noise = NoiseModel.of(1.9, 25);
        Nonlinearity.Params cubic = new Nonlinearity.Params(
                Nonlinearity.Coefficients.perPixel(s.truth().linearityCoefficients(3)), 1, java.util.Optional.empty());
        Nonlinearity.Params quartic = new Nonlinearity.Params(Nonlinearity.Coefficients.uniform(-1.5e-6, 1e-12, 1e-17),
                1, java.util.Optional.empty());
        for (FitParams.Estimator estimator : FitParams.Estimator.values()) {
            RampProcessor.Params all = RampProcessor.Params.defaults(noise)
                    .withSaturationMap(s.truth().saturation()).withNonlinearity(cubic).withBlocks(5, 2)
                    .withFit(FitParams.defaults(noise).withEstimator(estimator));
            RampProcessor.Params[] variants = {all, all.withNonlinearity(quartic), all.withNonlinearity(null),
                all.withRowNoise(null), all.withZeropoint(false)};
            RampResult[] results = new RampResult[variants.length];
            for (int v = 0; v < variants.length; v++) {
                RampProcessor.Result memory = RampProcessor.process(s.ramp(), SMALL, variants[v]);
                RampProcessor.Result stream = RampProcessor.process(streamed(s.ramp()), SMALL, variants[v]);
                assertSameResult(memory.ramp(), stream.ramp());
                assertEquals(memory.rowNoise(), stream.rowNoise());
                assertEquals(memory.zeropoint().map(RampProcessorTest::levels),
                        stream.zeropoint().map(RampProcessorTest::levels));
                results[v] = memory.ramp();
            }
            for (int v = 1; v < variants.length; v++) {
                assertTrue(!java.util.Arrays.equals(results[0].rate().array(), results[v].rate().array()),
                        "variant " + v + " of " + estimator + " changes the rates");
            }
            RampProcessor.Result one = RampProcessor.process(streamed(s.ramp()), SMALL, all);
            assertTrue(one.rowNoise().orElseThrow().corrected() == SMALL.height() && one.ramp().stats().jumps() > 0
                    && one.ramp().stats().partialSaturation() > 0, one.toString());
        }
    }

    private static String levels(org.drpkit.algorithms.refcorr.ZeropointLevels z) {
        return java.util.Arrays.toString(z.reference()) + java.util.Arrays.toString(z.science())
                + java.util.Arrays.deepToString(z.amplifier());
    }

    /**
     * With nonlinearity and saturation (no zeropoint, no row noise), the processor equals the in-memory stages
     * composed by hand, bit for bit. With zeropoint or row noise it cannot: those in-memory stages return corrected
     * reads ({@code Zeropoint.apply} rounds {@code read - level} to float for each read, {@code RowNoiseCorrection}
     * re-integrates corrected differences into reads), while the streaming pass corrects the differences
     * ({@code read_k+1 - read_k - (level_k+1 - level_k)}, one float rounding fewer) and removes the row noise after
     * linearising, so the two differ by float rounding (about 1e-3 DN per difference at 12000 DN).
     */
    @Test
    void withNonlinearityAndSaturationItEqualsTheInMemoryStagesBitForBit() throws DrpException {
        SimulatedRamp s = DetectorSimulator.simulate(SMALL, DetectorModel.apogeeLike().toBuilder().oneOverFRms(0)
                .biasDriftSigma(0).build(), Exposure.of(10, 10.6, gradient(SMALL, 1, 20000), 6));
        Nonlinearity.Params nl = new Nonlinearity.Params(
                Nonlinearity.Coefficients.perPixel(s.truth().linearityCoefficients(3)), 1, java.util.Optional.empty());
        for (FitParams.Estimator estimator : FitParams.Estimator.values()) {
            FitParams fp = FitParams.defaults(NoiseModel.of(1.9, 20.3)).withEstimator(estimator);
            RampProcessor.Params p = RampProcessor.Params.defaults(fp.noise()).withZeropoint(false).withRowNoise(null)
                    .withSaturationMap(s.truth().saturation()).withNonlinearity(nl).withFit(fp).withBlocks(3, 2);
            RampResult streamed = RampProcessor.process(streamed(s.ramp()), SMALL, p).ramp();
            ReadPlan plan = ReadSelection.plan(10, ReadSelection.Params.UPSTREAM);
            SaturationResult sat = Saturation.scan(s.ramp(), plan, s.truth().saturation(), SMALL, 0.9);
            Ramp linear = Nonlinearity.correct(s.ramp(), plan, nl);
            RampResult staged = RampFit.fit(linear, plan, sat, JumpParams.DEFAULTS, fp, SMALL);
            assertSameResult(staged, streamed);
            assertTrue(sat.partial() > 0, sat.toString());
        }
    }

    /**
     * A pixel with a NaN read that saturates later: the streaming path shares {@link Saturation}'s row kernel, so it
     * finds the first read over the threshold (read 6 of 0..7: five usable differences), as the in-memory stage does.
     */
    @Test
    void aPixelWithANanReadIsStillFoundSaturated() throws DrpException {
        Ramp r = Ramp.zeros(SMALL.width(), SMALL.height(), 8, 10.6);
        for (int k = 0; k < 8; k++) {
            for (int y = 0; y < SMALL.height(); y++) {
                for (int x = 0; x < SMALL.width(); x++) {
                    r.set(x, y, k, 1000 + 100 * k);
                }
            }
        }
        r.set(5, 9, 3, Float.NaN);
        r.set(5, 9, 6, 60000);
        r.set(5, 9, 7, 60000);
        float[] level = new float[SMALL.width() * SMALL.height()];
        java.util.Arrays.fill(level, 50000);
        Image map = Image.of(SMALL.width(), SMALL.height(), level);
        RampProcessor.Params p = RampProcessor.Params.defaults(NoiseModel.of(1.9, 25)).withZeropoint(false)
                .withRowNoise(null).withSaturationMap(map).withReads(ReadSelection.Params.ALL_READS);
        RampResult streamed = RampProcessor.process(streamed(r), SMALL, p).ramp();
        SaturationResult staged = Saturation.scan(r, ReadSelection.plan(8, ReadSelection.Params.ALL_READS), map, SMALL,
                p.saturationFudge());
        assertEquals(5, staged.usableDifferences().get(5, 9));
        assertEquals(5, streamed.lastDiff().get(5, 9));
    }

    @Test
    void streamedSourceFindsSaturationBeforeTheFirstUsedRead() throws DrpException {
        // Rates up to 20000 DN/read saturate during the dropped reads: those pixels have no usable difference.
        SimulatedRamp s = DetectorSimulator.simulate(SMALL, DetectorModel.apogeeLike(),
                Exposure.of(12, 10.6, gradient(SMALL, 0.5, 20000), 9));
        NoiseModel noise = NoiseModel.of(1.9, 25);
        RampProcessor.Params plain = RampProcessor.Params.defaults(noise).withSaturationMap(s.truth().saturation());
        RampProcessor.Params linearised = plain.withNonlinearity(new Nonlinearity.Params(
                Nonlinearity.Coefficients.perPixel(s.truth().linearityCoefficients(3)), 1, java.util.Optional.empty()));
        for (RampProcessor.Params p : new RampProcessor.Params[] {plain, linearised}) {
            RampResult stream = RampProcessor.process(streamed(s.ramp()), SMALL, p).ramp();
            int first = stream.plan().firstRead();
            long expectedFull = 0;
            long foundFull = 0;
            for (int y = 0; y < SMALL.height(); y++) {
                for (int x = 0; x < SMALL.referenceOutput().orElseThrow().x0(); x++) {
                    // truth: the first read whose noiseless level passes 0.9 x saturation
                    boolean full = s.truth().firstSaturatedRead().get(x, y) <= first
                            && SMALL.lightSensitive().contains(x, y);
                    if (full) {
                        expectedFull++;
                        if (org.drpkit.core.flag.PixelFlag.isSet(stream.flags().get(x, y),
                                org.drpkit.core.flag.PixelFlag.FULL_SATURATION)) {
                            foundFull++;
                        }
                    }
                }
            }
            assertTrue(expectedFull > 100, "the scene saturates early: " + expectedFull);
            // noise can move a pixel right at the threshold by one read; nearly all must be found
            assertTrue(foundFull >= 0.99 * expectedFull, foundFull + " of " + expectedFull + " fully saturated");
        }
    }
}
