package org.drpkit.algorithms.calib;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.drpkit.algorithms.stats.RobustStats;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.flag.PixelFlag;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.Mask;
import org.drpkit.core.image.MaskedImage;
import org.drpkit.core.image.SizeGuard;
import org.drpkit.core.instrument.Chip;
import org.drpkit.core.instrument.Region;

/**
 * Builds a dark-rate calibration from a stack of dark frames (upstream {@code make_stack_darks}, made robust).
 *
 * <p><b>Per pixel</b>, the usable samples are the frames whose value is finite, whose flags carry none of
 * {@link DarkParams#rejectBits()}, and (with {@link FrameNoise#FROM_FRAMES}) whose ivar is positive. Optionally
 * each frame's median over the light-sensitive area is subtracted first (upstream's {@code ref_val}). The dark
 * rate is the iterated sigma-clipped mean of the samples: centre = median, scale = 1.4826 MAD floored at the
 * typical per-frame sigma (from the ivar, or for {@code FROM_SCATTER} from a pilot stack of a few row bands),
 * samples beyond {@code clipSigma} scales dropped, at most {@code maxIterations} passes,
 * then the ivar-weighted (or plain) mean of what is kept. This rejects cosmic rays and other outliers that the
 * ramp stage missed; upstream takes a plain mean.
 *
 * <p><b>Inverse variance</b>: {@code FROM_FRAMES}: the sum of the kept frames' ivar. {@code FROM_SCATTER}: the
 * number of kept frames over the pooled per-frame variance, the median of the pixels' sample variances over the
 * light-sensitive area (divided by the median of chi2/dof so it is unbiased for Gaussian noise). For a pixel flagged
 * noisy the pixel's own scatter is used instead (a Birge-ratio correction for {@code FROM_FRAMES}).
 *
 * <p><b>Mask</b> (PixelFlag bits, upstream table, plus {@link CalibFlag}):
 * <ul>
 *   <li>REFERENCE_ARRAY on the chip's extra reference output; REFERENCE_PIXEL on its reference border;
 *       BAD_REFERENCE_PIXEL on the top row of the science array when the chip has a border;
 *   <li>DARK_CORRECTED on every pixel that has a dark estimate, i.e. that {@link Calibrate} will dark-correct.
 *       Upstream sets it where {@code |dark - median| > 0 sigma}, nearly everywhere and for no reason; here it means
 *       what its name says. Pixels with fewer than {@code minFrames} usable samples get NO_DARK (bad), rate 0 and
 *       ivar 0 instead;
 *   <li>on the light-sensitive area only, with {@code level} = median and {@code sigma} = IQR-sigma of the rate there:
 *       HOT_PIXEL where {@code rate - level > hotSigma * sigma}; NEGATIVE_DARK where
 *       {@code rate - level < -negativeSigma * sigma}; NOISY_PIXEL where the scatter across frames exceeds the noise
 *       (chi-square test with {@code kept - 1} degrees of freedom at false-alarm probability
 *       {@code noisyProbability}; the noise is the frames' ivar, or the pooled variance for {@code FROM_SCATTER}).
 * </ul>
 * Units: the dark rate has the frames' flux unit, DN/read for rate products of the ramp stage (upstream labels it
 * e-/read; it is DN/read).
 *
 * <pre>{@code
 * DarkCalibration dark = DarkStack.build(FrameSource.of(rates), H2rgLayout.apogee("R"), DarkParams.defaults());
 * dark.mask().count(PixelFlag.HOT_PIXEL);
 * }</pre>
 */
public final class DarkStack {

    /** Pixels per band of rows read from every frame at once. */
    private static final int BAND_PIXELS = 1 << 16;
    /** Pixels per tile copied from every frame before gathering a pixel's samples. */
    static final int TILE = 512;

    private DarkStack() {
    }

    /** Stacks frames held in memory; see {@link #build(FrameSource, Chip, DarkParams)}. */
    public static DarkCalibration build(List<MaskedImage> frames, Chip chip, DarkParams params) throws DrpException {
        return build(FrameSource.of(frames), chip, params);
    }

