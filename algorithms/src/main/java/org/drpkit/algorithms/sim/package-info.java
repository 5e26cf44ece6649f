/**
 * The detector simulator: up-the-ramp reads of an H2RG-like chip in any {@link org.drpkit.core.instrument.Chip}
 * geometry, with Poisson and white read noise, 1/f noise shared in pixel-clock order, bias drifts, a quadratic
 * nonlinearity, saturation, cosmic rays, hot pixels and an optional reset anomaly, and the truth behind them
 * ({@link org.drpkit.algorithms.sim.SimTruth}). Deterministic from its seeds for any thread count. Tests and the demo
 * use it as the source of known answers; it writes no files ({@code drpkit simulate} does).
 */
package org.drpkit.algorithms.sim;
