package org.drpkit.algorithms.stats;

/**
 * In-place selection (Hoare quickselect with median-of-three pivots) on float arrays: the k-th smallest value in
 * expected linear time, without sorting. The range is reordered.
 *
 * <pre>{@code
 * float[] a = {5, 1, 4, 2, 3};
 * Select.kth(a, 0, a.length, 2);   // 3.0 (the median)
 * }</pre>
 */
public final class Select {

    private static final int INSERTION_LIMIT = 16;

    private Select() {
    }

    /**
     * @param a    values; {@code a[from, to)} is reordered so that {@code a[from + k]} holds the k-th smallest,
     *             smaller-or-equal values before it and larger-or-equal after
     * @param from first index (inclusive)
     * @param to   last index (exclusive)
     * @param k    rank within the range, {@code 0 <= k < to - from}
     * @return the k-th smallest value; NaN must not be present
     */
    public static float kth(float[] a, int from, int to, int k) {
        if (k < 0 || k >= to - from) {
            throw new IndexOutOfBoundsException("rank " + k + " outside a range of " + (to - from));
        }
        int lo = from;
        int hi = to - 1;
        int target = from + k;
        while (hi - lo > INSERTION_LIMIT) {
            int mid = (lo + hi) >>> 1;
            // median of three into a[mid], with a[lo] <= a[mid] <= a[hi]
            if (a[mid] < a[lo]) {
                swap(a, mid, lo);
            }
            if (a[hi] < a[lo]) {
                swap(a, hi, lo);
            }
            if (a[hi] < a[mid]) {
                swap(a, hi, mid);
            }
            float pivot = a[mid];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    swap(a, i, j);
                    i++;
                    j--;
                }
            }
            if (target <= j) {
                hi = j;
            } else if (target >= i) {
                lo = i;
            } else {
                return a[target];
            }
        }
        insertionSort(a, lo, hi + 1);
        return a[target];
    }

    /** Sorts {@code a[from, to)} by insertion; fast for the short runs met per pixel. */
    public static void insertionSort(float[] a, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            float v = a[i];
            int j = i - 1;
            while (j >= from && a[j] > v) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = v;
        }
    }

    /**
     * The median of the first {@code m} (1 to 8) finite values of {@code v}, by a fixed network of min/max steps (the
     * 19-comparator sorting network of eight inputs, keeping only the halves of comparators whose output reaches the
     * middle pair): no branch depends on the data, so it is several times faster than sorting by insertion. Fewer
     * than eight values are padded with infinities placed so that the network's middle pair is the median pair (m
     * even) or starts with the median (m odd). Equal to sorting and taking the middle value, or the mean of the two
     * middle values in double precision (a zero's sign aside). Allocation-free.
     *
     * <pre>{@code
     * float[] v = {5, 1, 4, 2, 3, 0, 0, 0};
     * Select.median8(v, 5, new float[2]);   // 3.0
     * }</pre>
     *
     * @param v    at least 8 slots; slots {@code m..7} are overwritten
     * @param pair scratch of two floats
     * @return the median
     */
    public static double median8(float[] v, int m, float[] pair) {
        if (m < 1 || m > 8) {
            throw new IllegalArgumentException("1 to 8 values, got " + m);
        }
        int low = 4 - (m + 1) / 2; // -infinity slots: the median pair lands on positions 3 and 4
        for (int i = m; i < 8; i++) {
            v[i] = i - m < low ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
        }
        middlePair8(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], pair);
        return (m & 1) == 1 ? pair[0] : 0.5 * ((double) pair[0] + pair[1]);
    }

    /** Writes the fourth and fifth smallest of eight values to {@code pair[0]}, {@code pair[1]}. */
    private static void middlePair8(float a0, float a1, float a2, float a3, float a4, float a5, float a6, float a7,
            float[] pair) {
        float t;
        // layer 1: (0,2) (1,3) (4,6) (5,7)
        t = Math.min(a0, a2); a2 = Math.max(a0, a2); a0 = t;
        t = Math.min(a1, a3); a3 = Math.max(a1, a3); a1 = t;
        t = Math.min(a4, a6); a6 = Math.max(a4, a6); a4 = t;
        t = Math.min(a5, a7); a7 = Math.max(a5, a7); a5 = t;
        // layer 2: (0,4) (1,5) (2,6) (3,7)
        t = Math.min(a0, a4); a4 = Math.max(a0, a4); a0 = t;
        t = Math.min(a1, a5); a5 = Math.max(a1, a5); a1 = t;
        t = Math.min(a2, a6); a6 = Math.max(a2, a6); a2 = t;
        t = Math.min(a3, a7); a7 = Math.max(a3, a7); a3 = t;
        // layer 3: (0,1) (2,3) (4,5) (6,7); outputs 0 and 7 are not needed further
        a1 = Math.max(a0, a1);
        t = Math.min(a2, a3); a3 = Math.max(a2, a3); a2 = t;
        t = Math.min(a4, a5); a5 = Math.max(a4, a5); a4 = t;
        a6 = Math.min(a6, a7);
        // layer 4: (2,4) (3,5)
        a4 = Math.max(a2, a4);
        a3 = Math.min(a3, a5);
        // layer 5: (1,4) (3,6): positions 3 and 4 now hold the middle pair
        a4 = Math.max(a1, a4);
        a3 = Math.min(a3, a6);
        // layer 6: (3,4)
        pair[0] = Math.min(a3, a4);
        pair[1] = Math.max(a3, a4);
    }

    /** @return the smallest value of {@code a[from, to)}, a non-empty range */
    static float min(float[] a, int from, int to) {
        float m = a[from];
        for (int i = from + 1; i < to; i++) {
            if (a[i] < m) {
                m = a[i];
            }
        }
        return m;
    }

    private static void swap(float[] a, int i, int j) {
        float t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
