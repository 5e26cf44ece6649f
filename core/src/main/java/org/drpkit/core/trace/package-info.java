/**
 * Fibre traces as data: where each fibre's light runs across a chip ({@link org.drpkit.core.trace.Traces}), what
 * became of each fibre ({@link org.drpkit.core.trace.TraceStatus}) and the Gauss-Hermite shape of the profiles
 * ({@link org.drpkit.core.trace.ProfileShape}). Finding traces and using them is in {@code org.drpkit.algorithms.trace}
 * and {@code .extract}; reading and writing them in io-fits ({@code TraceFiles}).
 */
package org.drpkit.core.trace;
