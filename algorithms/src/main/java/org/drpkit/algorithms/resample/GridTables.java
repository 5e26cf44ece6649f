package org.drpkit.algorithms.resample;

/**
 * A grid's pixel centres and edges in Angstrom, computed once per call and shared read-only by the workers.
 *
 * @param centres {@code count} wavelengths, increasing
 * @param edges   {@code count + 1} edges, increasing
 */
record GridTables(double[] centres, double[] edges) {

    static GridTables of(LogGrid g) {
        return new GridTables(g.wavelengths(), g.edges());
    }

    /** @return the first index {@code i} with {@code a[i] >= x}, or {@code a.length} */
    static int lowerBound(double[] a, double x) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
