package org.drpkit.algorithms.wave;

/**
 * One fitted emission line: a pixel-integrated Gaussian on a linear background, fitted together with the lines
 * that overlap it.
 *
 * <pre>{@code
 * LinePeak p = ArcPeaks.find(flux, ivar, ArcPeaks.Params.defaults()).peaks().get(0);
 * p.centre();        // column, 0-based, pixel centres at integers
 * p.snr();           // flux over its error
 * }</pre>
 *
 * @param centre      line centre, column (0-based; pixel k covers k-0.5..k+0.5)
 * @param centreError 1-sigma error of the centre, columns (from the ivar, scaled up by the reduced chi-square when
 *                    that exceeds 1)
 * @param flux        integrated line flux, data units x columns
 * @param fluxError   1-sigma error of the flux
 * @param sigma       Gaussian width, columns
 * @param sigmaError  1-sigma error of the width
 * @param background  the linear background at the centre, data units
 * @param reducedChi2 chi-square per degree of freedom of the fit window
 * @param neighbours  number of other lines fitted together with this one
 */
public record LinePeak(double centre, double centreError, double flux, double fluxError, double sigma,
        double sigmaError, double background, double reducedChi2, int neighbours) {

    /** @return flux over its error */
    public double snr() {
        return fluxError > 0 ? flux / fluxError : Double.POSITIVE_INFINITY;
    }

    @Override
    public String toString() {
        return String.format("LinePeak[x=%.3f +- %.3f, flux %.4g (S/N %.1f), sigma %.3f px%s]", centre, centreError,
                flux, snr(), sigma, neighbours > 0 ? ", fitted with " + neighbours + " neighbour(s)" : "");
    }
}
