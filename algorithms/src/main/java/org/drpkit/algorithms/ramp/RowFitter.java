package org.drpkit.algorithms.ramp;

import org.drpkit.algorithms.stats.Select;
import org.drpkit.core.flag.PixelFlag;
import org.drpkit.core.image.ReadPattern;

/**
 * Fits one row of pixels whose differences are stored pixel-major ({@code d[x * n + k]}, DN): jump detection, the
 * slope fit (or DCS), flags and counters. Shared by {@link RampFit} and {@link RampProcessor}; one instance per
 * worker thread (not thread-safe), allocation only in the constructor.
 */
final class RowFitter {

    private static final int ONE_JUMP = PixelFlag.ONE_JUMP.value();
    private static final int MANY_JUMPS = PixelFlag.MANY_JUMPS.value();
    private static final int BAD_CHI2 = PixelFlag.BAD_CHI2.value();
    private static final int PARTIAL = PixelFlag.PARTIAL_SATURATION.value();
    private static final int FULL = PixelFlag.FULL_SATURATION.value();

    final int n;
    private final ReadPlan plan;
    private final FitParams fit;
    private final PixelFitter pixel;
    private final boolean neighbours;
    final float[] gain;
    final float[] readVariance;
    final long[] excl;
    private final double[] prelim;
    private final int[] prelimEntry;
    private final double[] robust;
    private final int[] jumpCount;
    private final int[] badCount;
    private final float[] nb;
    private final float[] pair = new float[2];
    private final GlsTable gls;
    private final int[] batchX;
    private final int[] batchE;
    private final double[] batchF;
    private int batched;
    private final int[] e4 = new int[4];
    private final int[] off4 = new int[4];
    private final double[] f4 = new double[4];
    private final double[] q4 = new double[4];
    final RampStats.Counter counter = new RampStats.Counter();
    private final ReadPattern pattern;
    private final double dcsPhoton;

    /** Immutable tables shared by all workers of one run. */
    record Tables(GlsTable gls, FixsenTable ols, ReadPattern pattern) {
        /** @return the tables of n differences of single-frame reads */
        static Tables forDifferences(int n) {
            return of(n, ReadPattern.singleFrames(Double.NaN));
        }

        /** @return the tables of n differences of groups read with the given pattern */
        static Tables of(int n, ReadPattern pattern) {
            return new Tables(new GlsTable(n, pattern), new FixsenTable(n, pattern), pattern);
        }

        /** @return bytes the tables of n differences take: GLS weights and pivots, Fixsen coefficients */
        static long bytes(long n) {
            return 16L * GlsTable.ENTRIES * n + 8L * FixsenTable.POWERS.length * n * (n + 1) / 2;
        }
    }

    RowFitter(ReadPlan plan, FitParams fit, JumpParams jumps, Tables tables, int maxWidth) {
        this.plan = plan;
        this.n = plan.differences();
        this.fit = fit;
        this.pixel = new PixelFitter(n, fit, plan.method() == ReadPlan.Method.DCS ? JumpParams.NONE : jumps,
                tables.gls(), tables.ols());
        this.neighbours = fit.covarianceRate() == FitParams.CovarianceRate.NEIGHBOURS
                && plan.method() == ReadPlan.Method.SUTR;
        gain = new float[maxWidth];
        readVariance = new float[maxWidth];
        excl = new long[maxWidth * pixel.words];
        prelim = new double[neighbours ? maxWidth : 0];
        prelimEntry = new int[neighbours ? maxWidth : 0];
        robust = new double[neighbours ? maxWidth : 0];
        jumpCount = new int[neighbours ? maxWidth : 0];
        badCount = new int[neighbours ? maxWidth : 0];
        nb = new float[2 * fit.neighbourHalfWidth()];
        gls = tables.gls();
        batchX = new int[maxWidth];
        batchE = new int[maxWidth];
        batchF = new double[maxWidth];
        pattern = tables.pattern();
        dcsPhoton = 1 - pattern.photonDiagonal();
    }

    /**
     * Fills {@link #gain} and {@link #readVariance} with row y of the noise model: the read variance of one group
     * (the per-frame variance over nframes; as given for single frames).
     */
    void noiseRow(NoiseModel noise, int y, int width) {
        noise.gainRow(y, width, gain);
        noise.groupReadVarianceRow(y, width, readVariance, pattern);
    }

    int words() {
        return pixel.words;
    }

