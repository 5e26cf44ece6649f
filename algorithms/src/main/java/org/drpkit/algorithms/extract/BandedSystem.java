package org.drpkit.algorithms.extract;

/**
 * A symmetric positive-definite banded system {@code A f = b}: the normal equations of all fibre amplitudes in one
 * column (package-private hot kernel of {@link Extraction}).
 *
 * <p>Storage is by rows of the upper band: {@code a[i * (p + 1) + k] = A(i, i + k)}, k = 0..p. {@link #factor} is an
 * LDL^T decomposition in place of a separate band (unit lower L stored by columns:
 * {@code l[i * (p + 1) + m] = L(i + m, i)}), O(n p^2); {@link #solve} two triangular sweeps; {@link #inverseDiagonal}
 * the diagonal of {@code A^-1} by the Takahashi recurrence on the band (the entries of the inverse inside the band
 * are all it needs), O(n p^2). No allocation after construction; one instance per worker.
 */
final class BandedSystem {

    /** A pivot below this fraction of its diagonal entry means the trace is not determined by the data. */
    static final double PIVOT_TOLERANCE = 1e-10;

    private final int capacity;
    private final int maxBand;
    final double[] a;
    private final double[] l;
    private final double[] d;
    private final double[] z;
    final double[] b;
    final double[] x;
    private int n;
    private int p;

    BandedSystem(int capacity, int maxBand) {
        this.capacity = capacity;
        this.maxBand = maxBand;
        a = new double[capacity * (maxBand + 1)];
        l = new double[a.length];
        z = new double[a.length];
        d = new double[capacity];
        b = new double[capacity];
        x = new double[capacity];
    }

    /** Starts a system of n unknowns and half-bandwidth p, all entries 0. */
    void reset(int unknowns, int band) {
        if (unknowns > capacity || band > maxBand) {
            throw new IllegalArgumentException(unknowns + " unknowns, band " + band + " exceed " + capacity + ", "
                    + maxBand);
        }
        n = unknowns;
        p = band;
        java.util.Arrays.fill(a, 0, n * (p + 1), 0);
        java.util.Arrays.fill(b, 0, n, 0);
    }

    int band() {
        return p;
    }

    /** @return the index of A(i, i + k) in {@link #a} */
    int at(int i, int k) {
        return i * (p + 1) + k;
    }

    /** Replaces unknown i by the trivial equation {@code f_i = 0} (row and column cleared, diagonal 1). */
    void decouple(int i) {
        for (int k = 1; k <= p; k++) {
            if (i + k < n) {
                a[at(i, k)] = 0;
            }
            if (i - k >= 0) {
                a[at(i - k, k)] = 0;
            }
        }
        a[at(i, 0)] = 1;
        b[i] = 0;
    }

    /**
     * Factors A = L D L^T.
     *
     * @return -1 on success, or the first unknown whose pivot is not positive enough (the system is left partly
     *         factored; decouple that unknown and factor again)
     */
    int factor() {
        int w = p + 1;
        for (int i = 0; i < n; i++) {
            double di = a[i * w];
            for (int k = 1; k <= p && k <= i; k++) {
                double lik = l[(i - k) * w + k];
                di -= lik * lik * d[i - k];
            }
            if (!(di > PIVOT_TOLERANCE * a[i * w])) {
                return i;
            }
            d[i] = di;
            for (int m = 1; m <= p && i + m < n; m++) {
                int j = i + m;
                double s = a[i * w + m];
                for (int t = 1; t <= p - m && t <= i; t++) {
                    int c = i - t;
                    s -= l[c * w + (j - c)] * l[c * w + t] * d[c];
                }
                l[i * w + m] = s / di;
            }
        }
        return -1;
    }

    /** Solves for {@link #x} from {@link #b} after {@link #factor}. */
    void solve() {
        int w = p + 1;
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 1; k <= p && k <= i; k++) {
                s -= l[(i - k) * w + k] * x[i - k];
            }
            x[i] = s;
        }
        for (int i = 0; i < n; i++) {
            x[i] /= d[i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double s = x[i];
            for (int m = 1; m <= p && i + m < n; m++) {
                s -= l[i * w + m] * x[i + m];
            }
            x[i] = s;
        }
    }

    /**
     * The diagonal of A^-1 after {@link #factor}: {@code out[i] = (A^-1)_ii}, the variance of amplitude i with its
     * neighbours free (modified).
     */
    void inverseDiagonal(double[] out) {
        int w = p + 1;
        for (int i = n - 1; i >= 0; i--) {
            for (int m = Math.min(p, n - 1 - i); m >= 1; m--) {
                int j = i + m;
                double s = 0;
                for (int k = 1; k <= p && i + k < n; k++) {
                    int r = i + k;
                    double zr = r <= j ? z[r * w + (j - r)] : z[j * w + (r - j)];
                    s -= l[i * w + k] * zr;
                }
                z[i * w + m] = s;
            }
            double s = 1 / d[i];
            for (int k = 1; k <= p && i + k < n; k++) {
                s -= l[i * w + k] * z[i * w + k];
            }
            z[i * w] = s;
            out[i] = s;
        }
    }
}
