package org.drpkit.algorithms.wave;

/** Deep copies and counts of the per-chip arrays ({@code [chip][line]}) that the multi-chip fits return. */
final class ChipArrays {

    private ChipArrays() {
    }

    static boolean[][] copy(boolean[][] a) {
        boolean[][] c = new boolean[a.length][];
        for (int k = 0; k < a.length; k++) {
            c[k] = a[k].clone();
        }
        return c;
    }

    static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int k = 0; k < a.length; k++) {
            c[k] = a[k].clone();
        }
        return c;
    }

    /** @return the true entries over all chips */
    static int countTrue(boolean[][] a) {
        int n = 0;
        for (boolean[] u : a) {
            for (boolean b : u) {
                n += b ? 1 : 0;
            }
        }
        return n;
    }

    /** @return the entries over all chips */
    static int count(boolean[][] a) {
        int n = 0;
        for (boolean[] u : a) {
            n += u.length;
        }
        return n;
    }
}
