package org.drpkit.algorithms.trace;

/**
 * The Gauss-Hermite cross-dispersion profile of a fibre, integrated over pixels: the hot kernel shared by trace
 * fitting, extraction and the spectrograph simulator.
 *
 * <p>In the standardised coordinate {@code z = (y - mu) / sigma} the profile density is
 * {@code p(z) = phi(z) (1 + h3 He3(z) + h4 He4(z))}, with {@code He_j} the probabilists' Hermite polynomials and
 * {@code phi} the unit normal. Its cumulative is {@code F(z) = Phi(z) - phi(z) (h3 He2(z) + h4 He3(z))}, so the
 * profile integrates to 1, its centroid is {@code mu} and its rms width is {@code sigma} for any h3, h4 (the
 * Hermite terms of order 3 and 4 change skewness and tails only). Pixel k covers {@code y in [k - 0.5, k + 0.5]}
 * (pixel centres at integers, 0-based, as everywhere in drpkit); its fraction is {@code F(z_hi) - F(z_lo)}.
 *
 * <p>{@code Phi} uses the rational approximation 7.1.26 of Abramowitz and Stegun (absolute error below 1.5e-7),
 * which shares its exponential with {@code phi}: one {@code exp} per pixel edge. Not allocating, thread-safe.
 *
 * <pre>{@code
 * double[] frac = new double[11];
 * GaussHermite.fractions(100.3, 1.1, 0.0, 0.02, 95, 11, frac);   // pixels 95..105 of a trace at y = 100.3
 * }</pre>
 */
public final class GaussHermite {

    private static final double INV_SQRT_2PI = 0.3989422804014327;
    private static final double INV_SQRT2 = 0.7071067811865476;
    private static final double P = 0.3275911;
    private static final double A1 = 0.254829592;
    private static final double A2 = -0.284496736;
    private static final double A3 = 1.421413741;
    private static final double A4 = -1.453152027;
    private static final double A5 = 1.061405429;

    private GaussHermite() {
    }

    /**
     * @param z  standardised coordinate
     * @param h3 coefficient of He3
     * @param h4 coefficient of He4
     * @return the cumulative profile {@code F(z)}, from 0 at minus infinity to 1 at plus infinity
     */
    public static double cdf(double z, double h3, double h4) {
        double e = Math.exp(-0.5 * z * z);
        return cdf(z, e, h3, h4);
    }

    /** @return the profile density {@code p(z)} per unit z */
    public static double pdf(double z, double h3, double h4) {
        double z2 = z * z;
        return INV_SQRT_2PI * Math.exp(-0.5 * z2) * (1 + h3 * z * (z2 - 3) + h4 * (z2 * (z2 - 6) + 3));
    }

    private static double cdf(double z, double e, double h3, double h4) {
        double x = Math.abs(z) * INV_SQRT2;
        double t = 1 / (1 + P * x);
        double tail = 0.5 * t * (A1 + t * (A2 + t * (A3 + t * (A4 + t * A5)))) * e; // 0.5 erfc(|z|/sqrt2)
        double phiCdf = z >= 0 ? 1 - tail : tail;
        if (h3 == 0 && h4 == 0) {
            return phiCdf;
        }
        double z2 = z * z;
        return phiCdf - INV_SQRT_2PI * e * (h3 * (z2 - 1) + h4 * z * (z2 - 3));
    }

    /**
     * Pixel fractions of one profile.
     *
     * @param mu     centre, pixels (0-based, pixel centres at integers)
     * @param sigma  rms width, pixels (positive)
     * @param h3     He3 coefficient
     * @param h4     He4 coefficient
     * @param first  first pixel
     * @param n      number of pixels
     * @param out    receives the fractions of pixels {@code first .. first + n - 1} in {@code out[0 .. n-1]}
     *               (modified)
     */
    public static void fractions(double mu, double sigma, double h3, double h4, int first, int n, double[] out) {
        double inv = 1 / sigma;
        double zlo = (first - 0.5 - mu) * inv;
        double flo = cdf(zlo, h3, h4);
        for (int k = 0; k < n; k++) {
            double zhi = zlo + inv;
            double fhi = cdf(zhi, h3, h4);
            out[k] = fhi - flo;
            flo = fhi;
            zlo = zhi;
        }
    }

    /**
     * Pixel fractions and their derivatives with respect to the centre and the width, for Gauss-Newton fits.
     *
     * @param dMu    receives d(fraction)/d(mu), per pixel (modified)
     * @param dSigma receives d(fraction)/d(sigma), per pixel (modified)
     * @see #fractions(double, double, double, double, int, int, double[])
     */
    public static void fractions(double mu, double sigma, double h3, double h4, int first, int n, double[] out,
            double[] dMu, double[] dSigma) {
        double inv = 1 / sigma;
        double zlo = (first - 0.5 - mu) * inv;
        double elo = Math.exp(-0.5 * zlo * zlo);
        double flo = cdf(zlo, elo, h3, h4);
        double plo = density(zlo, elo, h3, h4);
        for (int k = 0; k < n; k++) {
            double zhi = zlo + inv;
            double ehi = Math.exp(-0.5 * zhi * zhi);
            double fhi = cdf(zhi, ehi, h3, h4);
            double phi = density(zhi, ehi, h3, h4);
            out[k] = fhi - flo;
            dMu[k] = -(phi - plo) * inv;
            dSigma[k] = -(zhi * phi - zlo * plo) * inv;
            flo = fhi;
            plo = phi;
            zlo = zhi;
        }
    }

    private static double density(double z, double e, double h3, double h4) {
        double z2 = z * z;
        return INV_SQRT_2PI * e * (1 + h3 * z * (z2 - 3) + h4 * (z2 * (z2 - 6) + 3));
    }
}
