/**
 * 1D to the common grid: extracted, wavelength-calibrated spectra resampled onto a log-uniform wavelength grid, the
 * chips of each fibre combined into one spectrum. {@link org.drpkit.algorithms.resample.LogGrid} is the grid (the
 * APOGEE grid, a grid from CRVAL1/CDELT1/NAXIS1 cards, or any start, step and count);
 * {@link org.drpkit.algorithms.resample.Resample} is the stage (one fibre or a whole exposure on a chosen number of
 * workers), with two kernels chosen by {@link org.drpkit.algorithms.resample.ResampleMethod}: Lanczos-4
 * interpolation (the spec's, without upstream's dropped exact hits and divisions by zero) and flux-conserving
 * rebinning by pixel-boundary overlap. The kernels and the per-chip sample buffer are package-private. Nothing here
 * reads files (the APOGEE products are read by io-fits' {@code ApogeeSpectrumFiles}) or finds wavelengths (that is
 * the wavelength-calibration stage). Pure functions: no globals, deterministic for any thread count.
 */
package org.drpkit.algorithms.resample;
