package org.drpkit.algorithms.ramp;

import java.util.Objects;

/**
 * Parameters of the slope fit.
 *
 * <pre>{@code
 * FitParams p = FitParams.defaults(NoiseModel.UPSTREAM_DEFAULTS);   // GLS, row neighbours' rate for the covariance
 * FitParams q = p.withEstimator(FitParams.Estimator.OLS_FIXSEN)
 *         .withCovarianceRate(FitParams.CovarianceRate.SELF);              // upstream's choice
 * }</pre>
 *
 * @param estimator          the slope estimator
 * @param noise              gain and read variance
 * @param covarianceRate     where the rate in the photon-noise term of the covariance comes from
 * @param neighbourHalfWidth for {@link CovarianceRate#NEIGHBOURS}: pixels taken on each side along the row (at least 1)
 * @param iterations         GLS re-evaluations of the covariance from the current rate with
 *                           {@link CovarianceRate#SELF} (at least 1; upstream uses 2)
 * @param badChi2PerDof      chi2 per degree of freedom above which BAD_CHI2 is set (upstream: 100)
 */
public record FitParams(Estimator estimator, NoiseModel noise, CovarianceRate covarianceRate, int neighbourHalfWidth,
        int iterations, double badChi2PerDof) {

    /**
     * With {@link CovarianceRate#NEIGHBOURS}: a pixel whose preliminary rate differs from its neighbours' by more than
     * this many sigma (its predicted noise at the neighbours' rate) uses its own rate instead (a narrow line or a
     * trace edge along the row). Under a smooth scene the switch happens for 6e-5 of the pixels.
     */
    public static final double NEIGHBOUR_SWITCH_SIGMA = 4;

    /** The slope estimators. */
    public enum Estimator {
        /**
         * Generalised least squares on the differences with their tridiagonal covariance (photon plus read noise),
         * as ApogeeReduction.jl's {@code sutr_wood} and Brandt's fitramp; minimum variance for a constant rate.
         */
        GLS,
        /** Ordinary least squares per jump-free segment with Fixsen optimal weighting, as stcal's {@code OLS_C}. */
        OLS_FIXSEN
    }

    /** Where the rate in the photon-noise term of the covariance comes from. */
    public enum CovarianceRate {
        /**
         * The pixel's own fitted rate, clipped at zero (upstream and stcal). The reported variance then depends on
         * the same noise as the rate, and pulls {@code (rate - true)/sigma} are biased low by about
         * {@code -sigma d(ln var)/d(rate) / 2} where photon and read noise are comparable (Stein's lemma).
         */
        SELF,
        /**
         * The median of the preliminary rates of the {@code neighbourHalfWidth} pixels on each side in the same row
         * and region (the pixel itself excluded), not clipped. It is independent of the pixel's own noise, so
         * weights, rate and variance are unbiased and pulls are centred where the rate varies slowly along rows;
         * where the pixel's own preliminary rate differs from it by more than {@link #NEIGHBOUR_SWITCH_SIGMA}
         * sigma (a narrow line, a trace edge), the pixel's own rate is used, as {@code SELF}.
         */
        NEIGHBOURS
    }

    /** Checks the values. */
    public FitParams {
        Objects.requireNonNull(estimator, "estimator");
        Objects.requireNonNull(noise, "noise");
        Objects.requireNonNull(covarianceRate, "covarianceRate");
        if (neighbourHalfWidth < 1) {
            throw new IllegalArgumentException("neighbourHalfWidth must be at least 1, got " + neighbourHalfWidth);
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be at least 1, got " + iterations);
        }
        if (!(badChi2PerDof > 0)) {
            throw new IllegalArgumentException("badChi2PerDof must be positive, got " + badChi2PerDof);
        }
    }

    /**
     * GLS with the row neighbours' rate for the covariance (4 pixels on each side), 2 iterations, BAD_CHI2 above 100
     * per degree of freedom. {@link CovarianceRate#NEIGHBOURS} is the default because it is the mode whose pulls
     * are centred at every rate (upstream's {@link CovarianceRate#SELF} under-reports the error below about
     * 10 DN/read, by Stein's lemma) and APOGEE's traces run along rows; choose SELF for scenes of isolated point
     * sources, where a pixel's neighbours do not share its rate.
     *
     * @return the default fit parameters
     */
    public static FitParams defaults(NoiseModel noise) {
        return new FitParams(Estimator.GLS, noise, CovarianceRate.NEIGHBOURS, 4, 2, 100);
    }

    /** @return a copy with another estimator */
    public FitParams withEstimator(Estimator e) {
        return new FitParams(e, noise, covarianceRate, neighbourHalfWidth, iterations, badChi2PerDof);
    }

    /** @return a copy with another covariance rate */
    public FitParams withCovarianceRate(CovarianceRate c) {
        return new FitParams(estimator, noise, c, neighbourHalfWidth, iterations, badChi2PerDof);
    }

    /** @return a copy with another noise model */
    public FitParams withNoise(NoiseModel n) {
        return new FitParams(estimator, n, covarianceRate, neighbourHalfWidth, iterations, badChi2PerDof);
    }
}
