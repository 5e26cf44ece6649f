package org.drpkit.algorithms.flux;

import java.util.Locale;
import org.drpkit.core.image.Spectra;

/**
 * What the sky fibres of one exposure say about the flux scale (from {@link SkyFlux#fit}): each sky fibre's ratio
 * to the median sky and, per connector block, the term its sky fibres measure for all the block's fibres.
 *
 * <pre>{@code
 * SkyScale s = SkyFlux.fit(resampled, fibres, skyRows, SkyFluxParams.defaults());
 * Spectra fluxed = s.apply(resampled);   // sky fibres on one scale, other fibres divided by their block's term
 * }</pre>
 *
 * @param rowFibres          fibre number of every row of the spectra fitted
 * @param skyRows            the sky rows given
 * @param ratio              each sky row's flux relative to the median sky (sum of its flux over the sum of the
 *                           median sky at its usable pixels); NaN when it has no usable pixel
 * @param ratioError         1-sigma error of each ratio: from the ivar (the median sky's noise left out), scaled up
 *                           by {@code rmsBlocks / rmsExpected} when that is above 1 (the ivar of resampled spectra
 *                           leaves out the covariance between neighbouring grid pixels, so a sum's variance from it
 *                           is too small)
 * @param used               whether each sky row was used (false: no pixels, or an outlier)
 * @param blockSize          fibres per connector block
 * @param connector          each block's term: the inverse-variance weighted mean of the ratios of its sky rows used
 *                           (NaN for a block without one)
 * @param connectorError     1-sigma error of each block's term
 * @param skyPerBlock        sky rows used in each block
 * @param connectorTerms     whether {@link #scale} gives rows their block's term
 * @param ownSkyRatio        whether {@link #scale} gives a used sky row its own ratio (always so without connector
 *                           terms)
 * @param sky                the median sky on the grid, on the scale of the ratios (the sky fibres' median after
 *                           each was divided by its ratio; NaN where fewer than 3 sky rows had data)
 * @param rmsBefore          relative rms of the used ratios about their mean: how far apart the sky fibres were
 * @param rmsBlocks          relative rms of the used ratios each divided by its block's term (blocks of two or more
 *                           sky fibres only; NaN when there are none): what the connector terms leave
 * @param rmsExpected        relative rms the ratios' errors from the ivar give (the floor for both, before scaling)
 */
public record SkyScale(int[] rowFibres, int[] skyRows, double[] ratio, double[] ratioError, boolean[] used,
        int blockSize, double[] connector, double[] connectorError, int[] skyPerBlock, boolean connectorTerms,
        boolean ownSkyRatio, float[] sky, double rmsBefore, double rmsBlocks, double rmsExpected) {

    /** @return the connector block of a fibre number */
    public int blockOf(int fibre) {
        return Math.max(0, (fibre - 1) / blockSize);
    }

    /**
     * The factor row {@code row} is divided by: with connector terms, its block's term when the block has one (a used
     * sky row its own ratio instead when {@code ownSkyRatio}); without, a used sky row's own ratio; otherwise 1.
     */
    public double scale(int row) {
        if (ownSkyRatio || !connectorTerms) {
            for (int k = 0; k < skyRows.length; k++) {
                if (skyRows[k] == row && used[k]) {
                    return ratio[k];
                }
            }
        }
        if (connectorTerms) {
            int b = blockOf(rowFibres[row]);
            if (b < connector.length && Double.isFinite(connector[b])) {
                return connector[b];
            }
        }
        return 1;
    }

    /**
     * @param s spectra of the same rows (the ones fitted, or any others of the same exposure on any grid); not
     *          modified
     * @return new spectra, each row divided by {@link #scale} (ivar times its square), wavelengths carried over
     */
    public Spectra apply(Spectra s) {
        if (s.fibres() != rowFibres.length) {
            throw new IllegalArgumentException(s.fibres() + " rows, the sky scale is for " + rowFibres.length);
        }
        int px = s.pixels();
        float[] f = s.flux().clone();
        float[] iv = s.ivar().clone();
        for (int i = 0; i < s.fibres(); i++) {
            double t = scale(i);
            for (int x = i * px; x < (i + 1) * px; x++) {
                f[x] = (float) (f[x] / t);
                iv[x] = (float) (iv[x] * t * t);
            }
        }
        Spectra out = Spectra.of(s.fibres(), px, f, iv, s.mask().clone(), null);
        return s.wavelength().map(out::withWavelength).orElse(out);
    }

    /** @return sky rows used */
    public int skyUsed() {
        int n = 0;
        for (boolean u : used) {
            n += u ? 1 : 0;
        }
        return n;
    }

    @Override
    public String toString() {
        int blocks = 0;
        for (int c : skyPerBlock) {
            blocks += c > 0 ? 1 : 0;
        }
        return String.format(Locale.ROOT, "SkyScale[%d of %d sky fibres used; their flux ratios scatter by %.2f%% "
                + "(%.2f%% within connector blocks, %.2f%% from noise); %d of %d blocks measured%s]", skyUsed(),
                skyRows.length, 100 * rmsBefore, 100 * rmsBlocks, 100 * rmsExpected, blocks, connector.length,
                !connectorTerms ? ", sky fibres scaled by their own ratios only" : ownSkyRatio
                        ? ", applied to every fibre of the block but the sky fibres (their own ratios)"
                        : ", applied to every fibre of the block");
    }
}
