package org.drpkit.fits;

/**
 * Grow-only work arrays for one decoding call (or one caller reading many blocks), so row-block reads allocate
 * nothing per block. Not thread-safe: each thread or call owns its own.
 */
final class Scratch {

    private byte[] bytes = new byte[0];
    private byte[] raw = new byte[0];
    private int[] ints = new int[0];

    /** @return an array of at least {@code n} bytes for file reads (contents undefined) */
    byte[] bytes(int n) {
        if (bytes.length < n) {
            bytes = new byte[n];
        }
        return bytes;
    }

    /** @return an array of at least {@code n} bytes for decompressed tiles (contents undefined) */
    byte[] raw(int n) {
        if (raw.length < n) {
            raw = new byte[n];
        }
        return raw;
    }

    /** @return an array of at least {@code n} ints for decoded tiles (contents undefined) */
    int[] ints(int n) {
        if (ints.length < n) {
            ints = new int[n];
        }
        return ints;
    }
}
