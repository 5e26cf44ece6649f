package org.drpkit.algorithms.wave;

import org.apache.commons.math3.analysis.MultivariateMatrixFunction;
import org.apache.commons.math3.analysis.MultivariateVectorFunction;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.DiagonalMatrix;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * The least-squares fit of n pixel-integrated Gaussians on a linear background to a window of columns
 * (package-private kernel of {@link ArcPeaks}), with Commons Math's Levenberg-Marquardt and analytic derivatives.
 *
 * <p>Parameters: for each line j, {@code (flux_j, centre_j, sigma_j)}, then the background {@code b0 + b1 (x - xm)}
 * with {@code xm} the window's middle. Each line's model in column x is
 * {@code flux/2 [erf((x + 1/2 - c) / (sqrt2 s)) - erf((x - 1/2 - c) / (sqrt2 s))]}. Steps are kept in bounds: flux
 * non-negative, centre within {@code maxMove} of its start, width within [minSigma, maxSigma].
 */
final class GaussianBlendFit {

    private static final double SQRT2 = Math.sqrt(2);
    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

    /** The fitted parameters, their covariance (scaled by the reduced chi-square when above 1) and the chi-square. */
    record Fit(double[] p, double[][] cov, double reducedChi2) {
    }

    private GaussianBlendFit() {
    }

    /**
     * @param x       columns of the window
     * @param y       data
     * @param w       weights (inverse variance; 0 for a bad pixel)
     * @param start   start parameters (3 per line, then b0, b1)
     * @return the fit, or null when it did not converge to finite values
     */
    static Fit fit(double[] x, double[] y, double[] w, double[] start, double maxMove, double minSigma,
            double maxSigma) {
        int n = (start.length - 2) / 3;
        double xm = 0.5 * (x[0] + x[x.length - 1]);
        double[] c0 = new double[n];
        for (int j = 0; j < n; j++) {
            c0[j] = start[3 * j + 1];
        }
        MultivariateVectorFunction value = p -> model(p, x, xm, n);
        MultivariateMatrixFunction jacobian = p -> jacobian(p, x, xm, n);
        LeastSquaresBuilder b = new LeastSquaresBuilder().start(start).target(y).weight(new DiagonalMatrix(w.clone()))
                .model(value, jacobian).maxEvaluations(400).maxIterations(200).lazyEvaluation(false)
                .parameterValidator(v -> {
                    double[] p = v.toArray();
                    for (int j = 0; j < n; j++) {
                        p[3 * j] = Math.max(0, p[3 * j]);
                        p[3 * j + 1] = Math.min(c0[j] + maxMove, Math.max(c0[j] - maxMove, p[3 * j + 1]));
                        p[3 * j + 2] = Math.min(maxSigma, Math.max(minSigma, p[3 * j + 2]));
                    }
                    return new ArrayRealVector(p, false);
                });
        LeastSquaresOptimizer.Optimum o;
        try {
            o = new LevenbergMarquardtOptimizer().optimize(b.build());
        } catch (RuntimeException e) { // no convergence, singular: the line is not fitted
            return null;
        }
        double[] p = o.getPoint().toArray();
        int dof = 0;
        for (double wi : w) {
            dof += wi > 0 ? 1 : 0;
        }
        dof -= p.length;
        if (dof <= 0) {
            return null;
        }
        double chi2 = o.getCost() * o.getCost() / dof;
        RealMatrix cov;
        try {
            cov = o.getCovariances(1e-12);
        } catch (RuntimeException e) {
            return null;
        }
        double scale = Math.max(1, chi2);
        double[][] c = cov.scalarMultiply(scale).getData();
        for (double v : p) {
            if (!Double.isFinite(v)) {
                return null;
            }
        }
        return new Fit(p, c, chi2);
    }

    /**
     * The error function by Abramowitz and Stegun 7.1.26 (absolute error below 1.5e-7, i.e. 1.5e-7 of a line's flux
     * per pixel): the fit's hot loop, where Commons Math's series and continued fractions took most of the time.
     */
    static double erf(double z) {
        double t = 1 / (1 + 0.3275911 * Math.abs(z));
        double y = 1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027
                + t * 1.061405429)))) * Math.exp(-z * z);
        return z >= 0 ? y : -y;
    }

    /** @return one pixel-integrated Gaussian line of the given flux, centre and width at column x */
    static double line(double x, double flux, double c, double sigma) {
        double sg = sigma * SQRT2;
        return 0.5 * flux * (erf((x + 0.5 - c) / sg) - erf((x - 0.5 - c) / sg));
    }

    static double[] model(double[] p, double[] x, double xm, int n) {
        double[] m = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double s = p[3 * n] + p[3 * n + 1] * (x[i] - xm);
            for (int j = 0; j < n; j++) {
                s += line(x[i], p[3 * j], p[3 * j + 1], p[3 * j + 2]);
            }
            m[i] = s;
        }
        return m;
    }

    private static double[][] jacobian(double[] p, double[] x, double xm, int n) {
        double[][] jac = new double[x.length][p.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < n; j++) {
                double a = p[3 * j];
                double c = p[3 * j + 1];
                double s = p[3 * j + 2];
                double sg = s * SQRT2;
                double zp = (x[i] + 0.5 - c) / sg;
                double zm = (x[i] - 0.5 - c) / sg;
                double ep = Math.exp(-zp * zp);
                double em = Math.exp(-zm * zm);
                jac[i][3 * j] = 0.5 * (erf(zp) - erf(zm));
                jac[i][3 * j + 1] = -0.5 * a * TWO_OVER_SQRT_PI * (ep - em) / sg;
                jac[i][3 * j + 2] = -0.5 * a * TWO_OVER_SQRT_PI * (ep * zp - em * zm) / s;
            }
            jac[i][3 * n] = 1;
            jac[i][3 * n + 1] = x[i] - xm;
        }
        return jac;
    }
}
