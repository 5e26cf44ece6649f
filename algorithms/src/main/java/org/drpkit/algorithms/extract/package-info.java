/**
 * 2D to 1D: spectra from a calibrated image and its traces. {@link org.drpkit.algorithms.extract.Extraction} holds
 * the optimal extraction (every column's banded system of all fibre fluxes solved exactly, neighbours deblended; 2D
 * model and residual) and the boxcar; {@link org.drpkit.algorithms.extract.HorneExtraction} is the single-trace
 * optimal extraction with a profile the caller gives; {@link org.drpkit.algorithms.extract.FibreFlat} gives relative
 * fibre throughputs from an extracted flat; {@link org.drpkit.algorithms.extract.VarianceModel} re-estimates pixel
 * variances from the model (Horne). The banded LDL^T solver and the per-column kernel are package-private. Pure
 * functions: no file I/O, no globals, deterministic for any thread count.
 */
package org.drpkit.algorithms.extract;
