package org.drpkit.algorithms.sim;

import java.util.SplittableRandom;

/** Independent random streams derived from (seed, stream, index): the same numbers whatever the thread count. */
final class Seeds {

    static final long PIXELS = 0x5EEDL;
    static final long DETECTOR = 0xDE7EL;
    static final long ONE_OVER_F = 0x1F1FL;
    static final long DRIFT = 0xD21FL;
    static final long OFFSETS = 0x0FF5L;
    static final long RESET = 0x2E5EL;
    static final long OBSERVE = 0x0B5EL;

    private Seeds() {
    }

    static SplittableRandom stream(long seed, long stream, long index) {
        return new SplittableRandom(mix(mix(seed ^ 0x9E3779B97F4A7C15L * (stream + 1)) + index));
    }

    /** SplitMix64's finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
