/**
 * Wavelength calibration: emission-line peaks of arc, etalon and sky spectra
 * ({@link org.drpkit.algorithms.wave.ArcPeaks}: pixel-integrated Gaussians on a linear background, blended neighbours
 * fitted together, errors from the ivar), their identification with a line list despite a shift or stretch
 * ({@link org.drpkit.algorithms.wave.LineIdentification}), robust weighted polynomial solutions
 * ({@link org.drpkit.algorithms.wave.WavelengthFit}, {@link org.drpkit.algorithms.wave.ChipWavelength}) and the
 * arc-lamp solution of a chip from an APOGEE line list ({@link org.drpkit.algorithms.wave.ArcCalibration}), the
 * etalon's joint solution ({@link org.drpkit.algorithms.wave.FabryPerot}), the spec's model over the three chips
 * ({@link org.drpkit.algorithms.wave.MultiChipWavelength}, {@link org.drpkit.algorithms.wave.MultiChipFit}), an
 * exposure's dither against the night's solution ({@link org.drpkit.algorithms.wave.DitherFit} with etalon peaks,
 * {@link org.drpkit.algorithms.wave.EtalonLines}, or sky lines, {@link org.drpkit.algorithms.wave.SkyLines},
 * {@link org.drpkit.algorithms.wave.SkyTweak}) and the sky over the field ({@link org.drpkit.algorithms.wave.SkyLineFlux}). Pure
 * functions: no file I/O, no globals, deterministic for any thread count.
 */
package org.drpkit.algorithms.wave;
