/**
 * The simulators, with the truth behind what they make. The detector simulator: up-the-ramp reads of an H2RG-like
 * chip in any {@link org.drpkit.core.instrument.Chip} geometry, with Poisson and white read noise, 1/f noise shared in
 * pixel-clock order, bias drifts, a quadratic nonlinearity, saturation, cosmic rays, hot pixels and an optional reset
 * anomaly ({@link org.drpkit.algorithms.sim.SimTruth}). The spectrograph simulator: fibres in bundles whose traces
 * curve smoothly across the chip with Gauss-Hermite profiles, throughputs and dead fibres
 * ({@link org.drpkit.algorithms.sim.SpectrographModel}), quartz, sky, star and line light
 * ({@link org.drpkit.algorithms.sim.FibreLight}), rendered with the true traces
 * ({@link org.drpkit.algorithms.sim.SpectrographSimulator}); its light is a rate map for the detector simulator.
 * Deterministic from their seeds for any thread count. Tests and the demo use them as the source of known answers;
 * they read and write no files ({@code drpkit simulate} does).
 */
package org.drpkit.algorithms.sim;