    /**
     * Fits row pixels {@code 0..width-1}. {@link #gain} and {@link #readVariance} must hold the row's noise.
     *
     * @param usable  usable differences per pixel (before saturation), {@code usable[uOff + x]}
     * @param regions region boundaries along the row, {@code 0 = b0 < b1 < ... = width}; neighbour rates are
     *                taken within a region only
     * @param out     output arrays, written at {@code outOff + x}
     */
    void fitRow(float[] d, int width, int[] usable, int uOff, int[] regions, Output out, int outOff) {
        if (plan.method() == ReadPlan.Method.DCS) {
            for (int x = 0; x < width; x++) {
                dcs(d, x, usable[uOff + x], out, outOff + x);
            }
            return;
        }
        batched = 0;
        if (!neighbours) {
            for (int x = 0; x < width; x++) {
                int off = x * n;
                int eoff = x * pixel.words;
                int u = usable[uOff + x];
                pixel.detect(d, off, u, gain[x], readVariance[x], excl, eoff);
                pixel.fit(d, off, u, gain[x], readVariance[x], Double.NaN, excl, eoff, true);
                store(x, u, out, outOff + x);
            }
            deferredChi2(d, out, outOff);
            return;
        }
        for (int x = 0; x < width; x++) {
            int off = x * n;
            int eoff = x * pixel.words;
            int u = usable[uOff + x];
            pixel.detect(d, off, u, gain[x], readVariance[x], excl, eoff);
            robust[x] = pixel.robust;
            jumpCount[x] = pixel.jumpCount;
            badCount[x] = pixel.badCount;
            prelim[x] = pixel.preliminary(d, off, u, gain[x], readVariance[x], excl, eoff);
            prelimEntry[x] = pixel.preliminaryEntry;
        }
        int r = 0;
        for (int x = 0; x < width; x++) {
            while (x >= regions[r + 1]) {
                r++;
            }
            int u = usable[uOff + x];
            double cov = covarianceRate(x, u, neighbourRate(x, regions[r], regions[r + 1]));
            pixel.robust = robust[x];
            pixel.jumpCount = jumpCount[x];
            pixel.badCount = badCount[x];
            pixel.restorePreliminary(prelimEntry[x], prelim[x]);
            pixel.fit(d, x * n, u, gain[x], readVariance[x], cov, excl, x * pixel.words, true);
            store(x, u, out, outOff + x);
        }
        deferredChi2(d, out, outOff);
    }

    /** chi2 of the complete ramps of the row, four at a time; then their BAD_CHI2 flags. */
    private void deferredChi2(float[] d, Output out, int outOff) {
        int b = 0;
        for (; b + 3 < batched; b += 4) {
            for (int j = 0; j < 4; j++) {
                e4[j] = batchE[b + j];
                off4[j] = batchX[b + j] * n;
                f4[j] = batchF[b + j];
            }
            gls.quadratic4(e4, off4, f4, d, q4);
            for (int j = 0; j < 4; j++) {
                storeChi2(batchX[b + j], q4[j], out, outOff);
            }
        }
        for (; b < batched; b++) {
            int x = batchX[b];
            storeChi2(x, gls.quadratic(batchE[b], d, x * n, n, batchF[b]), out, outOff);
        }
    }

    private void storeChi2(int x, double quadratic, Output out, int outOff) {
        double chi2 = quadratic / readVariance[x];
        int i = outOff + x;
        out.chi2[i] = (float) chi2;
        if (n > 1 && chi2 > fit.badChi2PerDof() * (n - 1)) {
            out.flags[i] |= BAD_CHI2;
            counter.badChi2++;
        }
    }

    /**
     * The neighbours' rate, unless the pixel's own preliminary rate differs from it by more than
     * {@link FitParams#NEIGHBOUR_SWITCH_SIGMA} of its predicted noise at that rate (a narrow line or the edge of a
     * trace along the row): then the pixel's own rate, clipped at zero, as {@code SELF} would use. The noise is the
     * complete ramp's GLS variance scaled by {@code (n / usable)^3}, the read-noise limit, so that short ramps switch
     * only on large differences.
     */
    private double covarianceRate(int x, int usable, double neighbour) {
        double own = prelim[x];
        if (Double.isNaN(own) || usable <= 0) {
            return neighbour;
        }
        double s2 = readVariance[x];
        double phi = Math.max(neighbour, 0) / (gain[x] * s2);
        double shorter = (double) n / usable;
        double variance = s2 * gls.variance(GlsTable.entry(phi), phi) * shorter * shorter * shorter;
        double k = FitParams.NEIGHBOUR_SWITCH_SIGMA;
        double d = own - neighbour;
        return d * d > k * k * variance ? Math.max(own, 0) : neighbour;
    }

