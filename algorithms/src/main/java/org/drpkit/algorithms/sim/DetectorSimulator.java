package org.drpkit.algorithms.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import org.drpkit.algorithms.concurrent.BlockWorkers;
import org.drpkit.algorithms.refcorr.ReadoutClock;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.Mask;
import org.drpkit.core.image.Ramp;
import org.drpkit.core.image.SizeGuard;
import org.drpkit.core.instrument.Chip;
import org.drpkit.core.instrument.Region;

/**
 * Simulates up-the-ramp reads of an H2RG-like chip (see {@link DetectorModel} for the signal chain) with the
 * truth behind them.
 *
 * <p>Any {@link Chip} works: the APOGEE geometry ({@code H2rgLayout.apogee}), smaller chips of the same structure
 * ({@code H2rgLayout.chip}) and plain single-amplifier chips ({@code Chip.simple}). Light falls on the
 * light-sensitive area only; the reference border and the reference output carry bias and noise only. The 1/f noise
 * of one read is a single series in pixel-clock order ({@link ReadoutClock}), added to every output at the same
 * tick, so each amplifier's readout direction is respected and the reference output sees what the science pixels
 * see.
 *
 * <p>Deterministic for any thread count and executor: each row draws from its own stream of
 * {@code (exposure seed, row)} (and the static maps from {@code (detector seed, row)}), each read's 1/f series
 * from {@code (exposure seed, read)}. Memory: the ramp itself ({@code reads x width x height} floats) and the
 * truth maps.
 *
 * <pre>{@code
 * Chip chip = H2rgLayout.chip("G", 256, 64, 4, 4, 18);
 * SimulatedRamp s = DetectorSimulator.simulate(chip, DetectorModel.apogeeLike(), Exposure.dark(20, 10.6, 1));
 * s.truth().jumps().count();
 * }</pre>
 */
public final class DetectorSimulator {

    private static final int ROWS_PER_TASK = 8;

    private DetectorSimulator() {
    }

    /** Simulates with one worker per processor on the default asynchronous pool. */
    public static SimulatedRamp simulate(Chip chip, DetectorModel model, Exposure exposure) {
        return simulate(chip, model, exposure, null);
    }

    /**
     * @param executor runs the row and read tasks, or null for the default pool; the result does not depend on it
     * @throws IllegalArgumentException when the rate map does not have the chip's shape
     */
    public static SimulatedRamp simulate(Chip chip, DetectorModel model, Exposure exposure, Executor executor) {
        int w = chip.width();
        int h = chip.height();
        int px = SizeGuard.checkArray(w, h);
        SizeGuard.checkArray(px, exposure.reads());
        exposure.rate().ifPresent(r -> {
            if (r.width() != w || r.height() != h) {
                throw new IllegalArgumentException("rate map " + r.width() + "x" + r.height() + " does not match chip "
                        + chip.name() + " " + w + "x" + h);
            }
        });
        ReadoutClock clock = ReadoutClock.of(chip);
        int reads = exposure.reads();
        int outputs = clock.outputs();
        double[] offsets = new double[outputs];
        SplittableRandom or = Seeds.stream(model.seed(), Seeds.OFFSETS, 0);
        for (int o = 0; o < outputs; o++) {
            offsets[o] = model.outputOffsetSigma() * or.nextGaussian();
        }
        double[][] drift = new double[reads][outputs];
        SplittableRandom dr = Seeds.stream(exposure.seed(), Seeds.DRIFT, 0);
        for (int k = 0; k < reads; k++) {
            for (int o = 0; o < outputs; o++) {
                drift[k][o] = model.biasDriftSigma() * dr.nextGaussian();
            }
        }
        Frame f = new Frame(chip, model, exposure, clock, offsets, drift);
        int threads = Runtime.getRuntime().availableProcessors();
        try {
            BlockWorkers.run(threads, (h + ROWS_PER_TASK - 1) / ROWS_PER_TASK, executor, () -> null, (s, b) -> {
                for (int y = b * ROWS_PER_TASK; y < Math.min(h, (b + 1) * ROWS_PER_TASK); y++) {
                    f.row(y);
                }
            });
            BlockWorkers.run(threads, reads, executor, () -> null, (s, k) -> f.oneOverFAndQuantise(k));
        } catch (DrpException e) {
            throw new IllegalStateException("the simulator raised a bad-input error", e);
        }
        double[] times = new double[reads];
        for (int k = 0; k < reads; k++) {
            times[k] = (k + 1) * exposure.readTime();
        }
        Ramp ramp = Ramp.of(w, h, times, f.planes);
        if (!exposure.pattern().isSingleFrame() || exposure.pattern().groupgap() != 0) {
            ramp = ramp.withPattern(exposure.pattern());
        }
        SimTruth truth = new SimTruth(Image.of(w, h, f.rate), model.gain(), model.readNoise(), model.readVariance(),
                model.oneOverFRms(), Image.of(w, h, f.sat), Mask.of(w, h, f.firstSat), Image.of(w, h, f.c2),
                Mask.of(w, h, f.hot), f.jumps(), drift, offsets, Image.of(w, h, f.resetAmp), model.resetAnomalyReads());
        return new SimulatedRamp(ramp, truth);
    }