    /**
     * Stacks dark frames into a dark-rate calibration.
     *
     * @param frames dark rate frames (flux in DN/read, ivar, flags), read in row bands
     * @param chip   the chip the frames come from (its shape must match)
     * @param params clipping, thresholds and noise model
     * @return the dark rate, its ivar and mask, with statistics
     * @throws DrpException {@code CALIB_NO_FRAMES}, {@code CALIB_SHAPE_MISMATCH}, {@code CALIB_NO_GOOD_PIXELS} when no
     *                      light-sensitive pixel has a usable sample, or what the source raises while reading
     */
    public static DarkCalibration build(FrameSource frames, Chip chip, DarkParams params) throws DrpException {
        int n = frames.count();
        if (n == 0) {
            throw new DrpException(CalibErrorCode.CALIB_NO_FRAMES, Location.NOWHERE, "no dark frames");
        }
        requireChipShape(frames, chip);
        int w = frames.width();
        int h = frames.height();
        Region area = chip.lightSensitive();
        boolean fromFrames = params.noise() == FrameNoise.FROM_FRAMES;
        double[] levels = new double[n];
        if (params.subtractFrameLevel()) {
            for (int k = 0; k < n; k++) {
                levels[k] = frameMedian(frames, k, area, params.rejectBits(), fromFrames);
            }
        }
        Stacked st = stack(frames, area, levels, params);
        float[] rate = st.rate();
        float[] ivar = st.ivar();
        float[] chi2 = st.chi2();
        int[] used = st.used();
        int areaPixels = (int) area.area();
        float[] scratch = new float[areaPixels];
        int m = gatherArea(rate, used, null, 0, w, area, scratch);
        if (m == 0) {
            throw new DrpException(CalibErrorCode.CALIB_NO_GOOD_PIXELS, Location.NOWHERE,
                    "no light-sensitive pixel of chip " + chip.name() + " has a usable dark sample");
        }
        double level = RobustStats.quantileInPlace(scratch, m, 0.5);
        double sigma = (RobustStats.quantileInPlace(scratch, m, 0.75) - RobustStats.quantileInPlace(scratch, m, 0.25))
                / RobustStats.IQR_PER_SIGMA;

        // the noise reference of the excess-scatter test and of FROM_SCATTER ivar
        double[] reduced = NoiseEstimates.medianReducedChi2(chi2, used, w, area, scratch);
        double frameVar = Double.NaN;
        double medianReducedChi2 = Double.NaN;
        if (fromFrames) {
            medianReducedChi2 = reduced[0];
        } else if (reduced[1] > 0) {
            frameVar = reduced[0] / NoiseEstimates.chiSquareMedianPerDof((int) reduced[1]);
        }
        double[] noisyLimit = new double[n + 1];
        for (int u = 2; u <= n; u++) {
            noisyLimit[u] = NoiseEstimates.chiSquareUpper(u - 1, params.noisyProbability());
        }

        int[] bits = new int[w * h];
        int[] rowBits = new int[w];
        long hot = 0;
        long negative = 0;
        long noisy = 0;
        long noDark = 0;
        double hotLimit = level + params.hotSigma() * sigma;
        double negLimit = level - params.negativeSigma() * sigma;
        for (int y = 0; y < h; y++) {
            ChipGeometry.rowBits(chip, y, rowBits);
            boolean inRows = y >= area.y0() && y < area.y1();
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                int b = rowBits[x];
                int u = used[i];
                if (u == 0) {
                    b |= CalibFlag.NO_DARK.value();
                    noDark++;
                    bits[i] = b;
                    continue;
                }
                b |= PixelFlag.DARK_CORRECTED.value();
                boolean isNoisy = false;
                if (inRows && x >= area.x0() && x < area.x1()) {
                    float r = rate[i];
                    if (r > hotLimit) {
                        b |= PixelFlag.HOT_PIXEL.value();
                        hot++;
                    } else if (r < negLimit) {
                        b |= PixelFlag.NEGATIVE_DARK.value();
                        negative++;
                    }
                    if (u >= 2) {
                        double x2 = fromFrames ? chi2[i] : chi2[i] / frameVar;
                        if (x2 > noisyLimit[u]) {
                            b |= CalibFlag.NOISY_PIXEL.value();
                            isNoisy = true;
                            noisy++;
                        }
                    }
                }
                if (isNoisy) {
                    // the pixel's own scatter: a Birge-ratio correction of the frames' ivar, or u / sample variance
                    ivar[i] = fromFrames ? (float) (ivar[i] * (u - 1) / chi2[i])
                            : (float) ((double) u * (u - 1) / chi2[i]);
                } else if (!fromFrames) {
                    ivar[i] = Double.isNaN(frameVar) || frameVar <= 0 ? 0f : (float) (u / frameVar);
                }
                bits[i] = b;
            }
        }
        int left = gatherArea(rate, used, bits, PixelFlag.HOT_PIXEL.value() | PixelFlag.NEGATIVE_DARK.value()
                | CalibFlag.NOISY_PIXEL.value(), w, area, scratch);
        double sigmaAfter = left == 0 ? Double.NaN
                : (RobustStats.quantileInPlace(scratch, left, 0.75) - RobustStats.quantileInPlace(scratch, left, 0.25))
                        / RobustStats.IQR_PER_SIGMA;
        MaskedImage dark = MaskedImage.of(Image.of(w, h, rate), Image.of(w, h, ivar), Mask.of(w, h, bits));
        return new DarkCalibration(dark, n, levels, level, sigma, sigmaAfter, hot, negative, noisy, noDark,
                st.samples(), st.clipped(), st.clipFloor(), Double.isNaN(frameVar) ? Double.NaN : Math.sqrt(frameVar),
                medianReducedChi2, params);
    }

    /** The per-pixel results of the stack, before the chip-wide statistics. */
    private record Stacked(float[] rate, float[] ivar, float[] chi2, int[] used, long samples, long clipped,
            double clipFloor) {
    }

    /** Clips and averages every pixel's samples; for FROM_SCATTER a pilot on a few bands sets the clipping floor. */
    private static Stacked stack(FrameSource frames, Region area, double[] levels, DarkParams params)
            throws DrpException {
        int w = frames.width();
        int h = frames.height();
        SizeGuard.checkArray(w, h);
        float[] rate = new float[w * h];
        float[] ivar = new float[w * h];
        float[] chi2 = new float[w * h];
        int[] used = new int[w * h];
        AtomicLong samples = new AtomicLong();
        AtomicLong clipped = new AtomicLong();
        int bandRows = RowBands.rowsFor(w, BAND_PIXELS);
        double floor = 0;
        if (params.noise() == FrameNoise.FROM_SCATTER) {
            // the chip-wide noise of one frame pixel is the clipping floor: without it a chance-small MAD of a few
            // samples clips good data and the pooled variance comes out low
            Band pilot = new Band(frames, bandRows, levels, params, 0, rate, ivar, chi2, used, samples, clipped);
            for (int y0 : RowBands.pilotBands(area.y0(), area.y1(), bandRows)) {
                pilot.band(y0, Math.min(bandRows, area.y1() - y0));
            }
            floor = Math.sqrt(NoiseEstimates.pooledVariance(chi2, used, w, area, new float[(int) area.area()]));
            floor = Double.isNaN(floor) ? 0 : floor;
            samples.set(0);
            clipped.set(0);
        }
        double clipFloor = floor;
        RowBands.run(0, h, bandRows, params.parallel(),
                () -> new Band(frames, bandRows, levels, params, clipFloor, rate, ivar, chi2, used, samples, clipped));
        return new Stacked(rate, ivar, chi2, used, samples.get(), clipped.get(), clipFloor);
    }

    static void requireChipShape(FrameSource frames, Chip chip) throws DrpException {
        if (frames.width() != chip.width() || frames.height() != chip.height()) {
            throw new DrpException(CalibErrorCode.CALIB_SHAPE_MISMATCH, Location.NOWHERE, "frames are "
                    + frames.width() + "x" + frames.height() + " but chip " + chip.name() + " is " + chip.width() + "x"
                    + chip.height());
        }
    }

    /**
     * Copies the values of the light-sensitive pixels that have a sample (and none of {@code exclude} in
     * {@code bits}, when given) to the front of {@code out}.
     *
     * @return their count
     */
    private static int gatherArea(float[] values, int[] used, int[] bits, int exclude, int w, Region area,
            float[] out) {
        int m = 0;
        for (int y = area.y0(); y < area.y1(); y++) {
            for (int x = area.x0(); x < area.x1(); x++) {
                int i = y * w + x;
                if (used[i] > 0 && (bits == null || (bits[i] & exclude) == 0)) {
                    out[m++] = values[i];
                }
            }
        }
        return m;
    }

    /** @return the median of frame {@code k}'s usable samples over the light-sensitive area */
    static double frameMedian(FrameSource frames, int k, Region area, int rejectBits, boolean needIvar)
            throws DrpException {
        int w = frames.width();
        float[] values = new float[(int) area.area()];
        int bandRows = RowBands.rowsFor(w, BAND_PIXELS);
        MaskedImage scratch = RowBands.scratch(w, bandRows);
        int m = 0;
        for (int y0 = area.y0(); y0 < area.y1(); y0 += bandRows) {
            int rows = Math.min(bandRows, area.y1() - y0);
            MaskedImage band = frames.rows(k, y0, rows, rows == bandRows ? scratch : scratch.rows(0, rows));
            float[] f = band.flux().array();
            float[] iv = band.ivar().array();
            int[] fl = band.mask().array();
            for (int r = 0; r < rows; r++) {
                int s = band.flux().rowStart(r);
                int si = band.ivar().rowStart(r);
                int sm = band.mask().rowStart(r);
                for (int x = area.x0(); x < area.x1(); x++) {
                    float v = f[s + x];
                    float wt = iv[si + x];
                    if (Float.isFinite(v) && (fl[sm + x] & rejectBits) == 0
                            && (!needIvar || (wt > 0 && wt < Float.POSITIVE_INFINITY))) {
                        values[m++] = v;
                    }
                }
            }
        }
        if (m == 0) {
            throw new DrpException(CalibErrorCode.CALIB_NO_GOOD_PIXELS, Location.NOWHERE,
                    frames.name(k) + " has no usable pixel in the light-sensitive area");
        }
        return RobustStats.quantileInPlace(values, m, 0.5);
    }

    /** Stacks one band of rows: gathers each pixel's usable samples across frames and clips them. */
    private static final class Band implements RowBands.Worker {
        private final FrameSource frames;
        private final int bandRows;
        private final double[] levels;
        private final DarkParams p;
        private final double floor;
        private final float[] rate;
        private final float[] ivar;
        private final float[] chi2;
        private final int[] used;
        private final AtomicLong samples;
        private final AtomicLong clipped;
        private final MaskedImage[] scratch;
        private final ClippedMean cm;
        private final float[][] flux;
        private final float[][] wts;
        private final int[][] flags;
        private final int[] fOff;
        private final int[] wOff;
        private final int[] mOff;
        private final float[][] tileFlux;
        private final float[][] tileIvar;
        private final int[][] tileFlags;

        Band(FrameSource frames, int bandRows, double[] levels, DarkParams p, double floor, float[] rate, float[] ivar,
                float[] chi2, int[] used, AtomicLong samples, AtomicLong clipped) {
            this.floor = floor;
            int n = frames.count();
            this.frames = frames;
            this.bandRows = bandRows;
            this.levels = levels;
            this.p = p;
            this.rate = rate;
            this.ivar = ivar;
            this.chi2 = chi2;
            this.used = used;
            this.samples = samples;
            this.clipped = clipped;
            scratch = new MaskedImage[n];
            cm = new ClippedMean(n);
            flux = new float[n][];
            wts = new float[n][];
            flags = new int[n][];
            fOff = new int[n];
            wOff = new int[n];
            mOff = new int[n];
            tileFlux = new float[n][TILE];
            tileIvar = new float[n][TILE];
            tileFlags = new int[n][TILE];
        }

        @Override
        public void band(int y0, int rows) throws DrpException {
            int n = frames.count();
            int w = frames.width();
            for (int k = 0; k < n; k++) {
                MaskedImage b = RowBands.read(frames, k, y0, rows, scratch, bandRows);
                flux[k] = b.flux().array();
                wts[k] = b.ivar().array();
                flags[k] = b.mask().array();
                fOff[k] = b.flux().offset();
                wOff[k] = b.ivar().offset();
                mOff[k] = b.mask().offset();
            }
            boolean weighted = p.noise() == FrameNoise.FROM_FRAMES;
            int reject = p.rejectBits();
            long nSamples = 0;
            long nClipped = 0;
            int count = rows * w;
            int base = y0 * w;
            // a pixel's samples sit in n different arrays: copy tiles of each frame first, so the gather below reads
            // from cache instead of chasing 3n memory streams at once (5x faster on 30 frames)
            for (int t0 = 0; t0 < count; t0 += TILE) {
                int len = Math.min(TILE, count - t0);
                for (int k = 0; k < n; k++) {
                    System.arraycopy(flux[k], fOff[k] + t0, tileFlux[k], 0, len);
                    System.arraycopy(flags[k], mOff[k] + t0, tileFlags[k], 0, len);
                    if (weighted) {
                        System.arraycopy(wts[k], wOff[k] + t0, tileIvar[k], 0, len);
                    }
                }
                float[] vs = cm.values();
                float[] ws = cm.weights();
                for (int j = 0; j < len; j++) {
                    int got = 0;
                    for (int k = 0; k < n; k++) {
                        float v = (float) (tileFlux[k][j] - levels[k]);
                        float wt = tileIvar[k][j];
                        if (!Float.isFinite(v) || (tileFlags[k][j] & reject) != 0
                                || (weighted && !(wt > 0 && wt < Float.POSITIVE_INFINITY))) {
                            continue;
                        }
                        vs[got] = v;
                        ws[got++] = wt;
                    }
                    cm.setSize(got);
                    int o = base + t0 + j;
                    if (got < p.minFrames()) {
                        rate[o] = 0; // NO_DARK
                        ivar[o] = 0;
                        chi2[o] = 0;
                        used[o] = 0;
                        continue;
                    }
                    cm.compute(p.clipSigma(), p.maxIterations(), weighted, floor);
                    rate[o] = (float) cm.mean;
                    ivar[o] = (float) cm.sumWeights;
                    chi2[o] = (float) cm.chi2;
                    used[o] = cm.kept;
                    nSamples += got;
                    nClipped += got - cm.kept;
                }
            }
            samples.addAndGet(nSamples);
            clipped.addAndGet(nClipped);
        }
    }
}
