package org.drpkit.algorithms.flux;

import org.drpkit.core.flag.ExtraFlag;

/**
 * Parameters of {@link SkyFlux}.
 *
 * <pre>{@code
 * SkyFluxParams p = SkyFluxParams.defaults().withoutConnectorTerms();
 * }</pre>
 *
 * @param blockSize      fibres per connector block: fibre number f is in block {@code (f - 1) / blockSize}
 *                       (default 30, the APOGEE MTP connectors: 10 blocks of 30)
 * @param connectorTerms whether every fibre of a block is divided by the block's term that its sky fibres measure
 *                       (default true); without, only the sky fibres themselves are scaled, each by its own ratio
 * @param ownSkyRatio    whether a sky fibre is divided by its own ratio to the median sky rather than by its block's
 *                       term (default false: the block term, the mean of a few sky fibres, is less noisy; the own
 *                       ratio also takes out what is particular to one sky fibre)
 * @param outlierSigma   a sky fibre whose ratio to the median sky lies more than this many robust sigmas (or its own
 *                       errors, if larger) from the median ratio is left out (a star in a sky fibre; default 5)
 * @param badBits        flag bits that make a pixel unusable (default {@code NOT_COVERED}); ivar 0 or a non-finite
 *                       value makes it unusable too
 */
public record SkyFluxParams(int blockSize, boolean connectorTerms, boolean ownSkyRatio, double outlierSigma,
        int badBits) {

    /** Validates. */
    public SkyFluxParams {
        if (blockSize < 1 || !(outlierSigma > 0)) {
            throw new IllegalArgumentException("block of " + blockSize + " fibres, outlier limit " + outlierSigma);
        }
    }

    /** @return blocks of 30, connector terms on for every fibre, 5-sigma outliers, NOT_COVERED unusable */
    public static SkyFluxParams defaults() {
        return new SkyFluxParams(30, true, false, 5, ExtraFlag.NOT_COVERED.value());
    }

    /** @return these parameters with each sky fibre divided by its own ratio to the median sky */
    public SkyFluxParams withOwnSkyRatio() {
        return new SkyFluxParams(blockSize, connectorTerms, true, outlierSigma, badBits);
    }

    /** @return these parameters without the connector-stage terms */
    public SkyFluxParams withoutConnectorTerms() {
        return new SkyFluxParams(blockSize, false, ownSkyRatio, outlierSigma, badBits);
    }

    /** @return these parameters with another block size */
    public SkyFluxParams withBlockSize(int fibres) {
        return new SkyFluxParams(fibres, connectorTerms, ownSkyRatio, outlierSigma, badBits);
    }
}