    /** The cosmic rays of one row, in slot order ({@code x * reads + k}), and the jumps they left. */
    private static final class RowCosmicRays {
        private final List<long[]> slots;
        private int next;
        private long nextSlot;
        final int[] pixel;
        final int[] read;
        final float[] amplitude;
        int count;

        RowCosmicRays(List<long[]> slots) {
            this.slots = slots;
            nextSlot = slots.isEmpty() ? Long.MAX_VALUE : slots.get(0)[0];
            pixel = new int[slots.size()];
            read = new int[slots.size()];
            amplitude = new float[slots.size()];
        }

        /**
         * Adds the charge (e-) of the rays hitting {@code slot} to {@code charge}, one at a time, and lists those
         * after the first read of a light-sensitive pixel as jumps.
         *
         * @return the new charge
         */
        double add(long slot, int i, int k, boolean light, double g, double charge) {
            while (nextSlot == slot) {
                double amp = Double.longBitsToDouble(slots.get(next)[1]);
                if (light) {
                    charge += amp * g;
                    if (k >= 1) {
                        pixel[count] = i;
                        read[count] = k;
                        amplitude[count++] = (float) amp;
                    }
                }
                next++;
                nextSlot = next < slots.size() ? slots.get(next)[0] : Long.MAX_VALUE;
            }
            return charge;
        }
    }

    /** The arrays being filled, and the per-row generation. */
    private static final class Frame {
        final Chip chip;
        final DetectorModel m;
        final Exposure exp;
        final ReadoutClock clock;
        final double[] offsets;
        final double[][] drift;
        final int w;
        final int h;
        final int reads;
        final int refStart;
        final float[][] planes;
        final float[] rate;
        final float[] sat;
        final float[] c2;
        final int[] firstSat;
        final int[] hot;
        final double[] anomaly;
        final float[] resetAmp;
        final int[][] rowJumpPixel;
        final int[][] rowJumpRead;
        final float[][] rowJumpAmp;

        Frame(Chip chip, DetectorModel m, Exposure exp, ReadoutClock clock, double[] offsets, double[][] drift) {
            this.chip = chip;
            this.m = m;
            this.exp = exp;
            this.clock = clock;
            this.offsets = offsets;
            this.drift = drift;
            w = chip.width();
            h = chip.height();
            reads = exp.reads();
            refStart = chip.referenceOutput().map(Region::x0).orElse(w);
            planes = new float[reads][w * h];
            rate = new float[w * h];
            sat = new float[w * h];
            c2 = new float[w * h];
            firstSat = new int[w * h];
            hot = new int[w * h];
            resetAmp = new float[w * h];
            anomaly = new double[reads];
            for (int k = 0; k < reads; k++) {
                anomaly[k] = m.resetAnomaly() == 0 ? 0 : m.resetAnomaly() * Math.exp(-k / m.resetAnomalyReads());
            }
            rowJumpPixel = new int[h][];
            rowJumpRead = new int[h][];
            rowJumpAmp = new float[h][];
        }

