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
