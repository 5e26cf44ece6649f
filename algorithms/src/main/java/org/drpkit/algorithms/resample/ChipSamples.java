package org.drpkit.algorithms.resample;

import org.drpkit.core.image.Spectra;

/**
 * One chip of one fibre, copied in increasing wavelength (reversed when the chip's wavelength decreases with pixel),
 * with each pixel's usability decided once: a worker's reusable buffer, sized for the longest chip.
 */
final class ChipSamples {

    int n;
    final double[] wave;
    final double[] flux;
    final double[] var;
    final int[] flags;
    final boolean[] good;
    /** {@code badBefore[k]}: unusable pixels among the first k. */
    final int[] badBefore;
    /** Pixel edges (n + 1), halfway between centres, extrapolated by half a pixel at both ends. */
    final double[] edges;

    ChipSamples(int capacity) {
        wave = new double[capacity];
        flux = new double[capacity];
        var = new double[capacity];
        flags = new int[capacity];
        good = new boolean[capacity];
        badBefore = new int[capacity + 1];
        edges = new double[capacity + 1];
    }

    /**
     * Loads fibre {@code f} of {@code chip} (which carries wavelengths).
     *
     * @return false when the fibre's wavelengths on this chip are not finite and strictly monotonic, or there are
     *         fewer than 2 pixels: the chip then gives this fibre nothing
     */
    boolean load(Spectra chip, int f, double[] lambda, ResampleParams p) {
        int px = chip.pixels();
        int base = f * px;
        n = px;
        if (px < 2) {
            return false;
        }
        boolean reversed = lambda[base + 1] < lambda[base];
        for (int q = 0; q < px; q++) {
            int k = base + (reversed ? px - 1 - q : q);
            double w = lambda[k];
            if (!Double.isFinite(w) || (q > 0 && !(w > wave[q - 1]))) {
                return false;
            }
            wave[q] = w;
            float fl = chip.flux()[k];
            float iv = chip.ivar()[k];
            int m = chip.mask()[k];
            boolean ok = (m & p.badBits()) == 0 && Float.isFinite(fl) && Float.isFinite(iv) && iv > p.minIvar();
            good[q] = ok;
            flux[q] = ok ? fl : 0;
            var[q] = ok ? 1.0 / iv : 0;
            flags[q] = m;
            badBefore[q + 1] = badBefore[q] + (ok ? 0 : 1);
        }
        edges[0] = wave[0] - 0.5 * (wave[1] - wave[0]);
        for (int q = 1; q < px; q++) {
            edges[q] = 0.5 * (wave[q - 1] + wave[q]);
        }
        edges[px] = wave[px - 1] + 0.5 * (wave[px - 1] - wave[px - 2]);
        return true;
    }

    /** @return true when pixels {@code a..b} (inclusive) are all usable */
    boolean allGood(int a, int b) {
        return badBefore[b + 1] - badBefore[a] == 0;
    }
}
