package org.drpkit.algorithms.sim;

import java.util.random.RandomGenerator;

/**
 * A 1/f ("flicker") noise series generated tick by tick as a sum of Ornstein-Uhlenbeck processes with correlation
 * times 8, 32, 128, ... ticks up to four times the series length, equal variance each: equal power per octave, the
 * 1/f spectrum, between the series length and the pixel rate. Slow processes are advanced on a grid of an eighth of
 * their correlation time and interpolated linearly, so a tick costs about one Gaussian draw. Not thread-safe.
 */
final class OneOverF {

    private final RandomGenerator rng;
    private final int poles;
    private final int[] step;
    private final double[] rho;
    private final double[] kick;
    private final double[] cur;
    private final double[] nxt;
    private final int[] phase;
    private final double[] invStep;

    /**
     * @param rms    standard deviation of the series, DN
     * @param length ticks the series will cover
     */
    OneOverF(double rms, long length, RandomGenerator rng) {
        this.rng = rng;
        int j = 0;
        while (8.0 * Math.pow(4, j + 1) <= 4.0 * length) {
            j++;
        }
        poles = j + 1;
        step = new int[poles];
        rho = new double[poles];
        kick = new double[poles];
        cur = new double[poles];
        nxt = new double[poles];
        phase = new int[poles];
        invStep = new double[poles];
        double sigma = rms / Math.sqrt(poles);
        for (int i = 0; i < poles; i++) {
            double tau = 8.0 * Math.pow(4, i);
            step[i] = (int) Math.max(1, tau / 8);
            invStep[i] = 1.0 / step[i];
            rho[i] = Math.exp(-step[i] / tau);
            kick[i] = Math.sqrt(1 - rho[i] * rho[i]) * sigma;
            cur[i] = sigma * rng.nextGaussian();
            nxt[i] = rho[i] * cur[i] + kick[i] * rng.nextGaussian();
        }
    }

    /** @return the value at the current tick, and advances one tick */
    double next() {
        double v = 0;
        for (int i = 0; i < poles; i++) {
            v += cur[i] + (nxt[i] - cur[i]) * (phase[i] * invStep[i]);
            if (++phase[i] == step[i]) {
                phase[i] = 0;
                cur[i] = nxt[i];
                nxt[i] = rho[i] * nxt[i] + kick[i] * rng.nextGaussian();
            }
        }
        return v;
    }
}
