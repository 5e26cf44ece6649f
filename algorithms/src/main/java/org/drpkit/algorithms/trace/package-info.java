/**
 * Fibre traces: where each fibre's light runs across the chip and how wide it is. Holds the pixel-integrated
 * Gauss-Hermite profile kernel ({@link org.drpkit.algorithms.trace.GaussHermite}) shared by trace fitting, extraction
 * and the simulator, the nominal geometry fibres are identified against
 * ({@link org.drpkit.algorithms.trace.NominalTraces}), trace finding on a flat
 * ({@link org.drpkit.algorithms.trace.TraceFinder}: lamp test, peaks, identification with dead fibres named,
 * per-column fits with neighbours subtracted, smoothing along x) and the per-exposure shift and scale
 * ({@link org.drpkit.algorithms.trace.TraceTweak}), and the line-spread function along x per fibre and chip region from
 * an extracted arc ({@link org.drpkit.algorithms.trace.LineSpread}). The traces themselves are core data
 * ({@link org.drpkit.core.trace.Traces}, {@link org.drpkit.core.trace.ProfileShape}). The per-column Gauss-Seidel
 * fitter ({@code ColumnFit}) and the Legendre smoothing are package-private. Pure functions: no file I/O, no
 * globals, deterministic for any thread count.
 */
package org.drpkit.algorithms.trace;
