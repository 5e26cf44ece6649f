package org.drpkit.algorithms.calib;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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
 * Builds a pixel flat from a stack of flat frames, separating the pixel-to-pixel response from the illumination
 * pattern (internal flats are not flat). Upstream: {@code make_stack_flats}.
 *
 * <p><b>Per frame</b> (dark-subtracted when a dark is given): the light-sensitive area is cut into
 * {@code blockSize}-pixel blocks and each block's robust median is taken ({@link BlockMedians}). The frame's level
 * is the median of its block medians; below {@code minLevel} the lamp is taken as off and the frame is left out.
 * The illumination is a Legendre surface of total degree {@code degree} (45 terms at degree 8) fitted to the block
 * medians by weighted least squares (QR, EJML), dropping blocks beyond {@code fitClipSigma} robust sigmas and
 * refitting. <i>Why not upstream's system</i>: upstream fits 243 sin/cos terms to every pixel, a dense
 * 4.16M x 243 system (8 GB in double precision) that it notes "is not going to be scalable". Fitting ~4000 block
 * medians costs a thousandth of that, is robust to bad pixels by construction, and a surface of degree 8 resolves
 * illumination structure down to ~250 pixels on a 2040-pixel area, like upstream's highest frequency; Legendre
 * polynomials do not ring at the frame edges as a Fourier basis does on a non-periodic frame. The surface is then
 * scaled so that the median of frame / surface over the blocks is 1.
 *
 * <p><b>Stack</b>: each pixel's ratios {@code frame / surface} across the used frames (ivar scaled by
 * {@code surface^2}) are combined with the sigma-clipped mean of {@link DarkStack} (same clipping, same noise
 * models), and the result is normalised to median 1 over the light-sensitive area. The dark's variance is not
 * added to the flat's: it is common to all frames and negligible against a lamp.
 *
 * <p><b>Mask</b>: LOW_FLAT_RESPONSE where the flat is below {@code lowResponse}; NO_FLAT (flat 1, ivar 0) where no
 * frame gave a usable sample. Outside the light-sensitive area the flat is 1 with ivar 0 and no bit: it is never
 * applied there.
 *
 * <pre>{@code
 * FlatField flat = FlatStack.build(FrameSource.of(flats), chip, dark.dark(), FlatParams.defaults());
 * flat.mask().count(PixelFlag.LOW_FLAT_RESPONSE);
 * }</pre>
 */
public final class FlatStack {

    private static final int BAND_PIXELS = 1 << 16;

    private FlatStack() {
    }

    /** Stacks flats held in memory without a dark; see {@link #build(FrameSource, Chip, MaskedImage, FlatParams)}. */
    public static FlatField build(List<MaskedImage> frames, Chip chip, FlatParams params) throws DrpException {
        return build(FrameSource.of(frames), chip, null, params);
    }

