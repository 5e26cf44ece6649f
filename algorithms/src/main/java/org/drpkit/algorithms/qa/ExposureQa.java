package org.drpkit.algorithms.qa;

import java.util.Locale;
import java.util.Objects;

/**
 * One exposure's row of a night's QA table ({@link NightQa}). NaN marks what was not measured.
 *
 * <pre>{@code
 * ExposureQa q = new ExposureQa("apo/60000/0012", 60000.21, 12.0, 3.1, 0.991, 0.001, 16.75, 31.2, 0.046, 1.31);
 * }</pre>
 *
 * @param exposure       the exposure's name
 * @param mjd            its mid-exposure time, MJD (NaN when unknown)
 * @param velocity       its wavelength shift against the night's other exposures, m/s
 * @param velocityError  1-sigma error of it, m/s
 * @param fluxScale      its flux against the night's other exposures (1: the same)
 * @param fluxScaleError 1-sigma error of it
 * @param zeroPoint      its H-band zero point from standards, mag (1 DN/read per pixel)
 * @param skyLevel       the median sky over the sky fibres, DN/read per pixel after relative fluxing
 * @param skyFieldRms    relative rms of the sky fibres' flux across the field (after the fibre flat, before
 *                       connector terms)
 * @param lsfSigma       median line-spread width, pixels
 * @param apertureOverPsf median over the sky fibres of the fibre-aperture (boxcar) flux over the PSF (optimal
 *                       extraction) flux ({@link org.drpkit.algorithms.flux.ApertureVsPsf}); NaN when not measured
 */
public record ExposureQa(String exposure, double mjd, double velocity, double velocityError, double fluxScale,
        double fluxScaleError, double zeroPoint, double skyLevel, double skyFieldRms, double lsfSigma,
        double apertureOverPsf) {

    /** Checks the name. */
    public ExposureQa {
        Objects.requireNonNull(exposure, "exposure");
    }

    /** A row without the aperture-against-PSF comparison (NaN). */
    public ExposureQa(String exposure, double mjd, double velocity, double velocityError, double fluxScale,
            double fluxScaleError, double zeroPoint, double skyLevel, double skyFieldRms, double lsfSigma) {
        this(exposure, mjd, velocity, velocityError, fluxScale, fluxScaleError, zeroPoint, skyLevel, skyFieldRms,
                lsfSigma, Double.NaN);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s: %+.1f +- %.1f m/s, flux x %.4f, ZP %.4f, sky %.2f (field rms %.2f%%), "
                + "LSF %.3f px, aperture/PSF %.4f", exposure, velocity, velocityError, fluxScale, zeroPoint, skyLevel,
                100 * skyFieldRms, lsfSigma, apertureOverPsf);
    }
}
