/**
 * Fibre traces: where each fibre's light runs across the chip and how wide it is. Holds the Gauss-Hermite profile
 * kernel ({@link org.drpkit.algorithms.trace.GaussHermite}, {@link org.drpkit.algorithms.trace.ProfileShape}) shared by
 * trace fitting, extraction and the simulator, the nominal geometry fibres are identified against
 * ({@link org.drpkit.algorithms.trace.NominalTraces}), the traces themselves
 * ({@link org.drpkit.algorithms.trace.Traces}), trace finding on a flat ({@link org.drpkit.algorithms.trace.TraceFinder}:
 * lamp test, peaks, identification with dead fibres named, per-column fits with neighbours subtracted, smoothing
 * along x) and the per-exposure shift and scale ({@link org.drpkit.algorithms.trace.TraceTweak}). The per-column
 * Gauss-Seidel fitter ({@code ColumnFit}) and the Legendre smoothing are package-private. Pure functions: no file I/O, no globals, deterministic for any thread
 * count. Reading and writing trace files is io-fits' job.
 */
package org.drpkit.algorithms.trace;