    /**
     * Stacks flat frames into a pixel flat.
     *
     * @param frames flat frames (flux in DN/read, ivar, flags), read in row bands
     * @param chip   the chip the frames come from; the flat is built over its light-sensitive area
     * @param dark   a dark calibration (rate, ivar, mask as from {@link DarkCalibration#dark()}) subtracted from
     *               every frame and whose bad pixels stay out of the illumination fit, or null for none
     * @param params model, clipping and thresholds
     * @return the flat, its ivar and mask, the illumination model and per-frame diagnostics
     * @throws DrpException {@code CALIB_NO_FRAMES}, {@code CALIB_SHAPE_MISMATCH}, {@code CALIB_NO_LAMP} when every
     *                      frame is below {@code minLevel}, {@code CALIB_FIT_FAILED}, or what the source raises
     */
    public static FlatField build(FrameSource frames, Chip chip, MaskedImage dark, FlatParams params)
            throws DrpException {
        int n = frames.count();
        if (n == 0) {
            throw new DrpException(CalibErrorCode.CALIB_NO_FRAMES, Location.NOWHERE, "no flat frames");
        }
        DarkStack.requireChipShape(frames, chip);
        if (dark != null && (dark.width() != chip.width() || dark.height() != chip.height())) {
            throw new DrpException(CalibErrorCode.CALIB_SHAPE_MISMATCH, Location.NOWHERE, "the dark is "
                    + dark.width() + "x" + dark.height() + " but the flats are " + chip.width() + "x" + chip.height());
        }
        Region area = chip.lightSensitive();
        boolean[] used = new boolean[n];
        double[] levels = new double[n];
        double[] rms = new double[n];
        int[] blocksUsed = new int[n];
        int[] blocksClipped = new int[n];
        LegendreSurface[] surfaces = new LegendreSurface[n];
        int nUsed = 0;
        for (int k = 0; k < n; k++) {
            BlockMedians blocks = BlockMedians.measure(frames, k, area, dark, params);
            levels[k] = blocks.count() == 0 ? Double.NaN : blocks.level();
            rms[k] = Double.NaN;
            if (!(levels[k] >= params.minLevel())) {
                continue; // lamp off (or no valid block): zero weight, as upstream
            }
            LegendreSurface.Fit fit = LegendreSurface.fit(blocks.xs(), blocks.ys(), blocks.values(), blocks.weights(),
                    blocks.count(), params.degree(), area, params.fitClipSigma(), params.fitIterations(),
                    frames.name(k));
            float[] ratio = new float[blocks.count()];
            for (int i = 0; i < ratio.length; i++) {
                ratio[i] = (float) (blocks.values()[i] / fit.surface().value(blocks.xs()[i], blocks.ys()[i]));
            }
            surfaces[k] = fit.surface().scaled(RobustStats.quantileInPlace(ratio, ratio.length, 0.5));
            used[k] = true;
            rms[k] = fit.rms();
            blocksUsed[k] = fit.used();
            blocksClipped[k] = fit.clipped();
            nUsed++;
        }
        if (nUsed == 0) {
            throw new DrpException(CalibErrorCode.CALIB_NO_LAMP, Location.NOWHERE, String.format(Locale.ROOT,
                    "all %d flat frames have a median level below the lamp-off limit %.4g (first: %.4g)", n,
                    params.minLevel(), levels[0]));
        }

        int w = chip.width();
        int h = chip.height();
        SizeGuard.checkArray(w, h);
        float[] flat = new float[w * h];
        Arrays.fill(flat, 1f);
        float[] ivar = new float[w * h];
        float[] chi2 = new float[w * h];
        int[] count = new int[w * h];
        AtomicLong samples = new AtomicLong();
        AtomicLong clipped = new AtomicLong();
        int bandRows = RowBands.rowsFor(w, BAND_PIXELS);
        double[] table = surfaces[firstUsed(used)].columnTable();
        double floor = 0;
        if (params.noise() == FrameNoise.FROM_SCATTER) {
            // pilot bands give the chip-wide noise of one normalised frame pixel, the clipping floor (see DarkStack)
            FlatBand pilot = new FlatBand(frames, area, dark, params, used, surfaces, table, bandRows, 0, flat, ivar,
                    chi2, count, samples, clipped);
            for (int y0 : RowBands.pilotBands(area.y0(), area.y1(), bandRows)) {
                pilot.band(y0, Math.min(bandRows, area.y1() - y0));
            }
            floor = Math.sqrt(NoiseEstimates.pooledVariance(chi2, count, w, area, new float[(int) area.area()]));
            floor = Double.isNaN(floor) ? 0 : floor;
            samples.set(0);
            clipped.set(0);
        }
        double clipFloor = floor;
        RowBands.run(area.y0(), area.y1(), bandRows, params.parallel(), () -> new FlatBand(frames, area, dark,
                params, used, surfaces, table, bandRows, clipFloor, flat, ivar, chi2, count, samples, clipped));

        // normalisation, noise and mask over the light-sensitive area
        float[] scratch = new float[(int) area.area()];
        int m = 0;
        for (int y = area.y0(); y < area.y1(); y++) {
            for (int x = area.x0(); x < area.x1(); x++) {
                if (count[y * w + x] > 0) {
                    scratch[m++] = flat[y * w + x];
                }
            }
        }
        if (m == 0) {
            throw new DrpException(CalibErrorCode.CALIB_NO_GOOD_PIXELS, Location.NOWHERE,
                    "no light-sensitive pixel of chip " + chip.name() + " has a usable flat sample");
        }
        double norm = RobustStats.quantileInPlace(scratch, m, 0.5);
        double frameVar = Double.NaN;
        if (params.noise() == FrameNoise.FROM_SCATTER) {
            frameVar = NoiseEstimates.pooledVariance(chi2, count, w, area, scratch);
        }
        int[] bits = new int[w * h];
        long low = 0;
        long noFlat = 0;
        for (int y = area.y0(); y < area.y1(); y++) {
            for (int x = area.x0(); x < area.x1(); x++) {
                int i = y * w + x;
                int u = count[i];
                if (u == 0) {
                    bits[i] = CalibFlag.NO_FLAT.value();
                    noFlat++;
                    continue;
                }
                flat[i] = (float) (flat[i] / norm);
                double iv = params.noise() == FrameNoise.FROM_FRAMES ? ivar[i]
                        : Double.isNaN(frameVar) || frameVar <= 0 ? 0 : u / frameVar;
                ivar[i] = (float) (iv * norm * norm);
                if (flat[i] < params.lowResponse()) {
                    bits[i] = PixelFlag.LOW_FLAT_RESPONSE.value();
                    low++;
                }
            }
        }
        Image model = illumination(surfaces, used, levels, nUsed, table, chip, area);
        MaskedImage out = MaskedImage.of(Image.of(w, h, flat), Image.of(w, h, ivar), Mask.of(w, h, bits));
        return new FlatField(out, model, n, used, levels, rms, blocksUsed, blocksClipped, low, noFlat,
                samples.get(), clipped.get(), Double.isNaN(frameVar) ? Double.NaN : Math.sqrt(frameVar) / norm,
                params);
    }

