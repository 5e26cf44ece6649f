package org.drpkit.algorithms.sim;

import org.drpkit.core.image.Ramp;

/**
 * A simulated exposure: the raw reads (DN) and the truth behind them.
 *
 * @param ramp  the reads, raw DN as the ADC gives them
 * @param truth what was injected
 */
public record SimulatedRamp(Ramp ramp, SimTruth truth) {
}
