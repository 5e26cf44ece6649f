package org.drpkit.algorithms.resample;

import java.util.Arrays;
import org.drpkit.core.flag.ExtraFlag;

/**
 * One fibre's output on the grid while its chips are added: per output pixel the flux and variance so far, the
 * flags of the input pixels used, and the flags of the unusable pixels that kept a pixel from being covered. Where
 * two chips cover the same output pixel their estimates are combined with inverse-variance weights.
 */
final class FibreAccumulator {

    private final double[] flux;
    private final double[] var;
    private final int[] flags;
    private final int[] missed;
    private final boolean[] linear;

    FibreAccumulator(int count) {
        flux = new double[count];
        var = new double[count];
        flags = new int[count];
        missed = new int[count];
        linear = new boolean[count];
    }

    void reset() {
        Arrays.fill(var, 0);
        Arrays.fill(flux, 0);
        Arrays.fill(flags, 0);
        Arrays.fill(missed, 0);
        Arrays.fill(linear, false);
    }

    /** Adds one chip's estimate {@code f} (variance {@code v > 0}) of output pixel {@code i}. */
    void add(int i, double f, double v, int usedFlags, boolean byLinear) {
        double v0 = var[i];
        if (v0 == 0) {
            flux[i] = f;
            var[i] = v;
        } else {
            double a = 1 / v0;
            double b = 1 / v;
            flux[i] = (flux[i] * a + f * b) / (a + b);
            var[i] = 1 / (a + b);
        }
        flags[i] |= usedFlags;
        linear[i] |= byLinear;
    }

    /** Records the flags of unusable pixels that left output pixel {@code i} uncovered by one chip. */
    void miss(int i, int unusableFlags) {
        missed[i] |= unusableFlags;
    }

    /**
     * Writes the fibre into row {@code row} of the output arrays: covered pixels get flux, {@code ivar = 1/var} and
     * the used flags; the others flux 0, ivar 0 and NOT_COVERED plus the flags of the pixels that were missing.
     *
     * @return {covered pixels, pixels that used the linear fallback}
     */
    long[] writeTo(float[] outFlux, float[] outIvar, int[] outMask, int row) {
        int count = flux.length;
        int base = row * count;
        long covered = 0;
        long lin = 0;
        int notCovered = ExtraFlag.NOT_COVERED.value();
        for (int i = 0; i < count; i++) {
            if (var[i] > 0) {
                outFlux[base + i] = (float) flux[i];
                outIvar[base + i] = (float) Math.min(Float.MAX_VALUE, 1 / var[i]);
                outMask[base + i] = flags[i];
                covered++;
                lin += linear[i] ? 1 : 0;
            } else {
                outFlux[base + i] = 0;
                outIvar[base + i] = 0;
                outMask[base + i] = notCovered | missed[i];
            }
        }
        return new long[] {covered, lin};
    }
}