        void row(int y) {
            SplittableRandom det = Seeds.stream(m.seed(), Seeds.DETECTOR, y);
            SplittableRandom rng = Seeds.stream(exp.seed(), Seeds.PIXELS, y);
            SplittableRandom reset = m.resetAnomalyScatter() > 0 ? Seeds.stream(m.seed(), Seeds.RESET, y) : null;
            float[] rateMap = exp.rate().map(Image::array).orElse(null);
            int rateBase = exp.rate().map(r -> r.rowStart(y)).orElse(0);
            Region ls = chip.lightSensitive();
            // cosmic-ray slots (x * reads + k) of this row, by geometric gaps
            long slots = (long) w * reads;
            List<long[]> cr = new ArrayList<>();
            if (m.cosmicRayRate() > 0) {
                double logq = Math.log1p(-m.cosmicRayRate());
                long s = -1;
                while (true) {
                    double u = 1 - rng.nextDouble();
                    s += 1 + (long) Math.floor(Math.log(u) / logq);
                    if (s >= slots || s < 0) {
                        break;
                    }
                    double amp = Math.exp(Math.log(m.cosmicRayMin())
                            + rng.nextDouble() * Math.log(m.cosmicRayMax() / m.cosmicRayMin()));
                    cr.add(new long[] {s, Double.doubleToLongBits(amp)});
                }
            }
            RowCosmicRays rays = new RowCosmicRays(cr);
            Poisson poisson = new Poisson();
            int frames = exp.pattern().nframes();
            int framesPerRead = exp.pattern().framesPerGroup();
            double g = m.gain();
            double logHot = Math.log(m.hotPixelMax() / m.hotPixelMin());
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                double ped = m.pedestalSigma() * det.nextGaussian();
                double pc2 = m.nonlinearity() * (1 + m.nonlinearityScatter() * det.nextGaussian());
                double psat = m.saturation() + m.saturationScatter() * det.nextGaussian();
                double uHot = det.nextDouble();
                double hotRate = m.hotPixelMin() * Math.exp(det.nextDouble() * logHot);
                boolean light = ls.contains(x, y);
                boolean science = x < refStart;
                double r = 0;
                if (light) {
                    r = (rateMap == null ? 0 : Math.max(0, rateMap[rateBase + x])) + m.darkCurrent();
                    if (uHot < m.hotPixelFraction()) {
                        r += hotRate;
                        hot[i] = 1;
                    }
                }
                rate[i] = (float) r;
                // the reset anomaly of this pixel: the model's profile times 1 + scatter (exactly 1 without scatter)
                double ra = reset == null ? 1 : 1 + m.resetAnomalyScatter() * reset.nextGaussian();
                resetAmp[i] = science ? (float) (ra * m.resetAnomaly()) : 0;
                sat[i] = (float) psat;
                c2[i] = (float) pc2;
                int o = clock.outputOf(x);
                double level0 = m.biasLevel() + (o >= 0 ? offsets[o] : 0) + ped;
                poisson.setMean(r * g);
                double charge = 0;
                int first = reads;
                double thr = 0.9 * psat;
                if (frames > 1) {
                    poisson.setMean(r * g / framesPerRead);
                }
                for (int k = 0; k < reads; k++) {
                    if (frames > 1) {
                        // a read averaging several frames; cosmic rays arrive at the read's first frame
                        double sum = 0;
                        double noiseFree = 0;
                        for (int j = 0; j < framesPerRead; j++) {
                            if (r > 0) {
                                charge += poisson.next(rng);
                            }
                            if (j == 0) {
                                charge = rays.add((long) x * reads + k, i, k, light, g, charge);
                            }
                            if (j < frames) {
                                double level = level(level0, o, k, charge / g, pc2,
                                        science ? (reset == null ? anomaly[k] : ra * anomaly[k]) : 0);
                                noiseFree += level;
                                sum += Math.min(level, psat) + m.readNoise() * rng.nextGaussian();
                            }
                        }
                        if (first == reads && noiseFree / frames > thr) {
                            first = k;
                        }
                        planes[k][i] = (float) (sum / frames);
                        continue;
                    }
                    if (r > 0) {
                        charge += poisson.next(rng);
                    }
                    charge = rays.add((long) x * reads + k, i, k, light, g, charge);
                    double level = level(level0, o, k, charge / g, pc2,
                            science ? (reset == null ? anomaly[k] : ra * anomaly[k]) : 0);
                    if (first == reads && level > thr) {
                        first = k;
                    }
                    planes[k][i] = (float) (Math.min(level, psat) + m.readNoise() * rng.nextGaussian());
                }
                firstSat[i] = first;
            }
            rowJumpPixel[y] = java.util.Arrays.copyOf(rays.pixel, rays.count);
            rowJumpRead[y] = java.util.Arrays.copyOf(rays.read, rays.count);
            rowJumpAmp[y] = java.util.Arrays.copyOf(rays.amplitude, rays.count);
        }

        /** The noise-free raw level of read k at accumulated signal s (DN) plus the extra level {@code anomaly}. */
        private double level(double level0, int o, int k, double s, double pc2, double anomaly) {
            return level0 + (o >= 0 ? drift[k][o] : 0) + s + pc2 * s * s + anomaly;
        }

        void oneOverFAndQuantise(int k) {
            float[] p = planes[k];
            int ticks = clock.ticksPerRow();
            int outputs = clock.outputs();
            OneOverF gen = m.oneOverFRms() > 0
                    ? new OneOverF(m.oneOverFRms(), (long) ticks * h, Seeds.stream(exp.seed(), Seeds.ONE_OVER_F, k))
                    : null;
            for (int y = 0; y < h; y++) {
                int base = y * w;
                if (gen != null) {
                    for (int t = 0; t < ticks; t++) {
                        float c = (float) gen.next();
                        for (int o = 0; o < outputs; o++) {
                            int x = clock.column(o, t);
                            if (x >= 0) {
                                p[base + x] += c;
                            }
                        }
                    }
                }
                if (m.quantize()) {
                    for (int x = 0; x < w; x++) {
                        float v = (float) Math.rint(p[base + x]);
                        p[base + x] = v < 0 ? 0 : v > 65535 ? 65535 : v;
                    }
                }
            }
        }

        SimTruth.Jumps jumps() {
            int total = 0;
            for (int[] a : rowJumpPixel) {
                total += a.length;
            }
            int[] px = new int[total];
            int[] rd = new int[total];
            float[] am = new float[total];
            int o = 0;
            for (int y = 0; y < h; y++) {
                int c = rowJumpPixel[y].length;
                System.arraycopy(rowJumpPixel[y], 0, px, o, c);
                System.arraycopy(rowJumpRead[y], 0, rd, o, c);
                System.arraycopy(rowJumpAmp[y], 0, am, o, c);
                o += c;
            }
            return new SimTruth.Jumps(px, rd, am);
        }
    }
}
