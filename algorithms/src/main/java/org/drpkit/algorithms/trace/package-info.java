/**
 * Fibre traces: where each fibre's light runs across the chip and how wide it is. Holds the Gauss-Hermite profile
 * kernel ({@link org.drpkit.algorithms.trace.GaussHermite}, {@link org.drpkit.algorithms.trace.ProfileShape}) shared by
 * trace fitting, extraction and the simulator, the nominal geometry fibres are identified against
 * ({@link org.drpkit.algorithms.trace.NominalTraces}) and the traces themselves
 * ({@link org.drpkit.algorithms.trace.Traces}). Pure functions: no file I/O, no globals, deterministic for any thread
 * count. Reading and writing trace files is io-fits' job.
 */
package org.drpkit.algorithms.trace;