    private double neighbourRate(int x, int a, int b) {
        int h = fit.neighbourHalfWidth();
        int m = 0;
        int lo = Math.max(a, x - h);
        int hi = Math.min(b, x + h + 1);
        for (int j = lo; j < hi; j++) {
            if (j != x && !Double.isNaN(prelim[j])) {
                nb[m++] = (float) prelim[j];
            }
        }
        if (m == 0) {
            return Double.isNaN(prelim[x]) ? 0 : Math.max(prelim[x], 0);
        }
        if (nb.length == 8) { // the default half-width of 4: a branch-free network
            return Select.median8(nb, m, pair);
        }
        Select.insertionSort(nb, 0, m);
        return (m & 1) == 1 ? nb[m / 2] : 0.5 * ((double) nb[m / 2 - 1] + nb[m / 2]);
    }

    private void store(int x, int usable, Output out, int i) {
        RampStats.Counter c = counter;
        c.pixels++;
        int jumps = pixel.jumpCount;
        int flags = 0;
        if (jumps == 1) {
            flags |= ONE_JUMP;
        } else if (jumps > 1) {
            flags |= MANY_JUMPS;
        }
        if (usable < n) {
            flags |= PARTIAL;
            if (usable == 0) {
                flags |= FULL;
                c.full++;
            } else {
                c.partial++;
            }
        }
        if (pixel.badCount > 0) {
            flags |= RampResult.NONFINITE_INPUT;
            c.nonFinite++;
        }
        if (jumps > 0) {
            c.jumpPixels++;
            c.jumps += jumps;
        }
        if (pixel.fastPath) {
            c.complete++;
        }
        int used = pixel.usedDiffs;
        if (used == 0) {
            c.noData++;
            out.rate[i] = 0;
            out.ivar[i] = 0;
            out.chi2[i] = 0;
            out.varPoisson[i] = 0;
            out.varRead[i] = 0;
        } else {
            out.rate[i] = (float) pixel.rate;
            out.ivar[i] = (float) (1 / pixel.variance);
            out.varRead[i] = (float) pixel.readVariance;
            out.varPoisson[i] = (float) (pixel.variance - pixel.readVariance);
            if (Double.isNaN(pixel.chi2)) {
                batchX[batched] = x;
                batchE[batched] = pixel.entry();
                batchF[batched++] = pixel.rate;
            } else {
                out.chi2[i] = (float) pixel.chi2;
                if (used > 1 && pixel.chi2 > fit.badChi2PerDof() * (used - 1)) {
                    flags |= BAD_CHI2;
                    c.badChi2++;
                }
            }
        }
        out.flags[i] = flags;
        out.jumps[i] = jumps;
        out.lastDiff[i] = usable;
    }

    /**
     * DCS: {@code (r_first+L - r_first) / L} over the L usable differences (upstream uses every read, ignoring
     * saturation), variance {@code (2 s^2 + max(c, 0)/g) / L^2} with {@code c = r_first+L - r_first} (upstream
     * divides gain by counts and floors the inverse variance at 1e-9; both fixed here). For groups of several frames
     * the photon term is {@code max(c, 0)/g (1 - (1 - alpha)/L)}: the frames of the two end groups are averaged.
     */
    private void dcs(float[] d, int x, int usable, Output out, int i) {
        RampStats.Counter c = counter;
        c.pixels++;
        double sum = 0;
        int off = x * n;
        for (int k = 0; k < usable; k++) {
            sum += d[off + k];
        }
        int flags = usable < n ? PARTIAL | (usable == 0 ? FULL : 0) : 0;
        if (usable < n) {
            if (usable == 0) {
                c.full++;
            } else {
                c.partial++;
            }
        }
        if (usable == 0 || !Double.isFinite(sum)) {
            if (usable > 0) {
                flags |= RampResult.NONFINITE_INPUT;
                c.nonFinite++;
            }
            c.noData++;
            out.rate[i] = 0;
            out.ivar[i] = 0;
            out.varPoisson[i] = 0;
            out.varRead[i] = 0;
        } else {
            if (usable == n) {
                c.complete++;
            }
            double read = 2 * readVariance[x];
            double photon = Math.max(sum, 0) / gain[x];
            if (dcsPhoton != 0) {
                photon *= 1 - dcsPhoton / usable; // averaged end groups see less than the full photon variance
            }
            double var = read + photon;
            double l2 = (double) usable * usable;
            out.rate[i] = (float) (sum / usable);
            out.ivar[i] = (float) (l2 / var);
            out.varRead[i] = (float) (read / l2);
            out.varPoisson[i] = (float) (photon / l2);
        }
        out.chi2[i] = 0;
        out.flags[i] = flags;
        out.jumps[i] = 0;
        out.lastDiff[i] = usable;
    }

    /** Output arrays of a fit (full frame or one block), written at an offset. */
    record Output(float[] rate, float[] ivar, float[] chi2, int[] flags, int[] jumps, int[] lastDiff,
            float[] varPoisson, float[] varRead) {
        static Output allocate(int size) {
            return new Output(new float[size], new float[size], new float[size], new int[size], new int[size],
                    new int[size], new float[size], new float[size]);
        }
    }
}
