package org.drpkit.core.trace;

import java.util.Arrays;
import java.util.Objects;
import org.drpkit.core.image.SizeGuard;

/**
 * Fibre traces on one chip: for every trace and column, the centre and rms width of its cross-dispersion profile
 * (pixels, 0-based, pixel centres at integers) and the height (the integrated flux of the fibre in that column in
 * the unit of the image traced, e.g. DN/read of a quartz flat), plus the profile shape they share.
 *
 * <p>Traces are ordered by increasing y; trace i is fibre {@code fibres()[i]}. Values of trace i at column x are
 * at {@code i * columns + x}; columns outside {@code [x0, x1)} hold NaN. Arrays are shared: treat them as
 * read-only. A trace of a {@link TraceStatus#DEAD} fibre has height 0 and an interpolated position.
 *
 * <pre>{@code
 * Traces t = TraceFinder.find(flat, chip.lightSensitive(), "G", nominal, TraceParams.defaults()).traces();
 * t.centre(t.indexOf(150), 1024);   // y of fibre 150 at column 1024
 * }</pre>
 *
 * @param chip    name of the chip traced (checked by extraction against the exposure's chip when both are known)
 * @param columns width of the image, pixels
 * @param x0      first traced column
 * @param x1      one past the last traced column
 * @param fibres  fibre number of each trace
 * @param status  status of each trace
 * @param centre  centres, pixels
 * @param sigma   rms widths, pixels
 * @param height  integrated flux per column in the traced image's unit
 * @param shape   Gauss-Hermite shape of the profiles
 */
public record Traces(String chip, int columns, int x0, int x1, int[] fibres, TraceStatus[] status, double[] centre,
        double[] sigma, double[] height, ProfileShape shape) {

    /** Checks shapes. */
    public Traces {
        Objects.requireNonNull(chip, "chip");
        Objects.requireNonNull(shape, "shape");
        int n = fibres.length;
        int len = SizeGuard.checkArray(columns, n);
        if (status.length != n || centre.length != len || sigma.length != len || height.length != len) {
            throw new IllegalArgumentException("traces need " + n + " statuses and " + n + " x " + columns
                    + " values per quantity");
        }
        if (x0 < 0 || x1 > columns || x0 >= x1) {
            throw new IllegalArgumentException("bad column range " + x0 + ".." + x1 + " of " + columns);
        }
    }

    /** @return the number of traces */
    public int count() {
        return fibres.length;
    }

    /** @return the index of the trace of a fibre, or -1 */
    public int indexOf(int fibre) {
        for (int i = 0; i < fibres.length; i++) {
            if (fibres[i] == fibre) {
                return i;
            }
        }
        return -1;
    }

    /** @return the centre of trace i at column x, pixels */
    public double centre(int i, int x) {
        return centre[i * columns + x];
    }

    /** @return the rms width of trace i at column x, pixels */
    public double sigma(int i, int x) {
        return sigma[i * columns + x];
    }

    /** @return the height (integrated flux) of trace i at column x */
    public double height(int i, int x) {
        return height[i * columns + x];
    }

    /** @return the number of traces with a status */
    public int count(TraceStatus s) {
        int c = 0;
        for (TraceStatus t : status) {
            c += t == s ? 1 : 0;
        }
        return c;
    }

    /**
     * @param dy    shift, pixels
     * @param scale relative scale about {@code yRef}: {@code y' = y + dy + scale (y - yRef)}
     * @param yRef  the row the scale is taken about
     * @return these traces moved: centres shifted and scaled, widths and heights kept
     */
    public Traces moved(double dy, double scale, double yRef) {
        double[] c = centre.clone();
        for (int i = 0; i < c.length; i++) {
            c[i] = c[i] + dy + scale * (c[i] - yRef);
        }
        return new Traces(chip, columns, x0, x1, fibres, status, c, sigma, height, shape);
    }

    /** @return these traces with other heights (same layout) */
    public Traces withHeights(double[] h) {
        return new Traces(chip, columns, x0, x1, fibres, status, centre, sigma, h, shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Traces t && chip.equals(t.chip) && columns == t.columns && x0 == t.x0 && x1 == t.x1
                && Arrays.equals(fibres, t.fibres) && Arrays.equals(status, t.status)
                && Arrays.equals(centre, t.centre) && Arrays.equals(sigma, t.sigma)
                && Arrays.equals(height, t.height) && shape.equals(t.shape);
    }

    @Override
    public int hashCode() {
        return Objects.hash(chip, columns, x0, x1, Arrays.hashCode(fibres), Arrays.hashCode(centre));
    }

    @Override
    public String toString() {
        int mid = (x0 + x1) / 2;
        return String.format("Traces[chip %s, %d traces (%d dead), fibres %d..%d, columns %d..%d, y %.2f..%.2f "
                + "at x %d, %s]",
                chip, fibres.length, count(TraceStatus.DEAD), fibres.length == 0 ? 0 : fibres[0],
                fibres.length == 0 ? 0 : fibres[fibres.length - 1], x0, x1 - 1,
                fibres.length == 0 ? Double.NaN : centre(0, mid),
                fibres.length == 0 ? Double.NaN : centre(fibres.length - 1, mid), mid, shape);
    }
}
