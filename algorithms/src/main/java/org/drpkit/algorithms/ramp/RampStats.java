package org.drpkit.algorithms.ramp;

/**
 * Counts from a ramp fit, for QA: how many pixels took the fast path, had jumps, saturated, had a bad chi2.
 *
 * @param pixels             pixels fitted
 * @param completeRamps      pixels whose every difference was usable (the closed-form fast path)
 * @param jumpPixels         pixels with at least one jump
 * @param jumps              jumps flagged in total
 * @param partialSaturation  pixels with some but not all differences saturated
 * @param fullSaturation     pixels with no usable difference because of saturation
 * @param badChi2            pixels flagged BAD_CHI2
 * @param nonFinite          pixels with a NaN or infinite read
 * @param noData             pixels left without any usable difference (ivar 0), for any reason
 */
public record RampStats(long pixels, long completeRamps, long jumpPixels, long jumps, long partialSaturation,
        long fullSaturation, long badChi2, long nonFinite, long noData) {

    /** A mutable accumulator, one per worker, summed at the end (sums do not depend on the thread count). */
    static final class Counter {
        long pixels;
        long complete;
        long jumpPixels;
        long jumps;
        long partial;
        long full;
        long badChi2;
        long nonFinite;
        long noData;

        void add(Counter o) {
            pixels += o.pixels;
            complete += o.complete;
            jumpPixels += o.jumpPixels;
            jumps += o.jumps;
            partial += o.partial;
            full += o.full;
            badChi2 += o.badChi2;
            nonFinite += o.nonFinite;
            noData += o.noData;
        }

        RampStats toStats() {
            return new RampStats(pixels, complete, jumpPixels, jumps, partial, full, badChi2, nonFinite, noData);
        }
    }

    @Override
    public String toString() {
        return String.format("RampStats[%d px: %.2f%% complete, %d with jumps (%d jumps), %d partly / %d fully "
                + "saturated, %d bad chi2, %d non-finite, %d without data]", pixels,
                pixels == 0 ? 0.0 : 100.0 * completeRamps / pixels, jumpPixels, jumps, partialSaturation,
                fullSaturation, badChi2, nonFinite, noData);
    }
}
