package org.drpkit.fits;

/**
 * Restores floating-point pixels from the quantized integers of a tile-compressed image (FITS standard 4.0
 * section 10.2): {@code value = (q - r + 0.5) * ZSCALE + ZZERO} with subtractive dithering, or
 * {@code q * ZSCALE + ZZERO} without. {@code r} runs through the standard table of 10000 uniform deviates made
 * by a Park-Miller generator (factor 16807, modulus 2^31 - 1, stored as float), starting at the entry the tile
 * number and ZDITHER0 select.
 */
final class Dither {

    /** Length of the random table. */
    static final int N_RANDOM = 10000;
    /** Quantized value of an undefined pixel when the writer chose the default ZBLANK. */
    static final int NULL_VALUE = -2147483647;
    /** SUBTRACTIVE_DITHER_2: quantized value of a pixel that is exactly zero. */
    static final int ZERO_VALUE = -2147483646;

    private static final float[] RANDOM = table();

    /** How a float tile was quantized (ZQUANTIZ). */
    enum Method {
        /** Not quantized: the tile holds the floating-point values themselves (lossless). */
        NONE,
        /** {@code q * ZSCALE + ZZERO}. */
        NO_DITHER,
        /** Subtractive dither. */
        SUBTRACTIVE_DITHER_1,
        /** Subtractive dither; exact zeros are coded as {@link #ZERO_VALUE}. */
        SUBTRACTIVE_DITHER_2
    }

    private Dither() {
    }

    private static float[] table() {
        double a = 16807;
        double m = 2147483647;
        double seed = 1;
        float[] r = new float[N_RANDOM];
        for (int i = 0; i < N_RANDOM; i++) {
            double t = a * seed;
            seed = t - m * (int) (t / m);
            r[i] = (float) (seed / m);
        }
        if ((int) seed != 1043618065) { // the published check value of the 10000th seed
            throw new IllegalStateException("dither table broken: last seed " + seed);
        }
        return r;
    }

    /** @return the table entry {@code i} (for tests) */
    static float random(int i) {
        return RANDOM[i];
    }

    /**
     * Unquantizes {@code n} values that start {@code skip} pixels into tile {@code tile}.
     *
     * @param tile     0-based tile number (the table row)
     * @param dither0  ZDITHER0 (1..10000)
     * @param nullable whether {@code nullValue} marks undefined pixels (written as NaN)
     */
    static void unquantize(int[] q, int qOff, int n, Method method, double scale, double zero, int tile, int dither0,
            long skip, boolean nullable, int nullValue, float[] dst, int off) {
        if (method == Method.NO_DITHER) {
            for (int i = 0; i < n; i++) {
                int v = q[qOff + i];
                dst[off + i] = nullable && v == nullValue ? Float.NaN : (float) (v * scale + zero);
            }
            return;
        }
        int seed = (int) ((tile + (long) dither0 - 1) % N_RANDOM);
        int next = (int) (RANDOM[seed] * 500);
        while (skip > 0) { // advance the sequence to the first requested pixel
            long left = N_RANDOM - next;
            if (skip < left) {
                next += (int) skip;
                break;
            }
            skip -= left;
            seed = (seed + 1) % N_RANDOM;
            next = (int) (RANDOM[seed] * 500);
        }
        boolean zeros = method == Method.SUBTRACTIVE_DITHER_2;
        for (int i = 0; i < n; i++) {
            int v = q[qOff + i];
            if (nullable && v == nullValue) {
                dst[off + i] = Float.NaN;
            } else if (zeros && v == ZERO_VALUE) {
                dst[off + i] = 0f;
            } else {
                dst[off + i] = (float) ((v - (double) RANDOM[next] + 0.5) * scale + zero);
            }
            if (++next == N_RANDOM) {
                seed = (seed + 1) % N_RANDOM;
                next = (int) (RANDOM[seed] * 500);
            }
        }
    }
}