    private static int firstUsed(boolean[] used) {
        int k = 0;
        while (!used[k]) {
            k++;
        }
        return k;
    }

    /** @return the mean of the used frames' surfaces, each over its level, normalised to median 1; NaN outside */
    private static Image illumination(LegendreSurface[] surfaces, boolean[] used, double[] levels, int nUsed,
            double[] table, Chip chip, Region area) {
        LegendreSurface[] s = new LegendreSurface[nUsed];
        double[] f = new double[nUsed];
        for (int k = 0, j = 0; k < used.length; k++) {
            if (used[k]) {
                s[j] = surfaces[k];
                f[j++] = 1.0 / (nUsed * levels[k]);
            }
        }
        LegendreSurface mean = LegendreSurface.combine(s, f);
        Image model = Image.filled(chip.width(), chip.height(), Float.NaN);
        float[] px = model.array();
        double[] row = new double[area.width()];
        double[] work = new double[2 * (mean.degree() + 1)];
        float[] values = new float[(int) area.area()];
        int m = 0;
        for (int y = area.y0(); y < area.y1(); y++) {
            mean.row(y, table, work, row);
            for (int x = 0; x < row.length; x++) {
                values[m++] = (float) row[x];
            }
        }
        double med = RobustStats.quantileInPlace(values.clone(), m, 0.5);
        m = 0;
        for (int y = area.y0(); y < area.y1(); y++) {
            int base = y * chip.width() + area.x0();
            for (int x = 0; x < area.width(); x++) {
                px[base + x] = (float) (values[m++] / med);
            }
        }
        return model;
    }

    /** Stacks one band of light-sensitive rows: ratios of every used frame to its surface, clipped per pixel. */
    private static final class FlatBand implements RowBands.Worker {
        private final FrameSource frames;
        private final Region area;
        private final MaskedImage dark;
        private final FlatParams p;
        private final boolean[] used;
        private final LegendreSurface[] surfaces;
        private final double[] table;
        private final int bandRows;
        private final double floor;
        private final float[] flat;
        private final float[] ivar;
        private final float[] chi2;
        private final int[] count;
        private final AtomicLong samples;
        private final AtomicLong clipped;
        private final MaskedImage[] scratch;
        private final MaskedImage[] views;
        private final double[][] model;
        private final double[] work;
        private final ClippedMean cm;
        private final int[] frame;
        private final float[][] tileFlux;
        private final float[][] tileIvar;
        private final int[][] tileFlags;

