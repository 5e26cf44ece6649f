package org.drpkit.core.trace;

/**
 * The shape of the cross-dispersion profiles beyond centre and width: the Gauss-Hermite coefficients h3 (skew) and
 * h4 (tails) of the Gauss-Hermite profile ({@code org.drpkit.algorithms.trace.GaussHermite}), varying slowly and
 * linearly across the chip.
 *
 * <p>At column x and trace position y (pixels, 0-based) {@code h3(x, y) = h3 + h3x x / 1000 + h3y y / 1000}, and
 * likewise h4. Centroid and rms width of the profile do not depend on h3 and h4, so a trace's centre and width
 * mean the same thing whatever the shape.
 *
 * <pre>{@code
 * ProfileShape s = new ProfileShape(0.01, 0.005, 0.0, 0.03, 0.0, 0.01);
 * s.h4(1024, 1024);   // 0.03 + 0.01 * 1.024
 * ProfileShape.GAUSSIAN.h3(0, 0);   // 0
 * }</pre>
 *
 * @param h3  He3 coefficient at the origin
 * @param h3x change of h3 per 1000 columns
 * @param h3y change of h3 per 1000 rows
 * @param h4  He4 coefficient at the origin
 * @param h4x change of h4 per 1000 columns
 * @param h4y change of h4 per 1000 rows
 */
public record ProfileShape(double h3, double h3x, double h3y, double h4, double h4x, double h4y) {

    /** A pure Gaussian profile everywhere. */
    public static final ProfileShape GAUSSIAN = new ProfileShape(0, 0, 0, 0, 0, 0);

    /** Checks that the coefficients are finite. */
    public ProfileShape {
        if (!Double.isFinite(h3 + h3x + h3y + h4 + h4x + h4y)) {
            throw new IllegalArgumentException("profile shape coefficients must be finite");
        }
    }

    /** @return a shape with constant coefficients */
    public static ProfileShape constant(double h3, double h4) {
        return new ProfileShape(h3, 0, 0, h4, 0, 0);
    }

    /** @return h3 at column x and row y */
    public double h3(double x, double y) {
        return h3 + (h3x * x + h3y * y) * 1e-3;
    }

    /** @return h4 at column x and row y */
    public double h4(double x, double y) {
        return h4 + (h4x * x + h4y * y) * 1e-3;
    }

    /** @return true when h3 and h4 are zero everywhere */
    public boolean isGaussian() {
        return equals(GAUSSIAN);
    }

    @Override
    public String toString() {
        return isGaussian() ? "ProfileShape[Gaussian]"
                : String.format("ProfileShape[h3 %.4f%+.4f x/kpx%+.4f y/kpx, h4 %.4f%+.4f x/kpx%+.4f y/kpx]", h3, h3x,
                        h3y, h4, h4x, h4y);
    }
}
