package org.drpkit.algorithms.trace;

import java.util.Arrays;
import java.util.Objects;

/**
 * Where the fibres are expected: the nominal geometry trace finding identifies peaks against (upstream:
 * {@code traceCenterPositions}). One entry per fibre expected on the chip, in increasing y.
 *
 * <pre>{@code
 * NominalTraces n = new NominalTraces(new int[] {300, 299, 298}, new double[] {29.0, 35.6, 42.2}, 1024);
 * n.count();   // 3
 * }</pre>
 *
 * @param fibres fibre numbers (e.g. APOGEE fiberID), one per expected trace
 * @param y      expected centre of each trace at column {@code x}, pixels (0-based), strictly increasing
 * @param x      the column the positions refer to
 */
public record NominalTraces(int[] fibres, double[] y, double x) {

    /** Checks lengths and order. */
    public NominalTraces {
        Objects.requireNonNull(fibres, "fibres");
        Objects.requireNonNull(y, "y");
        if (fibres.length != y.length || fibres.length == 0) {
            throw new IllegalArgumentException("need one position per fibre and at least one fibre: " + fibres.length
                    + " fibres, " + y.length + " positions");
        }
        for (int i = 1; i < y.length; i++) {
            if (!(y[i] > y[i - 1])) {
                throw new IllegalArgumentException("nominal positions must increase: y[" + i + "] = " + y[i]);
            }
        }
        fibres = fibres.clone();
        y = y.clone();
    }

    /** @return the number of expected traces */
    public int count() {
        return fibres.length;
    }

    /** @return the median spacing between neighbouring traces, pixels */
    public double medianSpacing() {
        if (y.length < 2) {
            return Double.NaN;
        }
        double[] d = new double[y.length - 1];
        for (int i = 0; i < d.length; i++) {
            d[i] = y[i + 1] - y[i];
        }
        Arrays.sort(d);
        return d[d.length / 2];
    }

    @Override
    public String toString() {
        return String.format("NominalTraces[%d fibres (%d..%d), y %.1f..%.1f at x %.0f, spacing %.2f px]",
                fibres.length, fibres[0], fibres[fibres.length - 1], y[0], y[y.length - 1], x, medianSpacing());
    }
}