        FlatBand(FrameSource frames, Region area, MaskedImage dark, FlatParams p, boolean[] used,
                LegendreSurface[] surfaces, double[] table, int bandRows, double floor, float[] flat, float[] ivar,
                float[] chi2, int[] count, AtomicLong samples, AtomicLong clipped) {
            this.floor = floor;
            int n = frames.count();
            this.frames = frames;
            this.area = area;
            this.dark = dark;
            this.p = p;
            this.used = used;
            this.surfaces = surfaces;
            this.table = table;
            this.bandRows = bandRows;
            this.flat = flat;
            this.ivar = ivar;
            this.chi2 = chi2;
            this.count = count;
            this.samples = samples;
            this.clipped = clipped;
            scratch = new MaskedImage[n];
            views = new MaskedImage[n];
            model = new double[n][];
            work = new double[2 * (p.degree() + 1)];
            cm = new ClippedMean(n);
            frame = new int[n];
            tileFlux = new float[n][DarkStack.TILE];
            tileIvar = new float[n][DarkStack.TILE];
            tileFlags = new int[n][DarkStack.TILE];
        }

        @Override
        public void band(int y0, int rows) throws DrpException {
            int n = frames.count();
            int w = frames.width();
            for (int k = 0; k < n; k++) {
                if (used[k]) {
                    views[k] = RowBands.read(frames, k, y0, rows, scratch, bandRows);
                    if (model[k] == null) {
                        model[k] = new double[area.width()];
                    }
                }
            }
            boolean weighted = p.noise() == FrameNoise.FROM_FRAMES;
            int reject = p.rejectBits();
            long nSamples = 0;
            long nClipped = 0;
            int nu = 0;
            for (int k = 0; k < n; k++) {
                if (used[k]) {
                    frame[nu++] = k;
                }
            }
            float[] da = dark == null ? null : dark.flux().array();
            for (int r = 0; r < rows; r++) {
                int y = y0 + r;
                for (int j = 0; j < nu; j++) {
                    surfaces[frame[j]].row(y, table, work, model[frame[j]]);
                }
                int dRow = dark == null ? 0 : dark.flux().rowStart(y);
                // copy tiles of each frame's row first, so the per-pixel gather reads from cache (see DarkStack)
                for (int x0 = area.x0(); x0 < area.x1(); x0 += DarkStack.TILE) {
                    int len = Math.min(DarkStack.TILE, area.x1() - x0);
                    for (int j = 0; j < nu; j++) {
                        MaskedImage v = views[frame[j]];
                        System.arraycopy(v.flux().array(), v.flux().rowStart(r) + x0, tileFlux[j], 0, len);
                        System.arraycopy(v.mask().array(), v.mask().rowStart(r) + x0, tileFlags[j], 0, len);
                        if (weighted) {
                            System.arraycopy(v.ivar().array(), v.ivar().rowStart(r) + x0, tileIvar[j], 0, len);
                        }
                    }
                    float[] vs = cm.values();
                    float[] ws = cm.weights();
                    for (int t = 0; t < len; t++) {
                        int x = x0 + t;
                        float d = da == null ? 0f : da[dRow + x];
                        int mx = x - area.x0();
                        int got = 0;
                        for (int j = 0; j < nu; j++) {
                            float b = tileFlux[j][t] - d;
                            float wt = tileIvar[j][t];
                            double mdl = model[frame[j]][mx];
                            if (!Float.isFinite(b) || (tileFlags[j][t] & reject) != 0 || !(mdl > 0)
                                    || (weighted && !(wt > 0 && wt < Float.POSITIVE_INFINITY))) {
                                continue;
                            }
                            vs[got] = (float) (b / mdl);
                            ws[got++] = (float) (wt * mdl * mdl);
                        }
                        cm.setSize(got);
                        int o = y * w + x;
                        if (got == 0) {
                            flat[o] = 1; // NO_FLAT
                            ivar[o] = 0;
                            chi2[o] = 0;
                            count[o] = 0;
                            continue;
                        }
                        cm.compute(p.clipSigma(), p.maxIterations(), weighted, floor);
                        flat[o] = (float) cm.mean;
                        ivar[o] = (float) cm.sumWeights;
                        chi2[o] = (float) cm.chi2;
                        count[o] = cm.kept;
                        nSamples += got;
                        nClipped += got - cm.kept;
                    }
                }
            }
            samples.addAndGet(nSamples);
            clipped.addAndGet(nClipped);
        }
    }
}
