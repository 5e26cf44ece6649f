package org.drpkit.algorithms.extract;

/**
 * Pixel variance re-estimated from the extraction's own model (Horne 1986): {@code var = readVariance +
 * max(model, 0) / gain}, so the weights do not carry the noise of the data (variance from the data biases faint
 * flux low). The fluxes are then unbiased (at S/N 5 within 0.01 sigma, {@code ExtractionTest}); the reported
 * inverse variance follows the estimate, so pulls made with it lean negative at low S/N (bright estimates get larger
 * errors).
 *
 * <pre>{@code
 * VarianceModel v = new VarianceModel(1.9 * 46, 0.02, 2);   // a 47-read rate: gain x differences
 * }</pre>
 *
 * @param gain         flux units per photon-variance unit: the photon variance of a pixel is {@code model / gain}
 *                     (for a rate in DN/read over N differences use about {@code gain_e_per_DN x N})
 * @param readVariance variance of a pixel without light, flux unit squared
 * @param iterations   re-solves with the re-estimated variance (at least 1)
 */
public record VarianceModel(double gain, double readVariance, int iterations) {

    /** Checks ranges. */
    public VarianceModel {
        if (!(gain > 0) || !(readVariance > 0) || iterations < 1) {
            throw new IllegalArgumentException("bad variance model: gain " + gain + ", read variance " + readVariance
                    + ", iterations " + iterations);
        }
    }

    /** @return the variance of a pixel whose model flux is m */
    public double variance(double m) {
        return readVariance + Math.max(0, m) / gain;
    }
}
